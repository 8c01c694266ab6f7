// Issue #3 acceptance: on a generated corpus, every query of a set of ≥ 200 (2–6 characters
// taken from the texts) returns exactly the documents a plain substring scan returns — on the
// engine of GK_TEST_ENGINE (run on both by the suite).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { generatePublication, rng } from '../../bench/corpus.ts';
import { searchPublications, upsertIndexEntry } from '../../src/modules/search/search.service.ts';
import { plainTextFromHtml } from '../../src/modules/search/text.ts';
import { inTransaction } from '../../src/platform/transaction.ts';
import { createTestEnv, type TestEnv } from '../support/test-app.ts';

const DOCS = 400;
let env: TestEnv;
const fields = new Map<number, string[]>();

before(async () => {
  env = await createTestEnv({ demo: false });
  const r = rng(20261126);
  await inTransaction(env.database.db, async (trx) => {
    for (let id = 1; id <= DOCS; id += 1) {
      const g = generatePublication(r, id, 300 + Math.floor(r() * 600));
      const indexNumber = `43312700-${g.formedOn.slice(0, 4)}-${String(id).padStart(5, '0')}`;
      fields.set(id, [g.title, g.summary, plainTextFromHtml(g.bodyHtml), g.documentNumber, indexNumber]);
      await upsertIndexEntry(trx, {
        id, agencyId: 1 + (id % 7), title: g.title, summary: g.summary, bodyHtml: g.bodyHtml, documentNumber: g.documentNumber, indexNumber,
        attachmentTexts: [], validity: 'valid', publishedAt: `${g.formedOn}T02:00:00.000Z`, publishedOn: g.formedOn, categoryIds: [id % 5],
      }, '2026-11-26T00:00:00.000Z');
    }
  });
});
after(async () => env.close());

const WORDCH = /[\p{L}\p{N}]/u;

/** Substrings of 2–6 letters, digits or CJK characters (punctuation would be trimmed from a query). */
function queries(count: number): string[] {
  const r = rng(42);
  const out = new Set<string>();
  const texts = [...fields.values()].flat().filter((t) => t !== '');
  while (out.size < count) {
    const text = Array.from(texts[Math.floor(r() * texts.length)] as string);
    const len = 2 + Math.floor(r() * 5);
    const at = Math.floor(r() * Math.max(1, text.length - len));
    const q = text.slice(at, at + len);
    if (q.length < 2 || !q.every((c) => WORDCH.test(c))) continue;
    out.add(q.join(''));
  }
  return [...out];
}

/** Every hit, page by page; `facetSample` small exercises the path used for very common words. */
async function allIds(q: string, facetSample?: number): Promise<number[]> {
  const size = facetSample ? 7 : 50;
  const opts = { q, pageSize: size, ...(facetSample ? { facetSample } : {}) };
  const first = await searchPublications(env.database.db, opts);
  const ids = [...first.ids];
  for (let page = 2; (page - 1) * size < first.total; page += 1) {
    ids.push(...(await searchPublications(env.database.db, { ...opts, page })).ids);
  }
  assert.equal(ids.length, first.total, `${q}: pages add up to the total`);
  assert.equal(new Set(ids).size, ids.length, `${q}: no hit on two pages`);
  return ids.sort((a, b) => a - b);
}

test('every query of 2–6 characters finds exactly the documents that contain it', async () => {
  const set = queries(240);
  assert.ok(set.length >= 200);
  let nonEmpty = 0;
  let withRecheck = 0;
  for (const q of set) {
    const expected = [...fields].filter(([, f]) => f.some((t) => t.includes(q))).map(([id]) => id).sort((a, b) => a - b);
    const got = await allIds(q);
    assert.deepEqual(got, expected, `query ${q}`);
    if (nonEmpty % 10 === 0) assert.deepEqual(await allIds(q, 5), expected, `query ${q}, facets sampled`);
    if (expected.length) nonEmpty += 1;
    if (Array.from(q).length > 2) withRecheck += 1;
  }
  // The set is not trivial: most queries hit something, many need the substring re-check.
  assert.ok(nonEmpty >= 200, `non-empty ${nonEmpty}`);
  assert.ok(withRecheck >= 100, `longer queries ${withRecheck}`);
});

test('words that are not in the corpus, and bigrams present only apart, find nothing', async () => {
  assert.equal((await searchPublications(env.database.db, { q: '量子计算' })).total, 0);
  // 低保 and 保户 both occur, so all bigrams of 低保障 may be present; the re-check decides.
  const expected = [...fields].filter(([, f]) => f.some((t) => t.includes('低保障'))).length;
  assert.equal((await searchPublications(env.database.db, { q: '低保障' })).total, expected);
  assert.equal((await searchPublications(env.database.db, { q: '  ，' })).total, 0);
});

test('several terms are ANDed; filters and facets agree with the scan', async () => {
  const both = [...fields].filter(([, f]) => f.some((t) => t.includes('低保')) && f.some((t) => t.includes('公示')));
  const r = await searchPublications(env.database.db, { q: '低保 公示', pageSize: 50 });
  assert.equal(r.total, both.length);
  const agency3 = both.filter(([id]) => 1 + (id % 7) === 3).length;
  assert.equal(r.facets.agency.find((f) => f.value === 3)?.count ?? 0, agency3);
  const only3 = await searchPublications(env.database.db, { q: '低保 公示', agencyIds: [3] });
  assert.equal(only3.total, agency3);
  const cat2 = both.filter(([id]) => id % 5 === 2).length;
  assert.equal((await searchPublications(env.database.db, { q: '低保 公示', categoryIds: [2] })).total, cat2);
});
