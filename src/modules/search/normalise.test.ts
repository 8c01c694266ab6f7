// Text normalisation for the search index (bigram.ts normaliseText / normaliseWithMap): NFKC,
// case, widths and format characters, and the offset map the highlighter uses, checked against a
// plain reference implementation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normaliseText, normaliseWithMap } from './bigram.ts';

test('normaliseText: NFKC, lowercase, full-width to half-width, format characters removed', () => {
  const cases: Array<[string, string]> = [
    ['ＧＢ３２１００－２０１５', 'gb32100-2015'],
    ['Ｇｏｎｇｋａｉ　公开', 'gongkai 公开'],
    ['低保户', '低保户'],
    ['ABC', 'abc'],
    ['㈱', '(株)'],
    ['低\u200b保', '低保'],
    ['Cafe\u0301', 'café'],
    ['ｶﾀｶﾅ', 'カタカナ'],
  ];
  for (const [input, expected] of cases) assert.equal(normaliseText(input), expected, input);
});

/**
 * normaliseWithMap() as it was before its fast path for simple characters (docs/PERFORMANCE.md,
 * "Render cost"): the reference the current one must equal, map and all.
 */
function referenceNormaliseWithMap(input: string) {
  const chars = Array.from(input);
  let text = '';
  const origin: number[] = [];
  const originEnd: number[] = [];
  let i = 0;
  while (i < chars.length) {
    let j = i + 1;
    while (j < chars.length && /\p{M}/u.test(chars[j] as string)) j += 1;
    const chunk = chars.slice(i, j).join('');
    let normalised: string;
    if (j === i + 1 && /[a-z0-9 \u4e00-\u9fff]/.test(chunk)) normalised = chunk;
    else if (j === i + 1 && /\p{Cf}/u.test(chunk)) normalised = '';
    else normalised = chunk.normalize('NFKC').toLowerCase().normalize('NFKC');
    text += normalised;
    for (let k = 0; k < normalised.length; k += 1) {
      origin.push(i);
      originEnd.push(j);
    }
    i = j;
  }
  origin.push(chars.length);
  return { text, origin, originEnd, chars };
}

test('normaliseText is normaliseWithMap() without the map, and normaliseWithMap its reference, also for marks, surrogates and format characters', () => {
  // normaliseText() has its own loop (the bulk import's hot path); both must cut the same chunks.
  const alphabet = [
    'a',
    'Z',
    '９',
    'Ａ',
    'é',
    'e\u0301',
    '\u0301',
    '\u200b',
    '\u00ad',
    'ﬁ',
    'Ⅻ',
    '①',
    '\ud83d\ude00',
    '\ud83d',
    '\ude00',
    '\u3000',
    ' ',
    '\n',
    '中',
    '國',
    'ｶ',
    'ﾞ',
    '가',
    '\u1100',
    '\u1161',
    'İ',
    'ß',
    'Σ',
    '\u0345',
    '\u0300',
    '。',
    '𠀀',
    '\ufeff',
    '〇',
    'Ω',
    'K',
  ];
  let seed = 20261205;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let k = 0; k < 20000; k++) {
    let s = '';
    for (let q = 1 + Math.floor(next() * 10); q > 0; q--) s += alphabet[Math.floor(next() * alphabet.length)];
    assert.equal(normaliseText(s), normaliseWithMap(s, false).text, JSON.stringify(s));
    assert.deepEqual(normaliseWithMap(s, true), referenceNormaliseWithMap(s), JSON.stringify(s));
  }
});
