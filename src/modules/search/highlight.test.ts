// The search snippets (highlight.ts) against the highlighter as it was before it mapped only a
// prefix of the text: the same HTML for random text with marks, surrogates, format characters and
// characters whose normalisation is longer or shorter, hits anywhere, and any window length.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normaliseText, normaliseWithMap } from './bigram.ts';
import { normalisesInPlace } from './chars.ts';
import { highlight, highlightHead } from './highlight.ts';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const display = (chars: readonly string[], from: number, to: number) =>
  chars
    .slice(from, to)
    .join('')
    .replace(/\s+/gu, ' ')
    .replace(/[&<>"']/g, (ch) => ESCAPES[ch] as string);

/** highlight() with the whole text mapped (the earlier definition). */
function referenceHighlight(text: string, terms: readonly string[], maxLength: number): string {
  const { text: normalised, origin, originEnd, chars } = normaliseWithMap(text, true);
  const hits: Array<[number, number]> = [];
  for (const term of new Set(terms.map(normaliseText))) {
    if (term === '') continue;
    for (let at = normalised.indexOf(term); at !== -1; at = normalised.indexOf(term, at + 1)) {
      hits.push([origin[at] as number, originEnd[at + term.length - 1] as number]);
    }
  }
  hits.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: Array<[number, number]> = [];
  for (const hit of hits) {
    const last = merged[merged.length - 1];
    if (last !== undefined && hit[0] <= last[1]) last[1] = Math.max(last[1], hit[1]);
    else merged.push([hit[0], hit[1]]);
  }
  let start = 0;
  const first = merged[0];
  if (first !== undefined) {
    const lead = Math.max(0, Math.floor((maxLength - (first[1] - first[0])) / 4));
    start = Math.max(0, Math.min(first[0] - lead, chars.length - maxLength));
  }
  const end = Math.min(chars.length, start + maxLength);
  let html = start > 0 ? '…' : '';
  let at = start;
  for (const [hitStart, hitEnd] of merged) {
    const from = Math.max(hitStart, start);
    const to = Math.min(hitEnd, end);
    if (from >= to) continue;
    html += display(chars, at, from) + '<mark>' + display(chars, from, to) + '</mark>';
    at = to;
  }
  html += display(chars, at, end);
  if (end < chars.length) html += '…';
  return html;
}

const ALPHABET = [
  'a',
  'b',
  'Z',
  '９',
  'Ａ',
  'é',
  'e\u0301',
  '\u0301',
  '\u0300',
  '\u200b',
  '\u00ad',
  'ﬁ',
  'Ⅻ',
  '①',
  '㈱',
  '㎡',
  '\ud83d\ude00',
  '\ud83d',
  '\ude00',
  '\u3000',
  ' ',
  '  ',
  '\n',
  '\t',
  '中',
  '国',
  '灵',
  '溪',
  '镇',
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
  '。',
  '，',
  '（',
  '𠀀',
  '\ufeff',
  '<',
  '&',
  '"',
  '1',
  '2',
];

/** Characters that normalise in place (one code unit each): the highlighter's path without a map. */
const IN_PLACE = [
  'a',
  'Z',
  '９',
  'Ａ',
  '中',
  '灵',
  '，',
  '。',
  '（',
  '\u3000',
  ' ',
  '\n',
  '\t',
  '<',
  '&',
  '1',
  'Ω',
  'ｶ',
];

for (const [name, alphabet] of [
  ['any text', ALPHABET],
  ['text that normalises in place', IN_PLACE],
] as const) {
  test(`highlight gives the HTML of the whole-text map for random terms and window lengths: ${name}`, () => {
    let seed = 20261206;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const pick = () => alphabet[Math.floor(next() * alphabet.length)] as string;
    for (let k = 0; k < 4000; k++) {
      const size = Math.floor(next() * (k % 4 === 0 ? 900 : 120));
      let text = '';
      for (let i = 0; i < size; i++) text += next() < 0.3 ? '中国灵溪镇'.charAt(Math.floor(next() * 5)) : pick();
      const cps = Array.from(text);
      const terms: string[] = [];
      for (let t = Math.floor(next() * 3); t >= 0; t--) {
        if (next() < 0.7 && cps.length) {
          const from = Math.floor(next() * cps.length);
          terms.push(cps.slice(from, from + 1 + Math.floor(next() * 4)).join(''));
        } else terms.push(pick() + (next() < 0.5 ? pick() : ''));
      }
      if (alphabet === IN_PLACE) assert.ok(normalisesInPlace(text), JSON.stringify(text));
      const maxLength = [1, 3, 10, 40, 160, 200][Math.floor(next() * 6)] as number;
      assert.equal(
        highlight(text, terms, { maxLength }),
        referenceHighlight(text, terms, maxLength),
        JSON.stringify({ text, terms, maxLength }),
      );
    }
  });
}

/** A seeded random source (the same cases every run) and a pick from an alphabet with it. */
function seeded(seed: number) {
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const from = (alphabet: readonly string[]) => alphabet[Math.floor(next() * alphabet.length)] as string;
  return { next, from };
}

/**
 * One to three query terms for a random text: pieces of it, pieces of 灵溪镇中国, now and then an
 * empty one (with `blanks`), or one or two random characters.
 */
function randomTerms(cps: readonly string[], { next, from }: ReturnType<typeof seeded>, blanks: boolean): string[] {
  const terms: string[] = [];
  for (let t = Math.floor(next() * 3); t >= 0; t--) {
    if (next() < 0.6 && cps.length) {
      const at = Math.floor(next() * cps.length);
      terms.push(cps.slice(at, at + 1 + Math.floor(next() * 6)).join(''));
    } else if (next() < 0.5) terms.push('灵溪镇中国'.slice(Math.floor(next() * 3), 3 + Math.floor(next() * 3)));
    else if (blanks && next() < 0.2) terms.push('');
    else terms.push(from(ALPHABET) + (next() < 0.5 ? from(IN_PLACE) : ''));
  }
  return terms;
}

test('highlight gives the HTML of the whole-text map where text normalises in place only up to a point', () => {
  // The in-place prefix is normalised a piece at a time (highlight.ts inPlacePrefix): hits before,
  // across and after each cut, a first hit far into the text, marks and surrogates after the prefix.
  const random = seeded(20261207);
  const { next, from } = random;
  for (let k = 0; k < 3000; k++) {
    let text = '';
    const inPlace = Math.floor(next() * (k % 3 === 0 ? 2500 : 700));
    for (let i = 0; i < inPlace; i++)
      text += next() < 0.4 ? '中国灵溪镇'.charAt(Math.floor(next() * 5)) : from(IN_PLACE);
    const rest = Math.floor(next() * (k % 2 === 0 ? 0 : 200));
    for (let i = 0; i < rest; i++) text += next() < 0.3 ? '中国灵溪镇'.charAt(Math.floor(next() * 5)) : from(ALPHABET);
    const terms = randomTerms(Array.from(text), random, false);
    const maxLength = [1, 3, 10, 40, 160, 200][Math.floor(next() * 6)] as number;
    assert.equal(
      highlight(text, terms, { maxLength }),
      referenceHighlight(text, terms, maxLength),
      JSON.stringify({ text, terms, maxLength }),
    );
  }
});

test('highlight: a hit far into a long body, hits on both sides of the window, no hit', () => {
  const body = `${'通知'.repeat(400)}灵溪镇${'公告'.repeat(400)}灵溪${'ﬁ\u0301'.repeat(50)}`;
  for (const terms of [['灵溪'], ['灵溪镇', '通知'], ['不在'], ['fi'], []]) {
    for (const maxLength of [1, 160, 5000]) {
      assert.equal(highlight(body, terms, { maxLength }), referenceHighlight(body, terms, maxLength));
    }
  }
  assert.equal(highlight('', ['灵溪']), '');
  assert.match(highlight(body, ['灵溪']), /^…知(通知)+<mark>灵溪<\/mark>镇(公告)+…$/);
});

test('highlightHead of any prefix is null or the highlight of the whole text', () => {
  // The search page's snippet from a body read only in part (hit-snippet.ts): for random text,
  // terms and window lengths, the head cut anywhere (inside a surrogate pair, before a mark, in a
  // hit) gives null or the whole text's snippet, and the old (whole-map) highlighter's. Enough
  // heads decide for the test to mean something: counted.
  const random = seeded(20261208);
  const { next, from } = random;
  let decided = 0;
  let heads = 0;
  for (let k = 0; k < 1500; k++) {
    const alphabet = k % 3 === 0 ? ALPHABET : IN_PLACE;
    let text = '';
    const size = Math.floor(next() * (k % 4 === 0 ? 1500 : 400));
    for (let i = 0; i < size; i++) text += next() < 0.4 ? '中国灵溪镇'.charAt(Math.floor(next() * 5)) : from(alphabet);
    if (k % 5 === 0) for (let i = 0; i < 30; i++) text += from(ALPHABET);
    const cps = Array.from(text);
    const terms = randomTerms(cps, random, true);
    const maxLength = [1, 3, 10, 40, 160, 200][Math.floor(next() * 6)] as number;
    const whole = highlight(text, terms, { maxLength });
    assert.equal(whole, referenceHighlight(text, terms, maxLength));
    const cuts = new Set([0, 1, text.length, text.length - 1, text.length - 2]);
    for (let c = 0; c < 12; c++) cuts.add(Math.floor(next() * (text.length + 1)));
    for (const cut of cuts) {
      if (cut < 0 || cut > text.length) continue;
      const head = highlightHead(text.slice(0, cut), terms, { maxLength });
      heads += 1;
      if (head === null) continue;
      decided += 1;
      assert.equal(head, whole, JSON.stringify({ text, cut, terms, maxLength }));
    }
  }
  assert.ok(decided > heads / 4, `${decided} of ${heads} heads decided`);
});

test('highlightHead: the window and the closing ellipsis at the end of the head', () => {
  const text = `${'通知'.repeat(100)}灵溪镇${'公告'.repeat(100)}`;
  // The window of 灵溪 starts 39 before it and ends at 200 + 160 − 39 = 321. The head's last
  // character may take a mark, so 322 of its characters are known with a head of 323; a hit of
  // two characters not in them starts at 321 or later: the window is decided. With a head of 322
  // a hit may start at 320, inside the window.
  assert.equal(highlightHead(text.slice(0, 400), ['灵溪']), highlight(text, ['灵溪']));
  assert.equal(highlightHead(text.slice(0, 323), ['灵溪']), highlight(text, ['灵溪']));
  assert.equal(highlightHead(text.slice(0, 322), ['灵溪']), null);
  // No hit in the head: the text's first hit may come later.
  assert.equal(highlightHead(text.slice(0, 150), ['灵溪']), null);
  assert.equal(highlightHead(text.slice(0, 170), ['公告']), null);
  // No term: the start of the text, with "…" since more follows.
  assert.equal(highlightHead(text.slice(0, 170), [], { maxLength: 10 }), `${'通知'.repeat(5)}…`);
  assert.equal(highlightHead('通知通', [], { maxLength: 3 }), null);
  // A head ending before a combining mark: its last character may take the mark.
  assert.equal(highlightHead('cafe', ['cafe'], { maxLength: 3 }), null);
  assert.equal(highlightHead('', ['a']), null);
});
