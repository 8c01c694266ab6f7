// The personal-data guard at review in Chromium (issue #18 point 3 acceptance): a clerk's draft
// (typed without JavaScript into the plain textarea) holds an 18-digit resident ID number with a
// valid check character; the reviewer opens it and sees the number highlighted in the body and
// listed in 个人信息检查, masks it in one click (4331**********1238 as RULES.md masks), passes
// 保密审查; the signer 签发; the public article shows the mask and never the number. axe-core finds
// nothing on the review page with the finding and after masking; at 375 px the findings list does
// not scroll sideways and its buttons are whole (screenshots at 375 and 1366 px in tmp/).
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { systemContext } from '../../src/bootstrap.ts';
import { createDraft, review, signOff, submit } from '../../src/modules/publication/index.ts';
import { continueRun, startOrResumeRun } from '../../src/modules/publication/privacy-retro.ts';
import { emptyInput } from '../../src/modules/publication/publication.input.ts';
import { fileStore } from '../../src/platform/storage/file-store.ts';
import { residentIdCheckCharacter } from '../../src/platform/privacy/detectors.ts';
import { inTransaction } from '../../src/platform/transaction.ts';
import {
  assertNoAxeViolations,
  BrowserSuite,
  runAxe,
  SKIP_WITHOUT_CHROMIUM,
  type RunningServer,
} from '../support/browser.ts';

const PASSWORD = 'Lingxi-2025-gongkai';
const TITLE = '灵溪镇2025年危房改造补助资金审核情况';
const ID = '43312719880615123' + residentIdCheckCharacter('43312719880615123');
const MASKED = `${ID.slice(0, 4)}**********${ID.slice(14)}`;
const SHOTS = 'tmp';

describe('personal data at review in Chromium', { skip: SKIP_WITHOUT_CHROMIUM, timeout: 300_000 }, () => {
  const suite = new BrowserSuite({ bypassCSP: true });
  let server: RunningServer;

  before(async () => {
    server = await suite.open();
    mkdirSync(SHOTS, { recursive: true });
    await suite.addStaff(
      'lingxi',
      [
        ['pd.clerk', 'clerk'],
        ['pd.reviewer', 'reviewer'],
        ['pd.signer', 'signer'],
      ],
      PASSWORD,
    );
  });
  after(() => suite.close());

  const login = (username: string, javaScriptEnabled = true): Promise<Page> =>
    suite.signedIn(username, PASSWORD, { javaScriptEnabled });

  test('highlighted in the body, masked in one click, released; the public page shows only the mask', async () => {
    const clerk = await login('pd.clerk', false);
    await clerk.goto('/admin/publications/new');
    await clerk.getByLabel('标题').fill(TITLE);
    await clerk
      .getByRole('textbox', { name: /^正文/ })
      .fill(`经村民小组评议、镇审核，身份证号码为${ID}的农户符合补助条件。\n\n补助标准按县住建局规定执行。`);
    await clerk.getByLabel('成文日期').fill('2025-05-28');
    await clerk.getByLabel('贯彻落实农业农村政策').check();
    await clerk.getByRole('button', { name: '保存草稿', exact: true }).click();
    await clerk.waitForURL(/\/admin\/publications\/\d+\?flash=created/);
    const adminUrl = new URL(clerk.url()).pathname;
    const id = Number(adminUrl.split('/').pop());
    await clerk.getByRole('button', { name: '提交保密审查', exact: true }).click();
    await clerk.waitForURL(/flash=submitted/);

    // The reviewer: the number is marked where it stands in the body, and listed with its place.
    const reviewer = await login('pd.reviewer');
    await reviewer.goto(adminUrl);
    const mark = reviewer.locator('.pub-preview mark.pd-mark');
    assert.equal(await mark.count(), 1, 'one highlighted finding in the body');
    assert.equal(await mark.innerText(), ID);
    // Listed twice: in the body and in the 内容概述 the form made from it.
    const findings = reviewer.locator('#privacy .privacy-findings > li');
    const listed = await findings.allInnerTexts();
    assert.equal(listed.length, 2, listed.join('\n'));
    for (const item of listed) {
      assert.match(item, /^身份证号码/);
      assert.ok(item.includes(MASKED) && !item.includes(ID), 'the list shows the number masked');
    }
    assert.match(listed.join('\n'), /位置：正文[\s\S]*位置：内容概述|位置：内容概述[\s\S]*位置：正文/);
    // The link to the place leads to the highlight.
    const markId = await mark.getAttribute('id');
    assert.equal(await findings.getByRole('link', { name: '正文' }).getAttribute('href'), `#${markId}`);
    assertNoAxeViolations(await runAxe(reviewer), `${adminUrl} (reviewer, finding open)`);
    await reviewer.screenshot({ path: `${SHOTS}/privacy-review-1366.png`, fullPage: true });

    // 375 px: the findings list fits, its buttons and the reason box are whole on screen.
    await reviewer.setViewportSize({ width: 375, height: 812 });
    await reviewer.goto(adminUrl);
    const overflow = await reviewer.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `375px: no sideways scrolling (${overflow})`);
    for (const control of [
      reviewer.getByRole('button', { name: `遮盖为 ${MASKED}` }).last(),
      reviewer.getByRole('button', { name: '确认公开' }).last(),
      reviewer.getByLabel('确认可以公开的理由').last(),
    ]) {
      const box = await control.boundingBox();
      assert.ok(
        box && box.x >= 0 && box.x + box.width <= 375,
        `375px: control within the screen (${JSON.stringify(box)})`,
      );
    }
    assertNoAxeViolations(await runAxe(reviewer), `${adminUrl} (reviewer, 375px)`);
    await reviewer.screenshot({ path: `${SHOTS}/privacy-review-375.png`, fullPage: true });
    await reviewer.setViewportSize({ width: 1366, height: 900 });

    // Release is refused while it is open.
    await reviewer.getByRole('button', { name: '审查通过', exact: true }).click();
    assert.match(await reviewer.locator('main').innerText(), /处个人信息尚未处理/);

    // One click (on the body's finding) masks it in the body and in the summary.
    await reviewer.goto(adminUrl);
    await reviewer
      .locator('#privacy .privacy-findings > li', { has: reviewer.getByRole('link', { name: '正文' }) })
      .getByRole('button', { name: `遮盖为 ${MASKED}` })
      .click();
    await reviewer.waitForURL(/notice=saved/);
    assert.equal(await reviewer.locator('.pub-preview mark.pd-mark').count(), 0);
    const preview = await reviewer.locator('.pub-preview').innerText();
    assert.ok(preview.includes(`身份证号码为${MASKED}的农户`), 'the body shows the mask');
    assert.ok(!preview.includes(ID));
    assert.equal(await reviewer.locator('#privacy .privacy-findings > li').count(), 0);
    assert.match(await reviewer.locator('#privacy').innerText(), /已处理 2 处/);
    assertNoAxeViolations(await runAxe(reviewer), `${adminUrl} (reviewer, masked)`);
    await reviewer.screenshot({ path: `${SHOTS}/privacy-masked-1366.png`, fullPage: true });
    await reviewer.getByRole('button', { name: '审查通过', exact: true }).click();
    await reviewer.waitForURL(/flash=reviewPassed/);

    // 签发, then the public article.
    const signer = await login('pd.signer');
    await signer.goto(adminUrl);
    await signer.getByRole('button', { name: '签发并发布', exact: true }).click();
    await signer.waitForURL(/flash=published/);
    const visitor = await suite.newPage();
    const res = await visitor.goto(`/publications/${id}`);
    assert.equal(res?.status(), 200);
    const article = await visitor.locator('main').innerText();
    assert.ok(article.includes(TITLE));
    assert.ok(article.includes(MASKED), 'the public reads the mask');
    assert.ok(!(await visitor.content()).includes(ID), 'the number is nowhere in the public page');
    const row = await server.deps.database.db
      .selectFrom('auditEvents')
      .select('action')
      .where('entityType', '=', 'publication')
      .where('entityId', '=', String(id))
      .where('action', '=', 'publication.privacyMasked')
      .execute();
    assert.equal(row.length, 1, 'the masking is audited');
  });

  test('撤回更正 from the scan screen: found by the scan, confirmed, withdrawn; axe-core 0 at 375 and 1366 px', async () => {
    const db = server.deps.database.db;
    const ctx = systemContext(server.deps.clock);
    const cal = await server.deps.calendar.get();
    const lingxi = await db.selectFrom('agencies').select('id').where('slug', '=', 'lingxi').executeTakeFirstOrThrow();
    const cat = await db
      .selectFrom('categories')
      .select('id')
      .where('agencyId', '=', lingxi.id)
      .executeTakeFirstOrThrow();
    const title = '灵溪镇2024年临时救助对象名单';
    // Released before the guard existed (as an imported past item is), then found by the scan.
    await inTransaction(db, async (trx) => {
      const base = emptyInput('灵溪镇人民政府', '2025-05-20');
      const values = { ...base.values, title, body: `<p>救助对象身份证号：${ID}。</p>` };
      const id = await createDraft(trx, ctx, 'system', cal, lingxi.id, {
        ...base,
        values,
        categoryIds: [String(cat.id)],
      });
      await submit(trx, ctx, 'system', id);
      await review(trx, ctx, 'system', id, 'pass', '');
      await signOff(trx, ctx, 'system', id, 'approve', '');
    });
    const at = () => server.deps.clock.now().toISOString();
    const run = await startOrResumeRun(db, { agencyId: lingxi.id, since: null }, null, at());
    while (!(await continueRun(db, fileStore(server.deps.config.dataDir), run, at)));

    const reviewer = await login('pd.reviewer');
    for (const width of [375, 1366]) {
      await reviewer.setViewportSize({ width, height: 900 });
      await reviewer.goto('/admin/privacy');
      const item = reviewer.locator('.privacy-items > li', { hasText: title });
      assert.equal(await item.count(), 1);
      const overflow = await reviewer.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `${width}px: no sideways scrolling (${overflow})`);
      assertNoAxeViolations(await runAxe(reviewer), `/admin/privacy (${width}px)`);
      await reviewer.screenshot({ path: `${SHOTS}/privacy-scan-${width}.png`, fullPage: true });
    }
    const item = reviewer.locator('.privacy-items > li', { hasText: title });
    await item.getByLabel(`确认撤回《${title}》`).check();
    await item.getByRole('button', { name: '撤回更正' }).click();
    await reviewer.waitForURL(/withdrawn=/);
    assert.match(await reviewer.locator('.flash').innerText(), new RegExp(`已撤回《${title}》`));
    assert.equal(await reviewer.locator('.privacy-items > li', { hasText: title }).count(), 0);
    assertNoAxeViolations(await runAxe(reviewer), '/admin/privacy (withdrawn)');
    await reviewer.screenshot({ path: `${SHOTS}/privacy-scan-withdrawn-1366.png`, fullPage: true });
  });
});
