// The settings a bulk import gives its embedded connection while it runs (FTS5's merges of
// search_fts, synchronous) and sets back on every way out: run to its end, stopped early, failed.
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { systemContext } from '../../src/bootstrap.ts';
import { bulkImport } from '../../src/modules/publication/publication.bulk-import.ts';
import type { NumberedRow } from '../../src/modules/publication/publication.transfer-file.ts';
import { searchPublications } from '../../src/modules/search/search.service.ts';
import { BULK_AUTOMERGE } from '../../src/modules/search/search-index.sqlite.ts';
import { countPublications, importRow } from '../support/import-rows.ts';
import { ENGINE, createTestEnv, type TestEnv } from '../support/test-app.ts';

const onEmbedded = ENGINE === 'embedded' ? test : () => undefined;
let env: TestEnv;

before(async () => {
  env = await createTestEnv();
});
after(() => env.close());

/**
 * Imports 30 rows numbered from `from` into the 民政局 (batches of 10, no worker threads); with
 * `fail` the file's reader fails after them.
 */
async function run(tag: string, from: number, options: Parameters<typeof bulkImport>[5], fail = false) {
  const rows = async function* () {
    for (let i = from; i < from + 30; i++)
      yield {
        row: i + 1,
        values: importRow(i, tag, { subject: '批量导入', detail: '猕猴桃产业补贴', numbered: true }),
      } satisfies NumberedRow;
    if (fail) throw new Error('读取中断');
  };
  const calendar = await env.deps.calendar.get();
  return bulkImport(env.database.db, systemContext(env.clock), calendar, env.county.agencyIds['mzj']!, rows(), {
    batchSize: 10,
    workers: 0,
    ...options,
  });
}

const publications = () => countPublications(env.database.db, env.county.agencyIds['mzj']!);

describe("a bulk import's connection settings", () => {
  onEmbedded(
    'during an import search_fts merges 64 segments of a level at once, and 4 again once it stops, stopped early or failed',
    async () => {
      // FTS5's stored settings (its defaults, automerge 4 and crisismerge 16, where none is stored).
      const automerge = async () => {
        const { rows } = await sql<{ k: string; v: number }>`SELECT k, v FROM search_fts_config`.execute(
          env.database.db,
        );
        const of = (k: string, dflt: number) => Number(rows.find((r) => r.k === k)?.v ?? dflt);
        return `${of('automerge', 4)}/${of('crisismerge', 16)}`;
      };
      assert.equal(await automerge(), '4/16', "FTS5's defaults before any import");
      const seen: string[] = [];
      const onBatch = () => void automerge().then((v) => seen.push(v));
      const r = await run('合并', 1000, { onBatch });
      assert.deepEqual([r.imported, r.stopped], [30, false]);
      const stopped = await run('合并', 2000, { onBatch, shouldStop: () => true });
      assert.deepEqual([stopped.imported, stopped.stopped], [10, true]);
      await assert.rejects(run('合并', 3000, { onBatch }, true), /读取中断/);
      await new Promise((resolve) => setImmediate(resolve));
      assert.ok(
        seen.length >= 4 && seen.every((v) => v === `${BULK_AUTOMERGE}/${BULK_AUTOMERGE}`),
        JSON.stringify(seen),
      );
      assert.equal(await automerge(), '4/16');
      const found = await searchPublications(env.database.db, {
        q: '合并第1005号',
        agencyIds: [env.county.agencyIds['mzj']!],
      });
      assert.equal(found.total, 1);
    },
  );

  onEmbedded(
    "the import's commits do not wait for the disk (synchronous NORMAL); FULL is back and the WAL truncated once it ends, run to its end, stopped early or failed",
    async () => {
      const synchronous = () => env.database.sqlite!.pragma('synchronous', { simple: true }) as number;
      const walSize = () => statSync(join(env.config.dataDir, 'gongkai.db-wal')).size;
      assert.equal(synchronous(), 2, 'FULL before the import');
      const before = await publications();
      const during: number[] = [];
      const onBatch = () => during.push(synchronous());
      const after: [number, number][] = [];
      const r = await run('落盘', 7000, { onBatch });
      assert.deepEqual([r.imported, r.stopped], [30, false]);
      after.push([synchronous(), walSize()]);
      const stopped = await run('落盘', 7100, { onBatch, shouldStop: () => true });
      assert.deepEqual([stopped.imported, stopped.stopped], [10, true]);
      after.push([synchronous(), walSize()]);
      await assert.rejects(run('落盘', 7200, { onBatch }, true), /读取中断/);
      after.push([synchronous(), walSize()]);
      // 3 batches, 1, and the failed run's 2 before its reader failed.
      assert.deepEqual(during, [1, 1, 1, 1, 1, 1], 'NORMAL after each batch committed');
      assert.deepEqual(after, [
        [2, 0],
        [2, 0],
        [2, 0],
      ]);
      assert.equal(await publications(), before + 30 + 10 + 20);
    },
  );
});

describe("the planner's statistics during a bulk import", () => {
  onEmbedded(
    "refreshed as the table doubles, so that a batch's rows are read back by id, not by a scan of the table",
    async () => {
      const db = env.database.db;
      // As `PRAGMA optimize` leaves a small folder: statistics of a table of a few rows.
      await sql`ANALYZE`.execute(db);
      const known = async () =>
        Number.parseInt(
          (await sql<{ stat: string }>`SELECT stat FROM sqlite_stat1 WHERE tbl = 'publications' LIMIT 1`.execute(db))
            .rows[0]?.stat ?? '',
          10,
        );
      const total = () => countPublications(db);
      const start = await total();
      assert.ok((await known()) <= start + 1 && start < 500, `a small table: ${await known()} of ${start}`);
      const seen: [number, number][] = [];
      const rows = async function* () {
        for (let i = 0; i < 3000; i++)
          yield {
            row: i + 1,
            values: importRow(20000 + i, '统计', { subject: '统计信息', detail: '查询计划' }),
          } satisfies NumberedRow;
      };
      const calendar = await env.deps.calendar.get();
      const r = await bulkImport(db, systemContext(env.clock), calendar, env.county.agencyIds['mzj']!, rows(), {
        batchSize: 250,
        workers: 0,
        onBatch: () => void Promise.all([total(), known()]).then((v) => seen.push(v)),
      });
      assert.deepEqual([r.imported, r.stopped], [3000, false]);
      await new Promise((resolve) => setImmediate(resolve));
      assert.equal(seen.length, 12);
      // Within the load (not only by the refresh at its end): the statistics follow the table to at
      // least half its size. (With a few rows' statistics, SQLite read a batch's 500 rows by id
      // with a scan of the whole table: 70 % of a 1,000,000-row import's time at 300,000 rows.)
      const [n, stat] = seen.at(-1)!;
      assert.ok(stat * 2 >= n, `statistics of ${stat} rows for ${n}: ${JSON.stringify(seen)}`);
      assert.ok(seen.filter(([, s]) => s > start + 1).length >= 6, JSON.stringify(seen));
      assert.equal(await known(), await total(), 'and at its end');
    },
  );
});
