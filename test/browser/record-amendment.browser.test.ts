// 更正个人政府信息记录 (条例 第四十一条) in Chromium: a citizen on a 375 px phone opens 灵溪镇's form,
// sends it incomplete (the error summary, what was typed kept), completes it with an evidence file,
// lands on the receipt with the number and query code, and follows the request through 进度查询.
// axe-core finds nothing on each public page, at 375 and 1366 px, and nothing scrolls sideways.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { assertNoAxeViolations, BrowserSuite, field, runAxe, SKIP_WITHOUT_CHROMIUM } from '../support/browser.ts';

describe('更正个人政府信息记录 in Chromium', { skip: SKIP_WITHOUT_CHROMIUM, timeout: 300_000 }, () => {
  const suite = new BrowserSuite();
  before(async () => {
    await suite.open();
  });
  after(() => suite.close());

  async function check(page: Page, name: string): Promise<void> {
    assertNoAxeViolations(await runAxe(page), name);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${name}: no sideways scrolling (${overflow})`);
  }

  for (const width of [375, 1366]) {
    test(`form, errors, receipt and status at ${width} px`, async () => {
      const page = await suite.newPage({ viewport: { width, height: 900 }, bypassCSP: true });
      await page.goto('/agencies/lingxi/amend');
      await check(page, `form ${width}`);
      await field(page, '申请人姓名或名称').fill('张三');
      await field(page, '要求更正的政府信息记录').fill('灵溪镇2024年度农村低保名册中本人家庭的登记信息');
      await page.getByRole('button', { name: '提交更正申请' }).click();
      await page.waitForSelector('.error-summary');
      assert.equal(
        await field(page, '要求更正的政府信息记录').inputValue(),
        '灵溪镇2024年度农村低保名册中本人家庭的登记信息',
      );
      await check(page, `form with errors ${width}`);
      await field(page, '身份证明种类').selectOption('residentIdCard');
      await field(page, '身份证明号码').fill('11010519491231002X');
      await field(page, '联系电话').fill('13812345678');
      await field(page, '记录中不准确的内容').fill('家庭人口记为3人');
      await field(page, '正确的内容应为').fill('家庭人口应为4人');
      await page.locator('#f-files').setInputFiles({
        name: '户口簿.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from('%PDF-1.4 户口簿'),
      });
      await page.locator('#f-consent').check();
      await page.getByRole('button', { name: '提交更正申请' }).click();
      await page.waitForURL((u) => u.pathname.startsWith('/amend/receipt/'));
      const number = (await page.locator('.ir-receipt dd').nth(0).innerText()).trim();
      const code = (await page.locator('.ir-receipt dd').nth(1).innerText()).trim();
      assert.match(number, /^GZ-LINGXI-\d{4}-\d{4}$/);
      assert.match(code, /^[A-Z0-9]{8}$/);
      await check(page, `receipt ${width}`);
      const other = await suite.newPage({ viewport: { width, height: 900 }, bypassCSP: true });
      await other.goto('/track');
      await field(other, '编号').fill(number);
      await field(other, '查询码').fill(code);
      await other.getByRole('button', { name: /查询/ }).click();
      await other.waitForURL((u) => u.pathname.startsWith('/amend/track/'));
      assert.match(await other.locator('main').innerText(), /已提交，待确认收到/);
      await check(other, `status ${width}`);
    });
  }
});
