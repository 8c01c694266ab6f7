// chars.ts against the definitions it replaces (bigram.ts normaliseText and indexTokens, grams.ts
// gramLexemes as they stood before it, copied here): the same strings, tokens and grams, in the
// same order, for random text drawn from characters of every class the functions treat apart
// (simple, full-width, marks, format characters, surrogate pairs, lone surrogates, Hangul marks,
// ligatures, punctuation) and for the bench corpus.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generatePublication, rng } from '../../../bench/corpus.ts';
import { documentForIndex, indexTokens, normaliseText, MAX_WORD_LENGTH } from './bigram.ts';
import { normaliseInPlace, normalisesInPlace } from './chars.ts';
import { gramLexemes } from './grams.ts';

const CJK_CHAR = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;
const FORMAT_CHAR = /\p{Cf}/u;
const COMBINING_MARK = /\p{M}/u;
const RUN_CHAR = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{L}\p{N}\p{M}]/u;

function isSimpleCode(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x20 || (c >= 0x4e00 && c <= 0x9fff);
}
function codePointWidth(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 0xd800 || c > 0xdbff || i + 1 >= text.length) return 1;
  const d = text.charCodeAt(i + 1);
  return d >= 0xdc00 && d <= 0xdfff ? 2 : 1;
}
function refNormalise(text: string): string {
  let out = '';
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    const w = codePointWidth(text, i);
    let j = i + w;
    while (j < n && !isSimpleCode(text.charCodeAt(j))) {
      const w2 = codePointWidth(text, j);
      if (!COMBINING_MARK.test(text.slice(j, j + w2))) break;
      j += w2;
    }
    if (j === i + w && isSimpleCode(c)) out += text[i];
    else {
      const chunk = text.slice(i, j);
      if (!(j === i + w && FORMAT_CHAR.test(chunk))) out += chunk.normalize('NFKC').toLowerCase().normalize('NFKC');
    }
    i = j;
  }
  return out;
}
function refIndexTokens(text: string): string[] {
  const segs: { kind: string; text: string }[] = [];
  let current: { kind: string; text: string } | null = null;
  for (const ch of refNormalise(text)) {
    const kind = CJK_CHAR.test(ch) ? 'cjk' : WORD_CHAR.test(ch) ? 'word' : null;
    if (kind === null) {
      current = null;
      continue;
    }
    if (current !== null && (current.kind === kind || COMBINING_MARK.test(ch))) current.text += ch;
    else {
      current = { kind, text: ch };
      segs.push(current);
    }
  }
  const out: string[] = [];
  for (const s of segs) {
    const cps = Array.from(s.text);
    if (s.kind === 'cjk') {
      if (cps.length > 1) for (let i = 0; i + 1 < cps.length; i += 1) out.push(cps[i]! + cps[i + 1]!);
      out.push(cps[cps.length - 1]!);
    } else {
      const cut = cps.length > MAX_WORD_LENGTH ? cps.slice(0, MAX_WORD_LENGTH) : cps;
      out.push(...cut.map((_, i) => cut.slice(i).join('')));
    }
  }
  return out;
}
function refGrams(parts: readonly string[]): string[] {
  const grams = new Set<string>();
  for (const part of parts) {
    const runs: string[][] = [];
    let current: string[] = [];
    for (const ch of refNormalise(part)) {
      if (RUN_CHAR.test(ch)) current.push(ch);
      else if (current.length) {
        runs.push(current);
        current = [];
      }
    }
    if (current.length) runs.push(current);
    for (const run of runs)
      for (let i = 0; i + 1 < run.length; i += 1) {
        const a = run[i]!;
        const b = run[i + 1]!;
        if (!(CJK_CHAR.test(a) && CJK_CHAR.test(b))) grams.add(a + b);
        if (i + 2 < run.length) grams.add(a + b + run[i + 2]!);
      }
  }
  return [...grams];
}

// Characters of every class: simple, CJK (BMP and a surrogate pair), full-width, marks (Latin,
// Hangul tone marks that are CJK and marks), format characters, lone surrogates, ligatures,
// compatibility forms, Kana, Hangul, upper case, punctuation, newlines.
const POOL = [
  ...'abcxyz0129 低保户公开县镇第项',
  'A',
  'Z',
  'Ｇ',
  '１',
  '　',
  '，',
  '。',
  '；',
  '、',
  '（',
  '）',
  '\n',
  '\t',
  '-',
  '_',
  '"',
  "'",
  '\u0301',
  '\u0308',
  '\u20dd',
  '\u302e',
  '\u302f',
  '\u3099',
  '\u200b',
  '\u00ad',
  '\ufeff',
  '\u2060',
  '\ud840\udc0b',
  '\ud83d\ude00',
  '\ud800',
  '\udc00',
  'ﬁ',
  '㈱',
  '①',
  'Ⅻ',
  'ｶ',
  'ﾞ',
  'カ',
  'か',
  '한',
  '\u1100',
  'é',
  'É',
  'ß',
  'İ',
  'Σ',
  'ς',
  'ǅ',
  '²',
  '½',
  '٣',
  'ไ',
  '\u0e31',
  '·',
  '…',
  '＄',
];

test('normaliseText, indexTokens, documentForIndex and gramLexemes equal their earlier definitions on random text', () => {
  const r = rng(16);
  for (let n = 0; n < 4000; n++) {
    const len = 1 + Math.floor(r() * 40);
    let s = '';
    for (let k = 0; k < len; k++) s += POOL[Math.floor(r() * POOL.length)];
    if (n % 50 === 0) s = s.repeat(4) + 'x'.repeat(120) + s; // a word over MAX_WORD_LENGTH
    assert.equal(normaliseText(s), refNormalise(s), JSON.stringify(s));
    assert.deepEqual(indexTokens(s), refIndexTokens(s), JSON.stringify(s));
    assert.equal(documentForIndex(s), refIndexTokens(s).join(' '), JSON.stringify(s));
    assert.deepEqual(gramLexemes([s, s.slice(3)]).lexemes, refGrams([s, s.slice(3)]), JSON.stringify(s));
  }
});

test('… and on the bench corpus', () => {
  const r = rng(20261205);
  for (let n = 0; n < 60; n++) {
    const g = generatePublication(r, n);
    for (const s of [g.title, g.summary, g.bodyHtml]) {
      assert.equal(normaliseText(s), refNormalise(s));
      assert.deepEqual(indexTokens(s), refIndexTokens(s));
      assert.equal(documentForIndex(s), refIndexTokens(s).join(' '));
    }
    // FTS5 strings longer than the code-unit buffer's first size and than one fromCharCode chunk.
    const long = g.bodyHtml.repeat(1 + (n % 12));
    assert.equal(documentForIndex(long), refIndexTokens(long).join(' '));
    assert.deepEqual(gramLexemes([g.title, g.bodyHtml]).lexemes, refGrams([g.title, g.bodyHtml]));
  }
});

test('normaliseInPlace is normaliseText where the text normalises in place, else null', () => {
  const r = rng(1207);
  // Mostly characters that normalise in place (simple, CJK, full-width, punctuation), so that both
  // answers are common; the rest of POOL now and then.
  const inPlace = [...'abc019 低保户公开县镇ＧＡ１，。；、（）\n\t-_"\'·…＄'];
  let kept = 0;
  for (let n = 0; n < 4000; n++) {
    const len = 1 + Math.floor(r() * 40);
    let s = '';
    for (let k = 0; k < len; k++)
      s += r() < 0.97 ? inPlace[Math.floor(r() * inPlace.length)] : POOL[Math.floor(r() * POOL.length)];
    const expected = normalisesInPlace(s) ? refNormalise(s) : null;
    assert.equal(normaliseInPlace(s), expected, JSON.stringify(s));
    if (expected !== null) kept += 1;
  }
  assert.ok(kept > 1000 && kept < 3900, `${kept} of 4000 normalise in place`);
});
