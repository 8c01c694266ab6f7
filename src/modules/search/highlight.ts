// Search result snippets (split from bigram.ts, #13 point 3): the text around the first hit, hits
// in <mark>, found with the tokenizer's own normalisation (normaliseWithMap), so a hit is
// highlighted exactly where the index and the substring re-check found it.
import { normaliseText, normaliseWithMap } from './bigram.ts';
import { normaliseInPlace } from './chars.ts';

export interface HighlightOptions {
  /** Characters of the original text shown, not counting the ellipses and the markup. */
  maxLength?: number;
}

export const DEFAULT_SNIPPET_LENGTH = 160;

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch] as string);
}

/**
 * The original text by code point: the text itself where it has no surrogates (its indices are
 * code points), else its code points as an array (normaliseWithMap's `chars`).
 */
type Source = string | readonly string[];

/** The source's code points [from, to) shown: whitespace runs as one space, escaped. */
function display(source: Source, from: number, to: number): string {
  const text = typeof source === 'string' ? source.slice(from, to) : source.slice(from, to).join('');
  return escapeHtml(text.replace(/\s+/gu, ' '));
}

/** Whether a chunk of normaliseWithMap() ends at UTF-16 index `p` of `text` (bigram.ts). */
function chunkEndsAt(text: string, p: number): boolean {
  if (p >= text.length) return true;
  const c = text.charCodeAt(p);
  // Inside a surrogate pair: not even a code point boundary.
  if (c >= 0xdc00 && c <= 0xdfff && p > 0) {
    const h = text.charCodeAt(p - 1);
    if (h >= 0xd800 && h <= 0xdbff) return false;
  }
  // A chunk is a character and the combining marks after it: it ends before any other character.
  return !COMBINING_MARK.test(String.fromCodePoint(text.codePointAt(p) as number));
}

const COMBINING_MARK = /\p{M}/u;
const SURROGATE = /[\ud800-\udfff]/;

/** The number of code points of `text` (Array.from's count: a lone surrogate counts as one). */
function codePointCount(text: string): number {
  if (!SURROGATE.test(text)) return text.length;
  let n = 0;
  for (const _ of text) n += 1;
  return n;
}

/**
 * An HTML snippet of at most `maxLength` characters of `text` around the first hit of any term,
 * with every hit inside it wrapped in <mark> and everything else escaped. Without a hit the
 * snippet is the start of the text. "…" marks text cut at either end; runs of whitespace show as
 * one space.
 *
 * The hits are found in the normalised text (normaliseText, the same as normaliseWithMap's text).
 * Where it normalises character for character (chars.ts normalisesInPlace) its positions are the
 * text's, and only a prefix that holds the first hit and the window is normalised
 * (inPlacePrefix); otherwise the whole text is normalised and the offset map is made only for a
 * prefix of the text that reaches past the shown window: normalisation works chunk by chunk (a
 * character and its marks), so the map of a prefix cut where a chunk ends is the start of the
 * whole text's map, and a hit that starts after the prefix starts after the window. A body of
 * 1,600 characters is mapped only up to its first hit and 160 more (docs/PERFORMANCE.md, "Render
 * cost: the search page").
 */
export function highlight(text: string, terms: readonly string[], options: HighlightOptions = {}): string {
  const maxLength = lengthOf(options);
  const needles = needlesOf(terms);
  return inPlacePrefix(text, needles, maxLength, false) ?? (mapped(text, needles, maxLength, false) as string);
}

/**
 * highlight() of a text of which only `head` is known (a prefix of it, cut anywhere; more text may
 * follow, or none), or null when the head does not decide it. The chunk in which the head ends may
 * go on in the text, so only the head up to its last chunk end before its end is used (`known`):
 * the text has at least one more code point, and its length, on which the window and the closing
 * "…" depend, is larger than any position in `known`. The snippet is decided when the first hit is
 * a hit of `known` that any hit not in it starts after (a hit that reaches past `known` starts at
 * most the longest term's length − 1 before its end), and the window ends before that point; with
 * no hit in `known`, the text's first hit may come later and nothing is decided (the search page
 * reads more of the body: search/hit-snippet.ts).
 */
export function highlightHead(head: string, terms: readonly string[], options: HighlightOptions = {}): string | null {
  const maxLength = lengthOf(options);
  const needles = needlesOf(terms);
  let p = head.length - 1;
  while (p > 0 && !chunkEndsAt(head, p)) p -= 1;
  if (p <= 0) return null;
  const known = head.slice(0, p);
  const html = inPlacePrefix(known, needles, maxLength, true);
  return html !== undefined ? html : mapped(known, needles, maxLength, true);
}

function lengthOf(options: HighlightOptions): number {
  return Math.max(1, Math.floor(options.maxLength ?? DEFAULT_SNIPPET_LENGTH));
}

function needlesOf(terms: readonly string[]): string[] {
  return [...new Set(terms.map(normaliseText))].filter((t) => t !== '');
}

/** The longest needle's length, at least 1 (with no needle the window must still end inside a prefix). */
function longestOf(needles: readonly string[]): number {
  let longest = 1;
  for (const t of needles) if (t.length > longest) longest = t.length;
  return longest;
}

/** Hits of the needles in a normalised text as [start, end) (UTF-16 indices), and the first start (-1: none). */
function hitsIn(normalised: string, needles: readonly string[]): { found: Array<[number, number]>; firstAt: number } {
  const found: Array<[number, number]> = [];
  let firstAt = -1;
  for (const term of needles) {
    for (let at = normalised.indexOf(term); at !== -1; at = normalised.indexOf(term, at + 1)) {
      found.push([at, at + term.length]);
      if (firstAt === -1 || at < firstAt) firstAt = at;
    }
  }
  return { found, firstAt };
}

/**
 * The snippet from a prefix of the text that normalises in place (most text: CJK, ASCII,
 * full-width punctuation), normalised and searched a piece at a time until it holds the first hit
 * and the window after it; null as soon as a piece does not normalise in place (then the text is
 * mapped). A prefix cut where a chunk ends normalises to the start of the whole text's
 * normalisation, so a hit that ends inside the prefix is a hit of the whole text at the same place;
 * one that does not may start `longest` − 1 before the prefix's end at the earliest, so the first
 * hit found counts only if it starts before that, and the window must end before it too. A body of
 * 1,600 characters whose first hit is near its start is normalised only for its first ~350
 * (docs/PERFORMANCE.md, "Render cost: the search page, compiled once"). With `more` (highlightHead)
 * the text is a prefix cut where a chunk ends, and its end is never `complete`: null when it does not
 * decide the window; undefined (either way) when a piece does not normalise in place.
 */
function inPlacePrefix(
  text: string,
  needles: readonly string[],
  maxLength: number,
  more: boolean,
): string | null | undefined {
  const longest = longestOf(needles);
  let normalised = '';
  let cut = 0;
  let total = -1;
  for (let next = Math.min(text.length, 2 * maxLength + longest); ; next = Math.min(text.length, 2 * cut)) {
    while (!chunkEndsAt(text, next)) next += 1;
    const piece = normaliseInPlace(text.slice(cut, next));
    if (piece === null) return undefined;
    normalised += piece;
    cut = next;
    const complete = !more && cut >= text.length;
    const { found, firstAt } = hitsIn(normalised, needles);
    if (complete || needles.length === 0 || (firstAt !== -1 && firstAt <= cut - longest)) {
      // Positions in the prefix are code points (it has no surrogates); the text's count is its
      // length where it has none. With more text after it, the count is only known to be larger.
      if (total < 0) total = more ? Infinity : codePointCount(text);
      const html = snippet(text, complete ? total : cut - longest + 1, total, found, maxLength);
      if (html !== null) return html;
    }
    // Only with more text after it: the window is not decided by the text given.
    if (cut >= text.length) return null;
  }
}

/**
 * The snippet of a text that does not normalise in place: offsets mapped for a prefix of it. With
 * `more` (highlightHead) the text is a prefix cut where a chunk ends: null when it does not decide
 * the window.
 */
function mapped(text: string, needles: readonly string[], maxLength: number, more: boolean): string | null {
  const whole = normaliseText(text);
  const { found, firstAt } = hitsIn(whole, needles);
  // With more text after it: a hit of the text that is not one of `whole` starts at normalised
  // index `unseen` or later; the first hit must start before, and the window end before it.
  const unseen = Math.max(0, whole.length - longestOf(needles) + 1);
  if (more && needles.length > 0 && (firstAt === -1 || firstAt >= unseen)) return null;
  const total = more ? Infinity : codePointCount(text);

  // The prefix to map: guessed from the first hit (normalisation keeps most lengths), doubled
  // until it reaches the window's end and holds every hit that starts in it.
  let cut = Math.min(text.length, (firstAt === -1 ? 0 : firstAt) + maxLength + 16);
  for (;;) {
    while (!chunkEndsAt(text, cut)) cut += 1;
    const { text: normalised, origin, originEnd, chars } = normaliseWithMap(text.slice(0, cut), true);
    const mapped = normalised.length;
    const complete = cut >= text.length;
    const hits: Array<[number, number]> = [];
    let covered = complete || firstAt === -1 || firstAt < mapped;
    for (const [from, to] of found) {
      if (from >= mapped) continue;
      if (to > mapped) covered = false;
      else hits.push([origin[from] as number, originEnd[to - 1] as number]);
    }
    if (covered) {
      let limit = complete ? total : chars.length;
      if (more) limit = unseen < mapped ? (origin[unseen] as number) : chars.length;
      const html = snippet(chars, limit, total, hits, maxLength);
      if (html !== null) return html;
      if (complete) return null;
    }
    cut = Math.min(text.length, Math.max(cut * 2, 64));
  }
}

/**
 * The snippet from the hits (original code-point positions) of a text of `total` code points
 * whose first `mapped` can be sliced; null when the window reaches past them.
 */
function snippet(
  source: Source,
  mapped: number,
  total: number,
  hits: Array<[number, number]>,
  maxLength: number,
): string | null {
  // Hits merged where they overlap or touch.
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
    // Put the first hit about a quarter into the window, then pull the window back if it runs
    // past the end of the text.
    const hitLength = first[1] - first[0];
    const lead = Math.max(0, Math.floor((maxLength - hitLength) / 4));
    start = Math.max(0, Math.min(first[0] - lead, total - maxLength));
  }
  const end = Math.min(total, start + maxLength);
  // A hit after the prefix starts at or after its end: the window must end inside it.
  if (end > mapped) return null;

  let html = start > 0 ? '…' : '';
  let at = start;
  for (const [hitStart, hitEnd] of merged) {
    const from = Math.max(hitStart, start);
    const to = Math.min(hitEnd, end);
    if (from >= to) continue;
    html += display(source, at, from) + '<mark>' + display(source, from, to) + '</mark>';
    at = to;
  }
  html += display(source, at, end);
  if (end < total) html += '…';
  return html;
}
