// The legacy2008 report in Chromium: a clerk of 灵溪镇 chooses 旧版九部分结构 for 2025 in the
// report list, sees the nine parts written from the records (咨询 from the interaction records,
// 工作人员 from the staff registry), saves a narrative part by keyboard-usable form, and the
// page passes axe-core at desktop width and at 375 px.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { systemContext } from '../../src/bootstrap.ts';
import { createUser } from '../../src/modules/account/user.service.ts';
import { countInteractions } from '../../src/modules/interaction/index.ts';
import { countStaff } from '../../src/modules/staff/index.ts';
import { ManualClock } from '../../src/platform/clock.ts';
import { inTransaction } from '../../src/platform/transaction.ts';
import {
  assertNoAxeViolations,
  BrowserPages,
  findChromium,
  launchBrowser,
  loginAs,
  runAxe,
  startServer,
  type RunningServer,
} from '../support/browser.ts';
import { TEST_PASSWORD } from '../support/test-app.ts';
import type { Browser } from 'playwright-core';

const CHROMIUM = findChromium();
const SKIP = CHROMIUM
  ? false
  : 'Chromium not found: set CHROMIUM_PATH, or install chromium (/usr/bin/chromium, chromium-browser, google-chrome)';

describe('legacy2008 annual report in Chromium', { skip: SKIP, timeout: 180_000 }, () => {
  let browser: Browser;
  let server: RunningServer;
  let pages: BrowserPages;
  let lingxi = 0;
  const clock = new ManualClock('2026-01-12T02:00:00Z');

  before(async () => {
    server = await startServer({ clock });
    browser = await launchBrowser(CHROMIUM as string);
    pages = new BrowserPages(browser, server.baseUrl, { bypassCSP: true });
    const db = server.deps.database.db;
    lingxi = (await db.selectFrom('agencies').select('id').where('slug', '=', 'lingxi').executeTakeFirstOrThrow()).id;
    const u = await inTransaction(db, (trx) =>
      createUser(trx, systemContext(clock), {
        agencyId: lingxi,
        username: 'lx.legacy',
        displayName: '灵溪镇文员',
        email: '',
        roles: ['clerk'],
        password: TEST_PASSWORD,
      }),
    );
    await db.updateTable('users').set({ mustChangePassword: 0 }).where('id', '=', u.id).execute();
  });
  after(async () => {
    await pages?.close();
    await browser?.close();
    await server?.close();
  });

  test('choose the legacy format, read the records-based text, save 概述; axe-core clean', async () => {
    const db = server.deps.database.db;
    const inquiries = await countInteractions(db, lingxi, 2025);
    const staff = await countStaff(db, lingxi, 2025);
    const page = await pages.newPage();
    await loginAs(page, 'lx.legacy', TEST_PASSWORD);
    await page.waitForURL((u) => u.pathname === '/admin');
    await page.goto('/admin/annual-reports?year=2025');
    await page.getByLabel('永顺县灵溪镇人民政府的报告格式').selectOption('legacy2008');
    await page.getByRole('button', { name: /^编制\s*永顺县灵溪镇人民政府的报告$/ }).click();
    await page.waitForURL(/\/admin\/annual-reports\/\d+$/);
    const body = await page.locator('main').innerText();
    assert.match(body, /四、咨询和投诉情况/);
    assert.ok(body.includes(`接到咨询电话${inquiries.inquiries.phone}次`), body);
    assert.ok(body.includes(`从事政务公开工作人员${staff.total}人`), body);
    assert.equal(staff.total, 2);
    await page.getByRole('textbox', { name: '一、概述' }).fill('本镇明确专人负责政府信息公开工作。');
    await page.getByRole('button', { name: '保存文字部分' }).click();
    await page.waitForURL(/flash=saved/);
    assert.match(await page.locator('main').innerText(), /本镇明确专人负责政府信息公开工作。/);
    assertNoAxeViolations(await runAxe(page), 'legacy report page');
    await page.setViewportSize({ width: 375, height: 800 });
    assertNoAxeViolations(await runAxe(page), 'legacy report page at 375 px');
    const list = await pages.newPage();
    await loginAs(list, 'lx.legacy', TEST_PASSWORD);
    await list.goto('/admin/annual-reports?year=2024');
    assertNoAxeViolations(await runAxe(list), 'report list with format choice');
  });
});
