// Migrations 20261206_0040_search_text_compact and 0041_search_texts on the engine of
// GK_TEST_ENGINE: the demo county's publications indexed with the re-check text as UTF-8 text in
// search_documents (down to 0039), then 0040 re-encodes it (SQLite: the compact code of
// search/compact-text.ts, a BLOB) and 0041 moves it to search_texts; PostgreSQL: nothing changes.
// The stored texts decode to what they were, a 0040 interrupted half-way carries on, and every
// search — two- to five-character terms, one-character terms walked and looked up, an agency's
// small scope, both orders — answers exactly as a substring scan of the texts does.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { systemContext } from '../../src/bootstrap.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { seedDemoPublications } from '../../src/modules/demo/index.ts';
import { rng } from '../../bench/corpus.ts';
import { queryTokens } from '../../src/modules/search/bigram.ts';
import { encodeCompact, storedText } from '../../src/modules/search/compact-text.ts';
import { storedTextOf } from '../../src/modules/search/search-index.ts';
import { searchPublications, type SearchParams } from '../../src/modules/search/search.service.ts';
import { createTestEnv, ENGINE, type TestEnv } from '../support/test-app.ts';
import { migrateDownThrough } from '../support/migrations.ts';

let env: TestEnv;
before(async () => {
  env = await createTestEnv();
  await seedDemoPublications(env.database.db, systemContext(env.clock), await env.deps.calendar.get());
});
after(async () => env.close());

interface Doc {
  id: number;
  agencyId: number;
  text: string;
  /** The stored value's SQL type. */
  type: string;
}

/** The documents newest first, their stored text (search_texts once 0041 is in) decoded. */
async function documents(): Promise<Doc[]> {
  const moved =
    ENGINE === 'embedded' &&
    (
      await sql<{ n: number }>`SELECT count(*) AS n FROM sqlite_master WHERE name = 'search_texts'`.execute(
        env.database.db,
      )
    ).rows[0]?.n === 1;
  const text = moved ? storedTextOf(ENGINE) : sql`d.text`;
  const type = ENGINE === 'postgres' ? sql<string>`'text'` : sql<string>`typeof(${text})`;
  return (
    await sql<{
      id: number;
      agencyId: number;
      text: unknown;
      type: string;
    }>`SELECT publication_id AS id, agency_id AS "agencyId", ${text} AS text, ${type} AS type FROM search_documents d ORDER BY rank_key DESC`.execute(
      env.database.db,
    )
  ).rows.map((r) => ({ id: r.id, agencyId: r.agencyId, text: storedText(r.text), type: r.type }));
}

async function everyHit(p: Omit<SearchParams, 'page' | 'pageSize'>): Promise<number[]> {
  const ids: number[] = [];
  for (let page = 1; ; page += 1) {
    const r = await searchPublications(env.database.db, { ...p, page, pageSize: 50 });
    ids.push(...r.ids);
    if (page * 50 >= r.total) return ids;
  }
}

/** A substring scan in the service's order: 'relevance' puts documents whose title has every term first. */
function scan(docs: Doc[], q: string, order: 'relevance' | 'date', agencyId?: number): number[] {
  const terms = queryTokens(q).terms;
  const hits = docs.filter(
    (d) => (agencyId === undefined || d.agencyId === agencyId) && terms.every((t) => d.text.includes(t)),
  );
  if (order === 'date') return hits.map((d) => d.id);
  const titled = (d: Doc) => terms.every((t) => (d.text.split('\n')[0] as string).includes(t));
  return [...hits.filter(titled), ...hits.filter((d) => !titled(d))].map((d) => d.id);
}

test('the re-check text in the compact code: the same texts, every search as a substring scan', async () => {
  const db = env.database.db;
  const latest = await documents();
  assert.ok(latest.length >= 60, `demo publications indexed: ${latest.length}`);
  const queries = new Set<string>(['第9', '12项', '1', '2', '县', '公开', '政务公开 2025']);
  const r = rng(40);
  while (queries.size < 80) {
    const t = Array.from((latest[Math.floor(r() * latest.length)] as Doc).text);
    const len = queries.size < 30 ? 1 : 2 + Math.floor(r() * 4);
    const at = Math.floor(r() * Math.max(1, t.length - len));
    const q = t.slice(at, at + len).join('');
    if (/^[\p{L}\p{N}]+$/u.test(q)) queries.add(q);
  }
  const agencies = [...new Set(latest.map((d) => d.agencyId))];

  await migrateDownThrough(env.database, '20261206_0040_search_text_compact');
  const down = await documents();
  assert.ok(down.every((d) => d.type === 'text'));
  assert.deepEqual(
    down.map((d) => d.text),
    latest.map((d) => d.text),
  );
  if (ENGINE === 'embedded') {
    // 0040 interrupted half-way (it is not one transaction on SQLite): the first half of the rows
    // in the code, the rest still text; the next run codes the rest and leaves the first half.
    const ids = down.map((d) => d.id).sort((a, b) => a - b);
    const middle = ids[Math.floor(ids.length / 2)] as number;
    for (const d of down)
      if (d.id < middle)
        await sql`UPDATE search_documents SET text = ${encodeCompact(d.text)} WHERE publication_id = ${d.id}`.execute(
          db,
        );
    const mixed = new Set((await documents()).map((d) => d.type));
    assert.deepEqual([...mixed].sort(), ['blob', 'text']);
  }

  // Up again: 0040 first, then whatever later migrations were undone with it.
  assert.equal((await migrateToLatest(env.database)).applied[0], '20261206_0040_search_text_compact');
  const up = await documents();
  assert.ok(up.every((d) => d.type === (ENGINE === 'postgres' ? 'text' : 'blob')));
  if (ENGINE === 'embedded') {
    const left = await sql<{ n: number }>`SELECT count(*) AS n FROM search_documents WHERE text <> ''`.execute(db);
    assert.equal(left.rows[0]?.n, 0, 'search_documents.text is empty on SQLite');
  }
  assert.deepEqual(
    up.map((d) => d.text),
    latest.map((d) => d.text),
  );

  let found = 0;
  for (const q of queries) {
    const expected = scan(up, q, 'relevance');
    if (expected.length) found++;
    assert.deepEqual(await everyHit({ q }), expected, `query ${q}`);
    assert.deepEqual(await everyHit({ q, order: 'date' }), scan(up, q, 'date'), `query ${q}, by date`);
    // One-character terms looked up below a walk of 10 rows; no small scope: the index path.
    assert.deepEqual(await everyHit({ q, walkRows: 10 }), expected, `query ${q}, walk of 10`);
    const agencyId = agencies[Math.floor(r() * agencies.length)] as number;
    assert.deepEqual(
      await everyHit({ q, agencyIds: [agencyId] }),
      scan(up, q, 'relevance', agencyId),
      `query ${q}, agency ${agencyId} (small scope)`,
    );
    assert.deepEqual(
      await everyHit({ q, agencyIds: [agencyId], smallScope: 0 }),
      scan(up, q, 'relevance', agencyId),
      `query ${q}, agency ${agencyId} through the index`,
    );
  }
  assert.ok(found >= 70, `queries with hits: ${found}`);
});
