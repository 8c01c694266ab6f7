// Parts of pages kept encoded (src/platform/views/render.ts, EncodedPart): a page that places them
// is sent as the same bytes as the page rendered with the parts in it, in any number and order.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  encodedPart,
  placeEncoded,
  renderDocument,
  renderDocumentBytes,
  utf8,
} from '../../src/platform/views/render.ts';

const List = ({ n }: { n: number }) => (
  <ul>
    {Array.from({ length: n }, (_, i) => (
      <li key={i}>
        <a href={`/agencies/a${i}`}>第{i}单位 &lt;“引号”&gt;</a>
      </li>
    ))}
  </ul>
);

test('a page with encoded parts is byte-identical to the page rendered with them in it', () => {
  const a = encodedPart(<List n={2000} />);
  const b = encodedPart(<List n={3} />);
  const page = (x: preact.ComponentChildren, y: preact.ComponentChildren) => (
    <html lang="zh-CN">
      <body>
        <h1>机构目录 &amp; “网站地图”</h1>
        {x}
        <p>中间</p>
        {y}
        {x}
      </body>
    </html>
  );
  const inline = renderDocument(page(<List n={2000} />, <List n={3} />));
  const bytes = renderDocumentBytes(page(placeEncoded(a), placeEncoded(b)));
  assert.ok(bytes.equals(Buffer.from(inline)));
  assert.ok(bytes.length > 100_000);
  // A page without parts: its text encoded.
  assert.ok(renderDocumentBytes(<p>公开</p>).equals(Buffer.from('<!DOCTYPE html><p>公开</p>')));
});

test('text that looks like a mark is escaped by preact and never taken for a part', () => {
  const part = encodedPart(<List n={1} />);
  const forged = part.mark;
  const bytes = renderDocumentBytes(<p>{forged}</p>);
  assert.ok(!bytes.includes(Buffer.from(part.bytes)), 'the part is not put in for text');
  assert.match(bytes.toString('utf8'), /&lt;!--gk-part-/);
});

test("a page's text is encoded as Buffer.from encodes it: CJK, astral characters, lone surrogates, any length", () => {
  let seed = 20261207;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const units = [0x41, 0x3c, 0x7f, 0x80, 0x7ff, 0x800, 0x516c, 0xd800, 0xdbff, 0xdc00, 0xdfff, 0xfffd, 0xffff];
  for (let k = 0; k < 400; k++) {
    const length = [0, 1, 2, 17, 5000, 90_000][k % 6] as number;
    const codes = Array.from({ length }, () =>
      next() < 0.5 ? (units[Math.floor(next() * units.length)] as number) : Math.floor(next() * 0x10000),
    );
    let text = '';
    for (let i = 0; i < codes.length; i += 4096) text += String.fromCharCode(...codes.slice(i, i + 4096));
    assert.ok(utf8(text).equals(Buffer.from(text)), `length ${length}`);
  }
  // The same scratch twice in a row: the first result is not overwritten by the second.
  const a = utf8('公开');
  const b = utf8('政务');
  assert.equal(a.toString('utf8'), '公开');
  assert.equal(b.toString('utf8'), '政务');
});
