// What the applicant reads of a 部分公开 reply (条例 第三十七条): the 答复告知书, the tracking page
// and its timeline name the outcome 「（二）部分公开」 without table 三's counting note
// 「（区分处理的，只计这一情形，不计其他情形）」, which is for report makers (the staff case page
// keeps it next to the report row it counts in). The letter is issued from template reply.v2.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Agent } from '../support/agent.ts';
import { createTestEnv, type TestEnv } from '../support/test-app.ts';
import { application } from './helpers.ts';

const NOTE = '区分处理的，只计这一情形，不计其他情形';

let env: TestEnv;
before(async () => {
  env = await createTestEnv({ now: '2026-06-02T02:00:00Z' });
  await env.user('lx.clerk', 'lingxi', ['clerk']);
});
after(() => env.close());

test('a 部分公开 reply reads 「（二）部分公开」 to the applicant, without the report counting note', async () => {
  const citizen = new Agent(env.app);
  await citizen.get('/agencies/lingxi/apply/online');
  const res = await citizen.post('/agencies/lingxi/apply/online', application());
  assert.equal(res.statusCode, 303);
  const receipt = await citizen.get(res.headers.location as string);
  const m = /(LINGXI-2026-\d{4})<\/dd>\s*<dt>查询码<\/dt>\s*<dd class="ir-code">([A-Z0-9]{8})/.exec(receipt.body);
  assert.ok(m);
  const [number, code] = [m[1] as string, m[2] as string];
  const { id } = await env.database.db
    .selectFrom('infoRequests')
    .select('id')
    .where('number', '=', number)
    .executeTakeFirstOrThrow();

  const clerk = new Agent(env.app);
  await clerk.login('lx.clerk');
  await clerk.get(`/admin/info-requests/${id}`);
  assert.equal((await clerk.post(`/admin/info-requests/${id}/confirm`, { confirmedOn: '2026-06-02' })).statusCode, 303);
  await clerk.get(`/admin/info-requests/${id}`);
  const replied = await clerk.postMultipart(`/admin/info-requests/${id}/reply`, {
    outcomeKey: 'partlyDisclosed',
    legalBasis: '',
    text: '所申请的预算表中，供应商的银行账号属于第三方商业秘密，已作区分处理。',
    repliedOn: '2026-06-02',
  });
  assert.equal(replied.statusCode, 303, replied.body.slice(0, 600));

  const letter = await env.database.db
    .selectFrom('infoRequestLetters')
    .select(['id', 'templateVersion', 'dataJson'])
    .where('infoRequestId', '=', id)
    .where('kind', '=', 'reply')
    .executeTakeFirstOrThrow();
  assert.equal(letter.templateVersion, 'reply.v2');
  assert.ok(letter.dataJson.includes('办理结果：（二）部分公开。'), 'the letter names the outcome plainly');
  assert.ok(!letter.dataJson.includes(NOTE), 'the letter has no report counting note');

  await citizen.get('/track');
  assert.equal((await citizen.post('/track', { number, code })).statusCode, 303);
  const tracking = await citizen.get(`/apply/track/${number}`);
  assert.equal(tracking.statusCode, 200);
  assert.ok(tracking.body.includes('（二）部分公开'));
  assert.ok(!tracking.body.includes(NOTE), 'the tracking page and its timeline have no report counting note');
  const shown = await citizen.get(`/apply/track/${number}/letters/${letter.id}`);
  assert.equal(shown.statusCode, 200);
  assert.ok(!shown.body.includes(NOTE));

  // Staff keep the report row's full wording next to the outcome.
  const casePage = await clerk.get(`/admin/info-requests/${id}`);
  assert.ok(casePage.body.includes(`（二）部分公开（${NOTE}）`));
});
