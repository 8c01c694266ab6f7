// Plain text from a published report page (HTML): tags removed, block elements and table rows on
// their own lines, table cells separated by tabs, so the report's tables 二/三/四 can be read back
// as rows of numbers by the checker.

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  nbsp: ' ',
  ensp: ' ',
  emsp: ' ',
  thinsp: ' ',
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  ldquo: '“',
  rdquo: '”',
  lsquo: '‘',
  rsquo: '’',
  mdash: '—',
  ndash: '–',
  hellip: '…',
  middot: '·',
  times: '×',
  yen: '¥',
  copy: '©',
};

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, body: string) => {
    if (body.startsWith('#x') || body.startsWith('#X')) return safeCodePoint(parseInt(body.slice(2), 16), whole);
    if (body.startsWith('#')) return safeCodePoint(parseInt(body.slice(1), 10), whole);
    return NAMED_ENTITIES[body.toLowerCase()] ?? whole;
  });
}

function safeCodePoint(code: number, fallback: string): string {
  return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : fallback;
}

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
  s = decodeEntities(s).replace(/\u00a0/g, ' ');
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
