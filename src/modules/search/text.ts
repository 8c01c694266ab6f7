// The text a publication is found by: title, summary, body (HTML stripped), 文号, 索引号 and the
// text extracted from its attachments.
import { decodeHtmlEntities } from '../../platform/html-entities.ts';
import { normaliseText } from './bigram.ts';
import { classOf, MARK } from './chars.ts';
import type { IndexedText } from './search-index.ts';

/** Plain text of sanitised HTML: tags removed, blocks and line breaks on their own lines. */
export function plainTextFromHtml(html: string): string {
  return plainOfStripped(tagsStripped(html));
}

/** plainTextFromHtml's first stage: comments, scripts and styles dropped, tags made line breaks, tabs or nothing. */
function tagsStripped(html: string): string {
  return html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|h[1-6]|li|tr|table|blockquote|pre|dd|dt)\s*>/gi, '\n')
    .replace(/<\/t[dh]\s*>/gi, '\t')
    .replace(/<[^>]*>/g, '');
}

/** plainTextFromHtml's second stage: references decoded, spaces before line ends and blank lines folded, trimmed. */
function plainOfStripped(stripped: string): string {
  return decodeHtmlEntities(stripped)
    .replace(/[ \t\u00a0]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** What a prefix of HTML may not hold for plainTextOfHead (plainTextFromHtml removes them up to their end). */
export const HEAD_STOP = /<!--|<script|<style/i;

/** A character reference cut by the end of the text (decodeHtmlEntities would read it with what follows). */
const CUT_REFERENCE = /^&[#0-9a-z]*$/i;

/**
 * Plain text of a prefix of sanitised HTML that ends with `>` and holds nothing HEAD_STOP finds: a
 * prefix of plainTextFromHtml(html) for every html that starts with it (search/hit-snippet.ts reads
 * a hit's body only up to the snippet's window); null when that is not certain. Comments, scripts
 * and styles start after the prefix. Each tag pattern of the first stage starts with `<` and ends
 * at the first `>` after it, so where every `<` of the prefix still has a `>` after it when a
 * pattern is applied, the pattern's matches that start in the prefix end in it, and the stage's
 * output is a prefix of the whole's: true when the prefix's first stage leaves no `<` (a pattern
 * only removes a `<` with a `>` after it, and none is added). A character reference cut at the end
 * is left out; the second stage folds and trims whitespace only, which at the prefix's end it may
 * do differently than the whole, but the trim removes that end.
 */
export function plainTextOfHead(head: string): string | null {
  let stripped = tagsStripped(head);
  if (stripped.includes('<')) return null;
  const amp = stripped.lastIndexOf('&');
  if (amp !== -1 && CUT_REFERENCE.test(stripped.slice(amp))) stripped = stripped.slice(0, amp);
  return plainOfStripped(stripped);
}

export interface SearchableFields {
  title: string;
  summary: string;
  /** Sanitised HTML. */
  bodyHtml: string;
  documentNumber: string;
  indexNumber: string;
  attachmentTexts: readonly string[];
}

/**
 * An upper bound on the text indexed per document: a 1 MB tsvector limit on PostgreSQL, and a
 * sanity limit for very long attachments. Text beyond it is not searchable (docs/ARCHITECTURE.md).
 */
export const MAX_INDEXED_CHARS = 300_000;

/**
 * The index's view of a publication (its title and the rest, each normalised once: the index
 * tokenises these without normalising again) and the normalised text for the substring re-check.
 */
export function searchableText(f: SearchableFields): IndexedText & { normalised: string } {
  return textOf(f.title, [
    f.summary,
    plainTextFromHtml(f.bodyHtml),
    f.documentNumber,
    f.indexNumber,
    ...f.attachmentTexts,
  ]);
}

function textOf(title: string, parts: readonly string[]): IndexedText & { normalised: string; raw: number } {
  const joined = parts.filter((s) => s.trim() !== '').join('\n');
  const body = joined.slice(0, MAX_INDEXED_CHARS);
  // The title is the first line: the PostgreSQL index's "title first" ordering reads it there.
  const t = normaliseText(title.replace(/\s+/g, ' '));
  const rest = normaliseText(body);
  return { title: t, body: rest, normalised: `${t}\n${rest}`, raw: joined.length };
}

/**
 * searchableText() of a publication without attachments, before its 索引号 is known (a bulk
 * import prepares its rows on worker threads; the number is allocated in the batch's
 * transaction). `raw`: the characters of the body's parts as joined, before the length limit.
 */
export type SearchableHead = IndexedText & { raw: number };

export function searchableHead(f: Omit<SearchableFields, 'indexNumber' | 'attachmentTexts'>): SearchableHead {
  // Without the re-check text, title + '\n' + body: sent across threads, it would be a copy.
  const { title, body, raw } = textOf(f.title, [f.summary, plainTextFromHtml(f.bodyHtml), f.documentNumber]);
  return { title, body, raw };
}

/**
 * searchableText() of the same publication with its 索引号, from the head: the number is the last
 * part of the body, after a newline — a character that normalises to itself and starts a chunk of
 * its own (bigram.ts normaliseWithMap), so the normalised body is the head's, a newline and the
 * number's. `tail` is the normalised text added to the body, its newline included ('' when none;
 * a body of no parts is '' and takes the number's normalisation alone). Null when that would
 * not hold: a number that starts with a combining mark (it would join the newline's chunk), or a
 * body that reaches MAX_INDEXED_CHARS with it (cut inside the number).
 */
export function withIndexNumber(
  head: SearchableHead,
  indexNumber: string,
): { text: IndexedText & { normalised: string }; tail: string } | null {
  const plain = { title: head.title, body: head.body, normalised: `${head.title}\n${head.body}` };
  if (indexNumber.trim() === '' || head.raw >= MAX_INDEXED_CHARS) return { text: plain, tail: '' };
  const joined = head.raw + (head.raw > 0 ? 1 : 0) + indexNumber.length;
  if (joined > MAX_INDEXED_CHARS || classOf(indexNumber.codePointAt(0) as number) & MARK) return null;
  const number = normaliseText(indexNumber);
  const tail = head.raw > 0 ? `\n${number}` : number;
  const body = head.body + tail;
  return { text: { title: head.title, body, normalised: `${head.title}\n${body}` }, tail };
}
