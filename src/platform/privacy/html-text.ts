// The visible text of an HTML fragment (a publication's body, a .docx read by mammoth) with, for each
// character of the text, where it stands in the HTML — so that a finding in the text can be
// highlighted (<mark>) or masked in the HTML itself — and which table cell it is in. Block elements
// end a line, table cells are separated by a tab and rows by a line break, so that the detectors see
// one table row as one line (a name in one cell next to an ID number in the next). Pure.

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
const BLOCK =
  /^(?:p|div|br|li|ul|ol|h[1-6]|blockquote|section|article|table|thead|tbody|tfoot|pre|hr|figure|caption)$/u;

export interface HtmlText {
  text: string;
  /**
   * For each code unit k of `text`: [spans[2k], spans[2k + 1]) is what produced it in the HTML, or
   * -1, -1 (a break). One typed array, not a pair per character: a 4.8 KB body of a bulk import
   * made ~1,700 pairs a row that only masking and marking (maskHtml, markHtml) ever read.
   */
  spans: Int32Array;
  /** Table cells: text range and a label (表2 第3行第1列). */
  cells: Array<{ start: number; end: number; label: string }>;
}

/** Whether a code unit is whitespace as `/\s/u` has it (every such character is one code unit). */
function isSpace(c: number): boolean {
  return (
    c === 0x20 ||
    (c >= 0x09 && c <= 0x0d) ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

const LT = 0x3c;
const AMP = 0x26;

export function htmlText(html: string): HtmlText {
  // Every character of the text comes from at least one of the HTML's (a tag of three or more
  // gives at most one break, an entity fewer code units than it has), so the text is no longer.
  const spans = new Int32Array(2 * html.length);
  const cells: HtmlText['cells'] = [];
  let text = '';
  // The text is `text` + html.slice(pending, i): a stretch copied as it stands is added as a slice.
  let pending = -1;
  let n = 0;
  let last = -1;
  const flush = (to: number) => {
    if (pending >= 0) {
      text += html.slice(pending, to);
      pending = -1;
    }
  };
  const span = (from: number, to: number) => {
    spans[2 * n] = from;
    spans[2 * n + 1] = to;
    n += 1;
  };
  const push = (s: string, from: number, to: number) => {
    text += s;
    for (let k = 0; k < s.length; k++) span(from, to);
    last = s.charCodeAt(s.length - 1);
  };
  const brk = (ch: string) => {
    if (n && last !== 0x0a) push(ch, -1, -1);
  };
  let table = 0;
  const stack: Array<{ row: number; col: number }> = [];
  let cellStart = -1;
  let cellLabel = '';
  let i = 0;
  while (i < html.length) {
    const c = html.charCodeAt(i);
    if (c === LT) {
      flush(i);
      const close = html.indexOf('>', i);
      if (close === -1) break;
      const tag = /^<\s*(\/?)\s*([a-zA-Z0-9]+)/u.exec(html.slice(i, close + 1));
      if (tag) {
        const closing = tag[1] === '/';
        const name = (tag[2] as string).toLowerCase();
        if (name === 'table') {
          if (!closing) {
            table += 1;
            stack.push({ row: 0, col: 0 });
          } else stack.pop();
          brk('\n');
        } else if (name === 'tr') {
          const t = stack.at(-1);
          if (!closing && t) {
            t.row += 1;
            t.col = 0;
          }
          brk('\n');
        } else if (name === 'td' || name === 'th') {
          const t = stack.at(-1);
          if (!closing) {
            if (t) {
              t.col += 1;
              if (t.col > 1) push('\t', -1, -1);
              cellLabel = `表${table} 第${t.row}行第${t.col}列`;
            }
            cellStart = n;
          } else if (cellStart >= 0) {
            cells.push({ start: cellStart, end: n, label: cellLabel });
            cellStart = -1;
          }
        } else if (BLOCK.test(name)) {
          // Inside a table cell a paragraph only separates words: the row stays one line.
          if (cellStart >= 0) {
            if (n > cellStart && last !== 0x20) push(' ', -1, -1);
          } else brk('\n');
        }
      }
      i = close + 1;
      continue;
    }
    if (c === AMP) {
      const m = /^&(#x[0-9a-fA-F]+|#\d+|[a-zA-Z]+);/u.exec(html.slice(i, i + 12));
      if (m) {
        const body = m[1] as string;
        let decoded: string | undefined;
        if (body[0] === '#') {
          const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
          decoded = Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
        } else decoded = ENTITIES[body.toLowerCase()];
        if (decoded !== undefined) {
          flush(i);
          push(decoded, i, i + m[0].length);
          i += m[0].length;
          continue;
        }
      }
    }
    // A character as it stands (whitespace as a space), each code unit spanning its code point.
    if (isSpace(c) && c !== 0x20) {
      flush(i);
      push(' ', i, i + 1);
      i += 1;
      continue;
    }
    if (pending < 0) pending = i;
    const w = c >= 0xd800 && c < 0xdc00 && i + 1 < html.length && (html.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
    for (let k = 0; k < w; k++) span(i, i + w);
    last = html.charCodeAt(i + w - 1);
    i += w;
  }
  flush(i);
  return { text, spans: spans.subarray(0, 2 * n), cells };
}

/** The table cell label at a text offset, or ''. */
export function cellAt(t: HtmlText, offset: number): string {
  return t.cells.find((c) => offset >= c.start && offset < c.end)?.label ?? '';
}

/** Contiguous HTML ranges behind the text range [start, end). */
export function htmlRanges(t: HtmlText, start: number, end: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let k = start; k < end; k++) {
    const a = k < t.text.length ? (t.spans[2 * k] as number) : -1;
    const b = t.spans[2 * k + 1] as number;
    if (a < 0) continue;
    const last = out.at(-1);
    if (last && last[1] === a) last[1] = b;
    else if (!last || last[1] < a) out.push([a, b]);
  }
  return out;
}

const escapeHtml = (s: string) => s.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;');

/**
 * The HTML with the characters of each text range replaced by the same-length masked text
 * (character for character; every mask of platform/privacy keeps the length).
 */
export function maskHtml(
  html: string,
  t: HtmlText,
  ranges: ReadonlyArray<{ start: number; end: number; masked: string }>,
): string {
  const edits: Array<{ a: number; b: number; s: string }> = [];
  for (const r of ranges) {
    const masked = Array.from(r.masked);
    let k = r.start;
    let n = 0;
    while (k < r.end) {
      const ch = String.fromCodePoint(t.text.codePointAt(k) as number);
      const a = k < t.text.length ? (t.spans[2 * k] as number) : -1;
      const b = t.spans[2 * k + 1] as number;
      const m = masked[n] ?? '*';
      if (a >= 0 && m !== ch && !edits.some((e) => e.a === a)) edits.push({ a, b, s: escapeHtml(m) });
      k += ch.length;
      n += 1;
    }
  }
  edits.sort((x, y) => y.a - x.a);
  let out = html;
  for (const e of edits) out = out.slice(0, e.a) + e.s + out.slice(e.b);
  return out;
}

/** The HTML with each text range wrapped in <mark> (one per contiguous HTML piece), ids as given. */
export function markHtml(
  html: string,
  t: HtmlText,
  ranges: ReadonlyArray<{ start: number; end: number; id: string }>,
): string {
  const inserts: Array<{ at: number; s: string; order: number }> = [];
  for (const r of ranges) {
    htmlRanges(t, r.start, r.end).forEach(([a, b], n) => {
      inserts.push({ at: a, s: `<mark class="pd-mark"${n === 0 ? ` id="${r.id}"` : ''}>`, order: 1 });
      inserts.push({ at: b, s: '</mark>', order: 0 });
    });
  }
  inserts.sort((x, y) => y.at - x.at || x.order - y.order);
  let out = html;
  for (const ins of inserts) out = out.slice(0, ins.at) + ins.s + out.slice(ins.at);
  return out;
}
