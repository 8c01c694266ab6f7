// The per-character work of the search index (normalising, tokenising, grams) by code point
// through a table filled on first sight of each code point, instead of a regular expression and
// a one-character string per character: a bulk import normalises and tokenises ~5,000 characters
// a row, and the old per-character form (regex tests, `out += ch`, Array.from of every run) was
// most of the import's garbage (docs/PERFORMANCE.md, "Bulk import: allocation"). Every result is
// the same as the definitions in bigram.ts and grams.ts, which the tests compare.

const CJK_CHAR = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;
const FORMAT_CHAR = /\p{Cf}/u;
const COMBINING_MARK = /\p{M}/u;

const KNOWN = 1;
/** A CJK character (bigram.ts: CJK_CHAR). */
export const CJK = 2;
/** A letter, digit or mark (bigram.ts: WORD_CHAR). */
export const WORD = 4;
/** A combining mark. */
export const MARK = 8;
const FORMAT = 16;
/** Its one-character normalisation (a chunk of itself alone) is known: SAME or in `changed`. */
const SINGLE_KNOWN = 32;
const SAME = 64;

const table = new Uint8Array(0x110000);
const changed = new Map<number, string>();

/** The class bits of a code point (a lone surrogate is its own code point, as the regexes see it). */
export function classOf(cp: number): number {
  let c = table[cp] as number;
  if (c === 0) {
    const ch = String.fromCodePoint(cp);
    c =
      KNOWN |
      (CJK_CHAR.test(ch) ? CJK : 0) |
      (WORD_CHAR.test(ch) ? WORD : 0) |
      (COMBINING_MARK.test(ch) ? MARK : 0) |
      (FORMAT_CHAR.test(ch) ? FORMAT : 0);
    table[cp] = c;
  }
  return c;
}

/** The normalisation of a code point standing alone (no marks after it); undefined: itself. */
function single(cp: number): string | undefined {
  const c = classOf(cp);
  if (c & SINGLE_KNOWN) return c & SAME ? undefined : changed.get(cp);
  const ch = String.fromCodePoint(cp);
  const n = c & FORMAT ? '' : ch.normalize('NFKC').toLowerCase().normalize('NFKC');
  table[cp] = c | SINGLE_KNOWN | (n === ch ? SAME : 0);
  if (n !== ch) changed.set(cp, n);
  return n === ch ? undefined : n;
}

/** A simple character by code unit: a-z, 0-9, space and the CJK block (none of them a mark). */
export function isSimpleCode(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x20 || (c >= 0x4e00 && c <= 0x9fff);
}

/**
 * Whether normaliseText(text) has one code unit for each of `text`'s, the normalisation of the
 * character at the same index: no surrogates, no combining marks (every chunk is one character),
 * no character that normalises to nothing or to more than one code unit. Then bigram.ts
 * normaliseWithMap's map is the identity (highlight.ts needs no map).
 */
export function normalisesInPlace(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (isSimpleCode(c)) continue;
    if ((c >= 0xd800 && c <= 0xdfff) || classOf(c) & MARK) return false;
    const rep = single(c);
    if (rep !== undefined && rep.length !== 1) return false;
  }
  return true;
}

/**
 * normaliseText(text) if the text normalises in place (normalisesInPlace), else null: both in one
 * pass (highlight.ts normalises a snippet's prefix a piece at a time). Where the text normalises in
 * place every chunk is one character, so normaliseFast's work is its per-character replacement.
 */
export function normaliseInPlace(text: string): string | null {
  let out = '';
  let start = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (isSimpleCode(c)) continue;
    if ((c >= 0xd800 && c <= 0xdfff) || classOf(c) & MARK) return null;
    const rep = single(c);
    if (rep === undefined) continue;
    if (rep.length !== 1) return null;
    out += text.slice(start, i) + rep;
    start = i + 1;
  }
  return start === 0 ? text : out + text.slice(start);
}

/** The code point at `i` as bigram.ts counts them: a surrogate pair, else one code unit. */
function codeAt(text: string, i: number): number {
  return text.codePointAt(i) as number;
}

const width = (cp: number): number => (cp > 0xffff ? 2 : 1);

/**
 * bigram.ts normaliseText(): chunks of a character and the combining marks after it; a simple
 * character is itself, a lone format character is removed, any other chunk is NFKC, lowercase,
 * NFKC. Unchanged stretches are copied as one slice; a lone character's result is remembered.
 */
export function normaliseFast(text: string): string {
  let out = '';
  let start = 0;
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isSimpleCode(c) && (i + 1 >= n || isSimpleCode(text.charCodeAt(i + 1)))) {
      i += 1;
      continue;
    }
    const cp = codeAt(text, i);
    const w = width(cp);
    let j = i + w;
    while (j < n && !isSimpleCode(text.charCodeAt(j))) {
      const m = codeAt(text, j);
      if (!(classOf(m) & MARK)) break;
      j += width(m);
    }
    if (j === i + w) {
      if (!isSimpleCode(c)) {
        const rep = single(cp);
        if (rep !== undefined) {
          out += text.slice(start, i) + rep;
          start = j;
        }
      }
    } else {
      out += text.slice(start, i) + text.slice(i, j).normalize('NFKC').toLowerCase().normalize('NFKC');
      start = j;
    }
    i = j;
  }
  return start === 0 ? text : out + text.slice(start);
}

/**
 * The tokens of text that is normalised already (bigram.ts indexTokens), each given to `visit` as
 * its [start, end) in `text`, in order: the segments (runs of CJK, runs of letters/digits; a mark
 * stays with the run before it) — a CJK run's bigrams and its last character, a word (cut to
 * `maxWord` code points) and each of its suffixes.
 */
function eachToken(text: string, maxWord: number, visit: (start: number, end: number) => void): void {
  const n = text.length;
  let kind = 0; // 0 none, CJK, WORD
  let start = 0;
  let i = 0;
  while (i < n) {
    const cp = codeAt(text, i);
    const cl = classOf(cp);
    const k = cl & CJK ? CJK : cl & WORD ? WORD : 0;
    if (k === 0) {
      if (kind) emit(text, start, i, kind, maxWord, visit);
      kind = 0;
    } else if (kind === 0 || (kind !== k && !(cl & MARK))) {
      if (kind) emit(text, start, i, kind, maxWord, visit);
      kind = k;
      start = i;
    }
    i += width(cp);
  }
  if (kind) emit(text, start, n, kind, maxWord, visit);
}

function emit(
  text: string,
  start: number,
  end: number,
  kind: number,
  maxWord: number,
  visit: (start: number, end: number) => void,
): void {
  if (kind === CJK) {
    let a = start;
    let wa = width(codeAt(text, a));
    for (;;) {
      const b = a + wa;
      if (b >= end) break;
      const wb = width(codeAt(text, b));
      visit(a, b + wb);
      a = b;
      wa = wb;
    }
    visit(a, end);
    return;
  }
  // The word cut to maxWord code points, then each suffix.
  let cut = start;
  for (let k = 0; k < maxWord && cut < end; k += 1) cut += width(codeAt(text, cut));
  for (let i = start; i < cut; i += width(codeAt(text, i))) visit(i, cut);
}

/** bigram.ts indexTokens() of text that is normalised already, appended to `out`. */
export function tokensOfNormalised(text: string, maxWord: number, out: string[] = []): string[] {
  eachToken(text, maxWord, (a, b) => out.push(text.slice(a, b)));
  return out;
}

/** The code units of documentOfNormalised's string, reused from one call to the next. */
let units = new Uint16Array(1 << 14);

/**
 * tokensOfNormalised(text, maxWord).join(' ') — SQLite's FTS5 string (bigram.ts
 * documentForNormalised) — made as one string from its code units, without a string a token and
 * the array (a bulk import's body is ~1,700 tokens a row, on the worker threads).
 */
export function documentOfNormalised(text: string, maxWord: number): string {
  let n = 0;
  eachToken(text, maxWord, (a, b) => {
    // A token is at most maxWord code points: the text's length bounds every token.
    if (n + 1 + (b - a) > units.length) {
      const more = new Uint16Array(2 * units.length + (b - a) + 1);
      more.set(units.subarray(0, n));
      units = more;
    }
    if (n > 0) units[n++] = 0x20;
    for (let k = a; k < b; k++) units[n++] = text.charCodeAt(k);
  });
  // String.fromCharCode keeps every code unit, lone surrogates too (a UTF-16 TextDecoder would not).
  let out = '';
  for (let i = 0; i < n; i += 8192)
    out += String.fromCharCode.apply(null, units.subarray(i, Math.min(n, i + 8192)) as unknown as number[]);
  return out;
}

/**
 * grams.ts gramLexemes() of text that is normalised already, added to `into`: in every run of
 * CJK/letter/digit/mark characters, each 2-gram that is not two CJK characters and each 3-gram.
 */
export function gramsOfNormalised(text: string, into: Set<string>): void {
  const n = text.length;
  // The last two code points of the current run: start index and whether CJK; -1 for none.
  let p1 = -1;
  let p1Cjk = false;
  let p2 = -1;
  let i = 0;
  while (i < n) {
    const cp = codeAt(text, i);
    const cl = classOf(cp);
    const w = width(cp);
    if (!(cl & (CJK | WORD))) {
      p1 = -1;
      p2 = -1;
      i += w;
      continue;
    }
    const cjk = (cl & CJK) !== 0;
    // p1 = the previous code point of the run, p2 the one before it.
    // In grams.ts's order: the 3-gram ending here, then the 2-gram (the Set keeps first sight).
    if (p2 >= 0) into.add(text.slice(p2, i + w));
    if (p1 >= 0 && !(p1Cjk && cjk)) into.add(text.slice(p1, i + w));
    p2 = p1;
    p1 = i;
    p1Cjk = cjk;
    i += w;
  }
}
