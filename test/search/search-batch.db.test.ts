// The search index's batch path (upsertIndexEntries, a bulk import's batch; issue #16 point 3) on
// the engine of GK_TEST_ENGINE: 450 documents of the bench corpus (three statements, sent while
// the next rows are made) give the same search_documents rows — on PostgreSQL the three vectors as
// text, on SQLite every FTS5 entry and re-check text — as upsertIndexEntry() one by one; a batch whose last
// statement fails leaves nothing behind and no statement running; on PostgreSQL the batch's GIN
// entries have left the pending lists when the batch ends, and its pending-list limit is its own
// transaction's only.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { generatePublication, rng } from '../../bench/corpus.ts';
import {
  removeIndexEntry,
  upsertIndexEntries,
  upsertIndexEntry,
  type IndexEntry,
} from '../../src/modules/search/search.service.ts';
import { createTestEnv, ENGINE, type TestEnv } from '../support/test-app.ts';

let env: TestEnv;
before(async () => {
  env = await createTestEnv();
});
after(async () => env.close());

const FIRST = 900_001;
const NOW = '2026-12-06T08:00:00.000Z';

function entries(n: number): IndexEntry[] {
  const r = rng(40);
  return Array.from({ length: n }, (_, i) => {
    const g = generatePublication(r, i + 1, 300 + (i % 7) * 400);
    const day = String(1 + (i % 28)).padStart(2, '0');
    return {
      id: FIRST + i,
      agencyId: 1 + (i % 3),
      title: g.title,
      summary: i % 4 ? g.summary : '',
      bodyHtml: g.bodyHtml,
      documentNumber: g.documentNumber,
      indexNumber: `TEST-2025-${String(i).padStart(5, '0')}`,
      attachmentTexts: i % 9 ? [] : ['附件：批量写入的附件文字 12 项'],
      validity: '有效',
      publishedAt: `2025-03-${day}T02:00:00.000Z`,
      publishedOn: `2025-03-${day}`,
      categoryIds: i % 2 ? [1, 5] : [],
    };
  });
}

/** The test documents as stored: rows (with the vectors on PostgreSQL) and FTS5 entries on SQLite. */
async function stored(): Promise<unknown[]> {
  const db = env.database.db;
  const vectors =
    ENGINE === 'postgres' ? sql`, tsv::text AS tsv, title_tsv::text AS t, gram_tsv::text AS g, gram_full` : sql``;
  const rows = (
    await sql`SELECT publication_id, CAST(rank_key AS TEXT) AS rank_key, agency_id, year, validity, published_at,
      category_ids, text, indexed_at ${vectors} FROM search_documents WHERE publication_id >= ${FIRST}
      ORDER BY publication_id`.execute(db)
  ).rows;
  if (ENGINE === 'postgres') return rows;
  const fts: unknown[] = [
    (
      await sql`SELECT rank_key, text FROM search_texts
        WHERE rank_key IN (SELECT rank_key FROM search_documents WHERE publication_id >= ${FIRST}) ORDER BY rank_key`.execute(
        db,
      )
    ).rows,
  ];
  for (const table of ['search_fts', 'search_title_fts']) {
    await sql`CREATE VIRTUAL TABLE IF NOT EXISTS ${sql.raw(`temp.v_${table}`)} USING fts5vocab(main, ${sql.raw(table)}, instance)`.execute(
      db,
    );
    fts.push(
      (
        await sql`SELECT term, doc, col, offset FROM ${sql.raw(`temp.v_${table}`)}
          WHERE doc IN (SELECT rank_key FROM search_documents WHERE publication_id >= ${FIRST})
          ORDER BY doc, col, offset, term`.execute(db)
      ).rows,
    );
  }
  return [rows, fts];
}

async function clear(): Promise<void> {
  const db = env.database.db;
  const ids = await db
    .selectFrom('searchDocuments')
    .select('publicationId')
    .where('publicationId', '>=', FIRST)
    .execute();
  await db.transaction().execute(async (trx) => {
    for (const { publicationId } of ids) await removeIndexEntry(trx, publicationId);
  });
}

test('a batch of three statements writes what the entries written one by one write', async () => {
  const db = env.database.db;
  const list = entries(450);
  await db.transaction().execute(async (trx) => {
    for (const e of list) await upsertIndexEntry(trx, e, NOW);
  });
  const one = await stored();
  assert.equal((one as unknown[][]).flat().length > 0, true);
  await clear();
  await db.transaction().execute(async (trx) => {
    await upsertIndexEntries(trx, list, NOW);
    if (ENGINE === 'postgres') {
      const limit = await sql<{ v: string }>`SELECT current_setting('gin_pending_list_limit') AS v`.execute(trx);
      assert.equal(limit.rows[0]?.v, '1GB');
    }
  });
  const many = await stored();
  assert.deepEqual(many, one);
  if (ENGINE === 'postgres') {
    const limit = await sql<{ v: string }>`SELECT current_setting('gin_pending_list_limit') AS v`.execute(db);
    assert.notEqual(limit.rows[0]?.v, '1GB', 'the batch limit ends with its transaction');
  }
  // Written again over itself (the rows there are replaced), still the same.
  await db.transaction().execute((trx) => upsertIndexEntries(trx, list, NOW));
  assert.deepEqual(await stored(), one);
  await clear();
});

// PostgreSQL only (GIN pending lists): registered on that engine alone, so that the embedded run
// has no skipped test (`npm test -- --require-all` fails on a skip).
const onPostgres = ENGINE === 'postgres' ? test : () => undefined;
onPostgres('PostgreSQL: the batch moves its GIN entries out of the pending lists before it ends', async (t) => {
  const db = env.database.db;
  try {
    await sql`CREATE EXTENSION IF NOT EXISTS pageinspect`.execute(db);
  } catch (err) {
    return t.skip(`pageinspect unavailable: ${(err as Error).message}`);
  }
  const pending = async () =>
    (
      await sql<{ n: string }>`SELECT sum(m.n_pending_tuples)::text AS n FROM pg_index i
        JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam,
        LATERAL gin_metapage_info(get_raw_page(c.relname, 0)) m
        WHERE i.indrelid = 'search_documents'::regclass AND a.amname = 'gin'`.execute(db)
    ).rows[0]?.n;
  await db.transaction().execute((trx) => upsertIndexEntries(trx, entries(300), NOW));
  assert.equal(await pending(), '0');
  const hits = await sql<{ n: string }>`SELECT count(*)::text AS n FROM search_documents
    WHERE publication_id >= ${FIRST} AND gram_tsv @@ '关于'::tsquery OR tsv @@ '关于'::tsquery`.execute(db);
  assert.ok(Number(hits.rows[0]?.n) >= 300);
  await clear();
  await sql`DROP EXTENSION pageinspect`.execute(db);
});

test('a batch whose last statement fails leaves none of its rows, and nothing still running', async () => {
  const db = env.database.db;
  const list = entries(450);
  // The third statement repeats the first document: a duplicate key there.
  list[420] = { ...(list[0] as IndexEntry) };
  await assert.rejects(db.transaction().execute((trx) => upsertIndexEntries(trx, list, NOW)));
  const left = await sql<{
    n: number;
  }>`SELECT count(*) AS n FROM search_documents WHERE publication_id >= ${FIRST}`.execute(db);
  assert.equal(Number(left.rows[0]?.n), 0);
  // The connection is usable: the same batch without the duplicate goes in whole.
  await db.transaction().execute((trx) => upsertIndexEntries(trx, entries(450), NOW));
  const all = await sql<{
    n: number;
  }>`SELECT count(*) AS n FROM search_documents WHERE publication_id >= ${FIRST}`.execute(db);
  assert.equal(Number(all.rows[0]?.n), 450);
  await clear();
});
