// The running site creates the date indexes a killed large import left missing
// (publication.bulk-indexes-job.ts, job `publications.indexes`): a server started before the kill,
// with its jobs, creates them without a restart — the definitions, their order and their statistics
// as a freshly migrated database's — not while an import holds the import lock; a shutdown stops the
// job after the index under way and startJobs().stop() waits for it. On PostgreSQL (the indexes are
// never dropped) there is no such job.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { holdImportLock } from '../../src/db/import-lock.ts';
import { buildJobs, startJobs } from '../../src/jobs/runner.ts';
import { restoreIndexesInSite } from '../../src/modules/publication/publication.bulk-indexes-job.ts';
import { DEFERRED_INDEXES } from '../../src/modules/publication/publication.bulk-indexes.ts';
import { createTask } from '../../src/modules/publication/publication.bulk-indexes-thread.ts';
import { processEnv, startServer } from '../support/server-process.ts';
import { sqliteSchema } from '../support/sqlite-schema.ts';
import { ENGINE, createTestEnv, type TestEnv } from '../support/test-app.ts';

const onEmbedded = ENGINE === 'embedded' ? test : () => undefined;
let env: TestEnv;
let migrated = '';
let statistics = '';

before(async () => {
  env = await createTestEnv();
  if (ENGINE === 'embedded') {
    migrated = schema();
    statistics = stat1();
  }
});
after(() => env.close());

const DEFERRED = [...DEFERRED_INDEXES];
const schema = () => sqliteSchema(env.database.sqlite!);
/** The planner's statistics of the five (ANALYZE's sample of publications). */
const stat1 = () =>
  JSON.stringify(
    env.database
      .sqlite!.prepare(`SELECT idx, stat FROM sqlite_stat1 WHERE tbl = 'publications' ORDER BY idx`)
      .all()
      .filter((r) => DEFERRED.includes((r as { idx: string }).idx)),
  );
const present = () =>
  DEFERRED.filter((name) => env.database.sqlite!.prepare('SELECT 1 FROM sqlite_master WHERE name = ?').get(name))
    .length;
/** What kill -9 leaves of a large import: the five dropped, the import lock let go by the operating system. */
const asKilled = () => {
  for (const name of DEFERRED) env.database.sqlite!.exec(`DROP INDEX IF EXISTS ${name}`);
  assert.equal(present(), 0);
};
const file = () => env.database.sqlite!.name;
const lastResult = () =>
  (
    env.database.sqlite!.prepare(`SELECT last_result AS r FROM job_runs WHERE name = 'publications.indexes'`).get() as
      { r: string | null } | undefined
  )?.r;

describe('the date indexes a killed import left, created by the running site', () => {
  onEmbedded('a server running with its jobs creates them as migrated, not while the lock is held', async () => {
    // Statistics that ANALYZE gives the five: a few rows, as a site's would.
    env.database.sqlite!.exec('PRAGMA analysis_limit = 1000; ANALYZE publications');
    statistics = stat1();
    migrated = schema();
    const server = await startServer(
      processEnv(env.config.dataDir, undefined, { RUN_JOBS: '1', JOB_INTERVAL_SECONDS: '1' }),
    );
    try {
      asKilled();
      // An import holding the lock (e.g. the same command run again): several of the job's turns, nothing made.
      const release = holdImportLock(file());
      try {
        await sleep(3500);
        assert.equal(present(), 0, 'created while an import holds the lock');
      } finally {
        release();
      }
      // Without the lock, the next turn creates them; the server never restarted.
      for (const t = Date.now(); present() < DEFERRED.length; await sleep(100))
        assert.ok(Date.now() - t < 60_000, `indexes not created: ${present()}\n${server.output()}`);
      for (const t = Date.now(); !lastResult()?.startsWith('created'); await sleep(100))
        assert.ok(Date.now() - t < 10_000, `job result: ${lastResult()}`);
      assert.equal(schema(), migrated, 'definitions and order as migrated');
      assert.equal(stat1(), statistics, 'statistics refreshed');
      assert.equal(lastResult(), `created 5 missing indexes (${DEFERRED.join(', ')})`);
    } finally {
      assert.equal(await server.stop(), 0, server.output());
    }
  });

  onEmbedded('a shutdown stops it after the index under way, and stop() waits for it', async () => {
    asKilled();
    assert.equal(await restoreIndexesInSite(env.database.db, AbortSignal.abort()), null);
    const release = holdImportLock(file());
    try {
      assert.equal(await restoreIndexesInSite(env.database.db), null, 'run while an import holds the lock');
    } finally {
      release();
    }
    assert.equal(present(), 0);
    // The thread's task with the process shutting down: the first index, then it stops.
    const stop = new SharedArrayBuffer(4);
    Atomics.store(new Int32Array(stop), 0, 1);
    assert.deepEqual(await createTask()({ file: file(), stop }), { built: [], stopped: true });
    assert.equal(present(), 1);
    // The jobs stopped while this one runs: stop() resolves once its run has ended and is recorded.
    const log = { info: () => undefined, error: () => undefined };
    const jobs = startJobs(env.deps, log, 200);
    const started = () =>
      env.database
        .sqlite!.prepare(`SELECT 1 FROM job_runs WHERE name = 'publications.indexes' AND last_started_at IS NOT NULL`)
        .get();
    for (const t = Date.now(); !started(); await sleep(10)) assert.ok(Date.now() - t < 30_000, 'job not started');
    await jobs.stop();
    assert.ok(lastResult(), 'the run under way ended before stop() resolved');
    const stopped = schema();
    await sleep(500);
    assert.equal(schema(), stopped, 'nothing done after stop()');
    // The next run (the next start of the jobs) leaves them as migrated.
    await restoreIndexesInSite(env.database.db);
    assert.equal(schema(), migrated);
    assert.equal(stat1(), statistics);
  });

  test('the job: nothing to do when none is missing, and none on PostgreSQL', async () => {
    const job = buildJobs(env.deps).find((j) => j.name === 'publications.indexes');
    assert.equal(!!job, ENGINE === 'embedded', 'registered for the embedded engine only');
    if (job) assert.equal(await job.run(env.deps), undefined);
    assert.equal(await restoreIndexesInSite(env.database.db), null);
  });
});
