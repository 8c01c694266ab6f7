// The article page's body (src/modules/publication/article-content.tsx, publicArticleBody): given
// as the UTF-8 bytes the embedded engine keeps, it is sent as the same bytes as the body given as
// text — over CJK, characters outside the BMP, entities, an empty body — and a body that shows an
// image is kept as text, so that its links are rewritten and the image's attachment not listed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ArticleContent, publicArticleBody, type ArticleData } from '../../src/modules/publication/article-content.tsx';
import { EncodedPart, renderDocumentBytes } from '../../src/platform/views/render.ts';

const article = (body: ArticleData['body']): ArticleData => ({
  id: 9,
  title: '关于<测试>的通知 & “说明”',
  summary: '概述',
  body,
  issuer: '永顺县人民政府',
  formedOn: '2026-01-01',
  publishedOn: '2026-01-02',
  documentNumber: '永政发〔2026〕1号',
  validity: 'valid',
  topic: '综合政务',
  indexNumber: 'YS-2026-0001',
  docKind: 'other',
  keywords: '',
  effectiveOn: null,
  invalidOn: null,
  repealedOn: null,
});
const page = (body: ArticleData['body'], attachments: { id: number; title: string; size: number }[] = []) =>
  renderDocumentBytes(
    <main>
      <ArticleContent
        article={article(body)}
        categories={['规划信息']}
        channels={[]}
        attachments={attachments}
        attachmentHref={(id) => `/files/${id}`}
      />
    </main>,
  );

test('a body given as its bytes is sent as the same bytes as the body given as text', () => {
  for (const html of [
    '<p>第一段，预算总额1280万元。</p><p>第二段&lt;脚本&gt; &amp; “引号”</p>',
    '<p>𠀋 😀 ½ — ａ</p><table><tr><td>表格</td></tr></table>',
    '',
    '<p>img 不是图片：&lt;img src="/attachments/1"&gt;</p>',
  ]) {
    const bytes = publicArticleBody(Buffer.from(html));
    assert.ok(bytes instanceof EncodedPart, html);
    assert.ok(page(bytes).equals(page(html)), html);
  }
});

test('a body with an image is kept as text: its link rewritten, its attachment not listed again', () => {
  const html = '<p>图前</p><img alt="图" src="/attachments/5" /><p>图后</p>';
  const body = publicArticleBody(Buffer.from(html));
  assert.equal(body, html);
  const files = [
    { id: 5, title: '图片附件', size: 10 },
    { id: 6, title: '另一个附件', size: 10 },
  ];
  const out = page(body, files).toString();
  assert.match(out, /<img alt="图" src="\/files\/5" \/>/);
  assert.doesNotMatch(out, /图片附件/);
  assert.match(out, /另一个附件/);
  // Text is passed through unchanged (PostgreSQL gives the body as text).
  assert.equal(publicArticleBody(html), html);
});
