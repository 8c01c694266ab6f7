// 关怀版 in Chromium (issue #14 point 3; 工信部《互联网网站适老化通用设计规范》): switched on from the
// header without JavaScript, body text ≥ 24 px (18 pt), every visible link and control at least
// 44 px high, one column at 1366 px, the article's <h1> on the first screen at 375 px, no sideways
// scrolling, axe-core 0 at 375 and 1366 px; 语音朗读 only with JavaScript and speech synthesis.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { assertNoAxeViolations, BrowserSuite, runAxe, SKIP_WITHOUT_CHROMIUM } from '../support/browser.ts';

const PHONE = { width: 375, height: 812 };
const DESKTOP = { width: 1366, height: 900 };

describe('关怀版 in Chromium', { skip: SKIP_WITHOUT_CHROMIUM, timeout: 300_000 }, () => {
  const suite = new BrowserSuite();
  const newPage = (opts: BrowserContextOptions = {}): Promise<Page> => suite.newPage(opts);
  let article = '';

  before(async () => {
    await suite.open();
    const page = await newPage();
    await page.goto('/agencies/lingxi/statutory');
    article = (await page.locator('.pub-list a').first().getAttribute('href')) ?? '';
    assert.match(article, /^\/publications\/\d+$/);
  });

  after(() => suite.close());

  /** Switches 关怀版 on from the page's header, as a reader without JavaScript would. */
  async function careOn(page: Page, url: string): Promise<void> {
    await page.goto(url);
    await Promise.all([page.waitForEvent('load'), page.getByRole('link', { name: '关怀版', exact: true }).click()]);
    assert.equal(new URL(page.url()).pathname, url.split('?')[0], 'back on the same page');
    assert.match((await page.locator('html').getAttribute('class')) ?? '', /\bcare\b/);
  }

  /** Visible links and controls smaller than 44 px (the skip link is off screen until focused). */
  const smallTargets = (page: Page) =>
    page.evaluate(() =>
      Array.from(document.querySelectorAll('a, button, input, select, textarea, summary'))
        .filter((el) => !el.classList.contains('skip-link') && (el as HTMLInputElement).type !== 'hidden')
        .filter((el) => !['checkbox', 'radio'].includes((el as HTMLInputElement).type))
        .map((el) => ({ el, r: el.getBoundingClientRect() }))
        .filter(({ r }) => r.width > 0 && r.height > 0)
        .filter(({ r }) => r.height < 43.5 || r.width < 43.5)
        .map(
          ({ el, r }) =>
            `${el.tagName.toLowerCase()} “${(el.textContent ?? '').trim().slice(0, 20)}” ${r.width}×${r.height}`,
        ),
    );

  test('switched on from the header without JavaScript: large type, big targets, no sideways scroll, axe 0', async () => {
    const urls = ['/', '/agencies', '/agencies/lingxi/statutory', article, '/search?q=%E4%BD%8E%E4%BF%9D', '/track'];
    for (const viewport of [PHONE, DESKTOP]) {
      const page = await newPage({ viewport, javaScriptEnabled: false });
      await careOn(page, article);
      // axe-core needs scripts: a second reader with the same cookie.
      const axePage = await newPage({ viewport, bypassCSP: true });
      await axePage.context().addCookies(await page.context().cookies());
      for (const url of urls) {
        const res = await page.goto(url);
        assert.equal(res?.status(), 200, url);
        const where = `${url} at ${viewport.width} px`;
        const size = await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
        assert.ok(size >= 24, `${where}: body text ${size} px`);
        const lineHeight = await page.evaluate(() => {
          const s = getComputedStyle(document.body);
          return parseFloat(s.lineHeight) / parseFloat(s.fontSize);
        });
        assert.ok(lineHeight >= 1.8, `${where}: line height ${lineHeight}`);
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        assert.ok(width <= viewport.width, `${where}: scrollWidth ${width}`);
        assert.deepEqual(await smallTargets(page), [], `${where}: targets under 44 px`);
        await axePage.goto(url);
        assertNoAxeViolations(await runAxe(axePage), `${where} (关怀版)`);
        assert.equal(await page.locator('.read-aloud').count(), 0, 'no read-aloud button without JavaScript');
      }
      await page.goto(article);
      const top = await page.locator('h1').evaluate((h) => h.getBoundingClientRect().top);
      assert.ok(top < viewport.height, `${viewport.width} px: the article's <h1> starts at ${top} px`);
    }
  });

  test('one column at 1366 px: the category list sits above the items, not beside them', async () => {
    const page = await newPage({ viewport: DESKTOP, javaScriptEnabled: false });
    await page.goto('/agencies/lingxi/statutory');
    const beside = async () => {
      const nav = await page.locator('.catalog-nav').boundingBox();
      const list = await page.locator('.pub-list').boundingBox();
      assert.ok(nav && list);
      return list.x > nav.x + nav.width - 1;
    };
    assert.equal(await beside(), true, 'standard layout has the side column');
    await careOn(page, '/agencies/lingxi/statutory');
    assert.equal(await beside(), false, '关怀版 has none');
    // And the way back is in the header too.
    await Promise.all([page.waitForEvent('load'), page.getByRole('link', { name: '退出关怀版' }).click()]);
    assert.doesNotMatch((await page.locator('html').getAttribute('class')) ?? '', /\bcare\b/);
  });

  test('语音朗读 with JavaScript reads the article in Chinese through the browser and stops', async () => {
    const page = await newPage({ viewport: PHONE });
    // The browser's own synthesis, recorded instead of spoken (no audio device in CI).
    // (A string, not a function: the test runner's transpiler would add helpers the page lacks.)
    await page.addInitScript(`
      window.__speech = { spoken: [], cancelled: 0 };
      window.speechSynthesis.speak = (u) => { window.__speech.spoken.push({ text: u.text, lang: u.lang }); };
      window.speechSynthesis.cancel = () => { window.__speech.cancelled += 1; };
    `);
    await page.goto(article);
    assert.equal(await page.locator('.read-aloud').count(), 0, 'not in 标准版');
    await careOn(page, article);
    const button = page.getByRole('button', { name: '语音朗读' });
    await button.waitFor();
    await button.click();
    assert.equal(await page.locator('.read-aloud').getAttribute('aria-pressed'), 'true');
    const spoken = await page.evaluate(
      () => (window as unknown as { __speech: { spoken: { text: string; lang: string }[] } }).__speech.spoken,
    );
    const title = ((await page.locator('h1').textContent()) ?? '').trim();
    assert.ok(spoken.length >= 1 && spoken[0]?.text.startsWith(title), JSON.stringify(spoken[0]));
    assert.ok(
      spoken.every((s) => s.lang === 'zh-CN' && s.text.length <= 180),
      'Chinese, in pieces',
    );
    await page.getByRole('button', { name: '停止朗读' }).click();
    assert.equal(await page.locator('.read-aloud').getAttribute('aria-pressed'), 'false');
    const cancelled = await page.evaluate(
      () => (window as unknown as { __speech: { cancelled: number } }).__speech.cancelled,
    );
    assert.ok(cancelled >= 2, 'stopped through speechSynthesis.cancel()');
  });
});
