// A bulk import's search work split in two (search.prepare.ts): the text and tokens prepared
// without the 索引号 on a worker thread, the number's part added at the write, give exactly what
// the whole computed at once gives — the re-check text, SQLite's FTS5 strings, PostgreSQL's
// lexemes (as sets: array_to_tsvector() drops repeats) — or null where they could not, on both
// engines, for the bench corpus and for the edges: empty parts, a number that starts with a
// combining mark, full-width or Latin numbers, bodies at the length limit, grams past their limit.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { generatePublication, rng } from '../../../bench/corpus.ts';
import type { Engine } from '../../db/database.ts';
import { GRAM_BYTES } from './grams.ts';
import { searchIndexFor, type IndexTokens } from './search-index.ts';
import { completeEntry, prepare } from './search.prepare.ts';
import { MAX_INDEXED_CHARS, searchableText } from './text.ts';

interface Fields {
  title: string;
  summary: string;
  body: string;
  documentNumber: string;
}

/** The tokens in a form that compares what the engine stores. */
function stored(t: IndexTokens) {
  const set = (s: string) => [...new Set(s.split(' ').filter(Boolean))].sort();
  return t.engine === 'embedded'
    ? t
    : { tokens: set(t.tokens), title: set(t.title), grams: set(t.grams), complete: t.gramsComplete };
}

/** The split's result against the whole; false when the split declined (null). */
function same(f: Fields, indexNumber: string, engine: Engine): boolean {
  const done = completeEntry(prepare(f, engine), indexNumber, engine);
  const whole = searchableText({ ...f, bodyHtml: f.body, indexNumber, attachmentTexts: [] });
  if (!done) return false;
  const msg = JSON.stringify({ f: { ...f, body: f.body.slice(0, 80) }, indexNumber, engine });
  assert.equal(done.title, whole.title, msg);
  assert.equal(done.body, whole.body, msg);
  assert.equal(done.normalised, whole.normalised, msg);
  assert.ok(done.tokens, msg);
  assert.deepEqual(stored(done.tokens), stored(searchIndexFor(engine).tokens(whole)), msg);
  return true;
}

const ENGINES: Engine[] = ['embedded', 'postgres'];
const NUMBERS = [
  '11433127MB1234567X/2025-00042',
  'yszf-2025-0001',
  'ＹＳ－２０２５－００１',
  '永顺〔2025〕第12号',
  '  ',
  '',
  'Ａ',
  'é-2025',
  // Numbers and parts that normalise to nothing: the body still gains the newline.
  '\u200b',
  '\u00ad',
];

test('the bench corpus, prepared then completed with its 索引号, is indexed as it is whole', () => {
  const r = rng(16);
  for (let i = 0; i < 60; i++) {
    const g = generatePublication(r, i + 1, 800 + i * 40);
    const f = { title: g.title, summary: i % 3 ? g.summary : '', body: g.bodyHtml, documentNumber: g.documentNumber };
    for (const engine of ENGINES) assert.ok(same(f, NUMBERS[i % NUMBERS.length] as string, engine));
  }
});

test('edges: empty parts, marks, the length limit, grams past their limit', () => {
  const empty = { title: '标题', summary: '', body: '', documentNumber: '' };
  for (const engine of ENGINES) {
    for (const n of NUMBERS) assert.ok(same(empty, n, engine), n);
    assert.ok(same({ ...empty, summary: ' \n ' }, 'A-1', engine));
    assert.ok(same({ ...empty, summary: '\u200b' }, 'A-1', engine));
    assert.ok(same({ ...empty, summary: '\u200b' }, '\u200b', engine));
    // A number that starts with a combining mark would join the newline's chunk: declined.
    assert.equal(completeEntry(prepare(empty, engine), '\u0301a-1', engine), null);
    // The body's parts reach the limit: the number is cut off whole (exact) or in part (declined).
    const long = { ...empty, body: '<p>' + '政务公开'.repeat(MAX_INDEXED_CHARS / 4) + '</p>' };
    assert.ok(same(long, 'YS-1', engine));
    const near = { ...empty, body: '<p>' + '公'.repeat(MAX_INDEXED_CHARS - 3) + '</p>' };
    assert.equal(completeEntry(prepare(near, engine), 'YS-2025-1', engine), null);
    assert.ok(same({ ...empty, body: '<p>' + '公'.repeat(MAX_INDEXED_CHARS - 20) + '</p>' }, 'YS-1', engine));
  }
  // PostgreSQL: grams past GRAM_BYTES stay the one OVERFLOW lexeme with the number's grams.
  const r = rng(7);
  const wide = Array.from({ length: 90_000 }, () => String.fromCodePoint(0x4e00 + Math.floor(r() * 20000))).join('');
  const over = { title: 't', summary: '', body: `<p>${wide}</p>`, documentNumber: '' };
  const head = prepare(over, 'postgres').tokens;
  assert.ok(head.engine === 'postgres' && !head.gramsComplete && head.gramBytes > GRAM_BYTES);
  assert.ok(same(over, 'YS-2025-0001', 'postgres'));
});
