// Background jobs with several processes on one database (#16 point 4): a run of a job is claimed
// by one process, a job never runs twice at once, and it is due again only after its interval.
// Each "process" here is a database handle of its own (its own pool, or its own SQLite
// connection), as a web process or the worker has; test/deploy/ runs real processes.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { sql } from 'kysely';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { openDatabase, type Database } from '../../src/db/database.ts';
import { EMBEDDED_LEASE_MS, runDueJobs, runIfClaimed, type Job } from '../../src/jobs/runner.ts';
import SQLite from 'better-sqlite3';
import type { AppDeps } from '../../src/platform/http/types.ts';
import { createTestEnv, ENGINE, type TestEnv } from '../support/test-app.ts';

let env: TestEnv;
let handles: Database[];
const quiet = { info: () => undefined, error: (_o: unknown, m?: string) => assert.fail(m) };

before(async () => {
  env = await createTestEnv({ demo: false });
  handles = [0, 1, 2].map(() =>
    openDatabase({
      databaseUrl: env.config.databaseUrl,
      sqliteFile: join(env.config.dataDir, 'gongkai.db'),
      poolSize: 3,
    }),
  );
});
after(async () => {
  for (const h of handles) await h.close();
  await env.close();
});

const depsOf = (database: Database): AppDeps => ({ ...env.deps, database });

function countingJob(name: string, ms: number) {
  const s = { runs: 0, now: 0, most: 0 };
  const job: Job = {
    name,
    async run() {
      s.runs += 1;
      s.now += 1;
      s.most = Math.max(s.most, s.now);
      await sleep(ms);
      s.now -= 1;
    },
  };
  return { job, s };
}

test(`three processes tick at once: one runs the job, the others skip it (${ENGINE})`, async () => {
  const { job, s } = countingJob('test.once', 300);
  const ran = await Promise.all(handles.map((h) => runIfClaimed(depsOf(h), job, 60_000, quiet)));
  assert.deepEqual(ran.filter(Boolean).length, 1, `claimed by ${ran}`);
  assert.equal(s.runs, 1);
  assert.equal(s.most, 1);
  // Not due again before its interval, whoever asks.
  const again = await Promise.all(handles.map((h) => runIfClaimed(depsOf(h), job, 60_000, quiet)));
  assert.deepEqual(again, [false, false, false]);
  const row = await env.database.db
    .selectFrom('jobRuns')
    .selectAll()
    .where('name', '=', 'test.once')
    .executeTakeFirstOrThrow();
  assert.equal(row.lastResult, 'ok');
  assert.ok(Date.parse(row.dueAt) > Date.now() + 50_000, 'due again one interval after the run ended');
});

test(`rounds over time: each round runs the job exactly once and never two at once (${ENGINE})`, async () => {
  const { job, s } = countingJob('test.rounds', 40);
  let claimed = 0;
  for (let round = 0; round < 5; round += 1) {
    const ran = await Promise.all(handles.map((h) => runIfClaimed(depsOf(h), job, 1, quiet)));
    claimed += ran.filter(Boolean).length;
    assert.equal(ran.filter(Boolean).length, 1, `round ${round}: ${ran}`);
    await sleep(5);
  }
  assert.equal(claimed, 5);
  assert.equal(s.runs, 5);
  assert.equal(s.most, 1);
});

test(`a job that fails is recorded and due again (${ENGINE})`, async () => {
  const errors: string[] = [];
  const job: Job = {
    name: 'test.fails',
    async run() {
      throw new Error('boom');
    },
  };
  const log = { info: () => undefined, error: (_o: unknown, m?: string) => void errors.push(m ?? '') };
  assert.equal(await runIfClaimed(depsOf(handles[0]!), job, 1, log), true);
  assert.deepEqual(errors, ['job test.fails failed']);
  const row = await env.database.db
    .selectFrom('jobRuns')
    .select('lastResult')
    .where('name', '=', 'test.fails')
    .executeTakeFirstOrThrow();
  assert.equal(row.lastResult, 'failed: boom');
});

test(`a process that dies mid-run: nobody else runs the job while it holds it, then the next process does (${ENGINE})`, async () => {
  let release!: () => void;
  const blocked = new Promise<void>((r) => (release = r));
  let runs = 0;
  const job: Job = {
    name: 'test.crash',
    async run() {
      runs += 1;
      if (runs === 1) await blocked;
    },
  };
  const first = runIfClaimed(depsOf(handles[0]!), job, 60_000, quiet).catch((e: unknown) => e);
  // The first run is let go however this test ends: a failed assertion must not leave it (and its
  // pool, which after() closes) waiting for ever.
  try {
    await crashAndTakeOver(job, () => runs);
  } finally {
    release();
  }
  const r = await first;
  if (ENGINE === 'postgres') assert.ok(r instanceof Error, 'the dead process could not record its run');
});

async function crashAndTakeOver(job: Job, runs: () => number) {
  while (runs() === 0) await sleep(10);
  assert.equal(await runIfClaimed(depsOf(handles[1]!), job, 60_000, quiet), false, 'held by the first');
  if (ENGINE === 'postgres') {
    // The first process's connection dies (kill -9 of the process, a network cut): its row lock
    // goes with the backend. pg_terminate_backend only signals it, so wait until it has gone.
    const { rows } = await sql<{ pid: number }>`SELECT pid, pg_terminate_backend(pid) FROM pg_stat_activity
              WHERE datname = current_database() AND query LIKE '%FOR UPDATE SKIP LOCKED%'
                AND pid <> pg_backend_pid()`.execute(env.database.db);
    const pids = rows.map((r) => r.pid);
    for (let i = 0; ; i += 1) {
      const { rows: left } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_stat_activity
                WHERE pid = ANY(${pids})`.execute(env.database.db);
      if (left[0]!.n === 0) break;
      assert.ok(i < 1000, `the terminated backends ${pids.join(', ')} are still there after 10 s`);
      await sleep(10);
    }
  } else {
    // SQLite has no row locks: the claim is a lease; when it has run out the job is due again.
    const row = await env.database.db
      .selectFrom('jobRuns')
      .select('dueAt')
      .where('name', '=', 'test.crash')
      .executeTakeFirstOrThrow();
    assert.ok(Date.parse(row.dueAt) >= Date.now() + EMBEDDED_LEASE_MS - 60_000, 'leased for EMBEDDED_LEASE_MS');
    await env.database.db
      .updateTable('jobRuns')
      .set({ dueAt: new Date(Date.now() - 1).toISOString() })
      .where('name', '=', 'test.crash')
      .execute();
  }
  assert.equal(await runIfClaimed(depsOf(handles[2]!), job, 60_000, quiet), true);
  assert.equal(runs(), 2);
}

// SQLite only (its write lock): registered on that engine alone, so that the PostgreSQL run has no
// skipped test (`npm test -- --require-all` fails on a skip).
const onEmbedded = ENGINE === 'embedded' ? test : () => undefined;
onEmbedded(
  'embedded: while another process holds the write lock, a tick leaves its claims to the next tick instead of stopping the process in SQLite’s busy handler',
  async () => {
    const { job, s } = countingJob('test.locked-out', 10);
    // An import's index build in another process, as seen from the site: the lock held throughout.
    const other = new SQLite(join(env.config.dataDir, 'gongkai.db'));
    other.exec('BEGIN IMMEDIATE');
    const started = Date.now();
    try {
      await runDueJobs(depsOf(handles[0]!), [job, job], 60_000, quiet);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    // Before: each job's claim waited 10 s (the busy timeout) synchronously, then failed.
    assert.ok(Date.now() - started < 1000, `the tick took ${Date.now() - started} ms`);
    assert.equal(s.runs, 0);
    // The lock gone, the next tick claims and runs it.
    await runDueJobs(depsOf(handles[0]!), [job], 60_000, quiet);
    assert.equal(s.runs, 1);
  },
);
