// The PostgreSQL index's second vector, gram_tsv (issue #16 point 1): every three-character
// substring of a run of letters/digits/CJK, and every two-character one that is not two CJK
// characters (those are the bigram tokens of tsv already), so that 等4, 24 and 第24 are lexemes.
// A term of three characters or more is looked up as the AND of its 3-grams, which only documents
// with the term or with its 3-grams close together satisfy — where the AND of its bigrams
// (tsv) also takes every document that has each bigram anywhere: tens of thousands of candidates
// for 关价知团的握 at 200,000 documents, each re-checked by substring (docs/PERFORMANCE.md).
//
// A term of two or three characters of one run is a lexeme itself: the lookup decides it, no
// re-check. Runs are maximal sequences of the characters bigram.ts indexes (CJK, letters, digits,
// marks) of the normalised text; a term that contains a character of another kind (团等，14)
// looks up the grams of each of its runs and is re-checked.
//
// A tsvector holds at most 1 MB of lexemes: a document whose grams would pass GRAM_BYTES gets
// the single lexeme OVERFLOW instead, which every gram query also accepts (those documents are
// then decided by the substring re-check: gramsComplete = false).
import { normaliseText } from './bigram.ts';
import { gramsOfNormalised } from './chars.ts';

const CJK_CHAR = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const RUN_CHAR = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{L}\p{N}\p{M}]/u;

/** Not a gram (a gram has only run characters): the lexeme of a document without its grams. */
export const OVERFLOW = '~';

/** Upper bound of a document's gram lexemes in UTF-8 bytes (tsvector: below 1 MB). */
export const GRAM_BYTES = 600_000;

/** The runs of `text` (already normalised), as arrays of code points. */
function runs(text: string): string[][] {
  const out: string[][] = [];
  let current: string[] = [];
  for (const ch of text) {
    if (RUN_CHAR.test(ch)) current.push(ch);
    else if (current.length) {
      out.push(current);
      current = [];
    }
  }
  if (current.length) out.push(current);
  return out;
}

/** The gram lexemes of a document (title and body, normalised here); [OVERFLOW] past GRAM_BYTES. */
export function gramLexemes(parts: readonly string[]): { lexemes: string[]; complete: boolean; bytes: number } {
  return gramLexemesOfNormalised(parts.map(normaliseText));
}

/**
 * gramLexemes() of parts normaliseText() gave already (chars.ts: by code point through a table),
 * with the lexemes' UTF-8 bytes as counted against GRAM_BYTES.
 */
export function gramLexemesOfNormalised(parts: readonly string[]): {
  lexemes: string[];
  complete: boolean;
  bytes: number;
} {
  const grams = new Set<string>();
  for (const part of parts) gramsOfNormalised(part, grams);
  const bytes = gramBytes(grams);
  return bytes > GRAM_BYTES
    ? { lexemes: [OVERFLOW], complete: false, bytes }
    : { lexemes: [...grams], complete: true, bytes };
}

/** The bytes lexemes count against GRAM_BYTES (UTF-8, and a separator each). */
export function gramBytes(lexemes: Iterable<string>): number {
  let bytes = 0;
  for (const g of lexemes) bytes += Buffer.byteLength(g) + 1;
  return bytes;
}

/** How one query term (normalised, trimmed: bigram.ts queryTokens) is looked up. */
export interface TermLookup {
  /** gram_tsv lexemes the document must have (empty: the term is not looked up by grams). */
  grams: string[];
  /** The gram lookup alone decides the term (on documents whose grams are complete). */
  exact: boolean;
}

/**
 * Grams for a term that has a run of at least two characters that is not two CJK characters
 * (two CJK characters are tsv's bigram, exact already; one character and a longer Latin/digit
 * word are tsv's prefix lookups, exact already): the 3-grams of every run of three or more and
 * the 2-gram of every run of two that is not CJK + CJK.
 */
export function termLookup(term: string): TermLookup {
  const rs = runs(term);
  const grams = new Set<string>();
  for (const run of rs) {
    if (run.length >= 3) for (let i = 0; i + 2 < run.length; i += 1) grams.add(run.slice(i, i + 3).join(''));
    else if (run.length === 2 && !run.every((c) => CJK_CHAR.test(c))) grams.add(run.join(''));
  }
  const one = rs.length === 1 && Array.from(term).length === (rs[0] as string[]).length;
  const pureWord = one && !(rs[0] as string[]).some((c) => CJK_CHAR.test(c));
  const length = one ? (rs[0] as string[]).length : 0;
  // A Latin/digit word of four characters or more keeps tsv's prefix lookup (exact, and its
  // prefix is specific); shorter ones (24, 第2 is mixed) use their gram.
  if (pureWord && length >= 4) return { grams: [], exact: false };
  return { grams: [...grams], exact: one && grams.size > 0 && length <= 3 };
}
