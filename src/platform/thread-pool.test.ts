// platform/thread-pool.ts: a TypeScript task loaded in each thread (tsx, or the compiled tree of a
// test run), its outputs in the inputs' order whatever thread made them, an input whose task
// throws failing its run with the message, a task that cannot load refused at the start, and
// `node --cpu-prof` reaching the worker threads, and the parent's heap sizes given to them as
// resourceLimits (in execArgv Node refused them, and the pool did not start).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startThreadPool, workerResourceLimits } from './thread-pool.ts';

const run = promisify(execFile);
const TASK = new URL('../../test/fixtures/thread-pool/task.ts', import.meta.url).href;

test('outputs in order from every thread; a throwing input fails its run; the pool goes on', async () => {
  const pool = await startThreadPool<number, { value: number; thread: number }>(TASK, { factor: 3 }, 3);
  try {
    assert.equal(pool.size, 3);
    const inputs = Array.from({ length: 10 }, (_, i) => i);
    const out = await pool.run(inputs);
    assert.deepEqual(
      out.map((o) => o.value),
      inputs.map((i) => i * 3 + 1),
    );
    assert.equal(new Set(out.map((o) => o.thread)).size, 3, 'spread over the three threads');
    await assert.rejects(pool.run([1, 13, 2]), /unlucky 13/);
    assert.deepEqual(
      (await pool.run([5])).map((o) => o.value),
      [16],
    );
    assert.deepEqual(await pool.run([]), []);
  } finally {
    await pool.close();
  }
});

test('a task that cannot load is refused when the pool starts', async () => {
  await assert.rejects(startThreadPool(TASK, { factor: 1, fail: true }, 2), /this task does not load/);
});

test('node --cpu-prof profiles the worker threads too, a file each', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'gk-pool-prof-'));
  try {
    const script = fileURLToPath(new URL('../../test/fixtures/thread-pool/profiled.ts', import.meta.url));
    const { stdout } = await run(process.execPath, ['--import', 'tsx', '--cpu-prof', `--cpu-prof-dir=${dir}`, script]);
    const threads = JSON.parse(stdout) as number[];
    assert.equal(threads.length, 2, 'the work spread over both threads');
    // Profiles are named CPU.<date>.<time>.<pid>.<thread id>.<seq>.cpuprofile.
    const profiled = new Set(readdirSync(dir).map((f) => Number(f.split('.')[4])));
    for (const t of threads) assert.ok(profiled.has(t), `a profile of worker thread ${t}: ${[...profiled].join(', ')}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('node --max-old-space-size and --max-semi-space-size: the threads start, with those limits', async () => {
  const script = fileURLToPath(new URL('../../test/fixtures/thread-pool/profiled.ts', import.meta.url));
  const { stdout } = await run(process.execPath, [
    '--import',
    'tsx',
    '--max-old-space-size=512',
    '--max-semi-space-size=32',
    script,
  ]);
  assert.equal((JSON.parse(stdout) as number[]).length, 2, 'both threads ran');
  assert.deepEqual(workerResourceLimits(['--max-old-space-size=512', '--max-semi-space-size=32']), {
    maxOldGenerationSizeMb: 512,
    maxYoungGenerationSizeMb: 96,
  });
  assert.deepEqual(workerResourceLimits(['--enable-source-maps']), {});
});
