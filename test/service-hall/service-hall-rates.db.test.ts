// Rates, ratings and the public statistics of the service hall on both engines: a fixture month
// against hand-computed figures, the applicant's one rating, the dashboard limited to own agencies.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { loadWorkCalendar } from '../../src/modules/calendar/calendar.service.ts';
import { runDeemedApprovals } from '../../src/modules/service-hall/index.ts';
import {
  acceptCase,
  decideCase,
  deliverCase,
  notAcceptCase,
  rateCase,
} from '../../src/modules/service-hall/service-case.service.ts';
import { registerCase } from '../../src/modules/service-hall/service-case.register.ts';
import { monthFigures } from '../../src/modules/service-hall/service-hall.stats.ts';
import { createWindow, saveItem, EMPTY_ITEM } from '../../src/modules/service-hall/service-item.service.ts';
import { inTransaction } from '../../src/platform/transaction.ts';
import { Agent } from '../support/agent.ts';
import { createTestEnv } from '../support/test-app.ts';
import { env, cal, lingxi, gaoping, at, tx, applicant, statusPage, newCase, caseRow, setUp } from './setup.ts';

before(setUp);
after(() => env.close());

describe('rates, ratings and the public statistics', () => {
  test('a fixture month matches hand-computed figures; a month without cases shows "—"', async () => {
    const fresh = await createTestEnv({ now: '2025-08-01T02:00:00Z' });
    try {
      const db = fresh.database.db;
      const ag = fresh.county.agencyIds.shidi as number;
      const c = (t: string) => at(t);
      const f = <T>(fn: Parameters<typeof inTransaction<T>>[1]) => inTransaction(db, fn);
      const w = await f((trx) => createWindow(trx, c('2025-06-02'), ag, '石堤窗口', ''));
      const base = { ...EMPTY_ITEM, legalBasis: '依据', conditions: '条件', materials: '材料', windowId: String(w) };
      const lic = await f((trx) =>
        saveItem(trx, c('2025-06-02'), ag, {
          ...base,
          name: '许可甲',
          promisedDays: '5',
          deemedApproval: '1',
          deemedApprovalBasis: '承诺',
        }),
      );
      const svc = await f((trx) =>
        saveItem(trx, c('2025-06-02'), ag, { ...base, name: '服务乙', kind: 'publicService', statutoryDays: '5' }),
      );
      const cal2 = await loadWorkCalendar(db);
      const reg = (itemId: number, d: string) => f((trx) => registerCase(trx, c(d), { itemId, ...applicant }));
      // June 2025 (Dragon Boat holiday 31 May–2 Jun). Eight cases received:
      const a1 = await reg(lic, '2025-06-03');
      await f((trx) => acceptCase(trx, c('2025-06-03'), cal2, a1.id)); // due 10 Jun
      await f((trx) => decideCase(trx, c('2025-06-09'), a1.id, 'approved', '')); // in time
      await f((trx) => deliverCase(trx, c('2025-06-10'), a1.id));
      await f(async (trx) => {
        await rateCase(trx, c('2025-06-10'), a1.caseNumber, a1.queryCode, 'dissatisfied', '等太久');
      });
      const a2 = await reg(lic, '2025-06-04');
      await f((trx) => acceptCase(trx, c('2025-06-04'), cal2, a2.id)); // due 11 Jun
      await f((trx) => decideCase(trx, c('2025-06-12'), a2.id, 'refused', '不符合条件')); // late → overdue
      const a3 = await reg(lic, '2025-06-05');
      await f((trx) => acceptCase(trx, c('2025-06-05'), cal2, a3.id)); // due 12 Jun → deemed
      const a4 = await reg(svc, '2025-06-16');
      await f((trx) => acceptCase(trx, c('2025-06-16'), cal2, a4.id)); // due 23 Jun, open → overdue
      const a5 = await reg(svc, '2025-06-27');
      await f((trx) => acceptCase(trx, c('2025-06-27'), cal2, a5.id)); // due 4 Jul, open at asOf 2 Jul → not due
      const a6 = await reg(svc, '2025-06-18');
      await f((trx) => notAcceptCase(trx, c('2025-06-18'), a6.id, '不属于本机关职责'));
      await reg(svc, '2025-06-30'); // received, not yet accepted
      const a8 = await reg(svc, '2025-06-20');
      await f((trx) => acceptCase(trx, c('2025-06-20'), cal2, a8.id)); // due 27 Jun
      await f((trx) => decideCase(trx, c('2025-06-27'), a8.id, 'approved', '')); // on the last day: in time
      await runDeemedApprovals(db, { now: () => new Date('2025-06-13T01:00:00Z') });
      await reg(svc, '2025-07-01'); // July: not in June's figures

      const labels = {
        items: new Map([
          [lic, '许可甲'],
          [svc, '服务乙'],
        ]),
        windows: new Map<number | null, string>([[w, '石堤窗口']]),
      };
      const june = await monthFigures(db, [ag], '2025-06', '2025-07-02', labels);
      // received 8; accepted a1 a2 a3 a4 a5 a8 = 6; due: a1 a2 a3 a4 a8 = 5 (a5 not yet due);
      // in time a1 a8 = 2; overdue a2 a4 = 2; deemed a3 = 1.
      assert.deepEqual(june.total.counts, {
        received: 8,
        accepted: 6,
        completedInTime: 2,
        acceptedAndDue: 5,
        overdue: 2,
        deemedApprovals: 1,
      });
      assert.equal(june.total.rates.acceptanceRate, 6 / 8);
      assert.equal(june.total.rates.completionRate, 2 / 5);
      const licRow = june.byItem.find((r) => r.label === '许可甲');
      assert.deepEqual(licRow?.counts, {
        received: 3,
        accepted: 3,
        completedInTime: 1,
        acceptedAndDue: 3,
        overdue: 1,
        deemedApprovals: 1,
      });
      assert.equal(june.total.ratings.total, 1);
      assert.equal(june.total.ratings.satisfaction, 0);

      fresh.clock.set('2025-07-02T02:00:00Z'); // the page counts "due" at today's date
      const res = await fresh.app.inject('/agencies/shidi/service-hall/stats?month=2025-06');
      const text = res.body.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
      assert.match(text, /合计 8 6 75% 2 40% 2 1 0%/);
      assert.match(text, /许可甲 3 3 100% 1 33.3% 1 1 0%/);
      // The chart of the twelve months to June: the same counts, in its data table.
      assert.match(res.body, /<figure class="chart"[^>]*>[\s\S]*?<svg /);
      assert.match(text, /2025年5月 0 0 0 2025年6月 8 6 2/);
      const may = await fresh.app.inject('/agencies/shidi/service-hall/stats?month=2025-05');
      const mayText = may.body.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
      assert.match(mayText, /本月没有收件/);
      assert.match(mayText, /合计 0 0 — 0 — 0 0 —/);
      assert.equal((await fresh.app.inject('/agencies/shidi/service-hall/stats?month=2025-13')).statusCode, 400);
      for (const page of [res.body, may.body])
        assert.ok(!page.includes('测试申请人甲') && !page.includes('13974300001'));
    } finally {
      await fresh.close();
    }
  });

  test('the applicant rates once after delivery; the public page shows no personal data', async () => {
    const c = await newCase('service', '2025-07-01');
    assert.ok(!(await statusPage(c.caseNumber, c.queryCode)).body.includes('提交评价'));
    await tx((trx) => acceptCase(trx, at('2025-07-01'), cal, c.id));
    await tx((trx) => decideCase(trx, at('2025-07-02'), c.id, 'approved', ''));
    await tx((trx) => deliverCase(trx, at('2025-07-03'), c.id));
    const visitor = new Agent(env.app);
    // A visitor who has not looked the case up cannot rate it.
    await visitor.get('/track');
    const stranger = await visitor.post(`/service-hall/case/${c.caseNumber}/rating`, {
      rating: 'veryDissatisfied',
      comment: '',
    });
    assert.equal(stranger.statusCode, 403);
    await visitor.post('/track', { number: c.caseNumber, code: c.queryCode });
    const before = await visitor.get(`/service-hall/case/${c.caseNumber}`);
    assert.match(before.body, /提交评价/);
    for (const secret of ['测试申请人甲', '13974300001', 'jia@example.com'])
      assert.ok(!before.body.includes(secret), secret);
    assert.ok(!before.body.includes(c.queryCode), 'the rating form carries no query code');
    const bad = await visitor.post(`/service-hall/case/${c.caseNumber}/rating`, {
      rating: '',
      comment: '很好',
    });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /请选择评价等级/);
    assert.match(bad.body, /很好/);
    const bot = await visitor.post(`/service-hall/case/${c.caseNumber}/rating`, {
      rating: 'satisfied',
      comment: '',
      website: 'http://spam',
    });
    assert.equal(bot.statusCode, 400);
    const ok = await visitor.post(`/service-hall/case/${c.caseNumber}/rating`, {
      rating: 'verySatisfied',
      comment: '很好',
    });
    assert.equal(ok.statusCode, 303);
    assert.equal((await caseRow(c.id)).rating, 'verySatisfied');
    const again = await visitor.post(`/service-hall/case/${c.caseNumber}/rating`, {
      rating: 'veryDissatisfied',
      comment: '',
    });
    assert.equal(again.statusCode, 409);
    await assert.rejects(
      tx((trx) => rateCase(trx, at('2025-07-04'), c.caseNumber, 'AAAAAAAA', 'satisfied', '')),
      /办件编号或查询码不正确/,
    );
  });

  test("the dashboard is limited to the actor's agencies", async () => {
    const a = new Agent(env.app);
    await a.login('lx.reviewer');
    const res = await a.get(`/admin/service-hall/performance?agencyId=${lingxi}&month=2025-04`);
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /综合受理窗口/);
    assert.match(res.body, /非常满意/);
    assert.equal((await a.get(`/admin/service-hall/performance?agencyId=${gaoping}&month=2025-04`)).statusCode, 403);
  });
});
