// Deadline reminders through the notification outbox: towns and departments by 01-31 (town date
// configurable), the county government by 03-31; one message per step (30, 7, 1 days before),
// none once the report is published, none twice.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { reminderStep, remindAnnualReportDeadlines } from '../../src/modules/annual-report/annual-report.reminders.ts';
import { Agent } from '../support/agent.ts';
import { createTestEnv, type TestEnv } from '../support/test-app.ts';

let env: TestEnv;
before(async () => {
  env = await createTestEnv({ now: '2026-01-05T02:00:00Z' });
  await env.user('lx.clerk', 'lingxi', ['clerk']);
  await env.user('gp.clerk', 'gaoping', ['clerk']);
  await env.user('fgj.clerk', 'fgj', ['clerk']);
  await env.user('county.clerk', 'yongshun', ['clerk']);
});
after(() => env.close());

describe('annual report reminders', () => {
  test('reminderStep: the smallest step reached, none after the due date', () => {
    assert.equal(reminderStep('2026-01-05', '2026-01-31'), 30);
    assert.equal(reminderStep('2025-12-31', '2026-01-31'), null);
    assert.equal(reminderStep('2026-01-24', '2026-01-31'), 7);
    assert.equal(reminderStep('2026-01-30', '2026-01-31'), 1);
    assert.equal(reminderStep('2026-01-31', '2026-01-31'), 1);
    assert.equal(reminderStep('2026-02-01', '2026-01-31'), null);
  });

  test('queued once per agency and step; not for published reports nor before the county date', async () => {
    const db = env.database.db;
    const now = '2026-01-05T02:00:00.000Z';
    await db
      .insertInto('annualReports')
      .values({
        agencyId: env.county.agencyIds.gaoping ?? 0,
        year: 2025,
        format: 'national2021',
        state: 'published',
        source: 'system',
        narratives: '{}',
        figures: '{}',
        checkResults: '[]',
        checkedAt: null,
        overrideReason: '',
        scope: '{"kind":"own"}',
        submittedAt: now,
        approvedAt: now,
        publishedAt: now,
        publicationId: null,
        publishedData: null,
        importedText: '',
        extracted: '{}',
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    const n = await remindAnnualReportDeadlines(db, env.clock.now());
    assert.equal(n, 2);
    const rows = await db
      .selectFrom('notifications')
      .select(['agencyId', 'subject', 'relatedId'])
      .where('relatedType', '=', 'annualReportDeadline')
      .orderBy('agencyId')
      .execute();
    assert.deepEqual(
      rows.map((r) => r.agencyId).sort(),
      [env.county.agencyIds.fgj, env.county.agencyIds.lingxi].sort(),
    );
    assert.match(rows[0]?.subject ?? '', /2025年度政府信息公开工作年度报告将于2026-01-31到期/);
    assert.equal(await remindAnnualReportDeadlines(db, env.clock.now()), 0);

    // A later town date in the settings moves the towns' step; the department keeps its 01-31.
    await db
      .insertInto('settings')
      .values({ agencyId: 0, key: 'annualReport.townDueMonthDay', value: JSON.stringify('02-28'), updatedAt: now })
      .execute();
    const later = new Date('2026-01-25T02:00:00Z');
    assert.equal(await remindAnnualReportDeadlines(db, later), 1);
    const step7 = await db
      .selectFrom('notifications')
      .select(['agencyId', 'relatedId'])
      .where('relatedType', '=', 'annualReportDeadline')
      .where('relatedId', 'like', '%:7')
      .execute();
    assert.deepEqual(
      step7.map((r) => r.agencyId),
      [env.county.agencyIds.fgj],
    );
  });

  test("the county admin sets the towns' due date; a bad date is refused with 422 and kept; others cannot", async () => {
    await env.user('county.admin', 'yongshun', ['admin']);
    await env.user('lx.admin', 'lingxi', ['admin']);
    const a = new Agent(env.app);
    await a.login('county.admin');
    await a.get('/admin/annual-reports');
    let res = await a.post('/admin/annual-reports/town-due-date', { townDueMonthDay: '02-30' });
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /MM-DD/);
    assert.match(res.body, /value="02-30"/);
    res = await a.post('/admin/annual-reports/town-due-date', { townDueMonthDay: '03-15' });
    assert.equal(res.statusCode, 303);
    const page = await a.get('/admin/annual-reports?year=2025');
    assert.match(page.body, /永顺县灵溪镇人民政府<\/th><td>[^<]*<\/td><td>[^<]*<\/td><td>2026-03-15<\/td>/);
    const town = new Agent(env.app);
    await town.login('lx.admin');
    await town.get('/admin/annual-reports');
    res = await town.post('/admin/annual-reports/town-due-date', { townDueMonthDay: '12-31' });
    assert.equal(res.statusCode, 403);
  });

  test('the list opens on the year the 工作台 calls due: this year from 2 December, else last year', async () => {
    await env.user('county.admin2', 'yongshun', ['admin']);
    for (const [now, year] of [
      ['2026-12-08T02:00:00Z', 2026],
      ['2026-12-01T02:00:00Z', 2025],
      ['2027-01-10T02:00:00Z', 2026],
    ] as const) {
      env.clock.set(now);
      const a = new Agent(env.app);
      await a.login('county.admin2');
      const page = await a.get('/admin/annual-reports');
      assert.match(page.body, new RegExp(`<caption>${year}年度各机构报告情况</caption>`), now);
      // 「年报逾期」 is last year's report, in December too.
      const overdue = await a.get('/admin/annual-reports?queue=overdue');
      assert.match(
        overdue.body,
        new RegExp(`<caption>${Number(now.slice(0, 4)) - 1}年度各机构报告情况</caption>`),
        now,
      );
    }
  });
});
