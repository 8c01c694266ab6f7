// The legacy2008 report in Chromium: a clerk of 灵溪镇 chooses 旧版九部分结构 for 2025 in the
// report list, sees the nine parts written from the records (咨询 from the interaction records,
// 工作人员 from the staff registry), saves a narrative part by keyboard-usable form, and the
// page passes axe-core at desktop width and at 375 px.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { countInteractions } from '../../src/modules/interaction/index.ts';
import { countStaff } from '../../src/modules/staff/index.ts';
import { ManualClock } from '../../src/platform/clock.ts';
import {
  assertNoAxeViolations,
  BrowserSuite,
  runAxe,
  SKIP_WITHOUT_CHROMIUM,
  type RunningServer,
} from '../support/browser.ts';
import { TEST_PASSWORD } from '../support/test-app.ts';

describe('legacy2008 annual report in Chromium', { skip: SKIP_WITHOUT_CHROMIUM, timeout: 180_000 }, () => {
  const suite = new BrowserSuite({ bypassCSP: true }, new ManualClock('2026-01-12T02:00:00Z'));
  let server: RunningServer;
  let lingxi = 0;

  before(async () => {
    server = await suite.open();
    const db = server.deps.database.db;
    lingxi = (await db.selectFrom('agencies').select('id').where('slug', '=', 'lingxi').executeTakeFirstOrThrow()).id;
    await suite.addStaff('lingxi', [['lx.legacy', 'clerk', '灵溪镇文员']], TEST_PASSWORD);
  });
  after(() => suite.close());

  test('choose the legacy format, read the records-based text, save 概述; axe-core clean', async () => {
    const db = server.deps.database.db;
    const inquiries = await countInteractions(db, lingxi, 2025);
    const staff = await countStaff(db, lingxi, 2025);
    const page = await suite.signedIn('lx.legacy', TEST_PASSWORD);
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
    const list = await suite.signedIn('lx.legacy', TEST_PASSWORD);
    await list.goto('/admin/annual-reports?year=2024');
    assertNoAxeViolations(await runAxe(list), 'report list with format choice');
  });
});
