// Parts of pages kept encoded (src/platform/views/render.ts, EncodedPart): a page that places them
// is sent as the same bytes as the page rendered with the parts in it, in any number and order.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { encodedPart, placeEncoded, renderDocument, renderDocumentBytes } from '../../src/platform/views/render.ts';

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
