// Issue #11 point 4e in Chromium: attachments with the first save of a publication, with an
// upload progress bar when JavaScript runs (public/upload-progress.js: XMLHttpRequest upload
// progress into a <progress>) — and the same form still saving draft and attachment without
// JavaScript. A form sent back with errors is shown in place, keeping what was typed.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { systemContext } from '../../src/bootstrap.ts';
import { createUser } from '../../src/modules/account/user.service.ts';
import { inTransaction } from '../../src/platform/transaction.ts';
import { BrowserSuite, field, loginAs, SKIP_WITHOUT_CHROMIUM, type RunningServer } from '../support/browser.ts';

const PASSWORD = 'Lingxi-2025-gongkai';
const BODY = '司城村便民服务点今年新增代办事项12项。';
/** A PDF of 2 MB (over the script's 1 MB threshold): header, padding in a comment, trailer. */
const BIG_PDF = Buffer.concat([
  Buffer.from('%PDF-1.4\n%', 'latin1'),
  Buffer.alloc(2 * 1024 * 1024, 'x'),
  Buffer.from('\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n', 'latin1'),
]);

describe('attachments with the first save, upload progress', { skip: SKIP_WITHOUT_CHROMIUM, timeout: 180_000 }, () => {
  const suite = new BrowserSuite({ bypassCSP: false });
  let server: RunningServer;

  before(async () => {
    server = await suite.open();
    const db = server.deps.database.db;
    const lingxi = await db.selectFrom('agencies').select('id').where('slug', '=', 'lingxi').executeTakeFirstOrThrow();
    const { id } = await inTransaction(db, (trx) =>
      createUser(trx, systemContext(server.deps.clock), {
        agencyId: lingxi.id,
        username: 'lx.clerk',
        displayName: '灵溪镇信息员',
        email: '',
        roles: ['clerk'],
        password: PASSWORD,
      }),
    );
    await db.updateTable('users').set({ mustChangePassword: 0 }).where('id', '=', id).execute();
  });
  after(() => suite.close());

  async function clerk(javaScriptEnabled: boolean): Promise<Page> {
    const page = await suite.newPage({ javaScriptEnabled });
    await loginAs(page, 'lx.clerk', PASSWORD);
    await page.waitForURL((u) => u.pathname === '/admin');
    await page.goto('/admin/publications/new');
    return page;
  }

  async function fillDraft(page: Page, title: string): Promise<void> {
    await field(page, '标题').fill(title);
    // With JavaScript the body is the rich-text editor (client/body-editor.ts), else the textarea.
    const editor = page.locator('#f-body-editor');
    if (await editor.count()) await editor.fill(BODY);
    else await field(page, '正文').fill(BODY);
    await field(page, '成文日期').fill('2025-05-30');
    await page.getByLabel('贯彻落实农业农村政策').check();
    await page.locator('#f-attachments').setInputFiles({
      name: '代办事项清单.pdf',
      mimeType: 'application/pdf',
      buffer: BIG_PDF,
    });
  }

  async function storedAttachment(title: string) {
    return server.deps.database.db
      .selectFrom('attachments as a')
      .innerJoin('publications as p', 'p.id', 'a.publicationId')
      .select(['a.fileName', 'a.title', 'a.size'])
      .where('p.title', '=', title)
      .execute();
  }

  test('with JavaScript: a <progress> counts the upload to 100 %, then the saved draft lists the attachment', async () => {
    const page = await clerk(true);
    assert.equal(await page.locator('form[data-upload-progress]').count(), 1);
    await fillDraft(page, '便民服务点代办事项（有脚本）');
    // Every value the bar shows, kept across the navigation that ends the upload.
    await page.evaluate(() => {
      new MutationObserver(() => {
        const bar = document.querySelector('.upload-progress progress');
        if (!(bar instanceof HTMLProgressElement)) return;
        const seen = JSON.parse(sessionStorage.getItem('progress') ?? '[]') as number[];
        if (seen[seen.length - 1] !== bar.value) seen.push(bar.value);
        sessionStorage.setItem('progress', JSON.stringify(seen));
        sessionStorage.setItem('status', document.querySelector('.upload-progress')?.textContent ?? '');
      }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    });
    await page.getByRole('button', { name: '保存草稿', exact: true }).click();
    await page.waitForURL(/\/admin\/publications\/\d+\?flash=created/);
    const seen = JSON.parse((await page.evaluate(() => sessionStorage.getItem('progress'))) ?? '[]') as number[];
    assert.ok(seen.length >= 1 && seen[seen.length - 1] === 100, `progress values: ${JSON.stringify(seen)}`);
    assert.match((await page.evaluate(() => sessionStorage.getItem('status'))) ?? '', /上传完成|已上传 100%/);
    assert.ok(await page.getByRole('link', { name: '代办事项清单' }).first().isVisible());
    assert.deepEqual(await storedAttachment('便民服务点代办事项（有脚本）'), [
      { fileName: '代办事项清单.pdf', title: '代办事项清单', size: BIG_PDF.length },
    ]);
  });

  test('with JavaScript: a form sent back with errors is shown in place with what was typed', async () => {
    const page = await clerk(true);
    await fillDraft(page, '');
    await page.getByRole('button', { name: '保存草稿', exact: true }).click();
    await page.locator('.error-summary').waitFor();
    assert.match(await page.locator('.error-summary').innerText(), /标题/);
    assert.match(await page.locator('textarea#f-body').inputValue(), new RegExp(BODY));
  });

  test('without JavaScript: the same form saves the draft and its attachment', async () => {
    const page = await clerk(false);
    await fillDraft(page, '便民服务点代办事项（无脚本）');
    await page.getByRole('button', { name: '保存草稿', exact: true }).click();
    await page.waitForURL(/\/admin\/publications\/\d+\?flash=created/);
    assert.equal(await page.locator('.upload-progress').count(), 0);
    assert.deepEqual(await storedAttachment('便民服务点代办事项（无脚本）'), [
      { fileName: '代办事项清单.pdf', title: '代办事项清单', size: BIG_PDF.length },
    ]);
  });

  test('the script is served from our own assets, small, and named by the form pages', async () => {
    const res = await fetch(`${server.baseUrl}/assets/upload-progress.js`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/javascript/);
    const body = await res.text();
    assert.ok(body.length < 4096, `${body.length} bytes`);
    assert.match(body, /upload\.onprogress/);
  });
});
