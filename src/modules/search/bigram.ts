// CJK bigram tokenizer for Chinese full-text search (docs STACK.md, "Chinese full-text search").
//
// Word segmenters lose substring recall (a query 低保 must find 低保户), and FTS5's trigram
// tokenizer cannot serve 2-character words, so both engines index the same token stream:
//
// - text is normalised: NFKC (which also folds full-width ASCII and the ideographic space to
//   half-width), lowercase, and format characters (zero-width space, soft hyphen, BOM) removed;
// - a run of CJK characters becomes its overlapping bigrams, plus its last character as a
//   unigram (低保户 → 低保 保户 户); a run of one CJK character is that unigram;
// - a run of other letters/digits (Latin, digits, …) is one word, indexed with every suffix
//   (gb32100 → gb32100 b32100 32100 2100 100 00 0), so that a prefix lookup finds any substring;
// - everything else (punctuation, spaces, symbols) separates tokens.
//
// documentForIndex() joins the tokens with spaces: SQLite FTS5 (`tokenize='unicode61'`,
// contentless) and PostgreSQL to_tsvector('simple', …) both split that string on the spaces and
// keep every token whole, so one token stream serves both engines.
//
// A query is whitespace-separated terms, ANDed. Each term must be contained in the document as a
// substring (matchesAllTerms, run after the index lookup, gives exact results). The index lookup
// needs, for every term: each of its CJK bigrams as an exact token; each one-character CJK run as
// a *prefix* token (a token starting with that character: a bigram where it is not the last
// character of a run, or the run-final unigram where it is — this is why runs also emit their
// last character); each Latin/digit run as a prefix token (so "gongk" finds "gongkai"). With these
// rules every document that contains a term's CJK text as a substring is a candidate, which the
// tests check as a property. Latin/digit words are matched as substrings too: "kai" is a prefix
// of the indexed suffix "kai" of "gongkai" (a word longer than MAX_WORD_LENGTH is cut first).

import { documentOfNormalised, isSimpleCode, normaliseFast, tokensOfNormalised } from './chars.ts';

export interface SearchQuery {
  /** Normalised query terms; a matching document contains every one as a substring. */
  terms: string[];
  /** Tokens a candidate document must contain exactly (CJK bigrams). */
  tokens: string[];
  /**
   * Tokens a candidate document must contain as the start of one of its tokens (one-character
   * CJK runs and Latin/digit words). Empty `tokens` and `prefixTokens` means an empty query:
   * callers show no results rather than every document.
   */
  prefixTokens: string[];
}

/**
 * PostgreSQL ignores words longer than 2047 bytes in to_tsvector; long Latin runs (base64,
 * hashes) are cut to this many characters in the index and in queries alike, so such a word
 * still matches by prefix and the substring re-check keeps the result exact.
 */
export const MAX_WORD_LENGTH = 100;

const CJK_CHAR = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;
const FORMAT_CHAR = /\p{Cf}/u;
const COMBINING_MARK = /\p{M}/u;

type Segment = { kind: 'cjk' | 'word'; text: string };

export interface NormalisedText {
  text: string;
  /** For every UTF-16 index of `text` (and one past the end): the original code-point index. */
  origin: number[];
  /** For every UTF-16 index of `text`: the original code-point index where its source ends. */
  originEnd: number[];
  /** The original text as code points. */
  chars: string[];
}

/**
 * Normalises a chunk at a time (a base character with its combining marks) so that positions in
 * the normalised text can be mapped back to the original text for highlighting. Every function
 * of this module (and highlight.ts) uses this one normalisation, so index, query, re-check and
 * highlighting always agree. A simple character (a-z, 0-9, space, the CJK block) not followed by a
 * mark is its own normalisation and is copied without a regular expression or a string built for
 * it: a search page highlights ten bodies with this, and the per-character work was 15–20 % of
 * the request (docs/PERFORMANCE.md, "Render cost").
 */
export function normaliseWithMap(input: string, withMap: boolean): NormalisedText {
  const chars = Array.from(input);
  const n = chars.length;
  let text = '';
  const origin: number[] = [];
  const originEnd: number[] = [];
  let i = 0;
  while (i < n) {
    const c = chars[i] as string;
    let j = i + 1;
    // A simple character is never a mark: the regular expression is asked only of the others.
    while (j < n && !isSimpleChar(chars[j] as string) && COMBINING_MARK.test(chars[j] as string)) j += 1;
    let normalised: string;
    if (j === i + 1 && isSimpleChar(c)) {
      normalised = c;
    } else if (j === i + 1 && FORMAT_CHAR.test(c)) {
      normalised = '';
    } else {
      const chunk = j === i + 1 ? c : chars.slice(i, j).join('');
      normalised = chunk.normalize('NFKC').toLowerCase().normalize('NFKC');
    }
    text += normalised;
    if (withMap) {
      for (let k = 0; k < normalised.length; k += 1) {
        origin.push(i);
        originEnd.push(j);
      }
    }
    i = j;
  }
  if (withMap) origin.push(n);
  return { text, origin, originEnd, chars };
}

/** isSimpleCode for one code point (a string of one or two code units). */
function isSimpleChar(ch: string): boolean {
  return ch.length === 1 && isSimpleCode(ch.charCodeAt(0));
}

/**
 * The normalisation shared by indexing, querying and the substring re-check: the same chunks and
 * rules as normaliseWithMap(), without the map (chars.ts: by code point through a table, unchanged
 * stretches copied whole — a bulk import normalises ~5,000 characters a row).
 */
export function normaliseText(text: string): string {
  return normaliseFast(text);
}

function segments(normalised: string): Segment[] {
  const out: Segment[] = [];
  let current: Segment | null = null;
  for (const ch of normalised) {
    const kind = CJK_CHAR.test(ch) ? 'cjk' : WORD_CHAR.test(ch) ? 'word' : null;
    if (kind === null) {
      current = null;
      continue;
    }
    // A combining mark after a CJK character belongs to neither script's run reliably; keep it
    // with the current run so it never splits a word.
    if (current !== null && (current.kind === kind || COMBINING_MARK.test(ch))) {
      current.text += ch;
    } else {
      current = { kind, text: ch };
      out.push(current);
    }
  }
  return out;
}

function cutWord(word: string): string {
  const cps = Array.from(word);
  return cps.length > MAX_WORD_LENGTH ? cps.slice(0, MAX_WORD_LENGTH).join('') : word;
}

/** A word and each of its proper suffixes: the word's substrings are their prefixes. */
function wordSuffixes(word: string): string[] {
  const cps = Array.from(word);
  return cps.map((_, i) => cps.slice(i).join(''));
}

/** The tokens stored in the index for a text, in text order, duplicates kept (for ranking). */
export function indexTokens(text: string): string[] {
  return tokensOfNormalised(normaliseText(text), MAX_WORD_LENGTH);
}

/** indexTokens() of a text normaliseText() gave already. */
export function indexTokensOfNormalised(normalised: string): string[] {
  return tokensOfNormalised(normalised, MAX_WORD_LENGTH);
}

/** The string to store in FTS5 or to pass to to_tsvector('simple', …). */
export function documentForIndex(text: string): string {
  return documentForNormalised(normaliseText(text));
}

/** documentForIndex() of a text normaliseText() gave already. */
export function documentForNormalised(normalised: string): string {
  return documentOfNormalised(normalised, MAX_WORD_LENGTH);
}

function trimToWordChars(term: string): string {
  const cps = Array.from(term);
  let start = 0;
  let end = cps.length;
  while (start < end && !WORD_CHAR.test(cps[start] as string)) start += 1;
  while (end > start && !WORD_CHAR.test(cps[end - 1] as string)) end -= 1;
  return cps.slice(start, end).join('');
}

/**
 * Splits a user query into terms (on whitespace; leading and trailing punctuation of a term is
 * dropped, inner punctuation is kept and must match literally) and the index tokens they need.
 */
export function queryTokens(query: string): SearchQuery {
  const terms: string[] = [];
  const tokens = new Set<string>();
  const prefixTokens = new Set<string>();
  for (const raw of normaliseText(query).split(/\s+/u)) {
    const term = trimToWordChars(raw);
    if (term === '' || terms.includes(term)) continue;
    terms.push(term);
    for (const segment of segments(term)) {
      const cps = Array.from(segment.text);
      if (segment.kind === 'word') {
        prefixTokens.add(cutWord(segment.text));
      } else if (cps.length === 1) {
        prefixTokens.add(segment.text);
      } else {
        for (let i = 0; i + 1 < cps.length; i += 1) tokens.add((cps[i] as string) + (cps[i + 1] as string));
      }
    }
  }
  return { terms, tokens: [...tokens], prefixTokens: [...prefixTokens] };
}

/**
 * The candidate test the database performs, in memory: every exact token is among the
 * document's tokens and every prefix token starts one of them. Used by tests and by small
 * in-memory indexes.
 */
export function matchesIndexTokens(documentTokens: Iterable<string>, query: SearchQuery): boolean {
  const present = new Set(documentTokens);
  if (!query.tokens.every((token) => present.has(token))) return false;
  return query.prefixTokens.every((prefix) => {
    if (present.has(prefix)) return true;
    for (const token of present) if (token.startsWith(prefix)) return true;
    return false;
  });
}

/** The exact re-check after the index lookup: every term occurs in the text as a substring. */
export function matchesAllTerms(text: string, terms: readonly string[]): boolean {
  const normalised = normaliseText(text);
  return terms.every((term) => normalised.includes(normaliseText(term)));
}

/** FTS5 MATCH expression for a query, e.g. `"低保" AND "保户" AND "镇"*`; '' for an empty query. */
export function toFts5Match(query: SearchQuery): string {
  const quote = (token: string): string => `"${token.replaceAll('"', '""')}"`;
  return [...query.tokens.map(quote), ...query.prefixTokens.map((t) => `${quote(t)}*`)].join(' AND ');
}

/**
 * Whether the tokens of toFts5Match / toTsQuery alone decide that a document contains `term`: a
 * term of one or two CJK characters (its bigram, or its character as a token prefix) or a single
 * Latin/digit word (matched by word prefix). Longer terms need the substring re-check: their
 * bigrams may all occur in a document without occurring in a row.
 */
export function tokensAreExact(term: string): boolean {
  const cps = Array.from(term);
  if (cps.every((c) => CJK_CHAR.test(c))) return cps.length <= 2;
  return /^[\p{L}\p{N}\p{M}]+$/u.test(term) && !cps.some((c) => CJK_CHAR.test(c)) && cps.length <= MAX_WORD_LENGTH;
}

/** One element of an FTS5 phrase: a token, or (last element only) a token prefix. */
interface PhraseToken {
  token: string;
  prefix: boolean;
}

/**
 * The FTS5 phrase of one term (positions: detail=full), or null when the term has characters the
 * tokens do not show (inner punctuation or spaces, combining marks) or an over-long word. Each
 * segment of the term must appear in the document's token stream at consecutive positions:
 *
 * - a CJK segment of 2+ characters: its bigrams; followed by its last character (the run-final
 *   unigram) when another segment follows, since the document's run must end there;
 * - a lone CJK character: the run-final unigram when a segment follows, a prefix (the bigram it
 *   starts, or the unigram) when it ends the term;
 * - a word: the word and each of its suffixes (the tokens of a word that ends there), or a prefix
 *   of the document's word when it ends the term.
 *
 * A phrase of one segment decides the term exactly: consecutive bigrams are always in one run (a
 * run ends with its unigram). Across segments the document may have punctuation or spaces where
 * the term has none ("团等，14" has the tokens of "团等14"), so such terms are still re-checked.
 */
function termPhrase(term: string): { phrase: PhraseToken[]; single: boolean } | null {
  const segs = segments(term);
  if (segs.map((x) => x.text).join('') !== term || Array.from(term).some((c) => COMBINING_MARK.test(c))) return null;
  const phrase: PhraseToken[] = [];
  for (const [i, seg] of segs.entries()) {
    const last = i === segs.length - 1;
    const cps = Array.from(seg.text);
    if (seg.kind === 'cjk') {
      for (let k = 0; k + 1 < cps.length; k += 1)
        phrase.push({ token: (cps[k] as string) + (cps[k + 1] as string), prefix: false });
      if (!last) phrase.push({ token: cps[cps.length - 1] as string, prefix: false });
      else if (cps.length === 1) phrase.push({ token: seg.text, prefix: true });
    } else {
      if (cps.length > MAX_WORD_LENGTH) return null;
      if (last) phrase.push({ token: seg.text, prefix: true });
      else for (const suffix of wordSuffixes(seg.text)) phrase.push({ token: suffix, prefix: false });
    }
  }
  return { phrase, single: segs.length === 1 };
}

export interface Fts5Lookup {
  /** The MATCH expression ('' for an empty query). */
  expr: string;
  /** The terms the expression decides exactly; the others need the substring re-check. */
  exact: Set<string>;
  /**
   * Every term is a lone one-character prefix (镇, 1): over search_fts, which has no prefix index
   * (migration 20261206_0038), `expr` would merge the doclists of every token the character
   * starts, so the caller walks the newest documents by substring first (search-index.sqlite.ts).
   */
  oneCharacter: boolean;
}

/** A lone Latin/digit word of two or more characters, looked up as a prefix. */
const wordPrefix = (t: PhraseToken): boolean => !CJK_CHAR.test(t.token) && Array.from(t.token).length >= 2;

/** A prefix token of one character: FTS5 expands it over every token it starts. */
const oneCharacterPrefix = (t: PhraseToken): boolean => t.prefix && Array.from(t.token).length === 1;

/**
 * The FTS5 lookup of a query over a detail=full index: one phrase per term (termPhrase), ANDed.
 * A term that is only a prefix (a lone character, one word) expands to every token it starts,
 * so it is left out when other terms narrow the candidates, and re-checked. A prefix at the end of
 * a longer phrase stays when it is a word of two or more characters (few tokens start with it);
 * a one-character prefix there is left off the phrase and the term re-checked (search_fts has no
 * prefix index since migration 20261206_0038: expanding 项* read every doclist of a token
 * starting with 项, 19 ms at 20,000 documents against 0.7 with the index; docs/PERFORMANCE.md).
 */
export function toFts5Lookup(query: SearchQuery): Fts5Lookup {
  const quote = (tokens: string[]): string => `"${tokens.join(' ').replaceAll('"', '""')}"`;
  const parts: Array<{ term: string; expr: string; exact: boolean; prefixOnly: boolean; oneChar: boolean }> = [];
  for (const term of query.terms) {
    const p = termPhrase(term);
    if (p === null) {
      // The term's own tokens, unordered (as toFts5Match), and the re-check; one-character
      // prefixes only when the term has nothing else.
      const q = queryTokens(term);
      const prefixes = q.tokens.length ? [] : q.prefixTokens;
      const longer = prefixes.filter((t) => Array.from(t).length > 1);
      const oneChar = !q.tokens.length && !longer.length;
      const expr = toFts5Match({ terms: [term], tokens: q.tokens, prefixTokens: oneChar ? prefixes : longer });
      if (expr !== '')
        parts.push({ term, expr: `(${expr})`, exact: false, prefixOnly: q.tokens.length === 0, oneChar });
      continue;
    }
    let phrase = p.phrase;
    let exact = p.single;
    if (phrase.length > 1 && oneCharacterPrefix(phrase[phrase.length - 1] as PhraseToken)) {
      phrase = phrase.slice(0, -1);
      exact = false;
    }
    const tail = phrase[phrase.length - 1] as PhraseToken;
    parts.push({
      term,
      expr: `${quote(phrase.map((t) => t.token))}${tail.prefix ? '*' : ''}`,
      exact,
      // A word of two or more characters (2024, gov) starts few tokens: it narrows the lookup
      // more cheaply than the substring re-check of every other term's hit (灵溪镇 2024 at
      // 200,000: 2–3 ms in FTS5 against ~300 ms re-checked; docs/PERFORMANCE.md).
      prefixOnly: tail.prefix && phrase.length === 1 && !wordPrefix(tail),
      oneChar: phrase.length === 1 && oneCharacterPrefix(tail),
    });
  }
  const narrowed = parts.some((x) => !x.prefixOnly);
  const longPrefix = parts.some((x) => !x.oneChar);
  const used = narrowed ? parts.filter((x) => !x.prefixOnly) : longPrefix ? parts.filter((x) => !x.oneChar) : parts;
  return {
    expr: used.map((x) => x.expr).join(' AND '),
    exact: new Set(used.filter((x) => x.exact).map((x) => x.term)),
    oneCharacter: used.length > 0 && !longPrefix,
  };
}

/** Text for to_tsquery('simple', …), e.g. `'低保' & '保户' & '镇':*`; '' for an empty query. */
export function toTsQuery(query: SearchQuery): string {
  const quote = (token: string): string => `'${token.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;
  return [...query.tokens.map(quote), ...query.prefixTokens.map((t) => `${quote(t)}:*`)].join(' & ');
}
