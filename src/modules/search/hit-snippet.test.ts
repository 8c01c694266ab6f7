// A search hit's snippet from the body read in part (hit-snippet.ts) against the search page's
// code before it (the whole body's plain text, the summary test, highlight() of the joined text):
// random sanitised-looking HTML with tags, line breaks, cells, entities (also cut by a tag),
// comments, scripts and styles, CJK, astral characters, lone surrogates and marks; summaries that
// are the body's opening or not; every first cut from one byte to past the body; the body as a
// string (PostgreSQL) and as its UTF-8 bytes (the embedded engine).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeHtmlEntities } from '../../platform/html-entities.ts';
import { queryTokens } from './bigram.ts';
import { highlight } from './highlight.ts';
import { hitSnippet, wholeSnippet } from './hit-snippet.ts';
import { plainTextFromHtml, plainTextOfHead } from './text.ts';

/** plainTextFromHtml as it was written before its two stages were split. */
function referencePlainText(html: string): string {
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

interface Hit {
  summary: string;
  body: string;
  documentNumber: string;
  indexNumber: string | null;
}

/** The search page's snippet before (search.routes.tsx). */
function referenceSnippet(r: Hit, terms: readonly string[]): string {
  const body = referencePlainText(r.body);
  // Compared with whitespace runs as one space (the summary test of 2026-12-07: an automatic summary
  // joins the body's paragraphs with spaces).
  const spaced = (t: string) => t.replace(/\s+/gu, ' ');
  const summary = spaced(body).startsWith(spaced(r.summary.replace(/…$/, '')).trim()) ? '' : r.summary;
  const text = [summary, body, r.documentNumber].filter(Boolean).join('\n');
  return highlight(text, terms);
}

const TEXT = [
  '灵',
  '溪',
  '镇',
  '中',
  '国',
  '通',
  '知',
  '公',
  '开',
  '，',
  '。',
  '（',
  '）',
  '…',
  '“',
  'a',
  'B',
  'z',
  '1',
  '2',
  '0',
  '４',
  'Ａ',
  'ﬁ',
  '①',
  '㈠',
  'é',
  'e\u0301',
  '\u0301',
  ' ',
  '  ',
  '\u00a0',
  '\u3000',
  '\n',
  '\t',
  '\r\n',
  '\ufeff',
  '\u200b',
  '😀',
  '𠀀',
  '\ud83d',
  '\ude00',
  '&',
  '<',
  '>',
  '"',
  "'",
  ';',
  '#',
];
const MARKUP = [
  '<p>',
  '</p>',
  '<p class="x">',
  '<br>',
  '<br/>',
  '<BR />',
  '<div>',
  '</div>',
  '<h2>',
  '</h2>',
  '<table><tr><td>',
  '</td><td>',
  '</td></tr></table>',
  '</th>',
  '<li>',
  '</li>',
  '<b>',
  '</b>',
  '<span title="a>b">',
  '</span>',
  '<a href="/x?a=1&amp;b=2">',
  '</a>',
  '<img src="x.png" alt="图">',
  '&amp;',
  '&lt;',
  '&gt;',
  '&nbsp;',
  '&hellip;',
  '&#20844;',
  '&#x516C;',
  '&#X6EAA;',
  '&bogus;',
  '&#0;',
  '&am<b></b>p;',
  '&#2<i></i>0844;',
  '&',
  '&#',
  '&#x',
  '&nbsp',
  '<!-- 注释 -->',
  '<!--x',
  '<script>var a = "<p>灵溪</p>";</script>',
  '<STYLE>p { x: 1 }</STYLE>',
  '<scripts>',
  '<style',
  '</p >',
  '<>',
  '< p>',
];

function randomBody(next: () => number, size: number): string {
  let html = '';
  while (html.length < size) {
    const r = next();
    if (r < 0.12) html += MARKUP[Math.floor(next() * MARKUP.length)];
    else if (r < 0.2) html += '<p>' + '灵溪镇中国通知公开'.slice(Math.floor(next() * 6), 9) + '</p>';
    else html += TEXT[Math.floor(next() * TEXT.length)];
  }
  return html;
}

test('hitSnippet gives the whole body’s snippet for random HTML, summaries, terms and cuts', () => {
  let seed = 20261209;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let k = 0; k < 800; k++) {
    const size = Math.floor(next() * [60, 400, 1500, 6000][k % 4]!);
    let body = randomBody(next, size);
    // Mostly no comment, script or style early: the cut is then free.
    if (k % 3 !== 0) body = body.replace(/<!--|<script|<style/gi, '<i>');
    const plain = referencePlainText(body);
    const cps = Array.from(plain);
    const summaryKind = next();
    const summary =
      summaryKind < 0.3
        ? ''
        : summaryKind < 0.6
          ? cps.slice(0, Math.floor(next() * 120)).join('') + (next() < 0.7 ? '…' : '')
          : summaryKind < 0.65
            ? // An automatic summary: the opening with whitespace runs as one space (publication autoSummary).
              cps
                .slice(0, Math.floor(next() * 120))
                .join('')
                .replace(/\s+/g, ' ')
            : summaryKind < 0.7
              ? '…'
              : Array.from({ length: Math.floor(next() * 30) }, () => TEXT[Math.floor(next() * TEXT.length)]).join('');
    const hit: Hit = {
      summary,
      body,
      documentNumber: next() < 0.5 ? '灵政发〔2024〕3号' : '',
      indexNumber: next() < 0.3 ? null : next() < 0.5 ? '' : '11330000-2024-00001',
    };
    const queries: string[] = [];
    for (let q = 0; q < 3; q++) {
      if (next() < 0.7 && cps.length) {
        const at = Math.floor(next() * cps.length);
        queries.push(cps.slice(at, at + 1 + Math.floor(next() * 5)).join(''));
      } else queries.push(['灵溪', '2024', '通知 公开', 'fi', '量子', '镇 中国', '&', '3'][Math.floor(next() * 8)]!);
    }
    const bytes = Buffer.from(body);
    // What the embedded engine gives back as text: the UTF-8 of the string (a lone surrogate as U+FFFD).
    const stored = { ...hit, body: bytes.toString('utf8') };
    for (const q of queries) {
      const terms = queryTokens(q).terms;
      const want = referenceSnippet(hit, terms);
      const wantStored = referenceSnippet(stored, terms);
      assert.equal(wholeSnippet(hit, body, terms), want);
      for (const cut of [1, 7, 40, 200, 900, undefined]) {
        const info = JSON.stringify({ hit, q, cut });
        assert.equal(hitSnippet(hit, terms, cut), want, info);
        assert.equal(hitSnippet({ ...hit, body: bytes }, terms, cut), wantStored, info);
      }
    }
  }
});

test('plainTextOfHead is a prefix of the whole body’s plain text at every cut after a >', () => {
  let seed = 20261210;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  let cuts = 0;
  for (let k = 0; k < 2000; k++) {
    const html = randomBody(next, Math.floor(next() * 300));
    const whole = plainTextFromHtml(html);
    assert.equal(whole, referencePlainText(html));
    const stop = html.search(/<!--|<script|<style/i);
    for (let at = html.indexOf('>'); at !== -1 && (stop === -1 || at < stop); at = html.indexOf('>', at + 1)) {
      const head = plainTextOfHead(html.slice(0, at + 1));
      if (head === null) continue;
      assert.ok(whole.startsWith(head), JSON.stringify({ html, at, head, whole }));
      cuts += 1;
    }
  }
  assert.ok(cuts > 5000, `${cuts} cuts`);
});

test('hitSnippet: a hit past the first cut, no hit, a comment before the cut, an automatic summary', () => {
  const body = `<p>${'通知'.repeat(600)}</p><p>灵溪镇</p>${'<p>公告</p>'.repeat(300)}`;
  const hit = { summary: `${'通知'.repeat(50)}…`, body, documentNumber: '灵政发〔2024〕3号', indexNumber: null };
  for (const q of ['灵溪', '通知', '2024', '不在', '公告']) {
    const terms = queryTokens(q).terms;
    const want = referenceSnippet(hit, terms);
    assert.equal(hitSnippet(hit, terms), want);
    assert.equal(hitSnippet({ ...hit, body: Buffer.from(body) }, terms), want);
    const commented = { ...hit, body: `<!-- x -->${body}` };
    assert.equal(hitSnippet(commented, terms), referenceSnippet(commented, terms));
  }
  // The automatic summary is the body's opening: not shown.
  assert.doesNotMatch(hitSnippet(hit, queryTokens('通知').terms), /…\n/);
});

test('hitSnippet: a summary that is the body’s opening with its paragraphs joined is not shown twice', () => {
  // The demo's 《行政规范性文件管理办法》: its automatic 内容概述 joins the paragraphs with spaces (and
  // the body's U+3000 after 第一条 with one), the body's plain text with line breaks.
  const body =
    '<p>各乡镇人民政府，县直各单位：</p><p>为进一步规范政务公开相关工作，现将有关规定印发给你们，请认真贯彻执行。</p>' +
    '<p>第一条\u3000为加强行政规范性文件管理，规范制发程序，维护法制统一，制定本办法。</p><p>第二条\u3000本办法所称行政规范性文件。</p>';
  const summary =
    '各乡镇人民政府，县直各单位： 为进一步规范政务公开相关工作，现将有关规定印发给你们，请认真贯彻执行。 第一条 为加强行政规范性文件管理';
  const hit = { summary, body, documentNumber: '永政发〔2026〕1号', indexNumber: null };
  for (const q of ['规范性文件', '贯彻执行', '县直']) {
    const terms = queryTokens(q).terms;
    for (const h of [hit, { ...hit, body: Buffer.from(body) }]) {
      const html = hitSnippet(h, terms);
      assert.equal(html.split('各乡镇人民政府').length, 2, html);
      assert.equal(html.replace(/<\/?mark>/g, '').split('请认真贯彻执行').length, 2, html);
      assert.equal(html, wholeSnippet(hit, body, terms));
      for (const cut of [1, 40, 200]) assert.equal(hitSnippet(h, terms, cut), html);
    }
  }
  // A summary that is not the body's opening is still shown above it.
  const other = { ...hit, summary: '规范性文件的制定程序和备案审查。' };
  assert.match(
    hitSnippet(other, queryTokens('规范性文件').terms),
    /^<mark>规范性文件<\/mark>的制定程序和备案审查。 各乡镇/,
  );
});
