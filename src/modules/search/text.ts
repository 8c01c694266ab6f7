// The text a publication is found by: title, summary, body (HTML stripped), 文号, 索引号 and the
// text extracted from its attachments.
import { decodeHtmlEntities } from '../../platform/html-entities.ts';
import { normaliseText } from './bigram.ts';
import type { IndexedText } from './search-index.ts';

/** Plain text of sanitised HTML: tags removed, blocks and line breaks on their own lines. */
export function plainTextFromHtml(html: string): string {
  return decodeHtmlEntities(
    html
      .replace(/<!--[\s\S]*?-->/g, '')
      .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, '')
      .replace(/<br\s*\/?>/gi, '\n')
      .replace(/<\/(p|div|h[1-6]|li|tr|table|blockquote|pre|dd|dt)\s*>/gi, '\n')
      .replace(/<\/t[dh]\s*>/gi, '\t')
      .replace(/<[^>]*>/g, ''),
  )
    .replace(/[ \t\u00a0]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
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
  const body = [f.summary, plainTextFromHtml(f.bodyHtml), f.documentNumber, f.indexNumber, ...f.attachmentTexts]
    .filter((s) => s.trim() !== '')
    .join('\n')
    .slice(0, MAX_INDEXED_CHARS);
  // The title is the first line: the PostgreSQL index's "title first" ordering reads it there.
  const title = normaliseText(f.title.replace(/\s+/g, ' '));
  const rest = normaliseText(body);
  return { title, body: rest, normalised: `${title}\n${rest}` };
}
