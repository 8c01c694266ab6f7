import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generatePublication, rng } from '../../../bench/corpus.ts';
import { normaliseText } from './bigram.ts';
import { GRAM_BYTES, gramLexemes, OVERFLOW, termLookup } from './grams.ts';

test('gramLexemes: 3-grams of every run, 2-grams that are not two CJK characters', () => {
  const { lexemes, complete } = gramLexemes(['第24项', 'ＡＢ-1 低保户']);
  assert.equal(complete, true);
  assert.deepEqual(new Set(lexemes), new Set(['第2', '第24', '24', '24项', '4项', 'ab', '低保户']));
});

test('termLookup: 2- and 3-character runs are a lexeme (exact); longer ones their 3-grams; others use tsv', () => {
  assert.deepEqual(termLookup('等4'), { grams: ['等4'], exact: true });
  assert.deepEqual(termLookup('24'), { grams: ['24'], exact: true });
  assert.deepEqual(termLookup('第24'), { grams: ['第24'], exact: true });
  assert.deepEqual(termLookup('关价知团'), { grams: ['关价知', '价知团'], exact: false });
  assert.deepEqual(termLookup('团等，14'), { grams: ['14'], exact: false });
  assert.deepEqual(termLookup('低保'), { grams: [], exact: false });
  assert.deepEqual(termLookup('镇'), { grams: [], exact: false });
  assert.deepEqual(termLookup('gongkai'), { grams: [], exact: false });
});

test('a document containing a term has every gram of its lookup; an exact lookup means the term', () => {
  const r = rng(16);
  for (let id = 1; id <= 60; id += 1) {
    const g = generatePublication(r, id, 200);
    const text = normaliseText(`${g.title}\n${g.summary}\n${g.documentNumber}`);
    const grams = new Set(gramLexemes([text]).lexemes);
    const cps = Array.from(text);
    for (let k = 0; k < 40; k += 1) {
      const at = Math.floor(r() * cps.length);
      const term = cps
        .slice(at, at + 2 + Math.floor(r() * 5))
        .join('')
        .trim();
      if (!/^[\p{L}\p{N}]/u.test(term) || !/[\p{L}\p{N}]$/u.test(term)) continue;
      const t = termLookup(term);
      for (const gram of t.grams) assert.ok(grams.has(gram), `${term}: ${gram}`);
    }
    // Exact: a 3-gram present means the term is there.
    for (const gram of grams) if (termLookup(gram).exact) assert.ok(text.includes(gram), gram);
  }
});

test('a document past GRAM_BYTES keeps only the overflow lexeme', () => {
  const r = rng(3);
  const chars = Array.from({ length: 80_000 }, () => String.fromCodePoint(0x4e00 + Math.floor(r() * 20_000)));
  const g = gramLexemes([chars.join('')]);
  assert.ok(80_000 * 10 > GRAM_BYTES);
  assert.deepEqual(g, { lexemes: [OVERFLOW], complete: false, bytes: g.bytes });
  assert.ok(g.bytes > GRAM_BYTES, 'the bytes counted against the limit');
});
