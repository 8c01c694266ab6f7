// The public catalogue in Chromium (issue #3): axe-core reports no violations and there is no
// horizontal scrolling at 375 px on the 专栏 page, a category page, an article page and the search
// page (the demo county's publications); the pages work without JavaScript.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { assertNoAxeViolations, BrowserSuite, runAxe, SKIP_WITHOUT_CHROMIUM } from '../support/browser.ts';

describe('public catalogue in Chromium', { skip: SKIP_WITHOUT_CHROMIUM, timeout: 180_000 }, () => {
  const suite = new BrowserSuite();
  let pages: string[] = [];
  const newPage = (opts: BrowserContextOptions = {}): Promise<Page> => suite.newPage(opts);

  before(async () => {
    await suite.open();
    // An article and a category of the demo county, found the way a visitor finds them.
    const page = await newPage();
    await page.goto('/agencies/lingxi/statutory');
    const category = await page.locator('.catalog-nav ul ul a').nth(1).getAttribute('href');
    const article = await page.locator('.pub-list a').first().getAttribute('href');
    assert.ok(category && article, 'the demo county has categories and publications');
    pages = ['/agencies/lingxi', category, article, '/search?q=%E4%BD%8E%E4%BF%9D'];
  });

  after(() => suite.close());

  test('axe-core: 0 violations on the 专栏, a category page, an article page and the search page', async () => {
    const page = await newPage({ bypassCSP: true });
    for (const url of pages) {
      const res = await page.goto(url);
      assert.equal(res?.status(), 200, url);
      assertNoAxeViolations(await runAxe(page), url);
    }
  });

  test('375 px wide: no horizontal scrolling on the same pages', async () => {
    const page = await newPage({ viewport: { width: 375, height: 812 } });
    for (const url of pages) {
      await page.goto(url);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 375, `${url}: scrollWidth ${width} > 375`);
    }
  });

  test('without JavaScript: filter a category, open an article, see its QR code, search with a facet', async () => {
    const page = await newPage({ javaScriptEnabled: false });
    await page.goto('/agencies/lingxi/statutory');
    await page.getByLabel('排序').selectOption('old');
    await page.getByRole('button', { name: '筛选' }).click();
    assert.match(page.url(), /sort=old/);
    await page.locator('.pub-list a').first().click();
    assert.equal(await page.locator('th', { hasText: '索引号' }).count(), 1);
    const qr = await page.locator('.qr img').evaluate((img) => (img as HTMLImageElement).naturalWidth);
    assert.ok(qr > 0, 'the QR code image loads');
    await page.goto('/');
    await page.getByLabel('检索全县公开信息').fill('低保');
    await page.getByLabel('检索全县公开信息').press('Enter');
    await page.waitForURL(/\/search\?q=/);
    assert.match((await page.locator('[role=status]').first().textContent()) ?? '', /找到 [1-9]\d* 条结果/);
    assert.ok((await page.locator('.hits mark').count()) > 0, 'highlighted hits');
    await page.locator('.facets a').first().click();
    assert.match(page.url(), /(agency|category|year|validity)=/);
  });
});
