// Migration 20261126_0008_search_rank on a database that already has an index: the demo county's
// publications, indexed in the 0007 shape (publication id as FTS rowid on SQLite, no rank_key),
// plus one row written exactly as the code before 0008 wrote it, from text that normalisation
// changes (full-width letters, upper case). After the migration every search answers as before
// it on a freshly built index, in the new order. Runs on the engine of GK_TEST_ENGINE.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { systemContext } from '../../src/bootstrap.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { seedDemoPublications } from '../../src/modules/demo/index.ts';
import { documentForNormalised } from '../../src/modules/search/bigram.ts';
import { rng } from '../../bench/corpus.ts';
import { searchPublications } from '../../src/modules/search/search.service.ts';
import { storedText } from '../../src/modules/search/compact-text.ts';
import { storedTextOf } from '../../src/modules/search/search-index.ts';
import { reindexAll } from '../../src/modules/search/search.sync.ts';
import { searchableText } from '../../src/modules/search/text.ts';
import { createTestEnv, ENGINE, type TestEnv } from '../support/test-app.ts';
import { migrateDownThrough } from '../support/migrations.ts';

let env: TestEnv;
before(async () => {
  env = await createTestEnv();
  // The demo publications, indexed as they are released (buildApp subscribed the index).
  await seedDemoPublications(env.database.db, systemContext(env.clock), await env.deps.calendar.get());
});
after(async () => env.close());

const WORD = /^[\p{L}\p{N}]+$/u;

async function everyHit(q: string): Promise<number[]> {
  const ids: number[] = [];
  for (let page = 1; ; page += 1) {
    const r = await searchPublications(env.database.db, { q, page, pageSize: 50 });
    ids.push(...r.ids);
    if (page * 50 >= r.total) return ids;
  }
}

test('the migration keeps every search answering as on a freshly built index', async () => {
  const db = env.database.db;
  const texts = (
    await sql<{
      text: unknown;
    }>`SELECT ${storedTextOf(ENGINE)} AS text FROM search_documents d ORDER BY publication_id`.execute(db)
  ).rows.map((r) => Array.from(storedText(r.text)));
  assert.ok(texts.length >= 60, `demo publications indexed: ${texts.length}`);
  const r = rng(8);
  const queries = new Set<string>();
  while (queries.size < 60) {
    const t = texts[Math.floor(r() * texts.length)] as string[];
    const len = 2 + Math.floor(r() * 4);
    const at = Math.floor(r() * Math.max(1, t.length - len));
    const q = t.slice(at, at + len).join('');
    if (WORD.test(q)) queries.add(q);
  }
  const expected = new Map<string, number[]>();
  for (const q of queries) expected.set(q, await everyHit(q));
  assert.ok([...expected.values()].filter((ids) => ids.length > 0).length >= 50);

  // Back to the 0007 shape (later migrations undone first), which 0008's down migration refills
  // from the stored text.
  await migrateDownThrough(env.database, '20261126_0008_search_rank');
  const withRank = await sql<{
    name: string;
  }>`SELECT column_name AS name FROM information_schema.columns WHERE table_name = 'search_documents' AND column_name = 'rank_key'`
    .execute(db)
    .catch(() => ({ rows: [] }));
  assert.equal(withRank.rows.length, 0);
  if (ENGINE === 'embedded') {
    const old = await sql<{
      id: number;
    }>`SELECT rowid AS id FROM search_fts WHERE search_fts MATCH '"公开"' ORDER BY rowid`.execute(db);
    const scan = await sql<{
      id: number;
    }>`SELECT publication_id AS id FROM search_documents WHERE instr(text, '公开') > 0 ORDER BY publication_id`.execute(
      db,
    );
    assert.ok(scan.rows.length > 0);
    assert.deepEqual(
      old.rows.map((x) => x.id),
      scan.rows.map((s) => s.id),
    );
  }
  // A row as the old code wrote it: the FTS row from the raw title and body.
  const raw = {
    title: 'ＧＢ／Ｔ　５０６００ 高标准农田验收',
    summary: '',
    bodyHtml: '<p>验收执行ＧＢ５０６００标准。</p>',
    documentNumber: '',
    indexNumber: '',
    attachmentTexts: [],
  };
  const text = searchableText(raw);
  const id = 900001;
  await sql`INSERT INTO search_documents (publication_id, agency_id, year, validity, published_at, category_ids, text, indexed_at)
    VALUES (${id}, 1, 2030, 'valid', '2030-01-02T03:04:05.000Z', '', ${text.normalised}, '2030-01-02T03:04:05.000Z')`.execute(
    db,
  );
  if (ENGINE === 'embedded') {
    await sql`INSERT INTO search_fts (rowid, title, body) VALUES (${id}, ${documentForNormalised(text.title)}, ${documentForNormalised(text.body)})`.execute(
      db,
    );
  } else {
    await sql`UPDATE search_documents SET tsv = array_to_tsvector(${documentForNormalised(`${text.title} ${text.body}`).split(' ')}::text[]) WHERE publication_id = ${id}`.execute(
      db,
    );
  }

  assert.equal((await migrateToLatest(env.database)).applied[0], '20261126_0008_search_rank');
  for (const [q, ids] of expected)
    assert.deepEqual(
      (await everyHit(q)).filter((x) => x !== id),
      ids,
      `query ${q}`,
    );
  // The old row: found by its normalised words, first (newest) among the title hits.
  for (const q of ['gb', 'gb50600', '50600', '高标准农田', '农田验收']) assert.equal((await everyHit(q))[0], id, q);
  assert.deepEqual(await everyHit('执行gb5'), [id]);
  assert.deepEqual(await everyHit('ｇｂ／ｔ'), [id]);

  // `gongkai search reindex` (rebuild from the publications, then optimize) answers the same; the
  // hand-written row has no publication and leaves the index.
  assert.equal(await reindexAll(db), texts.length);
  for (const [q, ids] of expected) assert.deepEqual(await everyHit(q), ids, `query ${q} after reindex`);
  assert.deepEqual(await everyHit('ｇｂ／ｔ'), []);
});
