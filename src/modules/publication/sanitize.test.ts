// sanitizeBody's shortcut: a body of plain paragraphs is given back without parsing, and that is
// what sanitize-html gives for it — checked on random paragraphs of every kind of character the
// parser might treat apart (quotes, NUL, CR/LF, no-break and ideographic spaces, astral
// characters, lone surrogates, full-width forms, empty paragraphs) and on the bench corpus; bodies
// the shortcut does not take still go through sanitize-html.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import sanitizeHtml from 'sanitize-html';
import { generatePublication, rng } from '../../../bench/corpus.ts';
import { BODY_OPTIONS, PLAIN_PARAGRAPHS, sanitizeBody } from './sanitize.ts';

const POOL = [
  ...'公开县镇第项abcXYZ019 ，。；、（）',
  '"',
  "'",
  '`',
  '=',
  '/',
  '\u0000',
  '\r',
  '\n',
  '\t',
  '\u00a0',
  '\u3000',
  '\ufeff',
  '\u200b',
  '\ud840\udc0b',
  '\ud83d\ude00',
  '\ud800',
  '\udc00',
  'Ａ',
  '１',
  '&',
  '<',
  '>',
  '<b>',
  '<br>',
];

test('a body of plain paragraphs is what sanitize-html gives for it', () => {
  const r = rng(1207);
  let plain = 0;
  for (let n = 0; n < 5000; n++) {
    let html = '';
    for (let p = 0, m = Math.floor(r() * 6); p < m; p++) {
      let text = '';
      for (let k = 0, len = Math.floor(r() * 30); k < len; k++) {
        // Mostly characters the shortcut takes; now and then one it does not.
        const i = Math.floor(r() * (r() < 0.97 ? POOL.length - 5 : POOL.length));
        text += POOL[i];
      }
      html += `<p>${text}</p>`;
    }
    if (PLAIN_PARAGRAPHS.test(html)) plain += 1;
    assert.equal(sanitizeBody(html), sanitizeHtml(html, BODY_OPTIONS).trim(), JSON.stringify(html));
  }
  assert.ok(plain > 2000 && plain < 4900, `${plain} of 5000 plain`);
  const c = rng(20261205);
  for (let n = 0; n < 60; n++) {
    const html = generatePublication(c, n).bodyHtml;
    assert.equal(sanitizeBody(html), sanitizeHtml(html, BODY_OPTIONS).trim());
  }
});

test('other bodies still go through the allow-list', () => {
  assert.equal(sanitizeBody('<p onclick="x()">a</p>'), '<p>a</p>');
  assert.equal(sanitizeBody('<p>a<script>b</script></p>'), '<p>a</p>');
  assert.equal(sanitizeBody(' <p>a &amp; b</p> '), '<p>a &amp; b</p>');
  assert.equal(sanitizeBody('<p>a<br>b</p>'), '<p>a<br />b</p>');
  assert.equal(sanitizeBody('<p>a'), '<p>a</p>');
});
