// A part filled in as a template (src/platform/views/html-template.tsx) is byte for byte the part
// rendered by preact with the same values: text with the characters preact escapes, empty values
// (preact writes an empty attribute as its bare name), HTML holes, holes used twice or not at all.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { VNode } from 'preact';
import { htmlTemplate } from '../../src/platform/views/html-template.tsx';
import { prerendered, renderPart } from '../../src/platform/views/render.ts';
import { rng } from '../../bench/corpus.ts';

const PIECES = ['', 'a', '灵溪', '&', '<', '>', '"', "'", '&amp;', ' ', '=', '="', 'gktpl', '\n', '0'];

function value(r: () => number): string {
  let s = '';
  const n = Math.floor(r() * 5);
  for (let i = 0; i < n; i += 1) s += PIECES[Math.floor(r() * PIECES.length)];
  return s;
}

const part = (v: { href: string; label: string; n: string; html: VNode | string; unused: string }) => (
  <li class="x">
    <a href={v.href} title={v.label}>
      {v.label}
    </a>{' '}
    <span data-n={`n-${v.n}`}>({v.n})</span>
    <input value={v.label} />
    {v.html}
  </li>
);

test('a part filled in as a template is the part rendered with its values', () => {
  const fill = htmlTemplate({ href: 'text', label: 'text', n: 'text', html: 'html', unused: 'text' }, (h) => part(h));
  const r = rng(1206);
  for (let i = 0; i < 3000; i += 1) {
    const v = { href: value(r), label: value(r), n: value(r), html: `<b>${value(r)}</b>`, unused: value(r) };
    assert.equal(fill(v), renderPart(part({ ...v, html: prerendered(v.html) })), JSON.stringify(v));
  }
});

test('a template without holes is its markup', () => {
  const fill = htmlTemplate({}, () => <p class="muted">结果较多 &amp; “引号”</p>);
  assert.equal(fill({}), renderPart(<p class="muted">结果较多 &amp; “引号”</p>));
});
