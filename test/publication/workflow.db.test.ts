// The publishing workflow through the admin routes, on both engines: each transition and its
// refusals, the typed policy against the publication's agency, index numbers (unique, never
// reused, stable on edit), the stored 20-working-day due date and late releases.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Agent } from '../support/agent.ts';
import { createTestEnv, type TestEnv } from '../support/test-app.ts';
import { findPublicByIndexNumber } from '../../src/modules/publication/index.ts';

let env: TestEnv;
let lingxi: number;
let gaoping: number;
const agents: Record<string, Agent> = {};

before(async () => {
  // On purpose on a fixed day: the tests assert release dates and index-number years of 2025.
  env = await createTestEnv({ now: '2025-06-02T02:00:00Z' });
  lingxi = env.county.agencyIds.lingxi!;
  gaoping = env.county.agencyIds.gaoping!;
  await env.user('lx.clerk', 'lingxi', ['clerk']);
  await env.user('lx.reviewer', 'lingxi', ['reviewer']);
  await env.user('lx.signer', 'lingxi', ['signer']);
  await env.user('gp.reviewer', 'gaoping', ['reviewer']);
  await env.user('gp.signer', 'gaoping', ['signer']);
  for (const u of ['lx.clerk', 'lx.reviewer', 'lx.signer', 'gp.reviewer', 'gp.signer']) {
    agents[u] = new Agent(env.app);
    await agents[u].login(u);
  }
});
after(() => env.close());

const as = (u: string) => agents[u] as Agent;
const db = () => env.database.db;
const pub = (id: number) => db().selectFrom('publications').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

async function categoryId(agencyId: number, code: string): Promise<string> {
  const c = await db()
    .selectFrom('categories')
    .select('id')
    .where('agencyId', '=', agencyId)
    .where('code', '=', code)
    .executeTakeFirstOrThrow();
  return String(c.id);
}

async function draft(fields: Record<string, string | string[]> = {}): Promise<number> {
  const a = as('lx.clerk');
  await a.get('/admin/publications/new');
  const res = await a.post('/admin/publications', {
    agencyId: String(lingxi),
    title: '灵溪镇2025年农田水利建设计划',
    summary: '',
    body: '<p>今年计划新建灌溉渠道3.2公里。</p>',
    issuer: '灵溪镇党政综合办公室',
    formedOn: '2025-05-26',
    documentNumber: '',
    docKind: 'other',
    issuedOn: '',
    validity: 'valid',
    effectiveOn: '',
    topic: '',
    keywords: '水利',
    related: '',
    categoryIds: [await categoryId(lingxi, 'statutory.a21.2')],
    channels: ['website', 'noticeBoard'],
    ...fields,
  });
  assert.equal(res.statusCode, 303, res.body.slice(0, 3000));
  return Number(/\/admin\/publications\/(\d+)/.exec(res.headers.location as string)?.[1]);
}

async function act(user: string, id: number, path: string, fields: Record<string, string> = {}) {
  const a = as(user);
  await a.get(`/admin/publications/${id}`);
  return a.post(`/admin/publications/${id}/${path}`, fields);
}

async function release(id: number): Promise<string> {
  assert.equal((await act('lx.clerk', id, 'submit')).statusCode, 303);
  assert.equal((await act('lx.reviewer', id, 'review', { decision: 'pass', comment: '' })).statusCode, 303);
  assert.equal((await act('lx.signer', id, 'sign-off', { decision: 'approve', comment: '' })).statusCode, 303);
  const p = await pub(id);
  assert.equal(p.state, 'published');
  return p.indexNumber as string;
}

describe('default taxonomy', () => {
  test('every agency gets the four columns and the 第二十条 items; 第二十一条 by agency kind', async () => {
    const names = async (agencyId: number) =>
      (await db().selectFrom('categories').select('name').where('agencyId', '=', agencyId).execute()).map(
        (r) => r.name,
      );
    const town = await names(lingxi);
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
    const a = as('lx.clerk');
    await a.get(`/admin/publications/${id}/edit`);
    const edited = await a.post(`/admin/publications/${id}`, {
      title: '灵溪镇2025年农田水利建设计划',
      summary: '',
      body: '<p>今年计划新建灌溉渠道。</p>',
      issuer: '灵溪镇党政综合办公室',
      formedOn: '2025-05-26',
      documentNumber: '',
      docKind: 'other',
      issuedOn: '',
      validity: 'valid',
      effectiveOn: '',
      topic: '',
      keywords: '',
      related: '',
      categoryIds: [await categoryId(lingxi, 'statutory.a21.2')],
      channels: ['website'],
    });
    assert.equal(edited.statusCode, 303);
    const indexNumber = await release(id);
    assert.match(indexNumber, /^[0-9A-Z]{18}\/2025-\d{5}$/);
    p = await pub(id);
    assert.equal(p.revision, 1);
    assert.equal(p.publishedOn, '2025-06-02');
    const actions = (
      await db()
        .selectFrom('auditEvents')
        .select('action')
        .where('entityType', '=', 'publication')
        .where('entityId', '=', String(id))
        .orderBy('id')
        .execute()
    ).map((r) => r.action);
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
      agencyId: String(gaoping),
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

describe('index numbers', () => {
  test('stable when a published publication is revised; the revision is kept', async () => {
    const id = await draft();
    const n = await release(id);
    const a = as('lx.signer');
    await a.get(`/admin/publications/${id}/edit`);
    const res = await a.post(`/admin/publications/${id}`, {
      title: '灵溪镇2025年农田水利建设计划（更正）',
      summary: '',
      body: '<p>更正后的正文。</p>',
      issuer: '灵溪镇党政综合办公室',
      formedOn: '2025-05-26',
      documentNumber: '',
      docKind: 'other',
      issuedOn: '',
      validity: 'valid',
      effectiveOn: '',
      topic: '',
      keywords: '',
      related: '',
      categoryIds: [await categoryId(lingxi, 'statutory.a21.2')],
      channels: ['website'],
      note: '更正标题',
    });
    assert.equal(res.statusCode, 303);
    const p = await pub(id);
    assert.equal(p.indexNumber, n);
    assert.equal(p.revision, 2);
    assert.equal(p.title, '灵溪镇2025年农田水利建设计划（更正）');
    const revs = await db()
      .selectFrom('publicationRevisions')
      .select(['revision', 'title'])
      .where('publicationId', '=', id)
      .orderBy('revision')
      .execute();
    assert.deepEqual(
      revs.map((r) => r.revision),
      [1, 2],
    );
    // A clerk may not revise a released publication.
    const clerk = as('lx.clerk');
    assert.equal((await clerk.get(`/admin/publications/${id}/edit`)).statusCode, 403);
  });

  test('unique, and never reused after a withdrawal', async () => {
    const first = await draft();
    const n1 = await release(first);
    const noReason = await act('lx.signer', first, 'withdraw', { reason: '' });
    assert.equal(noReason.statusCode, 422);
    assert.equal((await act('lx.signer', first, 'withdraw', { reason: '内容已由新文件替代。' })).statusCode, 303);
    assert.equal((await pub(first)).state, 'withdrawn');
    assert.equal((await pub(first)).indexNumber, n1);
    const second = await draft();
    const n2 = await release(second);
    assert.notEqual(n2, n1);
    assert.ok(Number(n2.slice(-5)) > Number(n1.slice(-5)));
    const all = await db()
      .selectFrom('publications')
      .select('indexNumber')
      .where('indexNumber', 'is not', null)
      .execute();
    assert.equal(new Set(all.map((r) => r.indexNumber)).size, all.length);
    const lookup = await findPublicByIndexNumber(db(), n1);
    assert.equal(lookup.status, 'withdrawn');
    assert.ok(lookup.status === 'withdrawn' && lookup.reason === '内容已由新文件替代。');
  });
});

describe('timeliness and content', () => {
  test('the due date is 20 working days after the formed-on date, across the National Day holiday', async () => {
    const id = await draft({ formedOn: '2025-09-26' });
    // 9-28 (Sunday) is a 调休 working day; 10-1 … 10-8 are holidays; 10-11 (Saturday) works.
    assert.equal((await pub(id)).dueOn, '2025-10-30');
  });

  test('a release after the due date is flagged late and counted in the admin list', async () => {
    const before = await as('lx.clerk').get('/admin/publications');
    const count = (body: string) =>
      Number(/逾期发布（超过成文后 20 个工作日）：<a[^>]*><strong>(\d+)<\/strong>/.exec(body)?.[1]);
    const n0 = count(before.body);
    const id = await draft({ formedOn: '2025-04-01', title: '灵溪镇一季度工作总结' });
    await release(id);
    const p = await pub(id);
    assert.equal(p.isLate, 1);
    assert.ok(p.dueOn < '2025-06-02');
    const found = await as('lx.clerk').get(`/admin/publications?q=${encodeURIComponent('一季度')}`);
    assert.match(found.body, /灵溪镇一季度工作总结/);
    assert.match((await as('lx.clerk').get(`/admin/publications?q=${encodeURIComponent('100%')}`)).body, /共 0 条/);
    const after = await as('lx.clerk').get('/admin/publications?late=1');
    assert.equal(count(after.body), n0 + 1);
    assert.match(after.body, /灵溪镇一季度工作总结/);
  });

  test('an automatic summary follows the body: text removed after a return does not survive in it', async () => {
    const id = await draft({ body: '<p>公开的第一句。</p><p>未经审计的投资数额。</p>' });
    const p1 = await pub(id);
    assert.match(p1.summary, /未经审计的投资数额/);
    const a = as('lx.clerk');
    await a.get(`/admin/publications/${id}/edit`);
    // The edit form sends the stored (automatic) summary back unchanged.
    await a.post(`/admin/publications/${id}`, {
      title: p1.title,
      summary: p1.summary,
      body: '<p>公开的第一句。</p>',
      issuer: p1.issuer,
      formedOn: p1.formedOn,
      documentNumber: '',
      docKind: 'other',
      issuedOn: '',
      validity: 'valid',
      effectiveOn: '',
      topic: '',
      keywords: '',
      related: '',
      categoryIds: [await categoryId(lingxi, 'statutory.a21.2')],
      channels: ['website'],
    });
    assert.equal((await pub(id)).summary, '公开的第一句。');
    // A summary someone typed is kept.
    await a.get(`/admin/publications/${id}/edit`);
    await a.post(`/admin/publications/${id}`, {
      title: p1.title,
      summary: '人工写的概述',
      body: '<p>公开的第一句。</p>',
      issuer: p1.issuer,
      formedOn: p1.formedOn,
      documentNumber: '',
      docKind: 'other',
      issuedOn: '',
      validity: 'valid',
      effectiveOn: '',
      topic: '',
      keywords: '',
      related: '',
      categoryIds: [await categoryId(lingxi, 'statutory.a21.2')],
      channels: ['website'],
    });
    assert.equal((await pub(id)).summary, '人工写的概述');
  });

  test('the body is sanitised on save and bad input keeps what was typed', async () => {
    const id = await draft({
      body: '<p onclick="x()">正文<script>alert(1)</script><a href="javascript:alert(1)">链接</a></p><table><tr><td>1</td></tr></table>',
    });
    const body = (await pub(id)).body;
    assert.doesNotMatch(body, /script|onclick|javascript:/);
    assert.match(body, /<table>/);
    const a = as('lx.clerk');
    await a.get('/admin/publications/new');
    const res = await a.post('/admin/publications', {
      agencyId: String(lingxi),
      title: '保留我输入的标题',
      body: '',
      issuer: 'x',
      formedOn: '2025-02-30',
      validity: 'valid',
      docKind: 'normativeDocument',
      channels: ['website'],
    });
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /保留我输入的标题/);
    assert.match(res.body, /这一天不存在/);
    assert.match(res.body, /请至少选择一个目录分类/);
  });
});
