// The service hall in Chromium: a window clerk registers a case and accepts it, the page shows
// the stored due date; the item has 超时默许, the (injected) clock passes the deadline, the job
// runs and the applicant's status page says "超时默许，视为准予". axe-core on the guide, status
// and statistics pages.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { runDeemedApprovals } from '../../src/modules/service-hall/index.ts';
import { resetQueryCode } from '../../src/modules/service-hall/service-case.service.ts';
import { systemContext } from '../../src/bootstrap.ts';
import { ManualClock } from '../../src/platform/clock.ts';
import { inTransaction } from '../../src/platform/transaction.ts';
import {
  assertNoAxeViolations,
  BrowserSuite,
  field,
  runAxe,
  SKIP_WITHOUT_CHROMIUM,
  type RunningServer,
} from '../support/browser.ts';
import { TEST_PASSWORD } from '../support/test-app.ts';

describe('service hall in Chromium', { skip: SKIP_WITHOUT_CHROMIUM, timeout: 180_000 }, () => {
  // Monday 2 March 2026, 09:30 in Beijing.
  const clock = new ManualClock('2026-03-02T01:30:00Z');
  const suite = new BrowserSuite({ bypassCSP: true }, clock);
  let server: RunningServer;
  const newPage = (opts: BrowserContextOptions = {}): Promise<Page> => suite.newPage(opts);

  before(async () => {
    server = await suite.open();
    await suite.addStaff('lingxi', [['lx.window', 'clerk', '灵溪窗口张三']], TEST_PASSWORD);
  });

  after(() => suite.close());

  test('register, accept, due date; the deadline passes and the status page shows the deemed approval', async () => {
    const page = await suite.signedIn('lx.window', TEST_PASSWORD);
    await page.getByRole('navigation', { name: '管理导航' }).getByRole('link', { name: '政务服务' }).click();
    await page.getByRole('link', { name: '登记办件' }).click();
    await field(page, '办理事项').selectOption({ label: '乡村建设规划许可证核发' });
    await field(page, '收件方式').selectOption({ label: '窗口收件' });
    await field(page, '申请人').fill('灵溪镇那必村村民委员会');
    await field(page, '联系电话').fill('13974301234');
    await page.getByRole('button', { name: '登记' }).click();
    await page.waitForURL(/\/admin\/service-hall\/cases\/\d+\?receipt=1$/);
    const heading = (await page.locator('h1').textContent()) ?? '';
    const caseNumber = heading.replace('办件 ', '').trim();
    assert.match(caseNumber, /^FW-LINGXI-2026-\d{4}$/);
    const queryCode = (await page.locator('.flash strong').textContent())?.trim() ?? '';
    assert.match(queryCode, /^[A-Z2-9]{8}$/);
    assert.equal(await page.locator('#due-on').textContent(), '受理后计算');

    await page.getByRole('button', { name: '受理', exact: true }).click();
    await page.waitForURL(/flash=saved/);
    // Promised limit 10 working days from Mon 2 March 2026, acceptance day not counted: 16 March.
    assert.equal(await page.locator('#due-on').textContent(), '2026-03-16');
    assert.match((await page.locator('main').textContent()) ?? '', /2026-03-02 受理，时限 10 个工作日/);

    const db = server.deps.database.db;
    clock.set('2026-03-16T15:59:00Z'); // 23:59 on the last day in Beijing: not yet
    assert.equal((await runDeemedApprovals(db, clock)).approved, 0);
    clock.set('2026-03-16T16:00:00Z'); // midnight: the limit has ended
    assert.equal((await runDeemedApprovals(db, clock)).approved, 1);
    assert.equal((await runDeemedApprovals(db, clock)).approved, 0);

    const visitor = await newPage();
    await visitor.goto('/agencies/lingxi');
    await visitor.getByRole('link', { name: '办件进度查询' }).click();
    await field(visitor, '编号').fill(caseNumber);
    await field(visitor, '查询码').fill(queryCode);
    await visitor.getByRole('button', { name: '查询' }).click();
    await visitor.waitForURL(/\/service-hall\/case\/FW-LINGXI-2026-\d{4}$/);
    assert.ok(!visitor.url().includes(queryCode), 'the query code is never in a URL');
    const main = (await visitor.locator('main').textContent()) ?? '';
    assert.match(main, /超时默许，视为准予/);
    assert.ok(!main.includes('那必村') && !main.includes('13974301234'), 'no personal data on the public page');
    assertNoAxeViolations(await runAxe(visitor), 'the status page');
  });

  test('axe-core: guide page, statistics page, and the status page with the rating form', async () => {
    const page = await newPage();
    await page.goto('/agencies/lingxi');
    await page.getByRole('link', { name: '政务服务事项与办事指南' }).click();
    await page.getByRole('link', { name: '乡村建设规划许可证核发' }).click();
    assert.match((await page.locator('h1').textContent()) ?? '', /办事指南/);
    assertNoAxeViolations(await runAxe(page), 'the guide page');
    await page.getByRole('link', { name: '在线提交乡村建设规划许可证核发申请' }).click();
    assertNoAxeViolations(await runAxe(page), 'the online application form');

    await page.goto('/agencies/lingxi/service-hall/stats?month=2025-03');
    assert.match((await page.locator('main').textContent()) ?? '', /2025年3月办件情况/);
    assertNoAxeViolations(await runAxe(page), 'the statistics page');
    await page.goto('/agencies/lingxi/service-hall/stats?month=2025-06');
    assert.match((await page.locator('main').textContent()) ?? '', /本月没有收件/);
    assertNoAxeViolations(await runAxe(page), 'the statistics page of an empty month');

    const unrated = await server.deps.database.db
      .selectFrom('serviceCases')
      .select(['id', 'caseNumber'])
      .where('status', '=', 'delivered')
      .where('rating', 'is', null)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    // The demo's codes are stored hashed: the window issues a new one, as for an applicant who lost it.
    const code = await inTransaction(server.deps.database.db, (trx) =>
      resetQueryCode(trx, systemContext(clock), unrated.id),
    );
    await page.goto('/track');
    await field(page, '编号').fill(unrated.caseNumber);
    await field(page, '查询码').fill(code);
    await page.getByRole('button', { name: '查询' }).click();
    await page.waitForURL(`**/service-hall/case/${unrated.caseNumber}`);
    assertNoAxeViolations(await runAxe(page), 'the status page with the rating form');
    await field(page, '评价等级').selectOption({ label: '满意' });
    await page.getByRole('button', { name: '提交评价' }).click();
    await page.waitForURL(`**/service-hall/case/${unrated.caseNumber}`);
    assert.match((await page.locator('main').textContent()) ?? '', /您的评价：满意/);
    assertNoAxeViolations(await runAxe(page), 'the status page after rating');
  });

  test('375 px wide and without JavaScript: guide, statistics and lookup work without horizontal scrolling', async () => {
    const page = await newPage({ viewport: { width: 375, height: 812 }, javaScriptEnabled: false });
    for (const url of [
      '/agencies/lingxi/service-hall',
      '/agencies/lingxi/service-hall/stats?month=2025-03',
      '/track',
    ]) {
      await page.goto(url);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 375, `${url}: scrollWidth ${width} > 375`);
    }
    await page.goto('/agencies/lingxi/service-hall/stats');
    await field(page, '月份').selectOption({ label: '2025年1月' });
    await page.getByRole('button', { name: '查看' }).click();
    await page.waitForURL(/month=2025-01/);
    assert.match((await page.locator('main').textContent()) ?? '', /2025年1月办件情况/);
  });
});
