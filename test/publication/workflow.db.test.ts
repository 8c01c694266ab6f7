// The publishing workflow through the admin routes, on both engines: the default taxonomy, each
// transition and its refusals, and the typed policy against the publication's agency.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { PublicationDesk } from '../support/publication-desk.ts';
import type { TestEnv } from '../support/test-app.ts';
import { auditEvents } from '../support/audit.ts';

let env: TestEnv;
/** 灵溪镇's desk and 高坪乡's reviewer and signer; its plans kept under 水利, on the website and the notice board. */
const desk = new PublicationDesk(
  'lingxi',
  'lx',
  [
    ['gp.reviewer', 'gaoping', 'reviewer'],
    ['gp.signer', 'gaoping', 'signer'],
  ],
  { keywords: '水利', channels: ['website', 'noticeBoard'] },
);

before(async () => {
  // On purpose on a fixed day: the tests assert release dates and index-number years of 2025.
  env = await desk.start({ now: '2025-06-02T02:00:00Z' });
});
after(() => env.close());

const { as, pub, act, release, draft } = desk;
const db = () => env.database.db;

describe('default taxonomy', () => {
  test('every agency gets the four columns and the 第二十条 items; 第二十一条 by agency kind', async () => {
    const names = async (agencyId: number) =>
      (await db().selectFrom('categories').select('name').where('agencyId', '=', agencyId).execute()).map(
        (r) => r.name,
      );
    const town = await names(desk.agencyId);
    const county = await names(env.county.countyId);
    for (const list of [town, county]) {
      for (const n of [
        '政府信息公开指南',
        '政府信息公开制度',
        '法定主动公开内容',
        '政府信息公开年报',
        '财政预算、决算信息',
      ])
        assert.ok(list.includes(n), n);
    }
    assert.ok(town.includes('宅基地使用情况审核') && !town.includes('市政建设'));
    assert.ok(county.includes('市政建设') && !county.includes('宅基地使用情况审核'));
  });
});

describe('workflow', () => {
  test('draft → return with comment → fix → pass → sign-off releases with an index number', async () => {
    const id = await draft();
    let p = await pub(id);
    assert.equal(p.state, 'draft');
    assert.equal(p.indexNumber, null);
    assert.equal((await act('lx.clerk', id, 'submit')).statusCode, 303);
    // Returning needs a comment: 422, nothing changes.
    const noComment = await act('lx.reviewer', id, 'review', { decision: 'return', comment: '  ' });
    assert.equal(noComment.statusCode, 422);
    assert.match(noComment.body, /退回时请写明退回意见/);
    assert.match(noComment.body, /保密审查意见：退回时请写明退回意见/, 'the summary names the field by its label');
    assert.equal((await pub(id)).state, 'submitted');
    assert.equal(
      (await act('lx.reviewer', id, 'review', { decision: 'return', comment: '第二段涉及未公开的投资数额，请删除。' }))
        .statusCode,
      303,
    );
    p = await pub(id);
    assert.equal(p.state, 'draft');
    const page = await as('lx.clerk').get(`/admin/publications/${id}`);
    assert.match(page.body, /第二段涉及未公开的投资数额/);
    // The clerk fixes it and resubmits.
    const edited = await desk.edit('lx.clerk', id, { body: '<p>今年计划新建灌溉渠道。</p>' });
    assert.equal(edited.statusCode, 303);
    const indexNumber = await release(id);
    assert.match(indexNumber, /^[0-9A-Z]{18}\/2025-\d{5}$/);
    p = await pub(id);
    assert.equal(p.revision, 1);
    assert.equal(p.publishedOn, '2025-06-02');
    const actions = (await auditEvents(env, { entityType: 'publication', entityId: id })).map((r) => r.action);
    assert.deepEqual(actions, [
      'publication.created',
      'publication.submitted',
      'publication.reviewReturned',
      'publication.edited',
      'publication.submitted',
      'publication.reviewPassed',
      'publication.published',
    ]);
    // The outbox: reviewers told twice (two submissions), the clerk of the return, the signer once.
    const notes = await db()
      .selectFrom('notifications')
      .select(['recipientName', 'subject'])
      .where('relatedType', '=', 'publication')
      .where('relatedId', '=', String(id))
      .orderBy('id')
      .execute();
    assert.deepEqual(
      notes.map((n) => n.recipientName),
      ['lx.reviewer', 'lx.clerk', 'lx.reviewer', 'lx.signer'],
    );
    assert.match(notes[1]!.subject, /^信息被退回：/);
    const timeline = await as('lx.clerk').get(`/admin/publications/${id}`);
    assert.match(timeline.body, /保密审查退回/);
    assert.match(timeline.body, /签发并发布/);
  });

  test('refusals: a step from the wrong state is a 409 with the reason; nothing changes', async () => {
    const id = await draft();
    const early = await act('lx.signer', id, 'sign-off', { decision: 'approve', comment: '' });
    assert.equal(early.statusCode, 409);
    assert.match(early.body, /当前状态为“草稿”，不能执行“签发”/);
    const review = await act('lx.reviewer', id, 'review', { decision: 'pass', comment: '' });
    assert.equal(review.statusCode, 409);
    assert.equal((await pub(id)).state, 'draft');
  });

  test('a signer can return at sign-off with a comment', async () => {
    const id = await draft();
    await act('lx.clerk', id, 'submit');
    await act('lx.reviewer', id, 'review', { decision: 'pass', comment: '' });
    assert.equal(
      (await act('lx.signer', id, 'sign-off', { decision: 'return', comment: '标题请写明年份。' })).statusCode,
      303,
    );
    const p = await pub(id);
    assert.equal(p.state, 'draft');
    assert.equal(p.reviewComment, '标题请写明年份。');
  });
});

describe('policy', () => {
  test('a clerk cannot pass review nor sign off', async () => {
    const id = await draft();
    await act('lx.clerk', id, 'submit');
    assert.equal((await act('lx.clerk', id, 'review', { decision: 'pass', comment: '' })).statusCode, 403);
    await act('lx.reviewer', id, 'review', { decision: 'pass', comment: '' });
    const res = await act('lx.clerk', id, 'sign-off', { decision: 'approve', comment: '' });
    assert.equal(res.statusCode, 403);
    assert.equal((await pub(id)).state, 'reviewed');
  });

  test("a reviewer and a signer of 高坪乡 cannot see or touch 灵溪镇's publication", async () => {
    const id = await draft();
    await act('lx.clerk', id, 'submit');
    assert.equal((await as('gp.reviewer').get(`/admin/publications/${id}`)).statusCode, 403);
    const res = await as('gp.reviewer').post(`/admin/publications/${id}/review`, { decision: 'pass', comment: '' });
    assert.equal(res.statusCode, 403);
    assert.equal((await pub(id)).state, 'submitted');
    await act('lx.reviewer', id, 'review', { decision: 'pass', comment: '' });
    assert.equal(
      (await as('gp.signer').post(`/admin/publications/${id}/sign-off`, { decision: 'approve', comment: '' }))
        .statusCode,
      403,
    );
    assert.equal((await pub(id)).state, 'reviewed');
    const list = await as('gp.reviewer').get('/admin/publications');
    assert.equal(list.statusCode, 200);
    assert.doesNotMatch(list.body, /灵溪镇2025年农田水利建设计划/);
  });

  test('a clerk cannot draft for another agency', async () => {
    const a = as('lx.clerk');
    await a.get('/admin/publications/new');
    const res = await a.post('/admin/publications', {
      agencyId: String(env.county.agencyIds.gaoping!),
      title: 'x',
      body: 'x',
      issuer: 'x',
      formedOn: '2025-05-26',
      validity: 'valid',
      docKind: 'other',
    });
    assert.equal(res.statusCode, 403);
  });
});
