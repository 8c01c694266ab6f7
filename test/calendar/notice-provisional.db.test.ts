// 公示 whose period reaches a year whose holidays are not imported (issue #11 point 3: "drafting
// is never refused for this reason"): a period in working days gets a provisional last day
// (weekends and the statutory holidays), stored flagged, shown with 「暂定」 and the one-line reason
// on the staff and public pages and in the API; importing the year recomputes it, with an audit
// event and an entry in the notice's 办理记录. The next year's notice is never invented: the
// recomputation takes 2026 out of the stored calendar with the clock in December 2025 and imports
// the real 2026 arrangement back (test/support/calendar-year.ts).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Agent } from '../support/agent.ts';
import { bundledYearImport, removeCalendarYear } from '../support/calendar-year.ts';
import { createTestEnv, type TestEnv } from '../support/test-app.ts';
import { auditEvents } from '../support/audit.ts';

const FORM = {
  title: '2027年春节困难群众慰问名单公示',
  body: '现将慰问名单予以公示。',
  columns: '姓名|姓名\n慰问金|其他',
  rows: '欧阳娜娜,500',
  startDate: '2026-12-21',
  periodDays: '15',
  periodUnit: 'working',
  objectionContact: '镇民政办 0743-5230501',
};
const REASON = /2027-01-11[\s\S]{0,120}暂定[\s\S]{0,80}2027年节假日安排尚未公布，按周末和法定节假日暂算/;

async function reviewerOf(env: TestEnv): Promise<Agent> {
  const a = new Agent(env.app);
  await a.login('lx.reviewer');
  return a;
}

async function draft(env: TestEnv, a: Agent, over: Partial<typeof FORM> = {}) {
  await a.get('/admin/notices/new');
  const res = await a.post('/admin/notices', { ...FORM, ...over });
  assert.equal(res.statusCode, 303, res.body.slice(0, 800));
  const id = Number(/\/admin\/notices\/(\d+)/.exec(String(res.headers.location))?.[1]);
  const row = await env.database.db
    .selectFrom('notices')
    .select(['endDate', 'endProvisional'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return { id, ...row };
}

describe('December 2026, 2027 not imported', () => {
  let env: TestEnv;
  before(async () => {
    env = await createTestEnv({ now: '2026-12-14T02:00:00Z' });
    await env.user('lx.reviewer', 'lingxi', ['reviewer']);
  });
  after(() => env.close());

  test('15 working days from 2026-12-21: drafted, ending 2027-01-11 provisionally (元旦 off), shown with 暂定 and the reason', async () => {
    const a = await reviewerOf(env);
    const n = await draft(env, a);
    assert.deepEqual(
      { endDate: n.endDate, endProvisional: n.endProvisional },
      {
        endDate: '2027-01-11',
        endProvisional: 1,
      },
    );
    const page = await a.get(`/admin/notices/${n.id}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, REASON);
    assert.match((await a.get('/admin/notices')).body, /2027-01-11 <span class="badge badge-provisional">暂定<\/span>/);

    await a.get(`/admin/notices/${n.id}`);
    assert.equal((await a.post(`/admin/notices/${n.id}/publish`, {})).statusCode, 303);
    env.clock.set('2026-12-21T02:00:00Z');
    const pub = await env.app.inject(`/agencies/lingxi/notices/${n.id}`);
    assert.equal(pub.statusCode, 200);
    assert.match(pub.body, REASON);
    const list = await env.app.inject('/agencies/lingxi/notices');
    assert.match(list.body, /2027-01-11 <span class="badge badge-provisional">暂定<\/span>/);
    const feed = JSON.parse((await env.app.inject('/api/v1/agencies/lingxi/notices')).body) as {
      items: { id: number; endDate: string; endProvisional: boolean }[];
    };
    const item = feed.items.find((i) => i.id === n.id);
    assert.deepEqual(item && { endDate: item.endDate, endProvisional: item.endProvisional }, {
      endDate: '2027-01-11',
      endProvisional: true,
    });
    env.clock.set('2026-12-14T02:00:00Z');
  });

  test('a period in calendar days into 2027 and one in working days within 2026 are not provisional', async () => {
    const a = await reviewerOf(env);
    const calendar = await draft(env, a, { title: '按自然日计算的公示', periodUnit: 'calendar', periodDays: '20' });
    assert.deepEqual(
      { endDate: calendar.endDate, endProvisional: calendar.endProvisional },
      {
        endDate: '2027-01-09',
        endProvisional: 0,
      },
    );
    const within = await draft(env, a, { title: '年内结束的公示', startDate: '2026-12-14', periodDays: '5' });
    assert.deepEqual(
      { endDate: within.endDate, endProvisional: within.endProvisional },
      {
        endDate: '2026-12-18',
        endProvisional: 0,
      },
    );
    const page = await a.get(`/admin/notices/${within.id}`);
    assert.doesNotMatch(page.body, /badge-provisional/);
  });
});

describe('importing the year recomputes the provisional end dates', () => {
  let env: TestEnv;
  const ids = { springFestival: 0, newYear: 0, withdrawn: 0 };
  before(async () => {
    env = await createTestEnv({ now: '2025-12-08T02:00:00Z' });
    await removeCalendarYear(env.database.db, 2026);
    env.deps.calendar.invalidate();
    await env.user('county.admin', 'yongshun', ['admin']);
    await env.user('lx.reviewer', 'lingxi', ['reviewer']);
  });
  after(() => env.close());

  test('before the import: provisional dates from the statutory holidays only', async () => {
    const a = await reviewerOf(env);
    // 10 working days from Monday 2026-02-09: 除夕 2月16日 to 初三 19日 off → 2月26日.
    const spring = await draft(env, a, { title: '春节前后的公示', startDate: '2026-02-09', periodDays: '10' });
    assert.deepEqual([spring.endDate, spring.endProvisional], ['2026-02-26', 1]);
    ids.springFestival = spring.id;
    await a.get(`/admin/notices/${spring.id}`);
    assert.equal((await a.post(`/admin/notices/${spring.id}/publish`, {})).statusCode, 303);
    // 10 working days from Monday 2025-12-22: 元旦 off → 2026-01-05.
    const newYear = await draft(env, a, { title: '跨年的公示', startDate: '2025-12-22', periodDays: '10' });
    assert.deepEqual([newYear.endDate, newYear.endProvisional], ['2026-01-05', 1]);
    ids.newYear = newYear.id;
    const gone = await draft(env, a, { title: '已撤回的公示', startDate: '2026-02-09', periodDays: '10' });
    await a.get(`/admin/notices/${gone.id}`);
    assert.equal((await a.post(`/admin/notices/${gone.id}/withdraw`, {})).statusCode, 303);
    ids.withdrawn = gone.id;
  });

  test('the admin imports 2026: each open notice recomputed with an audit event and a 办理记录 entry', async () => {
    const admin = new Agent(env.app);
    await admin.login('county.admin');
    await admin.get('/admin/calendar');
    const res = await admin.post('/admin/calendar/import', { json: JSON.stringify(bundledYearImport(2026)) });
    assert.equal(res.statusCode, 303, res.body.slice(0, 500));
    assert.equal(res.headers.location, '/admin/calendar?year=2026&flash=imported&recomputed=2');

    const rows = await env.database.db
      .selectFrom('notices')
      .select(['id', 'endDate', 'endProvisional'])
      .orderBy('id')
      .execute();
    assert.deepEqual(rows, [
      // 2026: 2月15日–23日 off, 14日（周六）worked.
      { id: ids.springFestival, endDate: '2026-02-27', endProvisional: 0 },
      // 1月1日–3日 off, 4日（周日）worked: the same day, no longer provisional.
      { id: ids.newYear, endDate: '2026-01-05', endProvisional: 0 },
      // Withdrawn: its period is over, kept as it was.
      { id: ids.withdrawn, endDate: '2026-02-26', endProvisional: 1 },
    ]);
    const events = await auditEvents(env, { action: 'notice.endRecomputed' });
    assert.deepEqual(
      events.map((e) => [Number(e.entityId), (JSON.parse(e.summary) as { note: string }).note]),
      [
        [ids.springFestival, '2026年节假日安排已导入，公示期结束日期由2026-02-26（暂定）重新计算为2026-02-27。'],
        [ids.newYear, '2026年节假日安排已导入，公示期结束日期2026-01-05不变，不再是暂定日期。'],
      ],
    );

    const a = await reviewerOf(env);
    const page = await a.get(`/admin/notices/${ids.springFestival}`);
    assert.match(page.body, /办理记录[\s\S]*重新计算公示期结束日期[\s\S]*由2026-02-26（暂定）重新计算为2026-02-27/);
    assert.doesNotMatch(page.body, /badge-provisional/);
    env.clock.set('2026-02-20T02:00:00Z');
    const pub = await env.app.inject(`/agencies/lingxi/notices/${ids.springFestival}`);
    assert.match(pub.body, /2026-02-09 至 2026-02-27/);
    assert.doesNotMatch(pub.body, /暂定/);
  });
});
