// The portal as a citizen on a phone and on a desktop (issue #14): from the home page one click
// reaches 依申请公开, 领导信箱, 办事指南 and 进度查询; the header search works on an article page; 机构目录
// is searched by name with the keyboard and no JavaScript (issue #16); no
// page scrolls sideways at 375 px; axe-core finds nothing. Screens at 375 × 812 and 1366 × 900.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { assertNoAxeViolations, BrowserSuite, runAxe, SKIP_WITHOUT_CHROMIUM } from '../support/browser.ts';

const SCREENS = [
  { width: 375, height: 812 },
  { width: 1366, height: 900 },
] as const;

describe('portal for citizens in Chromium', { skip: SKIP_WITHOUT_CHROMIUM, timeout: 300_000 }, () => {
  const suite = new BrowserSuite();
  const newPage = (opts: BrowserContextOptions = {}): Promise<Page> => suite.newPage(opts);
  let article = '';
  let baseUrl = '';

  before(async () => {
    baseUrl = (await suite.open()).baseUrl;
    const page = await newPage();
    await page.goto('/agencies/lingxi/statutory');
    article = (await page.locator('.pub-list a').first().getAttribute('href')) ?? '';
    assert.match(article, /^\/publications\/\d+$/);
  });

  after(() => suite.close());

  test('from the home page, one click each to 依申请公开, 领导信箱, 办事指南 and 进度查询', async () => {
    const targets = [
      { name: '依申请公开', h1: /^依申请公开$/ },
      { name: '领导信箱', h1: /领导信箱/ },
      { name: '办事指南', h1: /政务服务|办事指南/ },
      { name: '进度查询', h1: /查询/ },
    ];
    for (const viewport of SCREENS) {
      const page = await newPage({ viewport, javaScriptEnabled: false });
      for (const t of targets) {
        await page.goto('/');
        // The first visible link of that name, wherever it is (the header or the entries).
        const link = page.getByRole('link', { name: t.name, exact: true }).first();
        assert.ok(await link.isVisible(), `${viewport.width}px: ${t.name} visible`);
        await Promise.all([page.waitForEvent('load'), link.click()]);
        assert.notEqual(new URL(page.url()).pathname, '/', `${viewport.width}px: ${t.name} left the home page`);
        assert.match(
          (await page.locator('h1').textContent()) ?? '',
          t.h1,
          `${viewport.width}px: ${t.name} → ${page.url()}`,
        );
      }
    }
  });

  test('the header search works on an article page', async () => {
    for (const viewport of SCREENS) {
      const page = await newPage({ viewport, javaScriptEnabled: false });
      await page.goto(article);
      const box = page.getByRole('search', { name: '全站检索' }).getByRole('searchbox');
      await box.fill('低保');
      await Promise.all([page.waitForURL(/\/search\?q=/), box.press('Enter')]);
      assert.match((await page.locator('[role=status]').first().textContent()) ?? '', /找到 [1-9]\d* 条结果/);
    }
  });

  test('the display toolbar is one control on a phone and opens without JavaScript', async () => {
    const page = await newPage({ viewport: SCREENS[0], javaScriptEnabled: false });
    await page.goto('/');
    assert.equal(await page.getByRole('button', { name: '特大字号' }).count(), 0, 'folded away');
    await page.locator('summary', { hasText: '字号与显示' }).click();
    await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: '特大字号' }).click()]);
    assert.match((await page.locator('html').getAttribute('class')) ?? '', /font-xlarge/);
    const wide = await newPage({ viewport: SCREENS[1] });
    await wide.goto('/');
    assert.ok(await wide.getByRole('button', { name: '特大字号' }).isVisible(), 'shown as it is on a wide screen');
    assert.equal(await wide.locator('summary', { hasText: '字号与显示' }).isVisible(), false);
  });

  test('an article at 375 px and 特大字号: the title comes first and starts on the first screen', async () => {
    const page = await newPage({ viewport: SCREENS[0] });
    await page.context().addCookies([{ name: 'gk_prefs', value: 'xlarge', url: baseUrl }]);
    await page.goto(article);
    const top = await page.locator('h1').evaluate((h) => h.getBoundingClientRect().top);
    assert.ok(top < 812, `the <h1> starts at ${top} px`);
    // Before the 信息属性 table in the document, which reads as a two-column list here.
    assert.ok(await page.locator('h1 + .table-scroll .article-meta').count(), 'the table follows the title');
    const cells = await page
      .locator('.article-meta tr')
      .first()
      .evaluate((tr) => {
        const [th, td] = Array.from(tr.children).map((c) => c.getBoundingClientRect());
        return { thLeft: th?.left ?? 0, tdLeft: td?.left ?? 0, tdWidth: td?.width ?? 0 };
      });
    assert.ok(cells.tdLeft > cells.thLeft && cells.tdWidth > 150, JSON.stringify(cells));
  });

  test('机构目录 by keyboard without JavaScript: part of a name, Enter, the agency; none found says so', async () => {
    for (const viewport of SCREENS) {
      const page = await newPage({ viewport, javaScriptEnabled: false });
      await page.goto('/agencies');
      assert.equal(await page.locator('h2').first().textContent(), '政府工作部门（3 个）');
      const nav = page.getByRole('navigation', { name: '机构分组' });
      assert.ok(
        await nav.getByRole('link', { name: '乡镇（街道）（7 个）' }).isVisible(),
        `${viewport.width}px: groups`,
      );
      const box = page.getByRole('search', { name: '查找机构' }).getByRole('searchbox', { name: '机构名称' });
      await box.focus();
      await page.keyboard.type('灵溪');
      await Promise.all([page.waitForURL(/\/agencies\?q=/), page.keyboard.press('Enter')]);
      assert.equal(await page.getByRole('status').textContent(), '在全部机构中找到 1 个名称含“灵溪”的机构。');
      assert.equal(await box.inputValue(), '灵溪', 'what was typed is kept');
      await page.getByRole('link', { name: '永顺县灵溪镇人民政府' }).click();
      await page.waitForURL('**/agencies/lingxi');
      await page.goto(`/agencies?q=${encodeURIComponent('没有这个机构')}`);
      assert.match((await page.getByRole('status').textContent()) ?? '', /^没有找到名称含“没有这个机构”的机构。$/);
      assert.ok(await page.getByRole('link', { name: '查看全部机构' }).isVisible());
    }
  });

  test('axe-core 0 and no sideways scrolling at 375 px, every 字号', async () => {
    const urls = [
      '/',
      '/site-map',
      '/agencies',
      `/agencies?q=${encodeURIComponent('灵溪')}`,
      `/agencies?q=${encodeURIComponent('没有这个机构')}`,
      '/agencies?group=yongshun.towns',
      '/agencies/lingxi/statutory',
      article,
      '/agencies/lingxi/notices/1',
      '/agencies/lingxi/reports/2013',
    ];
    for (const font of ['normal', 'large', 'xlarge']) {
      const page = await newPage({ viewport: SCREENS[0], bypassCSP: true });
      await page.context().addCookies([{ name: 'gk_prefs', value: font, url: baseUrl }]);
      for (const url of urls) {
        const res = await page.goto(url);
        assert.equal(res?.status(), 200, url);
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        assert.ok(width <= 375, `${url} (${font}): scrollWidth ${width} > 375`);
        if (font === 'normal') assertNoAxeViolations(await runAxe(page), `${url} at 375 px`);
      }
    }
    const wide = await newPage({ viewport: SCREENS[1], bypassCSP: true });
    for (const url of [
      '/',
      article,
      '/agencies/lingxi/statutory',
      '/agencies',
      `/agencies?q=${encodeURIComponent('镇')}`,
    ]) {
      await wide.goto(url);
      assertNoAxeViolations(await runAxe(wide), `${url} at 1366 px`);
    }
  });
});
