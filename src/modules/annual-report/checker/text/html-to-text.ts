// Plain text from a published report page (HTML): tags removed, block elements and table rows on
// their own lines, table cells separated by tabs, so the report's tables 二/三/四 can be read back
// as rows of numbers by the checker.
import { decodeHtmlEntities } from '../../../../platform/html-entities.ts';

const BLOCK_TAGS =
  'p|div|h[1-6]|li|ul|ol|table|thead|tbody|tfoot|caption|section|article|header|footer|blockquote|pre|title|dt|dd|dl|form|hr|nav|aside|main|figure|figcaption';

/** Converts report HTML to text: cells end with a tab, rows and blocks end with a newline. */
export function htmlToText(html: string): string {
  let s = html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(script|style|noscript|template|svg)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/t[dh]\s*>/gi, '\t')
    .replace(/<\/?tr\b[^>]*>/gi, '\n')
    .replace(new RegExp(`</?(?:${BLOCK_TAGS})\\b[^>]*>`, 'gi'), '\n')
    .replace(/<[^>]+>/g, '');
  s = decodeHtmlEntities(s).replace(/\u00a0/g, ' ');
  const lines = s.split(/\r?\n/).map((line) =>
    line
      .replace(/[ \f\v]+/g, ' ')
      .replace(/ ?\t ?/g, '\t')
      .replace(/^[ \t]+|[ \t]+$/g, ''),
  );
  return lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** True when the input looks like HTML rather than plain text. */
export function looksLikeHtml(text: string): boolean {
  return /<\/?(?:html|body|p|div|table|tr|td|br|span|h[1-6])\b[^>]*>/i.test(text);
}
