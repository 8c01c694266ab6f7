// Public interaction on both engines: the mailbox form (validation, honeypot, receipt, tracking,
// rating), 留言选登 never showing a writer who did not consent, publicity notices with masking on
// every public page and export, the end of the publicity period (job late or twice), the phone
// inquiry form, object-level checks, report counts from the demo seed and a scan of every new
// public page for the seeded raw personal values.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { systemContext } from '../../src/bootstrap.ts';
import { countInteractions, sendDueReminders } from '../../src/modules/interaction/index.ts';
import {
  DEMO_DIBAO_ROWS,
  DEMO_LETTER_WRITERS,
  DEMO_RAW_PERSONAL_VALUES,
  seedInteractionDemo,
} from '../../src/modules/demo/index.ts';
import { endExpiredNotices, findUnmaskedPersonalData, maskAddress, maskName } from '../../src/modules/notice/index.ts';
import { countStaff } from '../../src/modules/staff/index.ts';
import { findPersonalNumbers } from '../../src/platform/privacy/detectors.ts';
import { countSupervision } from '../../src/modules/supervision/index.ts';
import { Agent } from '../support/agent.ts';
import { createTestEnv, type TestEnv } from '../support/test-app.ts';

let env: TestEnv;
before(async () => {
  // 2025-06-02 10:00 in Beijing, a Monday.
  env = await createTestEnv({ now: '2025-06-02T02:00:00Z' });
  await env.user('lx.clerk', 'lingxi', ['clerk']);
  await env.user('lx.reviewer', 'lingxi', ['reviewer']);
  await env.user('gp.clerk', 'gaoping', ['clerk', 'reviewer']);
});
after(() => env.close());

const letter = (over: Record<string, string> = {}) => ({
  topic: '村口路灯不亮',
  body: '村口的路灯坏了一个月，晚上出行不便。我的电话是 13812345678。',
  writerName: '龙美玲',
  writerPhone: '13812345678',
  writerEmail: 'mlong@example.com',
  writerAddress: '永顺县灵溪镇杉木村6组9号',
  ...over,
});

async function submitLetter(fields: Record<string, string>) {
  const citizen = new Agent(env.app);
  await citizen.get('/agencies/lingxi/mailbox');
  const posted = await citizen.post('/agencies/lingxi/mailbox', fields);
  const res = await citizen.follow(posted);
  const receiptNumber = /id="receipt-number">([^<]+)</.exec(res.body)?.[1] ?? '';
  const queryCode = /id="query-code">([^<]+)</.exec(res.body)?.[1] ?? '';
  return { posted, res, receiptNumber, queryCode, citizen };
}

async function staffReply(receiptNumber: string, text: string, publish?: 'yes' | 'no') {
  const row = await env.database.db
    .selectFrom('interactionCases')
    .select(['id'])
    .where('receiptNumber', '=', receiptNumber)
    .executeTakeFirstOrThrow();
  const clerk = new Agent(env.app);
  await clerk.login('lx.clerk');
  await clerk.get(`/admin/interaction/${row.id}`);
  const r = await clerk.post(`/admin/interaction/${row.id}/reply`, { replyText: text });
  assert.equal(r.statusCode, 303, r.body.slice(0, 500));
  // The timeline shown to staff is a query over the audit events.
  const detail = await clerk.get(`/admin/interaction/${row.id}`);
  assert.match(detail.body, /<ol class="timeline"><li>[^<]*公众：受理<\/li><li>[^<]*lx\.clerk：答复<\/li>/);
  if (publish) {
    await clerk.get(`/admin/interaction/${row.id}`);
    return { id: row.id, res: await clerk.post(`/admin/interaction/${row.id}/publication`, { publish }) };
  }
  return { id: row.id, res: r };
}

describe('leader mailbox', () => {
  test('a bad letter is re-rendered with Chinese messages and keeps the input; nothing is stored', async () => {
    const { res } = await submitLetter(letter({ writerPhone: '123', topic: '' }));
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /请填写标题/);
    assert.match(res.body, /请填写有效的手机号码或固定电话/);
    assert.match(res.body, /value="龙美玲"/);
    const n = await env.database.db
      .selectFrom('interactionCases')
      .select('id')
      .where('writerName', '=', '龙美玲')
      .execute();
    assert.equal(n.length, 0);
  });

  test('the honeypot refuses the form and stores nothing; a missing CSRF token is refused', async () => {
    const { res } = await submitLetter(letter({ website: 'http://spam.example' }));
    assert.equal(res.statusCode, 400);
    const citizen = new Agent(env.app);
    await citizen.get('/agencies/lingxi/mailbox');
    const noCsrf = await citizen.post('/agencies/lingxi/mailbox', letter(), { csrf: false });
    assert.equal(noCsrf.statusCode, 403);
    const n = await env.database.db
      .selectFrom('interactionCases')
      .select('id')
      .where('writerName', '=', '龙美玲')
      .execute();
    assert.equal(n.length, 0);
  });

  test('a letter gets a receipt number, a query code and a due date 15 working days later; tracking, reply, rating', async () => {
    const { posted, res, receiptNumber, queryCode, citizen } = await submitLetter({
      ...letter(),
      publishConsent: 'yes',
    });
    assert.equal(posted.statusCode, 303);
    assert.equal(res.statusCode, 200);
    assert.match(receiptNumber, /^XX-LINGXI-2025-\d{4}$/);
    assert.match(queryCode, /^[A-Z2-9]{8}$/);
    const row = await env.database.db
      .selectFrom('interactionCases')
      .selectAll()
      .where('receiptNumber', '=', receiptNumber)
      .executeTakeFirstOrThrow();
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

    await staffReply(receiptNumber, '已安排电工本周内修复。', 'yes');
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
      letter({
        topic: '不同意公开的来信',
        writerName: '石青松',
        writerPhone: '13711112222',
        writerEmail: '',
        writerAddress: '',
      }),
    );
    const { id, res } = await staffReply(receiptNumber, '已答复。', 'yes');
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
    const { receiptNumber } = await submitLetter({
      ...letter({ topic: '本机关决定不公开的来信', writerName: '覃海' }),
      publishConsent: 'yes',
    });
    const { res } = await staffReply(receiptNumber, '已答复。', 'no');
    assert.equal(res.statusCode, 303);
    const list = await env.app.inject('/agencies/lingxi/letters');
    assert.doesNotMatch(list.body, /本机关决定不公开的来信/);
  });

  test('staff of another agency cannot open or answer a case', async () => {
    const { receiptNumber } = await submitLetter(letter({ topic: '跨机构检查' }));
    const row = await env.database.db
      .selectFrom('interactionCases')
      .select(['id'])
      .where('receiptNumber', '=', receiptNumber)
      .executeTakeFirstOrThrow();
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
});

const NOTICE_FORM = {
  title: '2025年6月低保对象公示',
  body: '现将拟纳入低保的家庭予以公示。',
  columns: '户主姓名|姓名\n身份证号|身份证号\n联系电话|电话\n住址|地址\n家庭人口|其他\n保障金额|其他',
  rows: '欧阳娜娜\t433127199001011234\t13912345678\t永顺县灵溪镇司城村3组21号\t3\t450\n张三,43312719900101123X,0743-5231234,永顺县灵溪镇老司城社区8栋301,1,520',
  startDate: '2025-06-02',
  periodDays: '5',
  periodUnit: 'working',
  objectionContact: '镇民政办 0743-5230501',
};
const NOTICE_RAW = [
  '欧阳娜娜',
  '433127199001011234',
  '13912345678',
  '永顺县灵溪镇司城村3组21号',
  '43312719900101123X',
  '0743-5231234',
  '永顺县灵溪镇老司城社区8栋301',
];

async function createAndPublishNotice(over: Record<string, string> = {}) {
  const reviewer = new Agent(env.app);
  await reviewer.login('lx.reviewer');
  await reviewer.get('/admin/notices/new');
  const res = await reviewer.post('/admin/notices', { ...NOTICE_FORM, ...over });
  assert.equal(res.statusCode, 303, res.body.slice(0, 800));
  const id = Number(/\/admin\/notices\/(\d+)/.exec(String(res.headers.location))?.[1]);
  await reviewer.get(`/admin/notices/${id}`);
  const pub = await reviewer.post(`/admin/notices/${id}/publish`, {});
  assert.equal(pub.statusCode, 303);
  return { id, reviewer };
}

async function publicViews(id: number) {
  return {
    list: await env.app.inject('/agencies/lingxi/notices'),
    page: await env.app.inject(`/agencies/lingxi/notices/${id}`),
    csv: await env.app.inject(`/agencies/lingxi/notices/${id}/table.csv`),
    feed: await env.app.inject('/api/v1/agencies/lingxi/notices'),
  };
}

describe('publicity notices', () => {
  test('the public page, the CSV export and the feed show masked data only; authorised staff see it unmasked', async () => {
    const { id, reviewer } = await createAndPublishNotice();
    const v = await publicViews(id);
    assert.equal(v.page.statusCode, 200);
    for (const res of [v.page, v.csv, v.feed]) {
      assert.equal(res.statusCode, 200);
      assert.deepEqual(findUnmaskedPersonalData(res.body, NOTICE_RAW), []);
    }
    assert.match(v.page.body, />欧\*\*\*</);
    assert.match(v.page.body, />433127\*\*\*\*\*\*\*\*1234</);
    assert.match(v.page.body, />\*\*\*\*\*\*\*5678</);
    assert.match(v.page.body, />永顺县灵溪镇司城村</);
    assert.match(v.page.body, />永顺县灵溪镇老司城社区</);
    assert.match(v.csv.body, /张\*,433127\*\*\*\*\*\*\*\*123X,\*\*\*\*-\*\*\*1234/);
    assert.match(v.list.body, /2025年6月低保对象公示/);
    const unmasked = await reviewer.get(`/admin/notices/${id}`);
    assert.match(unmasked.body, /欧阳娜娜/);
    assert.match((await reviewer.get(`/admin/notices/${id}/table.csv`)).body, /433127199001011234/);
    const clerk = new Agent(env.app);
    await clerk.login('lx.clerk');
    const masked = await clerk.get(`/admin/notices/${id}`);
    assert.equal(masked.statusCode, 200);
    assert.deepEqual(findUnmaskedPersonalData(masked.body, NOTICE_RAW), []);
    assert.equal((await clerk.get(`/admin/notices/${id}/table.csv`)).statusCode, 403);
  });

  test('an objection during the period is a case handled like a complaint', async () => {
    const { id } = await createAndPublishNotice({ title: '异议测试公示' });
    const citizen = new Agent(env.app);
    await citizen.get(`/agencies/lingxi/notices/${id}`);
    const res = await citizen.post(`/agencies/lingxi/notices/${id}/objection`, {
      body: '第二户家庭有经营性收入。',
      writerName: '匿名村民',
      writerPhone: '13600001111',
    });
    assert.equal(res.statusCode, 303);
    const receipt = await citizen.follow(res);
    assert.equal(receipt.statusCode, 200);
    assert.match(receipt.body, /id="receipt-number">YY-LINGXI-/);
    assert.match(receipt.body, /id="query-code">[A-Z0-9]+</);
    const row = await env.database.db
      .selectFrom('interactionCases')
      .selectAll()
      .where('noticeId', '=', id)
      .executeTakeFirstOrThrow();
    assert.equal(row.kind, 'objection');
    assert.equal(row.state, 'received');
    assert.match(row.topic, /异议测试公示/);
  });

  test('a notice that ended yesterday is gone from every public list, page, export and feed; the job records from–to, late or twice', async () => {
    // 2025-06-02 is the last day of the 端午 holiday: 5 working days run Tue 06-03 … Mon 06-09.
    const { id } = await createAndPublishNotice({ title: '到期测试公示' });
    const stored = await env.database.db
      .selectFrom('notices')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.equal(stored.endDate, '2025-06-09');
    assert.equal(stored.publishedFrom, '2025-06-02');
    const saved = env.clock.now();
    try {
      env.clock.set('2025-06-09T15:00:00Z'); // Mon 23:00 in Beijing: still the last day.
      assert.equal((await publicViews(id)).page.statusCode, 200);
      // The job did not run for three days (server down): Thursday 2025-06-12.
      env.clock.set('2025-06-12T01:00:00Z');
      const beforeJob = await publicViews(id);
      assert.doesNotMatch(beforeJob.list.body, /到期测试公示/);
      assert.equal(beforeJob.page.statusCode, 404);
      assert.equal(beforeJob.csv.statusCode, 404);
      assert.doesNotMatch(beforeJob.feed.body, /到期测试公示/);
      const ctx = systemContext(env.clock);
      assert.ok((await endExpiredNotices(env.database.db, ctx)) >= 1);
      assert.equal(await endExpiredNotices(env.database.db, ctx), 0);
      const ended = await env.database.db
        .selectFrom('notices')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      assert.equal(ended.state, 'ended');
      assert.equal(ended.publishedFrom, '2025-06-02');
      assert.equal(ended.publishedUntil, '2025-06-09');
      const events = await env.database.db
        .selectFrom('auditEvents')
        .select('id')
        .where('action', '=', 'notice.ended')
        .where('entityId', '=', String(id))
        .execute();
      assert.equal(events.length, 1);
      const afterJob = await publicViews(id);
      assert.doesNotMatch(afterJob.list.body, /到期测试公示/);
      assert.equal(afterJob.page.statusCode, 404);
      assert.equal(afterJob.csv.statusCode, 404);
      assert.doesNotMatch(afterJob.feed.body, /到期测试公示/);
      const objection = await new Agent(env.app).post(
        `/agencies/lingxi/notices/${id}/objection`,
        { body: 'x', writerName: 'y', writerPhone: '13600001111' },
        { csrf: false },
      );
      assert.ok(objection.statusCode === 403 || objection.statusCode === 404);
    } finally {
      env.clock.set(saved);
    }
  });

  test('a column declared without a type that holds ID, phone or card numbers: the form is refused naming the cells', async () => {
    const reviewer = new Agent(env.app);
    await reviewer.login('lx.reviewer');
    await reviewer.get('/admin/notices/new');
    const res = await reviewer.post('/admin/notices', {
      ...NOTICE_FORM,
      title: '无类型列公示',
      columns: '户主姓名|姓名\n证件号码\n备注|其他',
      rows: '欧阳娜娜,433127199001011238,无\n张三,11010519491231002X,联系电话 138 1234 5678\n李四,无,卡号 6217000001234562',
    });
    assert.equal(res.statusCode, 422);
    assert.match(
      res.body,
      /第 1 行第 2 列“证件号码”（身份证号码）；第 2 行第 2 列“证件号码”（身份证号码）；第 2 行第 3 列“备注”（手机号码）；第 3 行第 3 列“备注”（银行卡号）/,
    );
    assert.match(res.body, /请把这些列的类型设为/);
    assert.match(res.body, /value="无类型列公示"/);
    assert.match(res.body, /433127199001011238/, 'the form keeps what was typed');
    assert.equal(
      await env.database.db.selectFrom('notices').select('id').where('title', '=', '无类型列公示').executeTakeFirst(),
      undefined,
    );
  });

  test('masking fails closed: a stored table with untyped ID columns is masked on the page, the CSV and the API, and publishing it is refused', async () => {
    const raw = ['433127199001011238', '11010519491231002X', '138 1234 5678', '0743-5231234', '6217000001234562'];
    const insert = (state: 'draft' | 'published') =>
      env.database.db
        .insertInto('notices')
        .values({
          agencyId: env.county.agencyIds.lingxi!,
          title: `旧版无类型列公示${state}`,
          body: '名单如下。',
          tableColumns: JSON.stringify([
            { label: '户主姓名', kind: 'name' },
            { label: '证件号码', kind: 'plain' },
            { label: '备注', kind: 'plain' },
          ]),
          tableRows: JSON.stringify([
            ['欧阳娜娜', raw[0], `电话 ${raw[2]}`],
            ['张三', raw[1], `座机 ${raw[3]}；卡号 ${raw[4]}`],
          ]),
          periodUnit: 'working',
          periodDays: 5,
          startDate: '2025-06-02',
          endDate: '2025-06-09',
          objectionContact: '镇民政办',
          state,
          publishedAt: state === 'published' ? env.clock.now().toISOString() : null,
          endedAt: null,
          publishedFrom: state === 'published' ? '2025-06-02' : null,
          publishedUntil: null,
          createdAt: env.clock.now().toISOString(),
          updatedAt: env.clock.now().toISOString(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
    const published = await insert('published');
    const v = await publicViews(published.id);
    for (const res of [v.page, v.csv, v.feed]) {
      assert.equal(res.statusCode, 200);
      assert.deepEqual(findUnmaskedPersonalData(res.body, raw), []);
      assert.deepEqual(findPersonalNumbers(res.body), [], res.body.slice(0, 400));
    }
    assert.match(v.page.body, />433127\*{8}1238</);
    assert.match(v.csv.body, /110105\*{8}002X,座机 \*{4}-\*{3}1234；卡号 \*{12}4562/);
    assert.match(v.feed.body, /电话 \*\*\* \*\*\*\* 5678/);

    const draft = await insert('draft');
    const reviewer = new Agent(env.app);
    await reviewer.login('lx.reviewer');
    await reviewer.get(`/admin/notices/${draft.id}`);
    const pub = await reviewer.post(`/admin/notices/${draft.id}/publish`, {});
    assert.equal(pub.statusCode, 422);
    assert.match(
      pub.body,
      /不能发布：.*第 1 行第 2 列“证件号码”（身份证号码）；第 1 行第 3 列“备注”（手机号码）；第 2 行第 2 列“证件号码”（身份证号码）；第 2 行第 3 列“备注”（固定电话号码、银行卡号）/,
    );
    const after = await env.database.db
      .selectFrom('notices')
      .select('state')
      .where('id', '=', draft.id)
      .executeTakeFirstOrThrow();
    assert.equal(after.state, 'draft');
  });

  test('a bad notice form keeps the input and names the problem', async () => {
    const reviewer = new Agent(env.app);
    await reviewer.login('lx.reviewer');
    await reviewer.get('/admin/notices/new');
    const res = await reviewer.post('/admin/notices', { ...NOTICE_FORM, title: '坏表格', rows: '张三,只有两列' });
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /第 1 行有 2 个单元格，应为 6 个/);
    assert.match(res.body, /value="坏表格"/);
  });
});

describe('answer periods and reminders', () => {
  test('an agency setting changes the due date of cases received afterwards; bad values are refused', async () => {
    await env.user('lx.admin', 'lingxi', ['admin']);
    const admin = new Agent(env.app);
    await admin.login('lx.admin');
    const page = await admin.get('/admin/interaction/settings');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /name="letter"[^>]*value="15"|value="15"[^>]*name="letter"/);
    const bad = await admin.post('/admin/interaction/settings', {
      inquiry: '5',
      complaint: '0',
      letter: '10',
      objection: '5',
    });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /应为 1 到 60 之间的整数/);
    const ok = await admin.post('/admin/interaction/settings', {
      inquiry: '5',
      complaint: '15',
      letter: '10',
      objection: '5',
    });
    assert.equal(ok.statusCode, 303);
    const { receiptNumber } = await submitLetter(letter({ topic: '十个工作日的来信' }));
    const row = await env.database.db
      .selectFrom('interactionCases')
      .selectAll()
      .where('receiptNumber', '=', receiptNumber)
      .executeTakeFirstOrThrow();
    assert.equal(row.answerDays, 10);
    assert.equal(row.dueDate, '2025-06-16');
    const clerk = new Agent(env.app);
    await clerk.login('lx.clerk');
    assert.equal((await clerk.get('/admin/interaction/settings')).statusCode, 403);
    await env.database.db
      .deleteFrom('settings')
      .where('agencyId', '=', env.county.agencyIds.lingxi!)
      .where('key', 'like', 'interaction.%')
      .execute();
  });

  test('reminders: one message per open case and day when due within three days or overdue', async () => {
    const { receiptNumber } = await submitLetter(letter({ topic: '提醒测试' }));
    const row = await env.database.db
      .selectFrom('interactionCases')
      .selectAll()
      .where('receiptNumber', '=', receiptNumber)
      .executeTakeFirstOrThrow();
    const reminders = async () =>
      (
        await env.database.db
          .selectFrom('notifications')
          .select('id')
          .where('relatedId', '=', String(row.id))
          .where('subject', 'like', '%即将到期%')
          .execute()
      ).length +
      (
        await env.database.db
          .selectFrom('notifications')
          .select('id')
          .where('relatedId', '=', String(row.id))
          .where('subject', 'like', '%已超期%')
          .execute()
      ).length;
    await sendDueReminders(env.database.db, new Date('2025-06-10T02:00:00Z'));
    assert.equal(await reminders(), 0, 'not yet due within three days');
    await sendDueReminders(env.database.db, new Date('2025-06-21T02:00:00Z'));
    await sendDueReminders(env.database.db, new Date('2025-06-21T05:00:00Z'));
    assert.equal(await reminders(), 1, 'once per day');
    await sendDueReminders(env.database.db, new Date('2025-06-24T02:00:00Z'));
    assert.equal(await reminders(), 2);
    const overdue = await env.database.db
      .selectFrom('notifications')
      .select('subject')
      .where('relatedId', '=', String(row.id))
      .where('subject', 'like', '已超期%')
      .execute();
    assert.equal(overdue.length, 1);
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

describe('demo seed and report counts', () => {
  test('灵溪镇 2013: 37 phone inquiries and 2 staff (1 full-time, 1 part-time) from the records', async () => {
    const deps = env.deps;
    await seedInteractionDemo(deps, env.county, systemContext(env.clock));
    const lingxi = env.county.agencyIds.lingxi!;
    const c2013 = await countInteractions(env.database.db, lingxi, 2013);
    assert.equal(c2013.inquiries.phone, 37);
    assert.equal(c2013.inquiries.total, 37);
    assert.equal(c2013.complaints.total, 0);
    assert.equal(c2013.letters.total, 0);
    assert.deepEqual(await countStaff(env.database.db, lingxi, 2013), {
      fullTime: 1,
      partTime: 1,
      total: 2,
      trainings: 1,
      trainingParticipants: 2,
    });
    const s2025 = await countSupervision(env.database.db, lingxi, 2025);
    assert.equal(s2025.evaluations, 2);
    assert.equal(s2025.accountability, 1);
    assert.equal(s2025.bulletinsPublished, 1);
  });

  test('no public page shows the seeded raw personal values of writers or listed households', async () => {
    const notice = await env.database.db
      .selectFrom('notices')
      .select(['id'])
      .where('title', 'like', '灵溪镇2025年第二批%')
      .executeTakeFirstOrThrow();
    const urls = [
      '/agencies/lingxi',
      '/agencies/lingxi/mailbox',
      '/agencies/lingxi/complaint',
      '/agencies/lingxi/inquiry',
      '/agencies/lingxi/letters',
      '/agencies/lingxi/notices',
      `/agencies/lingxi/notices/${notice.id}`,
      `/agencies/lingxi/notices/${notice.id}/table.csv`,
      '/api/v1/agencies/lingxi/notices',
      '/agencies/lingxi/bulletins',
      '/track',
    ];
    for (const url of urls) {
      const res = await env.app.inject(url);
      assert.equal(res.statusCode, 200, url);
      assert.deepEqual(findUnmaskedPersonalData(res.body, DEMO_RAW_PERSONAL_VALUES), [], url);
    }
    const page = await env.app.inject(`/agencies/lingxi/notices/${notice.id}`);
    for (const row of DEMO_DIBAO_ROWS) {
      assert.ok(page.body.includes(maskName(row[0]!)), row[0]);
      assert.ok(page.body.includes(maskAddress(row[1]!)), row[1]);
    }
    const letters = await env.app.inject('/agencies/lingxi/letters');
    assert.match(letters.body, /建议在司城村增设公交站/);
    assert.doesNotMatch(letters.body, /那必村道路维修/);
    assert.ok(DEMO_LETTER_WRITERS.length >= 2);
  });
});
