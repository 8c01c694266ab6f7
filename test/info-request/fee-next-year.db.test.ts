// A 信息处理费 payment period that ends in a year whose holidays are not yet published (issue #11
// point 3; 国办函〔2020〕109号: 20 working days after the 收费通知 is received): the 收费通知 sent in
// December is not refused; its last day is computed provisionally and said to be so in the notice,
// the applicant's timeline and the case page, and a payment within it is registered. The case
// page's clock explanation marks each of its dates that lies in the unpublished year, and the
// 再次告知补正 hint quotes the notified items without a doubled full stop.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Agent } from '../support/agent.ts';
import { createTestEnv, type TestEnv } from '../support/test-app.ts';
import { application } from './helpers.ts';

let env: TestEnv;
before(async () => {
  env = await createTestEnv({ now: '2026-12-10T02:00:00Z' });
  await env.user('lx.clerk', 'lingxi', ['clerk']);
});
after(() => env.close());

/** Regular-expression checks that report the pattern, not the whole page. */
function has(body: string, re: RegExp): void {
  assert.ok(re.test(body), `expected ${re}`);
}
/** The page's text without its tags (punctuation as a reader sees it). */
function textOf(body: string): string {
  return body.replace(/<[^>]+>/g, '');
}
function hasNot(body: string, re: RegExp, message?: string): void {
  assert.ok(!re.test(body), message ?? `unexpected ${re}`);
}

async function submitted(citizen: Agent): Promise<number> {
  await citizen.get('/agencies/lingxi/apply/online');
  const res = await citizen.post('/agencies/lingxi/apply/online', application());
  assert.equal(res.statusCode, 303);
  const receipt = await citizen.get(res.headers.location as string);
  const number = /(LINGXI-2026-\d{4})/.exec(receipt.body)?.[1];
  assert.ok(number);
  const row = await env.database.db
    .selectFrom('infoRequests')
    .select('id')
    .where('number', '=', number)
    .executeTakeFirstOrThrow();
  return row.id;
}

test('a 收费通知 in December whose payment period ends in 2027 is sent, marked provisional, and paid', async () => {
  const id = await submitted(new Agent(env.app));
  const clerk = new Agent(env.app);
  await clerk.login('lx.clerk');
  await clerk.get(`/admin/info-requests/${id}`);
  assert.equal((await clerk.post(`/admin/info-requests/${id}/confirm`, { confirmedOn: '2026-12-10' })).statusCode, 303);

  const page = await clerk.get(`/admin/info-requests/${id}`);
  // The answer period (2026-12-10 + 20 working days) and its possible extension end in 2027.
  has(page.body, /原答复期限：2027-01-08\s*<span class="badge badge-provisional">暂定<\/span>/);
  has(page.body, /如延长20个工作日：2027-02-09\s*<span class="badge badge-provisional">暂定<\/span>/);
  hasNot(textOf(page.body), /重算。[；，]/, 'the provisional reason closes its sentence: no 。； or 。，');
  hasNot(page.body, /补正告知期限：2026-12-21\s*<span class="badge/, 'a 2026 date is not provisional');

  const sent = await clerk.post(`/admin/info-requests/${id}/fee-notice`, {
    feeMethod: 'perPage',
    feeQuantity: '150',
    noticeReceivedOn: '2026-12-10',
  });
  assert.equal(sent.statusCode, 303, sent.body.slice(0, 600));
  const row = await env.database.db
    .selectFrom('infoRequests')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  assert.equal(row.state, 'feePending');
  // 2026-12-10 + 20 working days, 2027-01-01 (元旦) not counted.
  assert.equal(row.feePaymentDueOn, '2027-01-08');

  const letter = await env.database.db
    .selectFrom('infoRequestLetters')
    .selectAll()
    .where('infoRequestId', '=', id)
    .where('kind', '=', 'feeNotice')
    .executeTakeFirstOrThrow();
  const shown = await clerk.get(`/admin/info-requests/${id}/letters/${letter.id}`);
  assert.equal(shown.statusCode, 200);
  has(shown.body, /暂定，以国务院办公厅公布的节假日安排为准/);

  const casePage = await clerk.get(`/admin/info-requests/${id}`);
  has(casePage.body, /缴纳期限\s*2027-01-08\s*<span class="badge badge-provisional">暂定<\/span>/);
  has(casePage.body, /缴纳期限至2027-01-08（暂定/);
  hasNot(textOf(casePage.body), /重算。[；，]/);

  env.clock.set('2026-12-15T02:00:00Z');
  await clerk.login('lx.clerk');
  await clerk.get(`/admin/info-requests/${id}`);
  const paid = await clerk.post(`/admin/info-requests/${id}/payment`, {
    paidOn: '2026-12-15',
    paidAmount: String(row.feeAmount),
  });
  assert.equal(paid.statusCode, 303, paid.body.slice(0, 600));
  const after = await env.database.db
    .selectFrom('infoRequests')
    .select(['state', 'feePaidOn'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  assert.equal(after.feePaidOn, '2026-12-15');
  assert.equal(after.state, 'processing');
  const paidPage = await clerk.get(`/admin/info-requests/${id}`);
  has(paidPage.body, /已于2026-12-15缴纳\d+元；缴纳期限\s*2027-01-08/);
  hasNot(textOf(paidPage.body), /重算。[；，]/);
});

test('the 再次告知补正 hint quotes the notified items without a doubled full stop', async () => {
  env.clock.set('2026-12-10T02:00:00Z');
  const citizen = new Agent(env.app);
  await citizen.get('/agencies/lingxi/apply/online');
  const res = await citizen.post('/agencies/lingxi/apply/online', application());
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
  assert.equal((await clerk.post(`/admin/info-requests/${id}/confirm`, { confirmedOn: '2026-12-10' })).statusCode, 303);
  await clerk.get(`/admin/info-requests/${id}`);
  const asked = await clerk.post(`/admin/info-requests/${id}/correction`, {
    items: '请写明道路的名称和路段。',
    noticeSentOn: '2026-12-10',
    correctionDueOn: '2026-12-24',
  });
  assert.equal(asked.statusCode, 303);

  await citizen.get('/track');
  assert.equal((await citizen.post('/track', { number, code })).statusCode, 303);
  await citizen.get(`/apply/track/${number}`);
  const answered = await citizen.postMultipart(`/apply/track/${number}/correction`, {
    _once: citizen.once as string,
    text: '灵溪镇2025年溪州大道维修工程的项目预算表',
  });
  assert.equal(answered.statusCode, 303, answered.body.slice(0, 600));

  const page = await clerk.get(`/admin/info-requests/${id}`);
  assert.equal(page.statusCode, 200);
  has(page.body, /一次性告知）：请写明道路的名称和路段\s*。补正后申请内容仍不明确的/);
  hasNot(page.body, /路段。\s*。/);
});
