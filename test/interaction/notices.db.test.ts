// 公示 on both engines: masking on every public page and export (and fail-closed for untyped
// columns), objections as cases, the end of the publicity period (the job late or twice), and the
// notice form's refusals keeping the input.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { systemContext } from '../../src/bootstrap.ts';
import { endExpiredNotices, findUnmaskedPersonalData } from '../../src/modules/notice/index.ts';
import { findPersonalNumbers } from '../../src/platform/privacy/detectors.ts';
import { Agent } from '../support/agent.ts';
import { createTestEnv, type TestEnv } from '../support/test-app.ts';

let env: TestEnv;
before(async () => {
  // 2025-06-02 10:00 in Beijing, a Monday.
  env = await createTestEnv({ now: '2025-06-02T02:00:00Z' });
  await env.user('lx.clerk', 'lingxi', ['clerk']);
  await env.user('lx.reviewer', 'lingxi', ['reviewer']);
});
after(() => env.close());

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
      rows: '欧阳娜娜,433127199001011238,无\n张三,11010519491231002X,联系电话 138 1234 5678\n李四,无,卡号 6217000001234562\n王五,无,身份证 4331 2719 9001 0112 38',
    });
    assert.equal(res.statusCode, 422);
    assert.match(
      res.body,
      /第 1 行第 2 列“证件号码”（身份证号码）；第 2 行第 2 列“证件号码”（身份证号码）；第 2 行第 3 列“备注”（手机号码）；第 3 行第 3 列“备注”（银行卡号）；第 4 行第 3 列“备注”（身份证号码）/,
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
    // The form sent back keeps its one-time token: corrected and sent, then sent again, one draft.
    const once = /name="_once" value="([^"]+)"/.exec(res.body)?.[1];
    assert.ok(once);
    const sent = () => reviewer.post('/admin/notices', { ...NOTICE_FORM, title: '同一表单', _once: once });
    const [a, b] = await Promise.all([sent(), sent()]);
    assert.deepEqual([a.statusCode, b.statusCode], [303, 303]);
    assert.equal(a.headers.location, b.headers.location);
    assert.match(String(a.headers.location), /^\/admin\/notices\/\d+\?flash=created$/);
    assert.equal(
      (await reviewer.post('/admin/notices', { ...NOTICE_FORM, title: '同一表单', _once: once })).statusCode,
      303,
    );
    const made = await env.database.db.selectFrom('notices').select('id').where('title', '=', '同一表单').execute();
    assert.equal(made.length, 1);
  });
});
