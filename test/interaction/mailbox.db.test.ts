// The 领导信箱 and 咨询 on both engines: the mailbox form (validation, honeypot, receipt, tracking,
// reply, rating), 留言选登 never showing a writer who did not consent, object-level checks, and
// phone / in-person inquiries logged by staff and counted under their channel.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { countInteractions } from '../../src/modules/interaction/index.ts';
import { findUnmaskedPersonalData } from '../../src/modules/notice/index.ts';
import { Agent } from '../support/agent.ts';
import { casesFromWriter, caseByReceipt, letterForm, staffReply, submitLetter } from '../support/interaction.ts';
import { createTestEnv, type TestEnv } from '../support/test-app.ts';

let env: TestEnv;
before(async () => {
  // 2025-06-02 10:00 in Beijing, a Monday.
  env = await createTestEnv({ now: '2025-06-02T02:00:00Z' });
  await env.user('lx.clerk', 'lingxi', ['clerk']);
  await env.user('gp.clerk', 'gaoping', ['clerk', 'reviewer']);
});
after(() => env.close());

describe('leader mailbox', () => {
  test('a bad letter is re-rendered with Chinese messages and keeps the input; nothing is stored', async () => {
    const { res } = await submitLetter(env, letterForm({ writerPhone: '123', topic: '' }));
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /请填写标题/);
    assert.match(res.body, /请填写有效的手机号码或固定电话/);
    assert.match(res.body, /value="龙美玲"/);
    assert.equal(await casesFromWriter(env, '龙美玲'), 0);
  });

  test('the honeypot refuses the form and stores nothing; a missing CSRF token is refused', async () => {
    const { res } = await submitLetter(env, letterForm({ website: 'http://spam.example' }));
    assert.equal(res.statusCode, 400);
    const citizen = new Agent(env.app);
    await citizen.get('/agencies/lingxi/mailbox');
    const noCsrf = await citizen.post('/agencies/lingxi/mailbox', letterForm(), { csrf: false });
    assert.equal(noCsrf.statusCode, 403);
    assert.equal(await casesFromWriter(env, '龙美玲'), 0);
  });

  test('a letter gets a receipt number, a query code and a due date 15 working days later; tracking, reply, rating', async () => {
    const { posted, res, receiptNumber, queryCode, citizen } = await submitLetter(env, {
      ...letterForm(),
      publishConsent: 'yes',
    });
    assert.equal(posted.statusCode, 303);
    assert.equal(res.statusCode, 200);
    assert.match(receiptNumber, /^XX-LINGXI-2025-\d{4}$/);
    assert.match(queryCode, /^[A-Z2-9]{8}$/);
    const row = await caseByReceipt(env, receiptNumber);
    // 2025-06-02 is the last day of the 端午 holiday; 15 working days counted from the next day end on 06-23.
    assert.equal(row.dueDate, '2025-06-23');
    assert.equal(row.publication, 'pending');
    const events = await env.database.db
      .selectFrom('auditEvents')
      .select(['summary'])
      .where('action', '=', 'letter.received')
      .where('entityId', '=', String(row.id))
      .execute();
    assert.equal(events.length, 1);
    assert.doesNotMatch(events[0]!.summary, /龙美玲|13812345678/);

    await citizen.get('/track');
    const wrong = await citizen.post('/track', { number: receiptNumber, code: 'WRONG123' });
    assert.equal(wrong.statusCode, 422);
    assert.match(wrong.body, /编号或查询码不正确/);
    const open = await citizen.post('/track', { number: receiptNumber, code: queryCode });
    assert.equal(open.statusCode, 303);
    assert.equal(open.headers.location, `/track/case/${receiptNumber}`);
    const page = await citizen.follow(open);
    assert.match(page.body, /已受理/);
    assert.ok(!page.body.includes(queryCode), 'the case page does not repeat the code');
    assert.equal((await new Agent(env.app).get(`/track/case/${receiptNumber}`)).statusCode, 303, 'cookie needed');

    await staffReply(env, 'lx.clerk', receiptNumber, '已安排电工本周内修复。', 'yes');
    const replied = await citizen.get(`/track/case/${receiptNumber}`);
    assert.match(replied.body, /已安排电工本周内修复/);
    const rate = `/track/case/${receiptNumber}/rating`;
    const bad = await citizen.post(rate, { rating: 'great' });
    assert.equal(bad.statusCode, 422);
    const rated = await citizen.follow(
      await citizen.post(rate, { rating: 'basicallySatisfied', comment: '希望更快一些' }),
    );
    assert.equal(rated.statusCode, 200);
    assert.match(rated.body, /感谢您的评价/);
    assert.equal((await new Agent(env.app).post(rate, { rating: 'satisfied' }, { csrf: false })).statusCode, 403);
    const after = await env.database.db
      .selectFrom('interactionCases')
      .selectAll()
      .where('id', '=', row.id)
      .executeTakeFirstOrThrow();
    assert.equal(after.state, 'closed');
    assert.equal(after.rating, 'basicallySatisfied');

    const list = await env.app.inject('/agencies/lingxi/letters');
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /村口路灯不亮/);
    assert.match(list.body, /我的电话是 \*\*\*/);
    assert.deepEqual(
      findUnmaskedPersonalData(list.body, ['龙美玲', '13812345678', 'mlong@example.com', '永顺县灵溪镇杉木村6组9号']),
      [],
    );
  });

  test('the public list of letters never shows a letter whose writer did not consent', async () => {
    const { receiptNumber } = await submitLetter(
      env,
      letterForm({
        topic: '不同意公开的来信',
        writerName: '石青松',
        writerPhone: '13711112222',
        writerEmail: '',
        writerAddress: '',
      }),
    );
    const { id, res } = await staffReply(env, 'lx.clerk', receiptNumber, '已答复。', 'yes');
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /来信人未同意公开/);
    // Even if the publication flag were set by mistake, the query requires the consent.
    await env.database.db
      .updateTable('interactionCases')
      .set({ publication: 'published' })
      .where('id', '=', id)
      .execute();
    const list = await env.app.inject('/agencies/lingxi/letters');
    assert.doesNotMatch(list.body, /不同意公开的来信/);
    assert.deepEqual(findUnmaskedPersonalData(list.body, ['石青松', '13711112222']), []);
  });

  test('the agency may decline publication of a consented letter', async () => {
    const { receiptNumber } = await submitLetter(env, {
      ...letterForm({ topic: '本机关决定不公开的来信', writerName: '覃海' }),
      publishConsent: 'yes',
    });
    const { res } = await staffReply(env, 'lx.clerk', receiptNumber, '已答复。', 'no');
    assert.equal(res.statusCode, 303);
    const list = await env.app.inject('/agencies/lingxi/letters');
    assert.doesNotMatch(list.body, /本机关决定不公开的来信/);
  });

  test('staff of another agency cannot open or answer a case', async () => {
    const { receiptNumber } = await submitLetter(env, letterForm({ topic: '跨机构检查' }));
    const row = await caseByReceipt(env, receiptNumber);
    const other = new Agent(env.app);
    await other.login('gp.clerk');
    assert.equal((await other.get(`/admin/interaction/${row.id}`)).statusCode, 403);
    await other.get('/admin/interaction');
    assert.equal((await other.post(`/admin/interaction/${row.id}/reply`, { replyText: 'x' })).statusCode, 403);
  });
});

describe('phone inquiries', () => {
  test('the form defaults to now, has the topic focused first, and logs an answered phone inquiry', async () => {
    const clerk = new Agent(env.app);
    await clerk.login('lx.clerk');
    const page = await clerk.get('/admin/interaction/phone');
    assert.equal(page.statusCode, 200);
    assert.match(
      page.body,
      /name="receivedAt"[^>]*value="2025-06-02T10:00"|value="2025-06-02T10:00"[^>]*name="receivedAt"/,
    );
    assert.match(page.body, /id="f-topic"[^>]*autofocus/);
    const before = await countInteractions(env.database.db, env.county.agencyIds.lingxi!, 2025);
    const bad = await clerk.post('/admin/interaction/phone', {
      receivedAt: '2025-06-02T10:00',
      topic: '',
      answer: '',
      duration: 'abc',
    });
    assert.equal(bad.statusCode, 422);
    const ok = await clerk.post('/admin/interaction/phone', {
      receivedAt: '2025-06-02T09:55',
      topic: '低保申请材料',
      answer: '户口簿、身份证、收入证明。',
      duration: '3',
    });
    assert.equal(ok.statusCode, 303);
    const afterCounts = await countInteractions(env.database.db, env.county.agencyIds.lingxi!, 2025);
    assert.equal(afterCounts.inquiries.phone, before.inquiries.phone + 1);
  });

  test('an in-person inquiry is counted under its channel', async () => {
    const clerk = new Agent(env.app);
    await clerk.login('lx.clerk');
    await clerk.get('/admin/interaction/phone');
    const before = await countInteractions(env.database.db, env.county.agencyIds.lingxi!, 2025);
    const ok = await clerk.post('/admin/interaction/phone', {
      receivedAt: '2025-06-02T09:30',
      topic: '来访咨询',
      answer: '已当面解答。',
      duration: '',
      channel: 'inPerson',
    });
    assert.equal(ok.statusCode, 303);
    const afterCounts = await countInteractions(env.database.db, env.county.agencyIds.lingxi!, 2025);
    assert.equal(afterCounts.inquiries.inPerson, before.inquiries.inPerson + 1);
    assert.equal(afterCounts.inquiries.phone, before.inquiries.phone);
  });
});
