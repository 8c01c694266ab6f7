// Paste from Word (and WPS) into the body editor (issue #11 point 4b): the clipboard's HTML is
// a whole Office document — <head> with mso styles, conditional comments, <o:p> and VML,
// spans and fonts carrying every format, lists drawn as paragraphs with a typed bullet. This
// pure function turns it into plain structure (paragraphs, headings, lists, tables, links,
// bold/italic/underline) before the editor reads it. It runs in the browser (bundled with the
// editor) and is tested here; it is a convenience, not a safety net: the server sanitises every
// body on save (sanitize.ts) whatever the browser sent.

/** Attributes kept per tag; everything else (style, class, lang, width, mso-*) goes. */
const KEPT_ATTRIBUTES: Record<string, readonly string[]> = {
  a: ['href', 'title'],
  img: ['src', 'alt'],
  td: ['colspan', 'rowspan'],
  th: ['colspan', 'rowspan', 'scope'],
  ol: ['start'],
};

/** Tags whose content is kept but the tag itself dropped (formatting-only wrappers). */
const UNWRAPPED = new Set([
  'span',
  'font',
  'div',
  'section',
  'article',
  'body',
  'html',
  'center',
  'ins',
  'small',
  'big',
]);

/** Elements removed with everything inside them. */
const REMOVED_WITH_CONTENT = /<(style|script|xml|head|title|template|noscript|object|iframe)\b[\s\S]*?<\/\1\s*>/gi;

const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)((?:\s+[^\s=>/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*(\/?)>/g;
const ATTRIBUTE = /([^\s=>/]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?/g;

function unquote(v: string | undefined): string {
  if (v === undefined) return '';
  return /^["']/.test(v) ? v.slice(1, -1) : v;
}

function escapeAttribute(v: string): string {
  return v.replace(/&(?![a-zA-Z]+;|#\d+;|#x[0-9a-fA-F]+;)/g, '&amp;').replace(/"/g, '&quot;');
}

/** The text of a fragment of HTML, for reading a list marker ("1.", "·", "（一）"). */
function textOf(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;|&#160;/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

// A number or letter with its punctuation ("1." "a)" "（一）" "二、"); a lone letter is a symbol
// font's bullet (Wingdings writes ● as "l", ▪ as "§").
const NUMBER = '(?:\\d+|[a-zA-Z]|[ivxlcdmIVXLCDM]+|[一二三四五六七八九十百]+)';
const ORDERED_MARKER = new RegExp(`^(?:[(（]${NUMBER}[)）]|${NUMBER}[.．、)）])$`);

interface ListParagraph {
  level: number;
  ordered: boolean;
  html: string;
}

/**
 * Word writes each list item as `<p class=MsoListParagraph style='mso-list:l0 level1 lfo1'>`
 * with the bullet or number in `<![if !supportLists]>…<![endif]>`. Consecutive such paragraphs
 * become one list (nested by level); the typed marker is dropped and only tells ul from ol.
 */
function rebuildWordLists(html: string): string {
  const para = /<p\b([^>]*)>([\s\S]*?)<\/p\s*>/gi;
  const out: string[] = [];
  let run: ListParagraph[] = [];
  let last = 0;
  const flush = () => {
    if (run.length) out.push(renderList(run));
    run = [];
  };
  for (let m = para.exec(html); m; m = para.exec(html)) {
    const attrs = m[1] ?? '';
    const list = /mso-list:\s*l\d+\s+level(\d+)/i.exec(attrs);
    const between = html.slice(last, m.index);
    if (!list || between.trim()) flush();
    out.push(between);
    last = para.lastIndex;
    if (!list) {
      out.push(m[0]);
      continue;
    }
    let content = m[2] ?? '';
    let marker = '';
    content = content.replace(/<!\[if\s+!supportLists\]>([\s\S]*?)<!\[endif\]>/gi, (_all, inner: string) => {
      marker = textOf(inner);
      return '';
    });
    // Word without the downlevel markers (some versions) types the marker in a span styled mso-list:Ignore.
    content = content.replace(
      /<span\b[^>]*mso-list:\s*Ignore[^>]*>([\s\S]*?)<\/span>(?:\s*<\/span>)?/i,
      (_all, inner: string) => {
        marker = marker || textOf(inner);
        return '';
      },
    );
    run.push({ level: Number(list[1]), ordered: ORDERED_MARKER.test(marker), html: content });
  }
  flush();
  out.push(html.slice(last));
  return out.join('');
}

function renderList(items: readonly ListParagraph[]): string {
  // A stack of open lists; each deeper level opens a list inside the current item.
  const open: { level: number; tag: string }[] = [];
  let s = '';
  for (const item of items) {
    const tag = item.ordered ? 'ol' : 'ul';
    while (open.length && (open[open.length - 1] as { level: number }).level > item.level) {
      s += `</li></${(open.pop() as { tag: string }).tag}>`;
    }
    const top = open[open.length - 1];
    if (!top || top.level < item.level) {
      s += `<${tag}>`;
      open.push({ level: item.level, tag });
    } else {
      s += '</li>';
    }
    s += `<li>${item.html}`;
  }
  while (open.length) s += `</li></${(open.pop() as { tag: string }).tag}>`;
  return s;
}

/** Rewrites one tag: namespaced and wrapper tags go, headings fit the article (h2–h4), attributes are cut to the kept ones. */
function cleanTag(_all: string, close: string, rawName: string, attrs: string): string {
  const name = rawName.toLowerCase();
  if (name.includes(':') || UNWRAPPED.has(name) || name === 'meta' || name === 'link') return '';
  const mapped = name === 'h1' ? 'h2' : name === 'h5' || name === 'h6' ? 'h4' : name;
  if (close) return `</${mapped}>`;
  const kept = KEPT_ATTRIBUTES[mapped] ?? [];
  const parts: string[] = [];
  if (kept.length) {
    for (const a of attrs.matchAll(ATTRIBUTE)) {
      const attr = (a[1] ?? '').toLowerCase();
      if (!kept.includes(attr)) continue;
      const value = unquote(a[2]);
      if (attr === 'href' && /^\s*(?:javascript|vbscript|data):/i.test(value)) continue;
      // Word's own bookmarks and footnote anchors point inside the document: nothing to keep.
      if (attr === 'href' && value.startsWith('#')) continue;
      // Images in Word's clipboard point to the writer's own disk (file:///C:/…): unusable here.
      if (mapped === 'img' && attr === 'src' && !/^(?:https?:|data:image\/|\/)/i.test(value)) return '';
      parts.push(` ${attr}="${escapeAttribute(value)}"`);
    }
  }
  if (mapped === 'img' && !parts.some((p) => p.startsWith(' src='))) return '';
  return `<${mapped}${parts.join('')}>`;
}

/** The clipboard's HTML as plain structure (see the header). Text is never dropped, only formatting. */
export function cleanPastedHtml(input: string): string {
  let html = input;
  const fragment = /<!--StartFragment-->([\s\S]*?)<!--EndFragment-->/i.exec(html);
  if (fragment) html = fragment[1] ?? '';
  const body = /<body\b[^>]*>([\s\S]*)<\/body\s*>/i.exec(html);
  if (body) html = body[1] ?? '';
  html = html
    // Conditional comments hide VML drawings and Office-only markup, with their content.
    .replace(/<!--\[if\b[\s\S]*?<!\[endif\]\s*-->/gi, '')
    .replace(REMOVED_WITH_CONTENT, '');
  html = rebuildWordLists(html);
  html = html
    // Other downlevel-revealed blocks (<![if !vml]>…) show their content to non-Office readers: keep it.
    .replace(/<!\[if\s+!supportLists\]>[\s\S]*?<!\[endif\]>/gi, '')
    .replace(/<!\[(?:if\b[^\]]*|endif)\]>/gi, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<!DOCTYPE[^>]*>|<\?xml[^>]*>/gi, '')
    .replace(TAG, cleanTag)
    // Word's empty paragraphs (<p class=MsoNormal>&nbsp;</p>) only make space.
    .replace(/<p>(?:\s|&nbsp;|&#160;|<br>)*<\/p>/gi, '')
    .replace(/<(b|strong|i|em|u)>(\s*)<\/\1>/gi, '$2');
  return html.trim();
}
