// PostgreSQL's lexemes in the order array_to_tsvector() sorts them (search-index.postgres.ts). The
// function sorts a document's ~1,400 lexemes at bind with pg_qsort, which first checks whether its
// input is sorted already and then returns after n − 1 comparisons: sent in order, the sort was
// 13 % of the server's CPU in a bulk import (docs/PERFORMANCE.md "Bulk import on PostgreSQL: the
// client's profile, lexemes sent in order"). The stored vector does not depend on the order sent
// (the server sorts and de-duplicates whatever comes); an order the server disagrees with only
// costs it the sort again. The server compares the lexemes' UTF-8 bytes (tsCompareString: memcmp,
// then the shorter first), which is the order of their code points; JavaScript's `<` compares
// UTF-16 code units, the same order except a character past U+FFFF against one of U+E000–U+FFFF,
// so lexemes with such characters are ordered by code point here.

/** 17 bits a code point: every character below U+1FFFF (the BMP and CJK Extension B's start). */
const CP_BITS = 2 ** 17;
/** Below 2^11 lexemes a document, a key carries its lexeme's index in its low 11 bits. */
const INDEX_BITS = 2 ** 11;

/**
 * A number that sorts as the lexeme does by code point, for lexemes of one to three characters
 * below U+1FFFF (each + 1 in 17 bits, a missing one 0, so a prefix sorts first: 51 bits); −1 for
 * the others.
 */
function keyOf(lexeme: string): number {
  if (lexeme.length > 3) return -1;
  let key = 0;
  for (let i = 0; i < 3; i++) {
    const c = i < lexeme.length ? lexeme.charCodeAt(i) : -1;
    if (c >= 0xd800 && c <= 0xdfff) return -1;
    key = key * CP_BITS + (c + 1);
  }
  return key;
}

/** Code-point order (UTF-8 byte order): `<` on UTF-16 code units, except past U+FFFF. */
function compare(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i) as number;
    const y = b.codePointAt(i) as number;
    if (x !== y) return x < y ? -1 : 1;
    if (x > 0xffff) i++;
  }
  return a.length < b.length ? -1 : 1;
}

/** Two sorted lists merged (a stable merge: `a`'s first on ties). */
function merge(a: readonly string[], b: readonly string[]): string[] {
  if (!b.length) return a as string[];
  if (!a.length) return b as string[];
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length)
    out.push(compare(a[i] as string, b[j] as string) <= 0 ? (a[i++] as string) : (b[j++] as string));
  while (i < a.length) out.push(a[i++] as string);
  while (j < b.length) out.push(b[j++] as string);
  return out;
}

/**
 * The lexemes in the server's order. Most are one to three characters (bigrams, 3-grams, a
 * character's prefix token): their keys, with the lexeme's index in the low bits, are sorted as
 * 64-bit integers (a typed array's native sort: ~0.1 ms for a document's two vectors, against
 * ~0.4 ms for Array.prototype.sort of the strings); the rest (longer Latin/digit words, characters
 * past U+1FFFF) by `compare`, and the two merged.
 */
export function sortLexemes(lexemes: readonly string[]): string[] {
  // A longer document (rare: the bench corpus has ~1,400 lexemes in its two large vectors): the
  // strings' own sort, in UTF-16 order — at worst the server sorts again.
  if (lexemes.length >= INDEX_BITS) return [...lexemes].sort();
  const keys = new BigUint64Array(lexemes.length);
  const halves = new Uint32Array(keys.buffer);
  const little = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
  const [lo, hi] = little ? [0, 1] : [1, 0];
  const rest: string[] = [];
  let n = 0;
  for (let i = 0; i < lexemes.length; i++) {
    const key = keyOf(lexemes[i] as string);
    if (key < 0) {
      rest.push(lexemes[i] as string);
      continue;
    }
    // key · 2^11 + i (62 bits) as two 32-bit halves: the low 21 bits of the key and the index,
    // and the key's top 30 bits.
    halves[2 * n + lo] = (key % 2 ** 21) * INDEX_BITS + i;
    halves[2 * n + hi] = Math.floor(key / 2 ** 21);
    n++;
  }
  keys.subarray(0, n).sort();
  const sorted: string[] = new Array<string>(n);
  for (let k = 0; k < n; k++) sorted[k] = lexemes[(halves[2 * k + lo] as number) % INDEX_BITS] as string;
  return merge(sorted, rest.sort(compare));
}

/**
 * `head` (lexemes in the server's order, space-separated) with the lexemes of `tail` put in their
 * places: a bulk import's 索引号 tokens, added at the write to what a worker thread made and sorted.
 * This runs on the import's main thread, so it is kept cheap (~0.01–0.015 ms for a 索引号's 27):
 * the tail is sorted with `<`, and each lexeme's place found by a binary search on the string's
 * character offsets comparing with `<` — UTF-16 order, which differs from the server's only past
 * U+FFFF (an order the server disagrees with costs it its sort, nothing else).
 */
export function insertLexemes(head: string, tail: readonly string[]): string {
  if (!tail.length) return head;
  if (!head) return sortLexemes(tail).join(' ');
  const parts: string[] = [];
  let from = 0; // the head's text before `from` (a lexeme's start, or the end) is in `parts`
  for (const t of [...tail].sort()) {
    // The start of the first lexeme of head at or after `from` that sorts after t: galloping from
    // `from` (the tail's lexemes, sorted, mostly land near each other), then a binary search.
    let lo = from;
    let hi = head.length;
    for (let step = 16; lo < hi; step *= 2) {
      const probe = lo + step;
      if (probe >= head.length) break;
      const start = head.lastIndexOf(' ', probe - 1) + 1;
      const end = head.indexOf(' ', start);
      if (start >= lo && head.slice(start, end < 0 ? head.length : end) > t) {
        hi = start;
        break;
      }
      if (start >= lo) lo = end < 0 ? head.length : end + 1;
    }
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const start = head.lastIndexOf(' ', mid - 1) + 1;
      const end = head.indexOf(' ', start);
      if (head.slice(start, end < 0 ? head.length : end) <= t) lo = end < 0 ? head.length : end + 1;
      else hi = start;
    }
    if (lo > from) parts.push(head.slice(from, lo));
    parts.push(lo >= head.length ? ` ${t}` : `${t} `);
    from = lo;
  }
  if (from < head.length) parts.push(head.slice(from));
  return parts.join('');
}
