// The foundation in a real browser: first login and agency creation, keyboard use of the portal,
// axe-core on the public pages, the 375 px layout and the portal without JavaScript.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { makeCreditCode } from '../../src/platform/validation/credit-code.ts';
import {
  assertNoAxeViolations,
  BrowserSuite,
  changeFirstPassword,
  field,
  loginAs,
  runAxe,
  type RunningServer,
  SKIP_WITHOUT_CHROMIUM,
} from '../support/browser.ts';

describe('foundation in Chromium', { skip: SKIP_WITHOUT_CHROMIUM, timeout: 180_000 }, () => {
  let server: RunningServer;
  const suite = new BrowserSuite();
  const newPage = (opts: BrowserContextOptions = {}): Promise<Page> => suite.newPage(opts);

  before(async () => {
    server = await suite.open();
  });

  after(() => suite.close());

  test('first login, forced password change, new town, visible on the public directory', async () => {
    const page = await newPage();
    await loginAs(page, 'admin', server.adminPassword);
    await page.waitForURL('**/admin/password');
    assert.equal(await page.locator('h1').textContent(), '修改密码');

    const newPassword = 'Yongshun-2025-xintian';
    await changeFirstPassword(page, server.adminPassword, newPassword);
    assert.equal(await page.locator('h1').textContent(), '工作台');
    assert.ok(await page.getByRole('navigation', { name: '管理导航' }).isVisible());

    await page.goto('/admin/agencies/new');
    assert.equal(await page.locator('h1').textContent(), '新建机构');
    await field(page, '上级机构').selectOption({ label: '永顺县人民政府' });
    await field(page, '机构全称').fill('永顺县新田镇人民政府');
    await field(page, '简称').fill('新田镇');
    await field(page, '机构类型').selectOption({ label: '镇人民政府' });
    await field(page, '统一社会信用代码').fill(makeCreditCode('11433127MB0099001'));
    await field(page, '网址标识').fill('xintian');
    await field(page, '排序').fill('20');
    await field(page, '工作机构名称').fill('新田镇党政综合办公室');
    await field(page, '办公地址').fill('永顺县新田镇新田街1号');
    await field(page, '邮政编码').fill('416700');
    await field(page, '联系电话').fill('0743-5231234');
    await field(page, '电子邮箱').fill('xintian_gk@yongshun.gov.example');
    await field(page, '办公时间').fill('工作日 上午8:00—12:00，下午14:30—17:30（法定节假日除外）');
    await page.getByRole('button', { name: '创建机构' }).click();
    await page.waitForURL(/\/admin\/agencies\/\d+\?flash=created$/);
    assert.equal(await page.locator('.error-summary').count(), 0);
    assert.equal(await page.locator('h1').textContent(), '永顺县新田镇人民政府');

    // A visitor who is not logged in.
    const visitor = await newPage();
    await visitor.goto('/agencies');
    const link = visitor.getByRole('link', { name: '永顺县新田镇人民政府' });
    assert.ok(await link.isVisible(), 'the new town is listed in the public directory');
    await link.click();
    await visitor.waitForURL('**/agencies/xintian');
    assert.equal(await visitor.locator('h1').textContent(), '永顺县新田镇人民政府 · 政府信息公开');
    assert.match(await visitor.title(), /永顺县新田镇人民政府政府信息公开专栏/);
    assert.equal(await visitor.locator('ul.columns > li').count(), 5);
    const office = await visitor.locator('dl.meta').innerText();
    for (const text of ['新田镇党政综合办公室', '416700', '0743-5231234', 'xintian_gk@yongshun.gov.example'])
      assert.ok(office.includes(text), text);
    await visitor.getByRole('link', { name: /政府信息公开指南/ }).click();
    await visitor.waitForURL('**/agencies/xintian/guide');
    assert.equal(await visitor.locator('h1').textContent(), '政府信息公开指南');
  });

  test('keyboard only: skip link, then 特大字号', async () => {
    const page = await newPage();
    await page.goto('/');
    const focused = () =>
      page.evaluate(() => {
        const el = document.activeElement;
        return { tag: el?.tagName ?? '', id: el?.id ?? '', text: (el?.textContent ?? '').trim() };
      });

    await page.keyboard.press('Tab');
    assert.deepEqual(await focused(), { tag: 'A', id: '', text: '跳到正文' });
    const box = await page.locator('.skip-link').boundingBox();
    assert.ok(box && box.x >= 0 && box.y >= 0 && box.width > 0, 'the focused skip link is on screen');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/#main');
    assert.equal((await focused()).id, 'main', 'activating the skip link moves focus to the main content');

    // On a phone the display toolbar folds into 字号与显示 (a summary): the same focus ring as links and buttons.
    const phone = await newPage({ viewport: { width: 375, height: 800 } });
    await phone.goto('/');
    let summary = false;
    for (let i = 0; i < 20 && !summary; i += 1) {
      await phone.keyboard.press('Tab');
      summary = await phone.evaluate(() => document.activeElement?.tagName === 'SUMMARY');
    }
    assert.ok(summary, 'Tab reaches the 字号与显示 summary');
    assert.equal(
      await phone.evaluate(() => {
        const s = getComputedStyle(document.activeElement!);
        return `${s.outlineStyle} ${s.outlineWidth}`;
      }),
      'solid 3px',
    );

    // Forward from the top of the page to the font-size buttons.
    await page.goto('/');
    let reached = false;
    for (let i = 0; i < 20 && !reached; i += 1) {
      await page.keyboard.press('Tab');
      const f = await focused();
      reached = f.tag === 'BUTTON' && f.text === '特大字号';
    }
    assert.ok(reached, 'Tab reaches the 特大字号 button');
    // The button posts the preference and is redirected back: wait for the new document.
    await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
    assert.equal(new URL(page.url()).pathname, '/');
    assert.match((await page.locator('html').getAttribute('class')) ?? '', /(^|\s)font-xlarge(\s|$)/);
    assert.equal(await page.getByRole('button', { name: '特大字号' }).getAttribute('aria-pressed'), 'true');
  });

  test('axe-core: no violations on the public pages and the login page', async () => {
    const page = await newPage({ bypassCSP: true });
    const urls = [
      '/',
      '/agencies',
      '/agencies/lingxi',
      '/agencies/lingxi/guide',
      '/agencies/lingxi/apply',
      '/tools/deadline?from=2025-01-20&days=20',
      '/admin/login',
    ];
    for (const url of urls) {
      const res = await page.goto(url);
      assert.equal(res?.status(), 200, url);
      assertNoAxeViolations(await runAxe(page), url);
    }

    const contrast = await newPage({ bypassCSP: true });
    await contrast.goto('/');
    await Promise.all([contrast.waitForEvent('load'), contrast.getByRole('button', { name: '高对比度' }).click()]);
    assert.match((await contrast.locator('html').getAttribute('class')) ?? '', /(^|\s)contrast(\s|$)/);
    assertNoAxeViolations(await runAxe(contrast), '/ (高对比度)');
  });

  test('375 px wide: no horizontal scrolling', async () => {
    const page = await newPage({ viewport: { width: 375, height: 812 } });
    for (const url of ['/', '/agencies/lingxi/guide', '/tools/deadline?from=2025-01-20&days=20']) {
      await page.goto(url);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 375, `${url}: scrollWidth ${width} > 375`);
    }
  });

  test('without JavaScript: the deadline calculator works', async () => {
    const page = await newPage({ javaScriptEnabled: false });
    await page.goto('/');
    await page.getByRole('main').getByRole('link', { name: '办理期限计算器' }).click();
    await page.waitForURL('**/tools/deadline');
    await field(page, '起算日期').fill('2025-01-20');
    await field(page, '工作日天数').fill('20');
    await page.getByRole('button', { name: '计算' }).click();
    await page.waitForURL(/\/tools\/deadline\?from=2025-01-20&days=20$/);
    assert.equal(await page.locator('#result-title + p strong').textContent(), '2025-02-21');
  });
});
