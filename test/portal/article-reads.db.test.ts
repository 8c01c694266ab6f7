// The article page reads its attachments, related items, revisions, 解读 and the policy a 解读
// explains only when findPublicArticle says there are some (#16 point 2: fewer statements per
// page): each part is shown when there is something, in either direction of a related link, and
// left out when there is not. The body goes into the page as the bytes the embedded engine keeps
// (a body with an image as text, its links rewritten). On the engine of GK_TEST_ENGINE.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { findPublicArticle, neighbours } from '../../src/modules/publication/index.ts';
import { EncodedPart } from '../../src/platform/views/render.ts';
import { makePublication } from '../support/factories.ts';
import { createTestEnv, ENGINE, type TestEnv } from '../support/test-app.ts';

let env: TestEnv;
let policy: number;
let plain: number;
let interpretation: number;
const page = async (id: number) => {
  const res = await env.app.inject({ method: 'GET', url: `/publications/${id}` });
  assert.equal(res.statusCode, 200);
  return res.body;
};

before(async () => {
  env = await createTestEnv({ config: { publicCacheSeconds: 0 } });
  const lingxi = env.county.agencyIds.lingxi as number;
  policy = (await makePublication(env, lingxi, 'published', { title: '文读测试：政策文件' })).id;
  plain = (await makePublication(env, lingxi, 'published', { title: '文读测试：另一篇' })).id;
  interpretation = (await makePublication(env, lingxi, 'published', { title: '文读测试：政策解读' })).id;
  const db = env.database.db;
  const now = new Date().toISOString();
  await db
    .insertInto('attachments')
    .values({
      publicationId: policy,
      sha256: 'a'.repeat(64),
      size: 10,
      mime: 'application/pdf',
      fileName: '文读测试附件.pdf',
      title: '文读测试附件',
      sortOrder: 1,
      extractedText: '',
      uploadedBy: null,
      createdAt: now,
    })
    .execute();
  await db.insertInto('publicationRelated').values({ publicationId: policy, relatedId: plain }).execute();
  const first = await db
    .selectFrom('publicationRevisions')
    .selectAll()
    .where('publicationId', '=', policy)
    .executeTakeFirstOrThrow();
  await db
    .insertInto('publicationRevisions')
    .values({ ...first, id: undefined, revision: first.revision + 1, note: '文读测试修订' })
    .execute();
  await db
    .updateTable('publications')
    .set({ interpretsId: policy, interpretationForm: 'text' })
    .where('id', '=', interpretation)
    .execute();
});
after(async () => env.close());

describe('article page: only the reads it needs', () => {
  test('what the page needs is told by its first read', async () => {
    const p = await findPublicArticle(env.database.db, policy);
    assert.ok(p);
    assert.deepEqual(
      [p.hasAttachments, p.hasRelated, p.revisionCount, p.hasInterpretations, p.policyTitle],
      [1, 1, 2, 1, null],
    );
    const q = await findPublicArticle(env.database.db, plain);
    assert.deepEqual([q?.hasAttachments, q?.hasRelated, q?.revisionCount, q?.hasInterpretations], [0, 1, 1, 0]);
    const i = await findPublicArticle(env.database.db, interpretation);
    assert.equal(i?.policyTitle, '文读测试：政策文件');
  });

  test('a policy with an attachment, a related item, two revisions and a 解读 shows them all', async () => {
    const body = await page(policy);
    assert.match(body, /文读测试附件/);
    assert.match(body, new RegExp(`<h2 id="rel-title">相关信息</h2><ul><li><a href="/publications/${plain}">`));
    assert.match(body, /<h2 id="rev-title">修订记录<\/h2>/);
    assert.match(body, /文读测试修订/);
    assert.match(
      body,
      new RegExp(`<h2 id="interp-title">政策解读</h2><ul><li><a href="/publications/${interpretation}">`),
    );
  });

  test('the related link shows from the other side; what an item lacks is left out', async () => {
    const body = await page(plain);
    assert.match(body, new RegExp(`<h2 id="rel-title">相关信息</h2><ul><li><a href="/publications/${policy}">`));
    assert.doesNotMatch(body, /rev-title|interp-title|文读测试附件/);
  });

  test('a 解读 links to the released policy it explains', async () => {
    const body = await page(interpretation);
    assert.match(body, /<h2 id="interp-title">解读的政策文件<\/h2>/);
    assert.match(body, new RegExp(`<a href="/publications/${policy}">文读测试：政策文件</a>`));
  });

  test('both neighbours come from one read, the same as reading each side', async () => {
    const p = await findPublicArticle(env.database.db, plain);
    assert.ok(p);
    const around = await neighbours(env.database.db, p.agencyId, p.publishedAt ?? '', p.id);
    assert.deepEqual(around.newer, { id: interpretation, title: '文读测试：政策解读' });
    assert.equal(around.older?.id, policy);
    const body = await page(plain);
    assert.match(body, new RegExp(`上一篇：<a href="/publications/${interpretation}">`));
    assert.match(body, new RegExp(`下一篇：<a href="/publications/${policy}">`));
  });
});

describe('article page: the body', () => {
  test('goes into the page as it is stored: on the embedded engine as its bytes, never decoded', async () => {
    const lingxi = env.county.agencyIds.lingxi as number;
    const html = '<p>正文测试：第一段 &amp; 𠀋😀</p><p>第二段<strong>加粗</strong></p>';
    const { id } = await makePublication(env, lingxi, 'published', { title: '正文测试' });
    await env.database.db.updateTable('publications').set({ body: html }).where('id', '=', id).execute();
    const p = await findPublicArticle(env.database.db, id);
    // The embedded engine hands the body over as its UTF-8 bytes; PostgreSQL as text.
    if (ENGINE === 'embedded') assert.ok(p?.body instanceof EncodedPart && p.body.bytes.equals(Buffer.from(html)));
    else assert.equal(p?.body, html);
    assert.ok((await page(id)).includes(`<div class="article-body">${html}</div>`));
  });

  test('with an image of an attachment: as text, the image linked and the attachment not listed again', async () => {
    const lingxi = env.county.agencyIds.lingxi as number;
    const { id } = await makePublication(env, lingxi, 'published', { title: '正文测试：带图' });
    const db = env.database.db;
    const image = await db
      .insertInto('attachments')
      .values({
        publicationId: id,
        sha256: 'b'.repeat(64),
        size: 10,
        mime: 'image/png',
        fileName: '正文测试图.png',
        title: '正文测试图',
        sortOrder: 1,
        extractedText: '',
        uploadedBy: null,
        createdAt: new Date().toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const html = `<p>图前</p><img alt="正文测试图" src="/attachments/${image.id}" /><p>图后</p>`;
    await db.updateTable('publications').set({ body: html }).where('id', '=', id).execute();
    const p = await findPublicArticle(db, id);
    assert.equal(p?.body, html);
    const body = await page(id);
    assert.ok(body.includes(`<div class="article-body">${html}</div>`));
    assert.doesNotMatch(body, /att-title/);
  });
});
