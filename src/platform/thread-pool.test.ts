// platform/thread-pool.ts: a TypeScript task loaded in each thread (tsx, or the compiled tree of a
// test run), its outputs in the inputs' order whatever thread made them, an input whose task
// throws failing its run with the message, a task that cannot load refused at the start.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startThreadPool } from './thread-pool.ts';

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
