// Editing as offices write (issue #11 point 4), through the admin routes on both engines: the
// 主题分类 chosen from the vocabulary, attachments with a public title (附件名称) of their own.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Agent } from '../support/agent.ts';
import { createTestEnv, type TestEnv } from '../support/test-app.ts';

let env: TestEnv;
let lingxi: number;
let clerk: Agent;
let reviewer: Agent;
let signer: Agent;
let categoryId: string;

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n', 'latin1');

before(async () => {
  env = await createTestEnv();
  lingxi = env.county.agencyIds.lingxi!;
  await env.user('lx.clerk', 'lingxi', ['clerk']);
  await env.user('lx.reviewer', 'lingxi', ['reviewer']);
  await env.user('lx.signer', 'lingxi', ['signer']);
  clerk = new Agent(env.app);
  await clerk.login('lx.clerk');
  reviewer = new Agent(env.app);
  await reviewer.login('lx.reviewer');
  signer = new Agent(env.app);
  await signer.login('lx.signer');
  const cat = await env.database.db
    .selectFrom('categories')
    .select('id')
    .where('agencyId', '=', lingxi)
    .where('code', '=', 'statutory.a20.7')
    .executeTakeFirstOrThrow();
  categoryId = String(cat.id);
});
after(() => env.close());

const db = () => env.database.db;

function fields(extra: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return {
    agencyId: String(lingxi),
    title: '灵溪镇2025年部门预算',
    summary: '',
    body: '<p>预算说明。</p>',
    issuer: '灵溪镇财政所',
    formedOn: '2025-05-20',
    validity: 'valid',
    docKind: 'other',
    topic: '',
    categoryIds: [categoryId],
    channels: ['website'],
    ...extra,
  };
}

const idFrom = (location: unknown) => Number(/\/admin\/publications\/(\d+)/.exec(String(location))?.[1]);

async function release(id: number): Promise<void> {
  await clerk.get(`/admin/publications/${id}`);
  assert.equal((await clerk.post(`/admin/publications/${id}/submit`, {})).statusCode, 303);
  await reviewer.get(`/admin/publications/${id}`);
  assert.equal(
    (await reviewer.post(`/admin/publications/${id}/review`, { decision: 'pass', comment: '' })).statusCode,
    303,
  );
  await signer.get(`/admin/publications/${id}`);
  assert.equal(
    (await signer.post(`/admin/publications/${id}/sign-off`, { decision: 'approve', comment: '' })).statusCode,
    303,
  );
}

describe('主题分类 from the vocabulary', () => {
  test('the form offers the vocabulary as a select, not a text field', async () => {
    const page = await clerk.get('/admin/publications/new');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<select id="f-topic" name="topic"/);
    assert.match(page.body, /<optgroup label="综合政务">/);
    assert.match(page.body, /<option value="综合政务\\政务公开">/);
    assert.doesNotMatch(page.body, /<input[^>]+name="topic"/);
  });

  test('a term of the vocabulary is stored; a typed one is refused with a Chinese message', async () => {
    await clerk.get('/admin/publications/new');
    const bad = await clerk.post('/admin/publications', fields({ topic: '乡村振兴杂项' }));
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /请从列表中选择主题分类/);
    assert.match(bad.body, /value="灵溪镇2025年部门预算"/, 'the form keeps what was typed');
    const good = await clerk.post('/admin/publications', fields({ topic: '财政、金融、审计\\财政预决算' }));
    assert.equal(good.statusCode, 303, good.body.slice(0, 2000));
    const row = await db()
      .selectFrom('publications')
      .select('topic')
      .where('id', '=', idFrom(good.headers.location))
      .executeTakeFirstOrThrow();
    assert.equal(row.topic, '财政、金融、审计\\财政预决算');
  });

  test('a topic stored before the vocabulary stays selectable on edit; another typed one is refused', async () => {
    await clerk.get('/admin/publications/new');
    const res = await clerk.post('/admin/publications', fields());
    const id = idFrom(res.headers.location);
    await db().updateTable('publications').set({ topic: '政府信息公开' }).where('id', '=', id).execute();
    const edit = await clerk.get(`/admin/publications/${id}/edit`);
    assert.match(edit.body, /<option value="政府信息公开" selected>政府信息公开（原有值，不在主题词表中）/);
    const kept = await clerk.post(`/admin/publications/${id}`, fields({ topic: '政府信息公开', title: '改了标题' }));
    assert.equal(kept.statusCode, 303, kept.body.slice(0, 2000));
    const other = await clerk.post(`/admin/publications/${id}`, fields({ topic: '别的主题' }));
    assert.equal(other.statusCode, 422);
    assert.match(other.body, /请从列表中选择主题分类/);
  });
});

describe('附件名称', () => {
  test('an attachment has a public title of its own; the download keeps the file name', async () => {
    await clerk.get('/admin/publications/new');
    const id = idFrom((await clerk.post('/admin/publications', fields())).headers.location);
    await clerk.get(`/admin/publications/${id}`);
    const up = await clerk.postMultipart(
      `/admin/publications/${id}/attachments`,
      { title: '灵溪镇2025年部门预算表' },
      { file: [{ name: 'ysb-2025-final.pdf', data: PDF }] },
    );
    assert.equal(up.statusCode, 303, up.body.slice(0, 2000));
    await clerk.get(`/admin/publications/${id}`);
    const untitled = await clerk.postMultipart(
      `/admin/publications/${id}/attachments`,
      { title: '' },
      { file: [{ name: '三公经费说明.pdf', data: Buffer.concat([PDF, Buffer.from('%2')]) }] },
    );
    assert.equal(untitled.statusCode, 303, untitled.body.slice(0, 2000));
    const rows = await db()
      .selectFrom('attachments')
      .select(['id', 'title', 'fileName'])
      .where('publicationId', '=', id)
      .orderBy('id')
      .execute();
    assert.deepEqual(
      rows.map((r) => [r.title, r.fileName]),
      [
        ['灵溪镇2025年部门预算表', 'ysb-2025-final.pdf'],
        ['三公经费说明', '三公经费说明.pdf'],
      ],
    );
    const [first, second] = rows;

    // Renamed on the draft; an empty name is refused and the page keeps what was typed.
    const page = await clerk.get(`/admin/publications/${id}`);
    assert.match(page.body, /附件名称/);
    const empty = await clerk.post(`/admin/publications/${id}/attachments/${second!.id}/title`, { title: '  ' });
    assert.equal(empty.statusCode, 422);
    assert.match(empty.body, /请填写附件名称/);
    const renamed = await clerk.post(`/admin/publications/${id}/attachments/${second!.id}/title`, {
      title: '2025年“三公”经费预算说明',
    });
    assert.equal(renamed.statusCode, 303);

    await release(id);
    const article = await env.app.inject({ method: 'GET', url: `/publications/${id}` });
    assert.equal(article.statusCode, 200);
    assert.match(article.body, new RegExp(`<a href="/attachments/${first!.id}">灵溪镇2025年部门预算表</a>`));
    assert.match(article.body, /2025年“三公”经费预算说明/);
    assert.doesNotMatch(article.body, /ysb-2025-final/);
    const download = await env.app.inject({ method: 'GET', url: `/attachments/${first!.id}` });
    assert.match(String(download.headers['content-disposition']), /ysb-2025-final\.pdf/);

    // After release only a signer changes the title; a clerk is refused.
    await clerk.get(`/admin/publications/${id}`);
    const byClerk = await clerk.post(`/admin/publications/${id}/attachments/${first!.id}/title`, { title: '别的' });
    assert.equal(byClerk.statusCode, 403);
  });
});
