// compact-text.ts: the code round-trips every string (lone surrogates included), and the code of a
// text contains the code of a term exactly when the text contains the term — on random strings of
// every class the code treats apart (ASCII, the table's characters, other BMP characters, surrogate
// pairs) and on the bench corpus. Migration 0040's frozen copy codes every string the same way.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generatePublication, rng } from '../../../bench/corpus.ts';
import { encodeCompact as frozenEncode } from '../../db/migrations/20261206_0040_search_text_compact.ts';
import { decodeCompact, encodeCompact, storedText, TABLE } from './compact-text.ts';
import { searchableText } from './text.ts';

const r = rng(40);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
const ascii = 'ab09 \n,.-/()xyz%';
const table = Array.from(TABLE);
// BMP characters outside the table (rare CJK, kana, Hangul, Latin-1, symbols) and astral ones.
const other = ['龘', '犇', 'の', '한', 'é', '€', '〇', '丨', '\u{20000}', '\u{2A6D6}', '\u{1F600}', '\uFFFD'];

/** A random string of `n` code points drawn from a few characters of each class (so terms recur). */
function randomText(n: number, alphabet: string[]): string {
  let s = '';
  for (let i = 0; i < n; i++) s += pick(alphabet);
  return s;
}

test('the table has 59 × 64 distinct BMP characters, none of them ASCII', () => {
  assert.equal(table.length, 59 * 64);
  assert.equal(new Set(table).size, table.length);
  for (const ch of table) assert.ok(ch.length === 1 && ch.charCodeAt(0) >= 0x80);
});

test('every string round-trips, lone surrogates included; the migration codes it the same', () => {
  const alphabet = [...ascii, ...table.slice(0, 40), ...table.slice(-30), ...other, '\uD800', '\uDFFF'];
  for (let k = 0; k < 3000; k++) {
    const s = randomText(Math.floor(r() * 60), alphabet);
    const code = encodeCompact(s);
    assert.equal(decodeCompact(code), s);
    assert.equal(storedText(code), s);
    assert.deepEqual(frozenEncode(s), code);
  }
  assert.equal(storedText('文本'), '文本');
  // Sizes: ASCII 1 byte, the table 2, anything else 4.
  assert.equal(encodeCompact('a\n').length, 2);
  assert.equal(encodeCompact('公开、').length, 6);
  assert.equal(encodeCompact('龘\u{20000}').length, 8);
  // Long texts (decoded in pieces).
  const long = randomText(20_000, [...table.slice(0, 100), ...ascii]);
  assert.equal(decodeCompact(encodeCompact(long)), long);
});

test("a text's code contains a term's code exactly when the text contains the term", () => {
  // Few characters, so that terms of 1–4 characters are often found; the table's two-byte codes
  // share their lead bytes (the first 64 characters) and their second bytes (every 64th).
  const alphabet = [...'ab1 ', table[0], table[1], table[64], table[65], table[3775], '龘', '\u{20000}', '、'].map(
    (c) => c as string,
  );
  let found = 0;
  for (let k = 0; k < 20_000; k++) {
    const text = randomText(1 + Math.floor(r() * 30), alphabet);
    const chars = Array.from(text);
    const term =
      r() < 0.5
        ? chars
            .slice(Math.floor(r() * chars.length))
            .slice(0, 1 + Math.floor(r() * 4))
            .join('')
        : randomText(1 + Math.floor(r() * 3), alphabet);
    const expected = text.includes(term);
    assert.equal(encodeCompact(text).includes(encodeCompact(term)), expected, `${text} / ${term}`);
    if (expected) found++;
  }
  assert.ok(found > 5000 && found < 15_000, `found ${found}`);
});

test('on the bench corpus: the same answers, and a third fewer bytes than UTF-8', () => {
  const g = rng(4040);
  let utf8 = 0;
  let compact = 0;
  for (let n = 0; n < 200; n++) {
    const p = generatePublication(g, n);
    const t = searchableText({
      title: p.title,
      summary: p.summary,
      bodyHtml: p.bodyHtml,
      documentNumber: p.documentNumber,
      indexNumber: '',
      attachmentTexts: [],
    }).normalised;
    const code = encodeCompact(t);
    assert.equal(decodeCompact(code), t);
    utf8 += Buffer.byteLength(t);
    compact += code.length;
    const chars = Array.from(t);
    for (let k = 0; k < 20; k++) {
      const at = Math.floor(g() * chars.length);
      const term = chars.slice(at, at + 1 + Math.floor(g() * 5)).join('');
      const probe = k % 2 ? term : `${term}县`;
      assert.equal(code.includes(encodeCompact(probe)), t.includes(probe));
    }
  }
  assert.ok(compact < utf8 * 0.75, `${compact} of ${utf8} bytes`);
});
