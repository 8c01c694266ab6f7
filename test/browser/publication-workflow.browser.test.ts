// Issue #3 acceptance in Chromium: a clerk drafts with an attachment, a reviewer returns it with
// a comment, the clerk fixes it, the reviewer passes it, a signer releases it; the public sees it
// in the right category with its index number; search finds it by a 2-character word from its
// body; once withdrawn it leaves the lists but its address explains the withdrawal. The admin
// pages used on the way have no axe-core violations.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { systemContext } from '../../src/bootstrap.ts';
import { createUser } from '../../src/modules/account/user.service.ts';
import { inTransaction } from '../../src/platform/transaction.ts';
import {
  assertNoAxeViolations,
  findChromium,
  launchBrowser,
  runAxe,
  startServer,
  type RunningServer,
} from '../support/browser.ts';

const CHROMIUM = findChromium();
const SKIP = CHROMIUM
  ? false
  : 'Chromium not found: set CHROMIUM_PATH, or install chromium (/usr/bin/chromium, chromium-browser, google-chrome)';
const PASSWORD = 'Lingxi-2025-gongkai';
const TITLE = '灵溪镇鳜鱼生态养殖示范基地建设情况';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n', 'latin1');

describe('publishing workflow in Chromium', { skip: SKIP, timeout: 240_000 }, () => {
  let browser: Browser;
  let server: RunningServer;
  const contexts: BrowserContext[] = [];
  let categoryId = 0;

  async function login(username: string): Promise<Page> {
    const context = await browser.newContext({ baseURL: server.baseUrl, locale: 'zh-CN', bypassCSP: true });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto('/admin/login');
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码').fill(PASSWORD);
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.waitForURL((u) => u.pathname === '/admin');
    return page;
  }

  before(async () => {
    server = await startServer();
    browser = await launchBrowser(CHROMIUM as string);
    const db = server.deps.database.db;
    const lingxi = await db.selectFrom('agencies').select('id').where('slug', '=', 'lingxi').executeTakeFirstOrThrow();
    for (const [username, role] of [
      ['lx.clerk', 'clerk'],
      ['lx.reviewer', 'reviewer'],
      ['lx.signer', 'signer'],
    ] as const) {
      const { id } = await inTransaction(db, (trx) =>
        createUser(trx, systemContext(server.deps.clock), {
          agencyId: lingxi.id,
          username,
          displayName: username,
          email: '',
          roles: [role],
          password: PASSWORD,
        }),
      );
      await db.updateTable('users').set({ mustChangePassword: 0 }).where('id', '=', id).execute();
    }
    const c = await db
      .selectFrom('categories')
      .select('id')
      .where('agencyId', '=', lingxi.id)
      .where('code', '=', 'statutory.a21.1')
      .executeTakeFirstOrThrow();
    categoryId = c.id;
  });

  after(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  test('draft with attachment → return → fix → pass → release → public, search, withdrawal', async () => {
    const clerk = await login('lx.clerk');
    await clerk.goto('/admin/publications/new');
    assertNoAxeViolations(await runAxe(clerk), '/admin/publications/new');
    await clerk.getByLabel('标题').fill(TITLE);
    await clerk
      .getByRole('textbox', { name: /^正文/ })
      .fill('今年在司城村建成鳜鱼生态养殖示范基地一处，面积120亩，带动农户46户。\n基地投资280万元，由合作社统一经营。');
    await clerk.getByLabel('成文日期').fill('2025-11-20');
    await clerk.getByLabel('贯彻落实农业农村政策').check();
    await clerk.getByRole('button', { name: '保存草稿', exact: true }).click();
    await clerk.waitForURL(/\/admin\/publications\/\d+\?notice=created/);
    const adminUrl = new URL(clerk.url()).pathname;
    const id = Number(adminUrl.split('/').pop());
    await clerk
      .locator('#f-file')
      .setInputFiles({ name: '示范基地平面图.pdf', mimeType: 'application/pdf', buffer: PDF });
    await clerk.getByRole('button', { name: '上传', exact: true }).click();
    await clerk.waitForURL(/notice=saved/);
    assert.ok(await clerk.getByRole('link', { name: '示范基地平面图.pdf' }).first().isVisible());
    assertNoAxeViolations(await runAxe(clerk), adminUrl);
    await clerk.getByRole('button', { name: '提交保密审查', exact: true }).click();
    await clerk.waitForURL(/notice=submitted/);

    const reviewer = await login('lx.reviewer');
    await reviewer.goto(adminUrl);
    await reviewer.getByLabel('保密审查意见').fill('投资数额尚未经审计，请删除第二段。');
    await reviewer.getByRole('button', { name: '退回修改', exact: true }).click();
    await reviewer.waitForURL(/notice=returned/);

    await clerk.goto(adminUrl);
    assert.match(await clerk.locator('.pub-comment').innerText(), /投资数额尚未经审计/);
    await clerk.getByRole('link', { name: '编辑草稿' }).click();
    await clerk
      .getByRole('textbox', { name: /^正文/ })
      .fill('今年在司城村建成鳜鱼生态养殖示范基地一处，面积120亩，带动农户46户。');
    await clerk.getByRole('button', { name: '保存草稿', exact: true }).click();
    await clerk.waitForURL(/notice=saved/);
    await clerk.getByRole('button', { name: '提交保密审查', exact: true }).click();
    await clerk.waitForURL(/notice=submitted/);

    await reviewer.goto(adminUrl);
    await reviewer.getByRole('button', { name: '审查通过', exact: true }).click();
    await reviewer.waitForURL(/notice=reviewPassed/);

    const signer = await login('lx.signer');
    await signer.goto(adminUrl);
    await signer.getByRole('button', { name: '签发并发布', exact: true }).click();
    await signer.waitForURL(/notice=published/);
    const row = await server.deps.database.db
      .selectFrom('publications')
      .select(['state', 'indexNumber'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.equal(row.state, 'published');
    const indexNumber = row.indexNumber as string;
    assert.match(await signer.locator('.pub-meta').innerText(), new RegExp(indexNumber.replace(/[/]/g, '\\/')));

    // The public: the category page lists it, the article shows the index number, search finds it.
    const context = await browser.newContext({ baseURL: server.baseUrl, locale: 'zh-CN' });
    contexts.push(context);
    const visitor = await context.newPage();
    await visitor.goto(`/agencies/lingxi/statutory?category=${categoryId}`);
    await visitor.getByRole('link', { name: TITLE }).click();
    await visitor.waitForURL(`**/publications/${id}`);
    const article = await visitor.locator('main').innerText();
    assert.ok(article.includes(indexNumber), 'the article shows its index number');
    assert.doesNotMatch(article, /投资280万元/);
    assert.ok(await visitor.getByRole('link', { name: /^示范基地平面图$/ }).isVisible());
    await visitor.goto(`/search?q=${encodeURIComponent('鳜鱼')}`);
    assert.ok(
      await visitor
        .getByRole('link', { name: new RegExp(TITLE.slice(0, 3)) })
        .first()
        .isVisible(),
    );
    assert.match(await visitor.locator('main').innerText(), /鳜鱼生态养殖示范基地/);

    // Withdrawal: gone from the lists and search; the address explains it.
    await signer.goto(adminUrl);
    await signer.getByLabel('撤回原因').fill('基地名称有误，将重新发布。');
    await signer.getByRole('button', { name: '撤回', exact: true }).click();
    await signer.waitForURL(/notice=withdrawn/);
    await visitor.goto(`/agencies/lingxi/statutory?category=${categoryId}`);
    assert.equal(await visitor.getByRole('link', { name: TITLE }).count(), 0);
    await visitor.goto(`/search?q=${encodeURIComponent('鳜鱼')}`);
    assert.equal(await visitor.getByRole('link', { name: TITLE }).count(), 0);
    const gone = await visitor.goto(`/publications/${id}`);
    assert.equal(gone?.status(), 410);
    assert.match(await visitor.locator('main').innerText(), /撤回/);
  });

  test('admin list, revision form and category pages: axe-core clean and usable at 375 px', async () => {
    const signer = await login('lx.signer');
    const pubId = (
      await server.deps.database.db
        .selectFrom('publications as p')
        .innerJoin('agencies as a', 'a.id', 'p.agencyId')
        .select('p.id')
        .where('a.slug', '=', 'lingxi')
        .where('p.state', '=', 'published')
        .orderBy('p.id')
        .executeTakeFirstOrThrow()
    ).id;
    const urls = [
      '/admin/publications',
      '/admin/publications?late=1',
      `/admin/publications/${pubId}`,
      `/admin/publications/${pubId}/edit`,
      '/admin/categories',
    ];
    for (const url of urls) {
      const res = await signer.goto(url);
      assert.equal(res?.status(), 200, url);
      assertNoAxeViolations(await runAxe(signer), url);
    }
    await signer.setViewportSize({ width: 375, height: 812 });
    for (const url of urls) {
      await signer.goto(url);
      const width = await signer.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 375, `${url}: scrollWidth ${width} > 375`);
    }
  });
});
