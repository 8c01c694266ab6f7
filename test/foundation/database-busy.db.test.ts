// A save that meets the embedded database's write lock held past the wait (db/write-turn.ts: a long
// import or index build beside the site) is answered 503 with a clear Chinese message and the form
// given back with what was typed, to post again — never a 500 that loses the text.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Agent } from '../support/agent.ts';
import { BUDGET_DRAFT, categoryIdOf } from '../support/publication-desk.ts';
import { SignedInStaff } from '../support/signed-in.ts';
import { createTestEnv, type TestEnv } from '../support/test-app.ts';

let env: TestEnv;
let clerk: Agent;
let fields: Record<string, string | string[]>;
const staff = new SignedInStaff([['busy.clerk', 'lingxi', 'clerk']]);

before(async () => {
  env = await createTestEnv();
  await staff.open(env);
  clerk = staff.as('busy.clerk');
  const lingxi = env.county.agencyIds.lingxi!;
  fields = {
    agencyId: String(lingxi),
    ...BUDGET_DRAFT,
    title: '数据库忙时保存的草稿',
    body: '<p>忙时键入的正文，不能丢失。</p>',
    summary: '',
    validity: 'valid',
    docKind: 'other',
    topic: '',
    categoryIds: [await categoryIdOf(env, lingxi, 'statutory.a20.7')],
    channels: ['website'],
  };
});
after(() => env.close());

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

/** The next transaction meets SQLITE_BUSY, as after the busy timeout. */
function busyOnce() {
  const db = env.database.db as unknown as Record<string, unknown>;
  db.transaction = () => {
    delete db.transaction;
    throw Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
  };
}

describe('a save while the database is busy', () => {
  for (const multipart of [false, true])
    test(`503, the message, and the typed text given back (${multipart ? 'multipart' : 'urlencoded'})`, async () => {
      await clerk.get('/admin/publications/new');
      busyOnce();
      const res = multipart
        ? await clerk.postMultipart('/admin/publications', fields)
        : await clerk.post('/admin/publications', fields);
      assert.equal(res.statusCode, 503);
      assert.match(res.body, /暂时无法保存/);
      assert.match(res.body, /数据库正忙（可能正在批量导入或重建索引），本次提交没有保存/);
      assert.match(res.body, /<form method="post" action="\/admin\/publications">/);
      assert.match(res.body, /name="title" value="数据库忙时保存的草稿"/);
      assert.match(res.body, /name="body" value="&lt;p>忙时键入的正文，不能丢失。&lt;\/p>"/);
      // No file was chosen: nothing to choose again.
      assert.doesNotMatch(res.body, /原表单中选择的文件没有保存/);
      // Posted again (the page's form carries every field and a CSRF token): saved.
      const again = await clerk.post('/admin/publications', fields);
      assert.equal(again.statusCode, 303);
      const saved = await env.database.db
        .selectFrom('publications')
        .select(['body'])
        .where('title', '=', '数据库忙时保存的草稿')
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      assert.match(saved.body, /忙时键入的正文，不能丢失。/);
    });

  test('a file chosen in the form: the page says to choose it again', async () => {
    await clerk.get('/admin/publications/new');
    busyOnce();
    const res = await clerk.postMultipart('/admin/publications', fields, {
      attachments: [{ name: '预算表.pdf', data: PDF, type: 'application/pdf' }],
    });
    assert.equal(res.statusCode, 503);
    assert.match(res.body, /name="title" value="数据库忙时保存的草稿"/);
    assert.match(res.body, /原表单中选择的文件没有保存，请返回原页面重新选择/);
  });
});
