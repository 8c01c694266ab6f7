// The public 基层政务公开标准目录 page of the demo's 灵溪镇 (issue #17 point 2) at 375 and 1366 px
// without JavaScript: its areas, the 未涉及领域事项说明, no sideways scrolling, axe-core 0; and the
// console's 完整性 table (its count links' names start with the counts they show), axe-core 0.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  assertNoAxeViolations,
  BrowserSuite,
  changeFirstPassword,
  loginAs,
  runAxe,
  SKIP_WITHOUT_CHROMIUM,
  type RunningServer,
} from '../support/browser.ts';

describe('标准目录 public page', { skip: SKIP_WITHOUT_CHROMIUM, timeout: 300_000 }, () => {
  const suite = new BrowserSuite();
  let server: RunningServer;
  before(async () => {
    server = await suite.open();
  });
  after(() => suite.close());

  for (const width of [375, 1366])
    test(`灵溪镇 at ${width} px without JavaScript: areas, 未涉及 reason, axe-core 0`, async () => {
      const page = await suite.newPage({ viewport: { width, height: 800 }, javaScriptEnabled: false, bypassCSP: true });
      const res = await page.goto('/agencies/lingxi/standard-catalogue');
      assert.equal(res?.status(), 200);
      const text = await page.locator('main').innerText();
      for (const s of [
        '社会救助领域',
        '财政预决算领域',
        '养老服务领域',
        '未涉及领域事项说明',
        '国有土地上房屋征收与补偿领域：',
      ])
        assert.ok(text.includes(s), s);
      const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(scroll <= width, `scrollWidth ${scroll}`);
      await page.context().close();
      const withJs = await suite.newPage({ viewport: { width, height: 800 }, bypassCSP: true });
      await withJs.goto('/agencies/lingxi/standard-catalogue');
      assertNoAxeViolations(await runAxe(withJs), `standard-catalogue ${width}px`);
    });

  test('the console 完整性 table at 375 px: count links named by what they show, axe-core 0', async () => {
    const page = await suite.newPage({ viewport: { width: 375, height: 800 }, bypassCSP: true });
    await loginAs(page, 'admin', server.adminPassword);
    await changeFirstPassword(page, server.adminPassword, 'Yongshun-2026-wanzheng');
    const res = await page.goto('/admin/standard-catalogue/completeness');
    assert.equal(res?.status(), 200);
    const link = page.locator('main table td a').first();
    const [shown, name] = [await link.innerText(), (await link.getAttribute('aria-label')) ?? ''];
    assert.match(shown, /^\d+\/\d+\/\d+$/);
    assert.ok(name.startsWith(shown), `「${name}」 begins with 「${shown}」`);
    assertNoAxeViolations(await runAxe(page), 'standard-catalogue completeness 375px');
  });
});
