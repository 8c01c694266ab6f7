// What a bulk import leaves behind when it does not run to its end (issue #16 point 3): during an
// import search_fts's level 0 may hold up to 63 segments, which FTS5's defaults would have the
// site's next write merge inside its transaction (6–16 s for 63 segments of the bench corpus). An
// import stopped early merges level 0 before it returns; one killed with -9 leaves it to the next
// process that starts (settleInterruptedImport), not while the import still runs. In every case
// the structure record (search_fts_data id 10) shows what the next write can meet, and FTS5
// finds the same documents before and after. Also: an import that added many rows leaves the
// planner's statistics of what it wrote current, on both engines.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { systemContext } from '../../src/bootstrap.ts';
import { bulkImport } from '../../src/modules/publication/publication.bulk-import.ts';
import { STATISTICS_ROWS } from '../../src/modules/publication/publication.bulk-import-write.ts';
import type { NumberedRow } from '../../src/modules/publication/publication.transfer-file.ts';
import { writeTransferFile } from '../../src/modules/publication/publication.transfer-file.ts';
import { countPublications, importRow } from '../support/import-rows.ts';
import { settleInterruptedImport, syncPublication } from '../../src/modules/search/index.ts';
import { queryTokens, toFts5Lookup } from '../../src/modules/search/bigram.ts';
import { decodeStructure, type FtsLevel } from '../../src/modules/search/fts-structure.ts';
import { BULK_AUTOMERGE } from '../../src/modules/search/search-index.sqlite.ts';
import { processEnv } from '../support/server-process.ts';
import { ENGINE, createTestEnv, type TestEnv } from '../support/test-app.ts';

const onEmbedded = ENGINE === 'embedded' ? test : () => undefined;
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
let env: TestEnv;
const dir = mkdtempSync(join(tmpdir(), 'gk-bulk-stop-'));

before(async () => {
  env = await createTestEnv();
});
after(() => env.close());

const row = (i: number, tag: string) => importRow(i, tag, { subject: '中断导入', detail: '油茶种植补助' });

// The embedded engine's search_fts, read synchronously (onBatch is called between batches).
const levels = (): FtsLevel[] =>
  decodeStructure(
    (env.database.sqlite!.prepare('SELECT block FROM search_fts_data WHERE id = 10').get() as { block: Uint8Array })
      .block,
  );
const segmentsOf = (ls: FtsLevel[], level: number) => ls[level]?.segments.length ?? 0;
const merges = () =>
  (
    env.database
      .sqlite!.prepare(`SELECT k, v FROM search_fts_config WHERE k IN ('automerge', 'crisismerge')`)
      .all() as {
      k: string;
      v: number;
    }[]
  )
    .map((r) => `${r.k} ${r.v}`)
    .sort()
    .join(', ');
/** The rowids FTS5 finds for each query, in order. */
const found = (queries: string[]) =>
  queries.map((q) =>
    (
      env.database
        .sqlite!.prepare('SELECT rowid FROM search_fts WHERE search_fts MATCH ? ORDER BY rowid')
        .all(toFts5Lookup(queryTokens(q)).expr) as { rowid: number }[]
    ).map((r) => r.rowid),
  );
const QUERIES = ['中断导入', '油茶种植', '第3号', '第17号中断', '补助发放情况', '公告'];

/**
 * One write of the site (a publication's entry rewritten, as a revision does) after the import:
 * level 0 is empty, so no crisis merge (16 segments) can happen; the write adds its own segment
 * and at most one step of FTS5's automerge (4 segments of a level, in 1 of 64 writes) — where a
 * level 0 left as it was would have been merged whole inside this write's transaction.
 */
async function oneWriteMergesLittle(agencyId: number) {
  const before = levels();
  assert.equal(segmentsOf(before, 0), 0, `level 0 before the write: ${JSON.stringify(before[0])}`);
  const { id } = await env.database.db
    .selectFrom('publications')
    .select('id')
    .where('agencyId', '=', agencyId)
    .limit(1)
    .executeTakeFirstOrThrow();
  await env.database.db.transaction().execute((trx) => syncPublication(trx, id));
  const ids = (ls: FtsLevel[]) => ls.flatMap((l) => l.segments.map((s) => s.id));
  const after = new Set(ids(levels()));
  const gone = ids(before).filter((i) => !after.has(i));
  assert.ok(gone.length <= 4, `the write merged ${gone.length} segments`);
}

describe('a bulk import that does not run to its end', () => {
  onEmbedded(
    'stopped with 30 segments in level 0, it merges them before it returns; the next write meets no merge, FTS5 finds the same',
    async () => {
      const agencyId = env.county.agencyIds['mzj']!;
      const rows = async function* () {
        for (let i = 1; i <= 200; i++) yield { row: i, values: row(i, '停止') } satisfies NumberedRow;
      };
      let batches = 0;
      let atStop: FtsLevel[] = [];
      let foundAtStop: number[][] = [];
      const r = await bulkImport(
        env.database.db,
        systemContext(env.clock),
        await env.deps.calendar.get(),
        agencyId,
        rows(),
        {
          batchSize: 4,
          workers: 0,
          onBatch: () => {
            batches++;
            atStop = levels();
            foundAtStop = found(QUERIES);
          },
          shouldStop: () => batches >= 30,
        },
      );
      assert.deepEqual([r.imported, r.stopped], [120, true]);
      assert.ok(segmentsOf(atStop, 0) >= 30, `level 0 when it stopped: ${segmentsOf(atStop, 0)} segments`);
      const now = levels();
      assert.equal(segmentsOf(now, 0), 0, JSON.stringify(now));
      assert.equal(merges(), 'automerge 4, crisismerge 16');
      assert.deepEqual(found(QUERIES), foundAtStop);
      assert.equal(foundAtStop[0]!.length, 120);
      await oneWriteMergesLittle(agencyId);
    },
  );

  onEmbedded(
    'killed with -9, it leaves level 0 and its settings to the next process, which merges them once the import no longer runs',
    async () => {
      const slug = 'runya';
      const agencyId = env.county.agencyIds[slug]!;
      const file = join(dir, 'killed.csv');
      await writeTransferFile(
        file,
        Array.from({ length: 400 }, (_, i) => row(i + 1, '强停')),
      );
      const child = spawnCli(['import', 'publications', file, '--agency', slug, '--batch', '1', '--workers', '0']);
      const count = async () =>
        Number(
          (
            await env.database.db
              .selectFrom('publications')
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .where('agencyId', '=', agencyId)
              .executeTakeFirstOrThrow()
          ).n,
        );
      while ((await count()) < 25) await new Promise((done) => setTimeout(done, 20));
      // While the import runs, a process that starts leaves its settings and segments alone.
      assert.equal(await settleInterruptedImport(env.database.db), false);
      assert.equal(merges(), `automerge ${BULK_AUTOMERGE}, crisismerge ${BULK_AUTOMERGE}`);
      child.child.kill('SIGKILL');
      await child.done;
      const left = levels();
      assert.ok(segmentsOf(left, 0) >= 20, `level 0 left: ${segmentsOf(left, 0)} segments`);
      assert.equal(merges(), `automerge ${BULK_AUTOMERGE}, crisismerge ${BULK_AUTOMERGE}`, 'the settings left behind');
      const queries = ['强停', ...QUERIES];
      const foundLeft = found(queries);
      assert.equal(foundLeft[0]!.length, await count());

      assert.equal(await settleInterruptedImport(env.database.db), true);
      assert.equal(segmentsOf(levels(), 0), 0, JSON.stringify(levels()));
      assert.equal(merges(), 'automerge 4, crisismerge 16');
      assert.deepEqual(found(queries), foundLeft);
      assert.equal(await settleInterruptedImport(env.database.db), false, 'nothing left the second time');
      await oneWriteMergesLittle(agencyId);
    },
  );

  test('a process that starts finds nothing to tidy where no import was interrupted', async () => {
    assert.equal(await settleInterruptedImport(env.database.db), false);
  });
});

describe('planner statistics after a large import', () => {
  test(`an import of ${STATISTICS_ROWS} rows or more leaves the statistics of the tables it wrote current`, async () => {
    const agencyId = env.county.agencyIds['shidi']!;
    const db = env.database.db;
    const total = () => countPublications(db);
    const startedAt =
      ENGINE === 'postgres' ? (await sql<{ t: Date }>`SELECT now() AS t`.execute(db)).rows[0]!.t : new Date(0);
    const rows = async function* () {
      for (let i = 1; i <= STATISTICS_ROWS; i++) yield { row: i, values: row(i, '统计') } satisfies NumberedRow;
    };
    const r = await bulkImport(db, systemContext(env.clock), await env.deps.calendar.get(), agencyId, rows(), {
      batchSize: 500,
      workers: 0,
    });
    assert.equal(r.imported, STATISTICS_ROWS);
    const rowsNow = await total();
    for (const table of ['publications', 'search_documents', 'publication_revisions']) {
      if (ENGINE === 'embedded') {
        // sqlite_stat1: "rows rows-per-key…" for each index of the table; the first number is the table's
        // rows — but a partial index's own entries (publication_revisions_pending holds only drafts).
        const partial = new Set(
          (env.database.sqlite!.prepare(`PRAGMA index_list(${table})`).all() as { name: string; partial: number }[])
            .filter((i) => i.partial)
            .map((i) => i.name),
        );
        const stat = (
          env.database
            .sqlite!.prepare('SELECT idx, stat FROM sqlite_stat1 WHERE tbl = ? AND idx IS NOT NULL')
            .all(table) as { idx: string; stat: string }[]
        ).filter((s) => !partial.has(s.idx));
        assert.ok(stat.length > 0, `${table}: no statistics`);
        for (const s of stat)
          assert.ok(
            Number(s.stat.split(' ')[0]) >= STATISTICS_ROWS,
            `${table}: statistics of ${s.stat.split(' ')[0]} rows`,
          );
      } else {
        const { rows: stats } = await sql<{ last: Date | null; tuples: number }>`
          SELECT s.last_analyze AS last, c.reltuples AS tuples FROM pg_stat_user_tables s
          JOIN pg_class c ON c.oid = s.relid WHERE s.relname = ${table}`.execute(db);
        assert.ok(stats[0]?.last && stats[0].last >= startedAt, `${table}: not analysed by the import`);
        assert.ok(Number(stats[0].tuples) >= STATISTICS_ROWS, `${table}: ${stats[0].tuples} rows in its statistics`);
      }
    }
    assert.ok(rowsNow >= STATISTICS_ROWS);
  });
});

function spawnCli(args: string[]) {
  const child = spawn(process.execPath, ['bin/gongkai.mjs', ...args], {
    cwd: ROOT,
    env: processEnv(env.config.dataDir, env.config.databaseUrl),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  child.stdout.resume();
  const done = new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
  return { child, done };
}
