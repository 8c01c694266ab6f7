// Migration 20261206_0038_search_fts_no_prefix on the engine of GK_TEST_ENGINE: the demo county's
// publications indexed with the one-character prefix index (down to 0037), then the migration
// makes search_fts again without it. Every query — one-character CJK and digit prefixes, terms
// that end in one (第9, 12项), ordinary terms — answers exactly as before, and as a substring scan
// of the stored text in the service's order. PostgreSQL has no FTS5 tables: the migration
// changes nothing there and the same searches answer the same.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { systemContext } from '../../src/bootstrap.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { seedDemoPublications } from '../../src/modules/demo/index.ts';
import { rng } from '../../bench/corpus.ts';
import { searchPublications } from '../../src/modules/search/search.service.ts';
import { encodeCompact, storedText } from '../../src/modules/search/compact-text.ts';
import { storedTextOf } from '../../src/modules/search/search-index.ts';
import { createTestEnv, ENGINE, type TestEnv } from '../support/test-app.ts';
import { migrateDownThrough } from '../support/migrations.ts';

let env: TestEnv;
before(async () => {
  env = await createTestEnv();
  await seedDemoPublications(env.database.db, systemContext(env.clock), await env.deps.calendar.get());
});
after(async () => env.close());

async function everyHit(q: string): Promise<number[]> {
  const ids: number[] = [];
  for (let page = 1; ; page += 1) {
    const r = await searchPublications(env.database.db, { q, page, pageSize: 50 });
    ids.push(...r.ids);
    if (page * 50 >= r.total) return ids;
  }
}

/** The documents containing `term`, titles containing it first, each group newest first. */
async function scan(term: string): Promise<number[]> {
  // SQLite: the stored text's compact code (migrations 0040, 0041: in search_texts) contains the
  // term's code exactly when the text contains the term (compact-text.test.ts).
  const text = storedTextOf(ENGINE);
  const has =
    ENGINE === 'postgres' ? sql`strpos(d.text, ${term}) > 0` : sql`instr(${text}, ${encodeCompact(term)}) > 0`;
  const inTitle =
    ENGINE === 'postgres'
      ? sql`strpos(split_part(d.text, E'\n', 1), ${term}) > 0`
      : sql`instr(CASE WHEN instr(${text}, X'0A') > 0 THEN substr(${text}, 1, instr(${text}, X'0A') - 1) ELSE ${text} END, ${encodeCompact(term)}) > 0`;
  return (
    await sql<{ id: number }>`SELECT d.publication_id AS id FROM search_documents d WHERE ${has}
      ORDER BY CASE WHEN ${inTitle} THEN 0 ELSE 1 END, d.rank_key DESC`.execute(env.database.db)
  ).rows.map((r) => r.id);
}

async function ftsSql(): Promise<string> {
  if (ENGINE === 'postgres') return '';
  const r = await sql<{ sql: string }>`SELECT sql FROM sqlite_master WHERE name = 'search_fts'`.execute(
    env.database.db,
  );
  return r.rows[0]?.sql ?? '';
}

test('without the prefix index every search answers as with it, and as a substring scan', async () => {
  const db = env.database.db;
  const texts = (
    await sql<{
      text: unknown;
    }>`SELECT ${storedTextOf(ENGINE)} AS text FROM search_documents d ORDER BY publication_id`.execute(db)
  ).rows.map((r) => Array.from(storedText(r.text)));
  assert.ok(texts.length >= 60, `demo publications indexed: ${texts.length}`);
  // One-character CJK and digit terms, terms ending in a lone character or digit, and ordinary
  // 2–5-character terms, all taken from the texts.
  const queries = new Set<string>(['第9', '12项', '1', '2', '0', '第', '县']);
  const r = rng(38);
  while (queries.size < 90) {
    const t = texts[Math.floor(r() * texts.length)] as string[];
    const len = queries.size < 40 ? 1 : 2 + Math.floor(r() * 4);
    const at = Math.floor(r() * Math.max(1, t.length - len));
    const q = t.slice(at, at + len).join('');
    if (/^[\p{L}\p{N}]+$/u.test(q)) queries.add(q);
  }

  await migrateDownThrough(env.database, '20261206_0038_search_fts_no_prefix');
  if (ENGINE === 'embedded') assert.match(await ftsSql(), /prefix='1'/);
  // Today's search code reads SQLite's re-check text from search_texts in the compact code
  // (migrations 0040, 0041), which undoing them put back into search_documents as text: a
  // search_texts made for the searches with the prefix index, dropped after.
  if (ENGINE === 'embedded') {
    await sql`CREATE TABLE search_texts (rank_key INTEGER PRIMARY KEY, text BLOB NOT NULL)`.execute(db);
    const rows = (
      await sql<{
        key: string;
        text: string;
      }>`SELECT CAST(rank_key AS TEXT) AS key, text FROM search_documents`.execute(db)
    ).rows;
    for (const row of rows)
      await sql`INSERT INTO search_texts (rank_key, text) VALUES (CAST(${row.key} AS INTEGER), ${encodeCompact(row.text)})`.execute(
        db,
      );
  }
  const before = new Map<string, number[]>();
  for (const q of queries) before.set(q, await everyHit(q));
  assert.ok([...before.values()].filter((ids) => ids.length > 0).length >= 80);
  if (ENGINE === 'embedded') await sql`DROP TABLE search_texts`.execute(db);

  // Up again: 0038 first, then whatever later migrations were undone with it.
  assert.equal((await migrateToLatest(env.database)).applied[0], '20261206_0038_search_fts_no_prefix');
  if (ENGINE === 'embedded') assert.doesNotMatch(await ftsSql(), /prefix/);
  for (const [q, ids] of before) {
    assert.deepEqual(await everyHit(q), ids, `query ${q}`);
    assert.deepEqual(ids, await scan(q), `query ${q} against a substring scan`);
  }
});
