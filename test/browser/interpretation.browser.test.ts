// 政策解读 linked both ways (issue #17 point 1 acceptance), in Chromium on the demo county: the
// policy page of 永顺县's 《行政规范性文件管理办法》 shows its 解读, following the link opens the
// 解读, whose page names the policy and leads back; at 375 px and 1366 px
// nothing scrolls sideways and axe-core finds nothing on either page.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { assertNoAxeViolations, BrowserSuite, runAxe, SKIP_WITHOUT_CHROMIUM } from '../support/browser.ts';

const POLICY = '永顺县人民政府关于印发《永顺县行政规范性文件管理办法》的通知';
const INTERPRETATION = '《永顺县行政规范性文件管理办法》政策解读';

describe('政策解读 and its policy in Chromium', { skip: SKIP_WITHOUT_CHROMIUM, timeout: 300_000 }, () => {
  const suite = new BrowserSuite();
  let policyId = 0;
  let interpretationId = 0;

  before(async () => {
    const { deps } = await suite.open();
    const db = deps.database.db;
    const find = async (title: string) =>
      (await db.selectFrom('publications').select('id').where('title', '=', title).executeTakeFirstOrThrow()).id;
    policyId = await find(POLICY);
    interpretationId = await find(INTERPRETATION);
  });
  after(() => suite.close());

  for (const viewport of [
    { width: 375, height: 812 },
    { width: 1366, height: 900 },
  ]) {
    test(`${viewport.width}px: policy → 解读 → policy, axe 0 on both`, async () => {
      const page = await suite.newPage({ viewport, bypassCSP: true });
      await page.goto(`/publications/${policyId}`);
      const section = page.locator('section.pub-interpretation');
      assert.equal(await section.locator('h2').textContent(), '政策解读');
      assertNoAxeViolations(await runAxe(page), `policy page ${viewport.width}px`);
      await page.screenshot({ path: `/tmp/duties-shots/policy-${viewport.width}.png`, fullPage: true });
      await Promise.all([page.waitForEvent('load'), section.getByRole('link', { name: INTERPRETATION }).click()]);
      assert.equal(new URL(page.url()).pathname, `/publications/${interpretationId}`);
      assert.equal(await page.locator('h1, .article-title').first().textContent(), INTERPRETATION);
      const back = page.locator('section.pub-interpretation');
      assert.equal(await back.locator('h2').textContent(), '解读的政策文件');
      assert.match((await back.textContent()) ?? '', /解读形式：文字解读/);
      assertNoAxeViolations(await runAxe(page), `解读 page ${viewport.width}px`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `${viewport.width}px: no sideways scrolling (${overflow})`);
      await page.screenshot({ path: `/tmp/duties-shots/interpretation-${viewport.width}.png`, fullPage: true });
      await Promise.all([page.waitForEvent('load'), back.getByRole('link', { name: POLICY }).click()]);
      assert.equal(new URL(page.url()).pathname, `/publications/${policyId}`);
    });
  }
});
