// html-text.ts against the definition it replaces (htmlText as it stood before 2026-12-07, copied
// here: a character at a time, a [start, end) pair per code unit): the same text, the same span
// behind every code unit, the same cells, and so the same masked and marked HTML — for random HTML
// drawn from tags (tables, blocks, malformed), entities (named, numeric, astral, invalid),
// whitespace of every kind `\s` knows, astral characters, lone surrogates and full-width forms,
// and for the bench corpus.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generatePublication, rng } from '../../../bench/corpus.ts';
import { cellAt, htmlRanges, htmlText, markHtml, maskHtml } from './html-text.ts';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
const BLOCK =
  /^(?:p|div|br|li|ul|ol|h[1-6]|blockquote|section|article|table|thead|tbody|tfoot|pre|hr|figure|caption)$/u;

interface RefHtmlText {
  text: string;
  /** For each character of `text`: [start, end) of what produced it in the HTML, or [-1, -1] (a break). */
  spans: Array<[number, number]>;
  /** Table cells: text range and a label (表2 第3行第1列). */
  cells: Array<{ start: number; end: number; label: string }>;
}

function refHtmlText(html: string): RefHtmlText {
  let text = '';
  const spans: Array<[number, number]> = [];
  const cells: RefHtmlText['cells'] = [];
  const push = (s: string, from: number, to: number) => {
    for (const ch of s) {
      text += ch;
      for (let k = 0; k < ch.length; k++) spans.push([from, to]);
    }
  };
  const brk = (ch: string) => {
    if (text.length && !text.endsWith('\n')) push(ch, -1, -1);
  };
  let table = 0;
  const stack: Array<{ row: number; col: number }> = [];
  let cellStart = -1;
  let cellLabel = '';
  let i = 0;
  while (i < html.length) {
    const ch = html[i] as string;
    if (ch === '<') {
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
            cellStart = text.length;
          } else if (cellStart >= 0) {
            cells.push({ start: cellStart, end: text.length, label: cellLabel });
            cellStart = -1;
          }
        } else if (BLOCK.test(name)) {
          // Inside a table cell a paragraph only separates words: the row stays one line.
          if (cellStart >= 0) {
            if (text.length > cellStart && !text.endsWith(' ')) push(' ', -1, -1);
          } else brk('\n');
        }
      }
      i = close + 1;
      continue;
    }
    if (ch === '&') {
      const m = /^&(#x[0-9a-fA-F]+|#\d+|[a-zA-Z]+);/u.exec(html.slice(i, i + 12));
      if (m) {
        const body = m[1] as string;
        let decoded: string | undefined;
        if (body[0] === '#') {
          const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
          decoded = Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
        } else decoded = ENTITIES[body.toLowerCase()];
        if (decoded !== undefined) {
          push(decoded, i, i + m[0].length);
          i += m[0].length;
          continue;
        }
      }
    }
    const cp = html.codePointAt(i) as number;
    const s = String.fromCodePoint(cp);
    push(/\s/u.test(s) ? ' ' : s, i, i + s.length);
    i += s.length;
  }
  return { text, spans, cells };
}

const POOL = [
  ...'低保户公开县镇第项abcXYZ0129',
  '<p>',
  '</p>',
  '<P class="x">',
  '<br>',
  '<br/>',
  '< br >',
  '</ p>',
  '<div>',
  '</div>',
  '<li>',
  '<h2>',
  '</h2>',
  '<table>',
  '</table>',
  '<tr>',
  '</tr>',
  '<td>',
  '</td>',
  '<th colspan="2">',
  '</th>',
  '<span>',
  '</span>',
  '<!-- 注释 -->',
  '<a href="https://x.cn/?a=1&b=2">',
  '</a>',
  '<',
  '>',
  '<>',
  '&amp;',
  '&lt;',
  '&nbsp;',
  '&NBSP;',
  '&quot;',
  '&#10;',
  '&#32;',
  '&#x4e00;',
  '&#x1F600;',
  '&#128512;',
  '&#0;',
  '&#x110000;',
  '&bogus;',
  '&',
  '&#;',
  '&amp',
  ' ',
  '  ',
  '\t',
  '\n',
  '\r\n',
  '\v',
  '\f',
  '\u00a0',
  '\u1680',
  '\u2003',
  '\u200a',
  '\u200b',
  '\u2028',
  '\u2029',
  '\u202f',
  '\u205f',
  '\u3000',
  '\ufeff',
  '\u180e',
  '\u0085',
  '\ud840\udc0b',
  '\ud83d\ude00',
  '\ud800',
  '\udc00',
  '\ud800<p>',
  'Ａ',
  '１',
  '，',
  '。',
  '13812345678',
  '张三',
];

function randomHtml(r: () => number): string {
  const len = Math.floor(r() * 60);
  let s = '';
  for (let k = 0; k < len; k++) s += POOL[Math.floor(r() * POOL.length)];
  return s;
}

function sameAsBefore(html: string): void {
  const got = htmlText(html);
  const ref = refHtmlText(html);
  const msg = JSON.stringify(html);
  assert.equal(got.text, ref.text, msg);
  assert.deepEqual(got.cells, ref.cells, msg);
  assert.ok(got.spans instanceof Int32Array, msg);
  const pairs: Array<[number, number]> = [];
  for (let k = 0; k < got.text.length; k++) pairs.push([got.spans[2 * k] as number, got.spans[2 * k + 1] as number]);
  assert.deepEqual(pairs, ref.spans, msg);
  // What reads the spans: ranges, masks and marks over every range of a few code units.
  for (let start = 0; start < got.text.length; start += 3) {
    const end = Math.min(got.text.length + 1, start + 1 + (start % 7));
    assert.deepEqual(htmlRanges(got, start, end), refRanges(ref, start, end), msg);
    assert.equal(cellAt(got, start), ref.cells.find((c) => start >= c.start && start < c.end)?.label ?? '', msg);
  }
  const ranges = [
    { start: 0, end: Math.min(4, got.text.length), masked: '*'.repeat(4), id: 'a' },
    { start: Math.floor(got.text.length / 2), end: got.text.length, masked: '#'.repeat(got.text.length), id: 'b' },
  ];
  assert.equal(maskHtml(html, got, ranges), refMask(html, ref, ranges), msg);
  assert.equal(markHtml(html, got, ranges), refMark(html, ref, ranges), msg);
}

/** htmlRanges, maskHtml and markHtml as they stood, over the pairs. */
function refRanges(t: RefHtmlText, start: number, end: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let k = start; k < end; k++) {
    const [a, b] = t.spans[k] ?? [-1, -1];
    if (a < 0) continue;
    const last = out.at(-1);
    if (last && last[1] === a) last[1] = b;
    else if (!last || last[1] < a) out.push([a, b]);
  }
  return out;
}
const escapeHtml = (s: string) => s.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;');
function refMask(html: string, t: RefHtmlText, ranges: ReadonlyArray<{ start: number; end: number; masked: string }>) {
  const edits: Array<{ a: number; b: number; s: string }> = [];
  for (const r of ranges) {
    const masked = Array.from(r.masked);
    let k = r.start;
    let n = 0;
    while (k < r.end) {
      const ch = String.fromCodePoint(t.text.codePointAt(k) as number);
      const [a, b] = t.spans[k] ?? [-1, -1];
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
function refMark(html: string, t: RefHtmlText, ranges: ReadonlyArray<{ start: number; end: number; id: string }>) {
  const inserts: Array<{ at: number; s: string; order: number }> = [];
  for (const r of ranges) {
    refRanges(t, r.start, r.end).forEach(([a, b], n) => {
      inserts.push({ at: a, s: `<mark class="pd-mark"${n === 0 ? ` id="${r.id}"` : ''}>`, order: 1 });
      inserts.push({ at: b, s: '</mark>', order: 0 });
    });
  }
  inserts.sort((x, y) => y.at - x.at || x.order - y.order);
  let out = html;
  for (const ins of inserts) out = out.slice(0, ins.at) + ins.s + out.slice(ins.at);
  return out;
}

test('htmlText equals its earlier definition on random HTML', () => {
  const r = rng(20261207);
  for (let n = 0; n < 3000; n++) sameAsBefore(randomHtml(r));
  for (const html of ['', '<', '&', '\ud800', '<p></p>', '<table><tr><td>张三</td><td>13812345678</td></tr></table>'])
    sameAsBefore(html);
});

test('… and on the bench corpus', () => {
  const r = rng(20261205);
  for (let n = 0; n < 60; n++) {
    const g = generatePublication(r, n);
    sameAsBefore(g.bodyHtml);
    sameAsBefore(g.title);
  }
});
