// PostgreSQL's lexemes sent in the server's order (lexeme-order.ts): sortLexemes() orders by code
// point, as array_to_tsvector() does by UTF-8 bytes, and insertLexemes() puts a 索引号's lexemes in
// their places; a document's vectors from the index (search-index.postgres.ts) come sorted.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { generatePublication, rng } from '../../../bench/corpus.ts';
import { insertLexemes, sortLexemes } from './lexeme-order.ts';
import { postgresSearchIndex } from './search-index.postgres.ts';
import { completeEntry, prepare } from './search.prepare.ts';

/** The server's order: the UTF-8 bytes, then the shorter first (tsCompareString). */
const byBytes = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));
const serverSorted = (xs: readonly string[]) => [...xs].sort(byBytes);

// A lexeme never has a space (the vectors' strings are split on it).
const lexeme = fc
  .oneof(
    fc.string({
      unit: fc.constantFrom('政', '务', '公', '开', 'a', 'b', '1', '2', '\uff21', '\ue000', '𠀀', '𪚥'),
      minLength: 1,
      maxLength: 4,
    }),
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 6 }),
  )
  .filter((s) => s.length > 0 && !s.includes(' '));

test('sortLexemes() gives the server order: code points, a prefix first, characters past U+FFFF after U+E000–U+FFFF', () => {
  assert.deepEqual(
    sortLexemes(['政务', 'a', '𠀀', '\ue000', 'ab', '政', '2024', '1', '公开']),
    serverSorted(['政务', 'a', '𠀀', '\ue000', 'ab', '政', '2024', '1', '公开']),
  );
  fc.assert(
    fc.property(fc.uniqueArray(lexeme, { maxLength: 300 }), (xs) => {
      assert.deepEqual(sortLexemes(xs), serverSorted(xs));
    }),
  );
});

test('insertLexemes() puts the tail in its places; repeats stay beside their twin', () => {
  assert.equal(insertLexemes('b d f', ['a', 'c', 'g', 'd']), 'a b c d d f g');
  assert.equal(insertLexemes('', ['b', 'a']), 'a b');
  assert.equal(insertLexemes('a', []), 'a');
  assert.equal(insertLexemes('0 1 2 政务 公开', ['3', '00', '2024']), '0 00 1 2 2024 3 政务 公开');
  fc.assert(
    fc.property(fc.uniqueArray(lexeme, { maxLength: 200 }), fc.array(lexeme, { maxLength: 12 }), (head, tail) => {
      const joined = insertLexemes(sortLexemes(head).join(' '), tail);
      const merged = joined ? joined.split(' ') : [];
      const all = [...head, ...tail];
      // Always every lexeme, repeats too; in the server's order unless a lexeme has a character
      // past U+FFFF (the places are found with UTF-16's `<`: only the server's sort is at stake).
      assert.deepEqual([...merged].sort(), [...all].sort());
      if (!all.some((x) => /[\u{10000}-\u{10FFFF}]/u.test(x))) assert.deepEqual(merged, serverSorted(all));
    }),
    { numRuns: 500 },
  );
});

test("a document's PostgreSQL vectors come in the server's order, with a 索引号 added at the write too", () => {
  const r = rng(5);
  const sorted = (s: string) => {
    const xs = s ? s.split(' ') : [];
    assert.deepEqual(xs, serverSorted(xs));
  };
  for (let i = 0; i < 20; i++) {
    const g = generatePublication(r, i + 1, 900 + i * 50);
    const f = { title: g.title, summary: g.summary, body: g.bodyHtml, documentNumber: g.documentNumber };
    const head = postgresSearchIndex.tokens({ title: g.title, body: g.bodyHtml });
    assert.equal(head.engine, 'postgres');
    if (head.engine === 'postgres') for (const s of [head.tokens, head.title, head.grams]) sorted(s);
    const done = completeEntry(
      prepare(f, 'postgres'),
      `11433127MB1234567X/2025-${String(i).padStart(5, '0')}`,
      'postgres',
    );
    assert.ok(done?.tokens?.engine === 'postgres');
    if (done?.tokens?.engine === 'postgres')
      for (const s of [done.tokens.tokens, done.tokens.title, done.tokens.grams]) sorted(s);
  }
});
