// 会议公开 in Chromium (issue #17 point 5): a clerk of 灵溪镇 prepares a 镇长办公会议 open to the
// public, the signer announces it; the public pages — the agency's meetings, the meeting with its
// 列席 sign-up form, the form sent back with errors (422, what was typed kept), the thanks page —
// and the demo's 永顺县 常务会议 with its published 会议纪要 work without JavaScript at 375 and
// 1366 px, nothing scrolls sideways, and axe-core finds nothing on them.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { ManualClock } from '../../src/platform/clock.ts';
import { assertNoAxeViolations, BrowserSuite, field, runAxe, SKIP_WITHOUT_CHROMIUM } from '../support/browser.ts';

const PASSWORD = 'Lingxi-2025-gongkai';
const TITLE = '灵溪镇人民政府2025年第5次镇长办公会议';
const REASON = '农贸市场商户，关心改造期间的经营安排。';

describe('会议公开 public pages in Chromium', { skip: SKIP_WITHOUT_CHROMIUM, timeout: 300_000 }, () => {
  const clock = new ManualClock('2025-06-02T01:00:00Z');
  const suite = new BrowserSuite({}, clock);
  let meetingUrl = '';

  before(async () => {
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

  /** A page without JavaScript; axe-core runs in a second context of the same size (it needs scripts). */
  async function noJs(width: number): Promise<Page> {
    return suite.newPage({ viewport: { width, height: 900 }, javaScriptEnabled: false, bypassCSP: true });
  }

  async function check(page: Page, width: number, name: string): Promise<void> {
    const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(scroll <= width, `${name}: no sideways scrolling (scrollWidth ${scroll} at ${width} px)`);
  }

  async function axe(url: string, width: number, name: string): Promise<void> {
    const page = await suite.newPage({ viewport: { width, height: 900 }, bypassCSP: true });
    const res = await page.goto(url);
    assert.equal(res?.status(), 200, url);
    await check(page, width, name);
    assertNoAxeViolations(await runAxe(page), `${name} at ${width} px`);
  }

  test('the clerk prepares a meeting open to the public, the signer announces it', async () => {
    const clerk = await staff('lx.clerk');
    await clerk.goto('/admin/meetings/new');
    await field(clerk, '会议类型').selectOption('mayorOffice');
    await field(clerk, '会议名称').fill(TITLE);
    await field(clerk, '会议日期').fill('2025-06-12');
    await field(clerk, '开始时间').fill('09:30');
    await field(clerk, '会议地点').fill('镇政府二楼会议室');
    await field(clerk, '会议议题').fill('研究集镇农贸市场改造方案\n研究2025年防汛工作');
    await clerk.getByLabel(/邀请公众代表、专家、媒体列席/).check();
    await field(clerk, '列席名额').fill('3');
    await field(clerk, '报名开始日期').fill('2025-06-02');
    await field(clerk, '报名截止日期').fill('2025-06-10');
    await clerk.getByRole('button', { name: '保存', exact: true }).click();
    await clerk.waitForURL(/\/admin\/meetings\/\d+/);
    const id = /\/admin\/meetings\/(\d+)/.exec(clerk.url())?.[1];
    const signer = await staff('lx.signer');
    await signer.goto(`/admin/meetings/${id}`);
    await signer.getByRole('button', { name: '发布会议预告' }).click();
    await signer.waitForURL(/\/admin\/meetings\/\d+/);
    meetingUrl = `/agencies/lingxi/meetings/${id}`;
    const res = await (await noJs(1366)).goto(meetingUrl);
    assert.equal(res?.status(), 200, 'announced: public');
  });

  for (const width of [375, 1366])
    test(`${width} px without JavaScript: list, meeting, form with errors, thanks; axe-core 0`, async () => {
      const page = await noJs(width);
      const list = await page.goto('/agencies/lingxi/meetings');
      assert.equal(list?.status(), 200);
      assert.match(await page.locator('main').innerText(), /即将召开的会议/);
      await check(page, width, 'list');
      await axe('/agencies/lingxi/meetings', width, 'list');

      await page.getByRole('link', { name: TITLE }).click();
      await page.waitForURL((u) => u.pathname === meetingUrl);
      const text = await page.locator('main').innerText();
      assert.match(text, /研究集镇农贸市场改造方案/);
      assert.match(text, /名额 3 名/);
      await check(page, width, 'meeting');
      await axe(meetingUrl, width, 'meeting');

      // Sent without consent and without a 身份: 422, the summary, what was typed kept.
      await field(page, '姓名').fill(`张三丰${width}`);
      await field(page, '联系电话').fill('13907431234');
      await field(page, '列席理由').fill(REASON);
      const [bad] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === 'POST'),
        page.getByRole('button', { name: '提交报名' }).click(),
      ]);
      assert.equal(bad.status(), 422);
      await page.waitForLoadState();
      const errorText = await page.locator('main').innerText();
      assert.match(errorText, /请确认同意/);
      assert.equal(await field(page, '姓名').inputValue(), `张三丰${width}`);
      assert.equal(await field(page, '列席理由').inputValue(), REASON);
      await check(page, width, 'form with errors');
      // axe on the 422 page: the same POST from a page with scripts.
      const withJs = await suite.newPage({ viewport: { width, height: 900 }, bypassCSP: true });
      await withJs.goto(meetingUrl);
      await field(withJs, '姓名').fill('李四');
      await Promise.all([
        withJs.waitForResponse((r) => r.request().method() === 'POST'),
        withJs.getByRole('button', { name: '提交报名' }).click(),
      ]);
      await withJs.waitForLoadState();
      assert.match(await withJs.locator('main').innerText(), /请确认同意/);
      assertNoAxeViolations(await runAxe(withJs), `form with errors at ${width} px`);

      // Corrected: 身份, consent; post/redirect/get to the thanks page.
      await page.getByLabel('公众代表').check();
      await page.getByLabel(/同意本机关为安排列席使用以上信息/).check();
      await page.getByRole('button', { name: '提交报名' }).click();
      await page.waitForURL((u) => u.pathname === `${meetingUrl}/thanks`);
      assert.match(await page.locator('h1').innerText(), /报名已提交/);
      await check(page, width, 'thanks');
      await axe(`${meetingUrl}/thanks`, width, 'thanks');
    });

  test('the demo 永顺县 常务会议 with its 会议纪要: masked names, no phones; axe-core 0 at 375 and 1366 px', async () => {
    const page = await noJs(375);
    await page.goto('/agencies/yongshun/meetings');
    await page.getByRole('link', { name: '永顺县人民政府第十二次常务会议' }).click();
    const url = new URL(page.url()).pathname;
    const html = await page.content();
    assert.ok(!html.includes('田建国') && !html.includes('13974310001'), 'no full name or phone');
    assert.match(await page.locator('main').innerText(), /会议议题及纪要/);
    // Only the topic that led to a publication names one: the 森林防火 notice, issued after the meeting.
    const issued = page.locator('.meeting-topics li', { hasText: '据此发布' });
    assert.equal(await issued.count(), 1);
    assert.match(
      await issued.innerText(),
      /森林防火工作情况汇报[\s\S]*据此发布：永顺县人民政府办公室关于做好\d{4}—\d{4}年度秋冬季森林防火工作的通知/,
    );
    await check(page, 375, 'decided meeting');
    for (const width of [375, 1366]) await axe(url, width, 'decided meeting');
  });
});
