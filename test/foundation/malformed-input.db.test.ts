// Malformed input (issue #12 point 8): every case that answered 500 now answers a 4xx with a
// Chinese message — JSON under /api, a page elsewhere, and for a form the typed text given back.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Agent } from '../support/agent.ts';
import { createTestEnv, type TestEnv } from '../support/test-app.ts';

let env: TestEnv;
before(async () => {
  env = await createTestEnv();
  await env.user('lx.clerk', 'lingxi', ['clerk']);
});
after(() => env.close());

describe('query strings', () => {
  test('non-finite and huge page numbers are a 400 in JSON under /api', async () => {
    for (const page of ['Infinity', '-Infinity', '1e400', '100001', '0', 'abc']) {
      const res = await env.app.inject(`/api/v1/publications?page=${page}`);
      assert.equal(res.statusCode, 400, page);
      assert.equal(res.json().error.code, 'badRequest');
      assert.match(res.json().error.message, /页码|数字/);
    }
    assert.equal((await env.app.inject('/api/v1/publications?page=2')).statusCode, 200);
  });

  test('a duplicated parameter is a 400 page naming it', async () => {
    const res = await env.app.inject('/agencies/lingxi/service-hall/stats?month=2025-01&month=2025-02');
    assert.equal(res.statusCode, 400);
    assert.match(res.headers['content-type'] as string, /text\/html/);
    assert.match(res.body, /“month”只能有一个值/);
    const search = await env.app.inject('/search?q=a&q=b');
    assert.equal(search.statusCode, 400);
    assert.match(search.body, /检索词只能有一个值/);
  });

  test('an empty parameter from a GET form counts as not given', async () => {
    const res = await env.app.inject('/agencies/lingxi/statutory?category=&year=&validity=&channel=&sort=');
    assert.equal(res.statusCode, 200);
  });

  test('NUL and control characters in a query are refused, not passed to the database', async () => {
    for (const url of ['/search?q=%00', '/search?q=a%01b', '/api/v1/publications?q=%00']) {
      const res = await env.app.inject(url);
      assert.equal(res.statusCode, 400, url);
    }
    // Invalid UTF-8 is decoded to U+FFFD: searched for as text, no error.
    assert.equal((await env.app.inject('/search?q=%ED%A0%80')).statusCode, 200);
  });
});

describe('paths', () => {
  test('ids and years outside the database range are 404, never 500', async () => {
    for (const url of [
      '/agencies/lingxi/reports/2147483648',
      '/agencies/lingxi/reports/99999999999999999999',
      '/publications/2147483648',
      '/publications/-1',
      '/publications/1e3',
      '/agencies/NOT_A_SLUG',
      '/agencies/lingxi/notices/2147483648',
      '/api/v1/agencies/lingxi/annual-reports/20250',
    ]) {
      const res = await env.app.inject(url);
      assert.equal(res.statusCode, 404, url);
    }
  });

  test('an admin id out of range is 404 for a signed-in clerk', async () => {
    const a = new Agent(env.app);
    await a.login('lx.clerk');
    for (const url of ['/admin/publications/2147483648', '/admin/info-requests/9999999999', '/admin/interaction/0'])
      assert.equal((await a.get(url)).statusCode, 404, url);
  });
});

describe('form bodies', () => {
  /** A citizen opens 灵溪镇's 咨询 form and posts it as 覃小梅 (a phone, no e-mail). */
  async function postInquiry(topic: string, body: string) {
    const a = new Agent(env.app);
    await a.get('/agencies/lingxi/inquiry');
    return a.post('/agencies/lingxi/inquiry', { topic, body, writerName: '覃小梅', writerPhone: '13912345678' });
  }

  test('a NUL in a public form is a 422 page that gives the typed text back', async () => {
    const res = await postInquiry('关于低保\u0000申请', '请问低保申请需要哪些材料？');
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /含有无法识别的字符/);
    assert.ok(res.body.includes('请问低保申请需要哪些材料？'), 'the other typed text is kept');
    assert.ok(res.body.includes('关于低保\uFFFD申请'), 'the field with the problem is shown, the NUL marked');
    assert.match(res.body, /<form method="post" action="\/agencies\/lingxi\/inquiry">/);
    const stored = await env.database.db.selectFrom('interactionCases').select('id').execute();
    assert.equal(stored.length, 0);
  });

  test('a NUL in an admin form is refused the same way on both engines', async () => {
    const a = new Agent(env.app);
    await a.login('lx.clerk');
    await a.get('/admin/publications/new');
    const res = await a.post('/admin/publications', {
      agencyId: String(env.county.agencyIds.lingxi),
      title: '标题\u0000',
      body: '<p>正文</p>',
    });
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /含有无法识别的字符/);
  });

  test("Word's pasted line and page breaks become line breaks, not errors", async () => {
    const res = await postInquiry('关于低保申请', '第一行\u000b第二行\u000c第三行');
    assert.equal(res.statusCode, 303, res.body.slice(0, 500));
    const row = await env.database.db.selectFrom('interactionCases').select('body').executeTakeFirstOrThrow();
    assert.equal(row.body, '第一行\n第二行\n第三行');
  });
});
