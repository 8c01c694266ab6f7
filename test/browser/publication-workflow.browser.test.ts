// Issue #3 and #11 acceptance in Chromium: a clerk drafts in the rich-text editor (toolbar by
// keyboard, a list pasted from Word) with an attachment, the reviewer finds it on the 工作台, sees
// the body and returns it with a comment, the clerk (退回给我 on the 工作台) edits it, the reviewer
// sees the diff and passes it, the signer (待签发) releases it; the public sees it in the right
// category with its index number; search finds it by a 2-character word from its body; once
// withdrawn it leaves the lists but its address explains the withdrawal. Every admin page visited
// has no axe-core violations. The editor also runs under the real CSP, and without JavaScript the
// textarea takes plain text.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import {
  assertNoAxeViolations,
  BrowserSuite,
  runAxe,
  SKIP_WITHOUT_CHROMIUM,
  type RunningServer,
} from '../support/browser.ts';

const PASSWORD = 'Lingxi-2025-gongkai';
const TITLE = '灵溪镇鳜鱼生态养殖示范基地建设情况';
// Word's clipboard for two bulleted items (shortened): the paste cleaner makes them a real list.
const WORD_LIST = `<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><style>p.MsoNormal{mso-style-parent:"";}</style></head><body><!--StartFragment-->
<p class=MsoListParagraphCxSpFirst style='margin-left:18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span style='font-family:Symbol'>·<span>&nbsp;&nbsp; </span></span><![endif]><span style='font-family:仿宋_GB2312'>养殖品种：鳜鱼<o:p></o:p></span></p>
<p class=MsoListParagraphCxSpLast style='margin-left:18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span style='font-family:Symbol'>·<span>&nbsp;&nbsp; </span></span><![endif]><span style='font-family:仿宋_GB2312'>配套设施：尾水处理池<o:p></o:p></span></p>
<!--EndFragment--></body></html>`;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n', 'latin1');

describe('publishing workflow in Chromium', { skip: SKIP_WITHOUT_CHROMIUM, timeout: 360_000 }, () => {
  const suite = new BrowserSuite();
  let server: RunningServer;
  let categoryId = 0;
  const login = (username: string): Promise<Page> => suite.signedIn(username, PASSWORD);

  before(async () => {
    server = await suite.open();
    const db = server.deps.database.db;
    const lingxi = await db.selectFrom('agencies').select('id').where('slug', '=', 'lingxi').executeTakeFirstOrThrow();
    await suite.addStaff(
      'lingxi',
      [
        ['lx.clerk', 'clerk'],
        ['lx.reviewer', 'reviewer'],
        ['lx.signer', 'signer'],
      ],
      PASSWORD,
    );
    const c = await db
      .selectFrom('categories')
      .select('id')
      .where('agencyId', '=', lingxi.id)
      .where('code', '=', 'statutory.a21.1')
      .executeTakeFirstOrThrow();
    categoryId = c.id;
  });

  after(() => suite.close());

  const checkedWorkbench = new Set<Page>();

  /** The count of a queue on the user's 工作台 (0 when empty); the page is checked with axe-core once per user. */
  async function queueCount(page: Page, key: string): Promise<number> {
    await page.goto('/admin');
    if (!checkedWorkbench.has(page)) {
      assertNoAxeViolations(await runAxe(page), `/admin (${key})`);
      checkedWorkbench.add(page);
    }
    const count = page.locator(`li[data-queue="${key}"] .wb-count`);
    return (await count.count()) ? Number(await count.innerText()) : 0;
  }

  /** From the 工作台 (as queueCount left it), through the queue's link, to the publication listed there. */
  async function openFromQueue(page: Page, key: string, adminUrl: string): Promise<void> {
    await page.locator(`li[data-queue="${key}"] a`).click();
    await page.waitForURL(/\/admin\/publications\?queue=/);
    await page.getByRole('link', { name: TITLE }).click();
    await page.waitForURL((u) => u.pathname === adminUrl);
  }

  test('editor draft with attachment → 工作台 queues → return → edit → diff → pass → release → public, withdrawal', async () => {
    const clerk = await login('lx.clerk');
    await clerk.goto('/admin/publications/new');
    const editor = clerk.getByRole('textbox', { name: /^正文/ });
    await editor.waitFor();
    assert.equal(await clerk.locator('textarea[name="body"]').isVisible(), false, 'the editor replaces the textarea');
    assertNoAxeViolations(await runAxe(clerk), '/admin/publications/new');
    await clerk.getByLabel('标题').fill(TITLE);

    // By keyboard: Shift+Tab from the text reaches the toolbar (one tab stop), arrows move in it.
    await editor.click();
    await clerk.keyboard.type('基本情况');
    await clerk.keyboard.press('Shift+Tab');
    assert.equal(await clerk.evaluate(() => document.activeElement?.textContent), '正文');
    await clerk.keyboard.press('ArrowRight');
    await clerk.keyboard.press('Enter');
    // The editor's focus() command puts the focus back on the next animation frame: wait for it
    // (a read right after the key press failed once in CI on a loaded machine).
    await clerk.waitForFunction(() => document.activeElement?.getAttribute('role') === 'textbox', null, {
      timeout: 5000,
    });
    await clerk.keyboard.press('End');
    await clerk.keyboard.press('Enter');
    await clerk.keyboard.type('今年在司城村建成鳜鱼生态养殖示范基地一处，面积120亩，带动农户46户。');
    await clerk.keyboard.press('Enter');
    await clerk.keyboard.type('基地投资280万元，由合作社统一经营。');
    await clerk.keyboard.press('Enter');
    // Paste from Word: a bulleted list drawn as paragraphs, with Office styles and comments.
    await editor.evaluate((el, html) => {
      const data = new DataTransfer();
      data.setData('text/html', html);
      data.setData('text/plain', '养殖品种：鳜鱼\n配套设施：尾水处理池');
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, WORD_LIST);
    const body = await clerk.locator('textarea[name="body"]').inputValue();
    assert.match(body, /^<h2>基本情况<\/h2><p>今年在司城村/);
    assert.match(body, /<ul><li><p>养殖品种：鳜鱼<\/p><\/li><li><p>配套设施：尾水处理池<\/p><\/li><\/ul>/);
    assert.doesNotMatch(body, /mso-|<span|<!--|·/);
    // Esc leaves the editing area for the next control.
    await editor.press('Escape');
    assert.equal(await clerk.evaluate(() => document.activeElement?.id), 'f-docx');

    await clerk.getByLabel('成文日期').fill('2025-11-20');
    await clerk.getByLabel('贯彻落实农业农村政策').check();
    await clerk
      .locator('#f-attachments')
      .setInputFiles({ name: '示范基地平面图.pdf', mimeType: 'application/pdf', buffer: PDF });
    await clerk.getByRole('button', { name: '保存草稿', exact: true }).click();
    await clerk.waitForURL(/\/admin\/publications\/\d+\?flash=created/);
    const adminUrl = new URL(clerk.url()).pathname;
    const id = Number(adminUrl.split('/').pop());
    assert.ok(
      await clerk
        .getByRole('link', { name: /示范基地平面图/ })
        .first()
        .isVisible(),
    );
    assertNoAxeViolations(await runAxe(clerk), adminUrl);
    await clerk.getByRole('button', { name: '提交保密审查', exact: true }).click();
    await clerk.waitForURL(/flash=submitted/);

    // The reviewer's 工作台 lists it; the review page shows the body as the public will read it.
    const reviewer = await login('lx.reviewer');
    const toReview = await queueCount(reviewer, 'publication.review');
    assert.ok(toReview >= 1, 'the reviewer has it to review');
    await openFromQueue(reviewer, 'publication.review', adminUrl);
    const preview = await reviewer.locator('.pub-preview').innerText();
    for (const text of ['基本情况', '基地投资280万元', '养殖品种：鳜鱼', '示范基地平面图'])
      assert.ok(preview.includes(text), text);
    assertNoAxeViolations(await runAxe(reviewer), `${adminUrl} (reviewer)`);
    await reviewer.getByLabel('保密审查意见').fill('投资数额尚未经审计，请删除。');
    await reviewer.getByRole('button', { name: '退回修改', exact: true }).click();
    await reviewer.waitForURL(/flash=returned/);
    assert.equal(await queueCount(reviewer, 'publication.review'), toReview - 1);

    // Back on the clerk's 工作台 as 退回给我; the editor opens with the stored structure.
    assert.equal(await queueCount(clerk, 'publication.returned'), 1);
    await openFromQueue(clerk, 'publication.returned', adminUrl);
    assert.match(await clerk.locator('.pub-comment').innerText(), /投资数额尚未经审计/);
    await clerk.getByRole('link', { name: '编辑草稿' }).click();
    await editor.waitFor();
    assert.equal(await editor.locator('h2').innerText(), '基本情况');
    assertNoAxeViolations(await runAxe(clerk), `${adminUrl}/edit`);
    await editor.locator('p', { hasText: '基地投资' }).click({ clickCount: 3 });
    await clerk.keyboard.type('基地由合作社统一经营。');
    await clerk.getByRole('button', { name: '保存草稿', exact: true }).click();
    await clerk.waitForURL(/flash=saved/);
    await clerk.getByRole('button', { name: '提交保密审查', exact: true }).click();
    await clerk.waitForURL(/flash=submitted/);
    assert.equal(await queueCount(clerk, 'publication.returned'), 0);

    // The reviewer sees what changed since the returned submission, and passes it.
    assert.equal(await queueCount(reviewer, 'publication.review'), toReview);
    await openFromQueue(reviewer, 'publication.review', adminUrl);
    const diff = reviewer.locator('.pub-diff');
    assert.match(
      await diff
        .locator('del')
        .allInnerTexts()
        .then((t) => t.join('')),
      /投资280万元/,
    );
    assert.doesNotMatch(await reviewer.locator('.pub-preview').innerText(), /投资280万元/);
    assertNoAxeViolations(await runAxe(reviewer), `${adminUrl} (reviewer, diff)`);
    await reviewer.getByRole('button', { name: '审查通过', exact: true }).click();
    await reviewer.waitForURL(/flash=reviewPassed/);

    // The signer's 工作台 lists it as 待签发 until it is signed.
    const signer = await login('lx.signer');
    const toSign = await queueCount(signer, 'publication.signOff');
    assert.ok(toSign >= 1, 'the signer has it to sign');
    await openFromQueue(signer, 'publication.signOff', adminUrl);
    assert.match(await signer.locator('.pub-preview').innerText(), /鳜鱼生态养殖示范基地/);
    assertNoAxeViolations(await runAxe(signer), `${adminUrl} (signer)`);
    await signer.getByRole('button', { name: '签发并发布', exact: true }).click();
    await signer.waitForURL(/flash=published/);
    assert.equal(await queueCount(signer, 'publication.signOff'), toSign - 1);
    const row = await server.deps.database.db
      .selectFrom('publications')
      .select(['state', 'indexNumber'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.equal(row.state, 'published');
    const indexNumber = row.indexNumber as string;
    await signer.goto(adminUrl);
    assert.match(await signer.locator('.pub-meta').innerText(), new RegExp(indexNumber.replace(/[/]/g, '\\/')));

    // The public: the category page lists it, the article shows the index number, search finds it.
    const visitor = await suite.newPage();
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
    await signer.waitForURL(/flash=withdrawn/);
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
    // The editor under the site's real CSP (script-src 'self', no bypass): it loads, nothing is refused.
    const strictPage = await suite.newPage({ storageState: await signer.context().storageState() });
    const refused: string[] = [];
    strictPage.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) refused.push(m.text());
    });
    await strictPage.goto(`/admin/publications/${pubId}/edit`);
    await strictPage.getByRole('textbox', { name: /^正文/ }).waitFor();
    assert.deepEqual(refused, []);

    // Without JavaScript the body is a plain textarea: each line a paragraph (shown by 预览).
    const plain = await suite.newPage({
      javaScriptEnabled: false,
      storageState: await (await login('lx.clerk')).context().storageState(),
    });
    await plain.goto('/admin/publications/new');
    assert.equal(await plain.locator('.rte').count(), 0);
    await plain.getByLabel('标题').fill('无脚本录入');
    await plain.getByRole('textbox', { name: /^正文/ }).fill('第一段文字。\n\n第二段文字。');
    await plain.getByRole('button', { name: '预览', exact: true }).click();
    assert.deepEqual(await plain.locator('.pub-form-preview .article-body p').allInnerTexts(), [
      '第一段文字。',
      '第二段文字。',
    ]);

    await signer.setViewportSize({ width: 375, height: 812 });
    for (const url of urls) {
      await signer.goto(url);
      const width = await signer.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 375, `${url}: scrollWidth ${width} > 375`);
    }
  });

  test('修订: the signer saves a revision draft, the live page keeps the released text until 保密审查 and 签发', async () => {
    const db = server.deps.database.db;
    const live = await db
      .selectFrom('publications as p')
      .innerJoin('agencies as a', 'a.id', 'p.agencyId')
      .select(['p.id', 'p.title'])
      .where('a.slug', '=', 'lingxi')
      .where('p.state', '=', 'published')
      .orderBy('p.id')
      .executeTakeFirstOrThrow();
    const revisedTitle = `${live.title}（修订）`;
    const signer = await login('lx.signer');
    await signer.goto(`/admin/publications/${live.id}`);
    await signer.getByRole('link', { name: '修订', exact: true }).click();
    await signer.getByLabel('标题').fill(revisedTitle);
    await signer.getByLabel('修订说明').fill('标题补充“修订”二字');
    await signer.getByRole('button', { name: '保存修订稿' }).click();
    await signer.getByRole('heading', { name: /第 \d+ 版修订稿：修订稿（未提交）/ }).waitFor();
    assertNoAxeViolations(await runAxe(signer), 'revision draft');
    await signer.getByRole('button', { name: '提交修订稿保密审查' }).click();
    const visitor = await suite.newPage();
    await visitor.goto(`/publications/${live.id}`);
    assert.equal(await visitor.getByRole('heading', { level: 1 }).innerText(), live.title);

    const reviewer = await login('lx.reviewer');
    await reviewer.goto(`/admin/publications/${live.id}`);
    assert.match(await reviewer.locator('.pub-diff-fields ins').first().innerText(), /修订/);
    assertNoAxeViolations(await runAxe(reviewer), 'revision in 保密审查');
    await reviewer.setViewportSize({ width: 375, height: 812 });
    const width = await reviewer.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 375, `revision panel: scrollWidth ${width} > 375`);
    await reviewer.getByRole('button', { name: '审查通过' }).click();
    await reviewer.getByText('修订稿保密审查已通过，等待签发。').waitFor();
    await visitor.reload();
    assert.equal(await visitor.getByRole('heading', { level: 1 }).innerText(), live.title);

    await signer.goto(`/admin/publications/${live.id}`);
    await signer.getByRole('button', { name: '签发修订版本' }).click();
    await signer.getByText(/修订版本已签发并发布/).waitFor();
    await visitor.reload();
    assert.equal(await visitor.getByRole('heading', { level: 1 }).innerText(), revisedTitle);
    assert.match(await visitor.locator('main').innerText(), /标题补充“修订”二字/);
  });
});
