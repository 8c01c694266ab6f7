// The running site builds the search backlog of a stopped large import (search.backlog-job.ts, job
// `search.backlog`): a server started before the import, with its jobs, makes the rows of an import
// stopped half-way searchable without a restart — not while an import holds the import lock; an
// import that starts during the build wins at the next chunk; a shutdown stops the build after its
// chunk. On PostgreSQL (no backlog) the job does nothing.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { systemContext } from '../../src/bootstrap.ts';
import { holdImportLock } from '../../src/db/import-lock.ts';
import { buildJobs } from '../../src/jobs/runner.ts';
import { bulkImport } from '../../src/modules/publication/publication.bulk-import.ts';
import type { NumberedRow } from '../../src/modules/publication/publication.transfer-file.ts';
import { openDatabase } from '../../src/db/database.ts';
import { buildBacklogInSite } from '../../src/modules/search/search.backlog-job.ts';
import { buildInChunks } from '../../src/modules/search/search.backlog-thread.ts';
import { backlogSize } from '../../src/modules/search/search.backlog.ts';
import { searchPublications } from '../../src/modules/search/search.service.ts';
import { importRow } from '../support/import-rows.ts';
import { processEnv, startServer } from '../support/server-process.ts';
import { ENGINE, createTestEnv, type TestEnv } from '../support/test-app.ts';

const onEmbedded = ENGINE === 'embedded' ? test : () => undefined;
let env: TestEnv;

before(async () => {
  env = await createTestEnv();
});
after(() => env.close());

const SUBJECT = '站内补建';
const agencyId = (slug: string) => env.county.agencyIds[slug]!;

/**
 * A large import (8 rows a batch, 0.01 % of the file each: 80,000 rows expected) of `n` rows,
 * stopped after `stopAfter` batches as Ctrl+C stops the CLI's (its shouldStop).
 */
async function stoppedImport(slug: string, n: number, tag: string, stopAfter: number) {
  let batches = 0;
  const backlogDuring: number[] = [];
  const r = await bulkImport(
    env.database.db,
    systemContext(env.clock),
    await env.deps.calendar.get(),
    agencyId(slug),
    (async function* () {
      for (let i = 1; i <= n; i++)
        yield {
          row: i,
          values: importRow(i, tag, { subject: SUBJECT, detail: `${tag}茶园${i % 7}号`, numbered: true }),
        } satisfies NumberedRow;
    })(),
    {
      batchSize: 8,
      workers: 0,
      fileShare: () => 0.0001,
      onBatch: () => {
        batches++;
        backlogDuring.push(backlogRows());
      },
      shouldStop: () => batches >= stopAfter,
    },
  );
  return { r, backlogDuring };
}

const file = () => env.database.sqlite!.name;
function backlogRows(): number {
  return (env.database.sqlite!.prepare('SELECT count(*) AS n FROM search_backlog').get() as { n: number }).n;
}
async function hits(slug: string, tag: string): Promise<number> {
  return (await searchPublications(env.database.db, { q: `${tag}${SUBJECT}`, agencyIds: [agencyId(slug)] })).total;
}

describe('the search backlog built by the running site', () => {
  onEmbedded(
    'a server running with its jobs makes an import stopped half-way searchable, not while the lock is held',
    async () => {
      const server = await startServer(
        processEnv(env.config.dataDir, undefined, { RUN_JOBS: '1', JOB_INTERVAL_SECONDS: '1' }),
      );
      try {
        const page = async () => (await fetch(`${server.base}/search?q=${encodeURIComponent(`甲${SUBJECT}`)}`)).text();
        const { r, backlogDuring } = await stoppedImport('mzj', 80, '甲', 5);
        assert.deepEqual([r.imported, r.stopped], [40, true]);
        // While the import ran (it held the lock), the server's job left its rows alone.
        assert.deepEqual(backlogDuring, [8, 16, 24, 32, 40]);
        // An import holding the lock (e.g. the next run starting): several of the job's turns, nothing built.
        const release = holdImportLock(file());
        try {
          await sleep(3500);
          assert.equal(backlogRows(), 40);
          assert.match(await page(), /找到 0 条结果/);
        } finally {
          release();
        }
        // Without the lock, the next turn builds them; the server never restarted.
        for (const t = Date.now(); backlogRows() > 0; await sleep(100))
          assert.ok(Date.now() - t < 60_000, `backlog not built: ${backlogRows()} left\n${server.output()}`);
        assert.equal(await hits('mzj', '甲'), 40);
        assert.match(await page(), /找到 40 条结果/);
      } finally {
        assert.equal(await server.stop(), 0, server.output());
      }
    },
  );

  onEmbedded('an import started during the build wins at the next chunk; a shutdown stops it too', async () => {
    const { r } = await stoppedImport('runya', 80, '乙', 6);
    assert.equal(r.imported, 48);
    assert.equal(backlogRows(), 48);
    // Nothing while the lock is held, nor once the process shuts down.
    let release = holdImportLock(file());
    try {
      assert.equal(await buildBacklogInSite(env.database.db, { chunk: 8 }), null);
    } finally {
      release();
    }
    assert.equal(await buildBacklogInSite(env.database.db, { chunk: 8, signal: AbortSignal.abort() }), null);
    assert.equal(backlogRows(), 48);
    // The thread's build on a connection of its own: an import takes the lock after the first chunk.
    const own = openDatabase({ sqliteFile: file() });
    try {
      release = () => {};
      try {
        const stopped = await buildInChunks(own.db, file(), {
          chunk: 8,
          runMs: 60_000,
          stopping: () => false,
          progress: (built) => {
            if (built === 8) release = holdImportLock(file());
          },
        });
        assert.deepEqual(stopped, { built: 8, left: 40, stoppedBy: 'import' });
      } finally {
        release();
      }
      // The process shuts down after the second chunk.
      let stopping = false;
      const shut = await buildInChunks(own.db, file(), {
        chunk: 8,
        runMs: 60_000,
        stopping: () => stopping,
        progress: (built) => (stopping = built >= 16),
      });
      assert.deepEqual(shut, { built: 16, left: 24, stoppedBy: 'shutdown' });
    } finally {
      await own.close();
    }
    assert.equal(await hits('runya', '乙'), 24);
    // The rest through the job's thread.
    assert.deepEqual(await buildBacklogInSite(env.database.db, { chunk: 8 }), { built: 24, left: 0 });
    assert.equal(await hits('runya', '乙'), 48);
  });

  test('the job: nothing to do on an empty backlog, and none on PostgreSQL', async () => {
    const job = buildJobs(env.deps).find((j) => j.name === 'search.backlog');
    assert.equal(!!job, ENGINE === 'embedded', 'registered for the embedded engine only');
    if (job) assert.equal(await job.run(env.deps), undefined);
    assert.equal(await buildBacklogInSite(env.database.db), null);
    if (ENGINE === 'embedded') assert.equal(await backlogSize(env.database.db), 0);
  });
});
