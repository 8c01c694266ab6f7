// The admin checker page in Chromium without JavaScript (#15 point 6): a clerk chooses two report
// files at once, gets the summary table, follows a finding's link to its highlighted place in the
// text (the <mark> is the URL's target and on screen), at 1366 px and 375 px; axe-core finds
// nothing on the form and on the results.
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { ManualClock } from '../../src/platform/clock.ts';
import { assertNoAxeViolations, BrowserSuite, runAxe, SKIP_WITHOUT_CHROMIUM } from '../support/browser.ts';
import { TEST_PASSWORD } from '../support/test-app.ts';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/reports/${name}`, import.meta.url));

describe('annual report checker page in Chromium', { skip: SKIP_WITHOUT_CHROMIUM, timeout: 180_000 }, () => {
  const clock = new ManualClock('2026-01-12T02:00:00Z');
  const suite = new BrowserSuite({ bypassCSP: true }, clock);

  /** axe-core needs script: the page as the no-JavaScript browser got it, served again to a page with script. */
  async function axeOn(html: string, width: number, where: string): Promise<void> {
    const page = await suite.newPage({ viewport: { width, height: 800 } });
    await page.route('**/axe-target', (r) => r.fulfill({ body: html, contentType: 'text/html; charset=utf-8' }));
    await page.goto('/axe-target');
    assertNoAxeViolations(await runAxe(page), where);
  }

  before(async () => {
    await suite.open();
    await suite.addStaff('lingxi', [['lx.checker', 'clerk', '灵溪镇文员']], TEST_PASSWORD);
  });
  after(() => suite.close());

  for (const width of [1366, 375]) {
    test(`two files at once, a finding's link lands on its <mark> (${width} px), axe-core clean`, async () => {
      const page = await suite.signedIn('lx.checker', TEST_PASSWORD, {
        viewport: { width, height: 800 },
        javaScriptEnabled: false,
      });
      await page.goto('/admin/annual-reports/checker');
      await axeOn(await page.content(), width, `the checker form at ${width} px`);
      await page
        .getByLabel(/^上传报告文件/)
        .setInputFiles([fixture('seed-lingxi-2013.txt'), fixture('edited-national2021-qingshi-town-2022.txt')]);
      await page.getByRole('button', { name: '检查' }).click();
      await page.waitForLoadState();
      const summary = page.getByRole('region', { name: '检查结果汇总表' });
      assert.match(await summary.innerText(), /seed-lingxi-2013\.txt\s+灵溪镇\s+2013/);
      assert.match(
        await summary.innerText(),
        /edited-national2021-qingshi-town-2022\.txt\s+青石镇\s+2022\s+2021年格式\s+2\s+0/,
      );
      await axeOn(await page.content(), width, `the checker results at ${width} px`);

      await summary.getByRole('link', { name: 'edited-national2021-qingshi-town-2022.txt' }).click();
      assert.equal(new URL(page.url()).hash, '#r2');
      const link = page
        .locator('#r2 .report-findings li')
        .first()
        .getByRole('link', { name: /在原文中查看/ });
      const target = (await link.getAttribute('href')) ?? '';
      assert.match(target, /^#r2-m\d+$/);
      await link.click();
      assert.equal(new URL(page.url()).hash, target);
      const mark = page.locator(`mark${target}`);
      assert.match(await mark.innerText(), /9\s*件/);
      assert.ok(await mark.isVisible());
      const box = await mark.boundingBox();
      assert.ok(box && box.y >= 0 && box.y < 800, `the mark is on screen: ${JSON.stringify(box)}`);
      if (width === 375) {
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 0, `no horizontal scrolling at 375 px (${overflow} px too wide)`);
      }
      await page.screenshot({ path: `tmp/checker-${width}.png` });
    });
  }
});
