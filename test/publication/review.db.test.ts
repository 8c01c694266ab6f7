// Review with the content (issue #11), on both engines: the 保密审查 and 签发 pages show the
// publication as the public will see it (title, 信息属性, summary, body, attachments that open for
// staff of the agency and not for the public before release); after a return, the reviewer and
// the signer see what changed since the returned submission; returning needs a comment at both
// steps; each step's banner says what happened.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { MINIMAL_PDF as PDF } from '../support/multipart.ts';
import { PublicationDesk, publicationFields } from '../support/publication-desk.ts';
import type { TestEnv } from '../support/test-app.ts';

let env: TestEnv;
let lingxi: number;
const desk = new PublicationDesk('lingxi', 'lx', [['gp.reviewer', 'gaoping', 'reviewer']]);

const TITLE = '灵溪镇2025年农田水利建设计划';
const FIRST_BODY =
  '<p>今年计划新建灌溉渠道3.2公里，涉及司城村、那必村。</p><p>项目总投资280万元，其中镇财政配套60万元。</p>';
const SECOND_BODY = '<p>今年计划新建灌溉渠道3.5公里，涉及司城村、那必村。</p>';

before(async () => {
  env = await desk.start({ now: '2025-06-02T02:00:00Z' });
  lingxi = desk.agencyId;
});
after(() => env.close());

const { as, act } = desk;
const db = () => env.database.db;

/** The whole form: the plan with its 文号 and keyword, on the website and the notice board. */
const form = (fields: Record<string, string | string[]>) =>
  publicationFields(env, lingxi, {
    title: TITLE,
    body: FIRST_BODY,
    documentNumber: '灵政发〔2025〕12号',
    keywords: '水利',
    channels: ['website', 'noticeBoard'],
    ...fields,
  });

/** The text of a page without tags, to look for words across markup. */
const text = (html: string) => html.replace(/<[^>]+>/g, '');

describe('review and sign-off with the content', () => {
  let id = 0;
  let attachmentId = 0;

  test('the clerk drafts with an attachment; the draft page previews it; submitting says so', async () => {
    const clerk = as('lx.clerk');
    await clerk.get('/admin/publications/new');
    const res = await clerk.post('/admin/publications', { agencyId: String(lingxi), ...(await form({})) });
    assert.equal(res.statusCode, 303, res.body.slice(0, 2000));
    id = Number(/\/admin\/publications\/(\d+)/.exec(res.headers.location as string)?.[1]);
    const up = await clerk.postMultipart(
      `/admin/publications/${id}/attachments`,
      {},
      { file: [{ name: '灌溉渠道走向图.pdf', data: PDF, type: 'application/pdf' }] },
    );
    assert.equal(up.statusCode, 303, up.body.slice(0, 2000));
    const att = await db().selectFrom('attachments').select('id').where('publicationId', '=', id).executeTakeFirst();
    attachmentId = att!.id;
    const page = await clerk.get(`/admin/publications/${id}`);
    assert.match(page.body, /预览：公开后的样子/);
    assert.match(page.body, /今年计划新建灌溉渠道3\.2公里/);
    const submitted = await act('lx.clerk', id, 'submit');
    assert.equal(submitted.statusCode, 303);
    assert.match(submitted.headers.location as string, /flash=submitted/);
    const after = await clerk.get(submitted.headers.location as string);
    assert.match(after.body, /已提交保密审查，等待审查。/);
  });

  test('the reviewer sees title, 信息属性, summary, body and the attachment link; nothing to compare yet', async () => {
    const page = await as('lx.reviewer').get(`/admin/publications/${id}`);
    assert.equal(page.statusCode, 200);
    const body = page.body;
    assert.match(body, /全文（公开后的样子）/);
    assert.match(body, /<caption>信息属性<\/caption>/);
    assert.match(body, /灵政发〔2025〕12号/);
    assert.match(body, /<h2 class="article-title">灵溪镇2025年农田水利建设计划<\/h2>/);
    assert.match(body, /内容概述：<\/strong>今年计划新建灌溉渠道3\.2公里/);
    assert.match(body, /<p>项目总投资280万元，其中镇财政配套60万元。<\/p>/);
    assert.match(body, new RegExp(`href="/admin/publications/${id}/attachments/${attachmentId}">灌溉渠道走向图</a>`));
    assert.doesNotMatch(body, /退回后的修改/);
    // The link opens the file for staff of the agency, not for another agency nor the public.
    const file = await as('lx.reviewer').get(`/admin/publications/${id}/attachments/${attachmentId}`);
    assert.equal(file.statusCode, 200);
    assert.equal(file.headers['content-type'], 'application/pdf');
    assert.equal(
      (await as('gp.reviewer').get(`/admin/publications/${id}/attachments/${attachmentId}`)).statusCode,
      403,
    );
    assert.equal((await env.app.inject({ url: `/attachments/${attachmentId}` })).statusCode, 404);
  });

  test('returned with a comment, edited by the clerk: the clerk, reviewer and signer see the diff', async () => {
    const returned = await act('lx.reviewer', id, 'review', {
      decision: 'return',
      comment: '投资数额尚未经审计，请删除第二段。',
    });
    assert.equal(returned.statusCode, 303);
    assert.match(returned.headers.location as string, /flash=returned/);
    const clerk = as('lx.clerk');
    await clerk.get(`/admin/publications/${id}/edit`);
    const saved = await clerk.post(
      `/admin/publications/${id}`,
      await form({ title: '灵溪镇2025年农田水利建设实施计划', body: SECOND_BODY }),
    );
    assert.equal(saved.statusCode, 303, saved.body.slice(0, 2000));
    const draftPage = await clerk.get(`/admin/publications/${id}`);
    assert.match(draftPage.body, /退回后已做的修改/);
    assert.equal((await act('lx.clerk', id, 'submit')).statusCode, 303);

    const review = await as('lx.reviewer').get(`/admin/publications/${id}`);
    const diff = /<section aria-labelledby="h-diff"[\s\S]*?<\/section>/.exec(review.body)?.[0] ?? '';
    assert.match(diff, /退回后的修改（与 2025-06-02 10:00 提交的版本相比）/);
    assert.match(text(diff), /标题灵溪镇2025年农田水利建设［新增：实施］计划/);
    assert.match(
      diff,
      /<del><span class="visually-hidden">［删除：<\/span>3\.2<span class="visually-hidden">］<\/span><\/del>/,
    );
    assert.match(
      diff,
      /<ins><span class="visually-hidden">［新增：<\/span>3\.5<span class="visually-hidden">］<\/span><\/ins>/,
    );
    assert.match(text(diff), /［删除：项目总投资280万元，其中镇财政配套60万元。］/);
    // The summary was derived from the body, so it changed with it.
    assert.match(text(diff), /内容概述.*［删除：3\.2］/s);
    // And the full text as it is now.
    assert.match(review.body, /<p>今年计划新建灌溉渠道3\.5公里，涉及司城村、那必村。<\/p>/);
    assert.doesNotMatch(review.body, /<p>项目总投资280万元/);

    const passed = await act('lx.reviewer', id, 'review', { decision: 'pass', comment: '' });
    assert.match(passed.headers.location as string, /flash=reviewPassed/);
    const sign = await as('lx.signer').get(`/admin/publications/${id}`);
    assert.match(sign.body, /签发并发布/);
    assert.match(sign.body, /退回后的修改/);
    assert.match(text(sign.body), /［删除：项目总投资280万元，其中镇财政配套60万元。］/);
    assert.match(sign.body, /<p>今年计划新建灌溉渠道3\.5公里/);
    assert.match(sign.body, /灌溉渠道走向图<\/a>/);
  });

  test('the signer must write a comment to return; signing releases and the banner gives the index number', async () => {
    const bare = await act('lx.signer', id, 'sign-off', { decision: 'return', comment: ' ' });
    assert.equal(bare.statusCode, 422);
    assert.match(bare.body, /退回时请写明退回意见/);
    assert.match(bare.body, /签发意见：退回时请写明退回意见/, 'the summary names the field by its label');
    assert.match(bare.body, /<p>今年计划新建灌溉渠道3\.5公里/, 'the re-rendered page still shows the content');
    const approved = await act('lx.signer', id, 'sign-off', { decision: 'approve', comment: '同意发布。' });
    assert.equal(approved.statusCode, 303);
    assert.match(approved.headers.location as string, /flash=published/);
    const row = await db()
      .selectFrom('publications')
      .select(['state', 'indexNumber'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.equal(row.state, 'published');
    const page = await as('lx.signer').get(approved.headers.location as string);
    assert.ok(page.body.includes(`已发布，索引号 ${row.indexNumber}。`));
    // Released: the public download answers now.
    assert.equal((await env.app.inject({ url: `/attachments/${attachmentId}` })).statusCode, 200);
    const submissions = await db()
      .selectFrom('publicationSubmissions')
      .select(['seq', 'title'])
      .where('publicationId', '=', id)
      .orderBy('seq')
      .execute();
    assert.deepEqual(submissions, [
      { seq: 1, title: TITLE },
      { seq: 2, title: '灵溪镇2025年农田水利建设实施计划' },
    ]);
  });
});
