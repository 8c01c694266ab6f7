// 意见征集 from publication to 反馈 in Chromium (issue #17 point 4 acceptance): a clerk of 灵溪镇
// drafts a 重大行政决策 consultation of 30 days, the signer publishes it; a citizen on a 375 px
// phone finds it in the list, comments (with consent) and lands on the thanks page; after the
// last day the page says the period has ended and has no form; the clerk marks the comment 部分采纳
// with its reason, the signer publishes the 意见采纳情况反馈; the public page shows the counts, the
// reason and the commenter's name masked. axe-core finds nothing on every public page, at 375 and
// 1366 px, and nothing scrolls sideways.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { ManualClock } from '../../src/platform/clock.ts';
import { assertNoAxeViolations, BrowserSuite, field, runAxe, SKIP_WITHOUT_CHROMIUM } from '../support/browser.ts';

const PASSWORD = 'Lingxi-2025-gongkai';
const TITLE = '关于《灵溪镇集镇农贸市场管理办法（征求意见稿）》公开征求意见的公告';
const SHOTS = '/tmp/comment-period-shots';

describe('意见征集 from publication to 反馈 in Chromium', { skip: SKIP_WITHOUT_CHROMIUM, timeout: 300_000 }, () => {
  const clock = new ManualClock('2025-06-02T01:00:00Z');
  const suite = new BrowserSuite({}, clock);

  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    await suite.open();
    await suite.addStaff(
      'lingxi',
      [
        ['lx.clerk', 'clerk'],
        ['lx.signer', 'signer'],
      ],
      PASSWORD,
    );
  });
  after(() => suite.close());

  const staff = (username: string): Promise<Page> => suite.signedIn(username, PASSWORD);

  async function checkPublic(page: Page, name: string): Promise<void> {
    assertNoAxeViolations(await runAxe(page), name);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${name}: no sideways scrolling (${overflow})`);
    await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
  }

  let adminUrl = '';
  let publicUrl = '';

  test('the clerk drafts, the signer publishes', async () => {
    const clerk = await staff('lx.clerk');
    await clerk.goto('/admin/comment-periods/new');
    await field(clerk, '征集标题').fill(TITLE);
    await field(clerk, '草案全文').fill('第一条 为规范集镇农贸市场管理，制定本办法。\n第二条 本办法自发布之日起施行。');
    await field(clerk, '起草说明').fill('集镇农贸市场秩序需要规范，镇人民政府起草了本办法。');
    await clerk.getByLabel('属于重大行政决策').check();
    await field(clerk, '开始日期').fill('2025-06-02');
    await field(clerk, '截止日期').fill('2025-07-02');
    await field(clerk, '信函地址').fill('灵溪镇人民政府党政综合办公室');
    await clerk.getByRole('button', { name: '保存草稿' }).click();
    await clerk.waitForURL(/\/admin\/comment-periods\/\d+\?flash=created/);
    adminUrl = new URL(clerk.url()).pathname;
    await clerk.screenshot({ path: `${SHOTS}/admin-draft-1366.png`, fullPage: true });
    const signer = await staff('lx.signer');
    await signer.goto(adminUrl);
    await signer.getByRole('button', { name: '发布征集' }).click();
    await signer.waitForURL(/flash=saved/);
    publicUrl = `/agencies/lingxi/comment-periods/${adminUrl.split('/').pop()}`;
    assert.equal(await signer.getByRole('link', { name: '在门户查看' }).getAttribute('href'), publicUrl);
  });

  test('375 px: a citizen finds it, comments with consent, lands on the thanks page', async () => {
    const page = await suite.newPage({ viewport: { width: 375, height: 812 }, bypassCSP: true });
    await page.goto('/agencies/lingxi/comment-periods');
    await checkPublic(page, 'list-375');
    await page.getByRole('link', { name: TITLE }).click();
    await page.waitForURL((u) => u.pathname === publicUrl);
    assert.match(await page.locator('dl.meta').innerText(), /正在征集/);
    await checkPublic(page, 'open-375');
    await field(page, '意见内容').fill('建议第一条增加“保障食品安全”的内容。');
    await field(page, '姓名').fill('张三丰');
    await page.getByLabel(/同意在意见采纳情况反馈中公开我的意见内容/).check();
    await page.getByRole('button', { name: '提交意见' }).click();
    await page.waitForURL((u) => u.pathname === `${publicUrl}/thanks`);
    assert.match(await page.locator('h1').innerText(), /意见已收到/);
    await checkPublic(page, 'thanks-375');
  });

  test('after the last day: no form; tagged, 反馈 published, shown with the masked name', async () => {
    clock.set('2025-07-03T02:00:00Z');
    const closed = await suite.newPage({ viewport: { width: 375, height: 812 }, bypassCSP: true });
    await closed.goto(publicUrl);
    assert.match(await closed.locator('main').innerText(), /本次意见征集已于 2025-07-02 结束，不再接收意见/);
    assert.equal(await closed.locator('textarea[name="body"]').count(), 0);
    await checkPublic(closed, 'closed-375');

    const clerk = await staff('lx.clerk');
    await clerk.goto(adminUrl);
    await clerk.getByLabel('采纳情况', { exact: true }).selectOption('partlyAdopted');
    await clerk.getByLabel('理由', { exact: true }).fill('在第二条中增加食品安全管理要求。');
    await clerk.getByRole('button', { name: '保存', exact: true }).click();
    await clerk.waitForURL(/flash=saved/);
    const signer = await staff('lx.signer');
    await signer.goto(adminUrl);
    await field(signer, '反馈说明').fill('镇人民政府对收到的意见进行了研究，采纳合理意见，修改了办法。');
    await signer.getByRole('button', { name: '发布意见采纳情况反馈' }).click();
    await signer.waitForURL(/flash=saved/);
    await signer.screenshot({ path: `${SHOTS}/admin-feedback-1366.png`, fullPage: true });

    for (const width of [375, 1366]) {
      const page = await suite.newPage({ viewport: { width, height: 900 }, bypassCSP: true });
      await page.goto(publicUrl);
      const feedback = page.locator('section.comment-feedback');
      const text = await feedback.innerText();
      assert.match(text, /征集期内共收到意见 1 条，其中采纳 0 条、部分采纳 1 条、未采纳 0 条。/);
      assert.match(text, /张\*\*/);
      assert.match(text, /在第二条中增加食品安全管理要求。/);
      assert.ok(!(await page.content()).includes('张三丰'));
      await checkPublic(page, `feedback-${width}`);
    }
    const list = await suite.newPage({ viewport: { width: 1366, height: 900 }, bypassCSP: true });
    await list.goto('/agencies/lingxi/comment-periods');
    assert.match(await list.locator('main').innerText(), /已反馈采纳情况/);
    await checkPublic(list, 'list-1366');
  });
});
