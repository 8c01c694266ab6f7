// The public interaction flows in Chromium: a citizen writes to the leader mailbox and consents
// to publication, staff reply and publish, the citizen rates the reply, the letter appears in
// 留言选登 without personal data; a clerk logs a phone inquiry with the keyboard only; axe-core
// on every new public page; the pages at 375 px.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { DEMO_RAW_PERSONAL_VALUES } from '../../src/modules/demo/index.ts';
import { findUnmaskedPersonalData } from '../../src/platform/privacy/masking.ts';
import {
  assertNoAxeViolations,
  BrowserSuite,
  changeFirstPassword,
  createTownAccount,
  field,
  loginAs,
  runAxe,
  type RunningServer,
  SKIP_WITHOUT_CHROMIUM,
} from '../support/browser.ts';

const WRITER = {
  name: '麻文军',
  phone: '13566667777',
  email: 'wenjun.ma@example.com',
  address: '永顺县灵溪镇卡木村2组5号',
};
const NEW_PASSWORD = 'Yongshun-2025-letters';
const CLERK_PASSWORD = 'Lingxi-clerk-2025-phone';

describe('interaction in Chromium', { skip: SKIP_WITHOUT_CHROMIUM, timeout: 240_000 }, () => {
  let server: RunningServer;
  const suite = new BrowserSuite({ bypassCSP: true });
  const newPage = (opts: BrowserContextOptions = {}): Promise<Page> => suite.newPage(opts);

  before(async () => {
    server = await suite.open();
    const admin = await newPage();
    await loginAs(admin, 'admin', server.adminPassword);
    await changeFirstPassword(admin, server.adminPassword, NEW_PASSWORD);
  });

  after(() => suite.close());

  test('mailbox: write and consent, staff reply and publish, rate, 留言选登 without personal data', async () => {
    const citizen = await newPage();
    await citizen.goto('/agencies/lingxi');
    await citizen.getByRole('link', { name: '领导信箱' }).click();
    await citizen.waitForURL('**/agencies/lingxi/mailbox');
    assertNoAxeViolations(await runAxe(citizen), '/agencies/lingxi/mailbox');
    await field(citizen, '标题').fill('卡木村饮水工程进度');
    await field(citizen, '内容').fill(`卡木村饮水工程什么时候完工？我是${WRITER.name}，电话 ${WRITER.phone}。`);
    await field(citizen, '姓名').fill(WRITER.name);
    await field(citizen, '联系电话').fill(WRITER.phone);
    await field(citizen, '电子邮箱').fill(WRITER.email);
    await field(citizen, '通讯地址').fill(WRITER.address);
    await citizen.getByLabel(/同意在“留言选登”中公开/).check();
    await citizen.getByRole('button', { name: '提交' }).click();
    await citizen.waitForSelector('#receipt-number');
    assertNoAxeViolations(await runAxe(citizen), 'receipt page');
    const receiptNumber = (await citizen.locator('#receipt-number').textContent())!.trim();
    const queryCode = (await citizen.locator('#query-code').textContent())!.trim();
    assert.match(receiptNumber, /^XX-LINGXI-\d{4}-\d{4}$/);

    const staff = await newPage();
    await loginAs(staff, 'admin', NEW_PASSWORD);
    await staff.waitForURL((u) => u.pathname === '/admin');
    await staff.goto('/admin/interaction?kind=letter');
    await staff.getByRole('link', { name: receiptNumber }).click();
    await field(staff, '答复内容').fill('饮水工程已完成主管道铺设，预计下月底通水。');
    await staff.getByRole('button', { name: '答复' }).click();
    await staff.waitForURL(/flash=saved/);
    // Before deciding, staff read what 留言选登 will mask (#18: the writer's own name and phone).
    assert.match(await staff.locator('.privacy-note').innerText(), /来信内容：来信人本人信息 2 处/);
    assertNoAxeViolations(await runAxe(staff), 'letter page before 留言选登');
    await staff.screenshot({ path: 'tmp/letter-publication-1366.png', fullPage: true });
    await staff.getByRole('button', { name: '在留言选登公开' }).click();
    await staff.waitForURL(/flash=saved/);
    assert.match((await staff.locator('main').textContent()) ?? '', /已在留言选登公开/);

    await citizen.goto('/track');
    assertNoAxeViolations(await runAxe(citizen), '/track');
    await field(citizen, '编号').fill(receiptNumber);
    await field(citizen, '查询码').fill(queryCode);
    await citizen.getByRole('button', { name: '查询' }).click();
    await citizen.getByText('饮水工程已完成主管道铺设').waitFor();
    assertNoAxeViolations(await runAxe(citizen), 'tracking page with the rating form');
    await citizen.getByLabel('满意', { exact: true }).check();
    await field(citizen, '意见和建议').fill('答复及时');
    await citizen.getByRole('button', { name: '提交评价' }).click();
    await citizen.getByText('感谢您的评价').waitFor();
    assert.match((await citizen.locator('main').textContent()) ?? '', /您的评价：满意/);

    await citizen.goto('/agencies/lingxi/letters');
    const text = await citizen.content();
    assert.match(text, /卡木村饮水工程进度/);
    assert.match(text, /预计下月底通水/);
    assert.deepEqual(findUnmaskedPersonalData(text, [WRITER.name, WRITER.phone, WRITER.email, WRITER.address]), []);
    assertNoAxeViolations(await runAxe(citizen), '/agencies/lingxi/letters');
  });

  test('a clerk logs a phone inquiry with the keyboard only, in a few key strokes', async () => {
    const admin = await newPage();
    await loginAs(admin, 'admin', NEW_PASSWORD);
    await admin.waitForURL((u) => u.pathname === '/admin');
    const otp = await createTownAccount(admin, { username: 'lxclerk', displayName: '灵溪信息员', role: '信息员' });

    const clerk = await newPage();
    await loginAs(clerk, 'lxclerk', otp);
    await changeFirstPassword(clerk, otp, CLERK_PASSWORD);
    await clerk.goto('/admin/interaction/phone');
    await clerk.waitForLoadState('load');
    const started = Date.now();
    // The first field has the focus (autofocus in the HTML, applied by the browser once the page
    // is rendered — possibly just after the load event, so wait for it rather than race it):
    // type, Tab, type, Tab, type, Enter — no mouse.
    assert.equal(await clerk.locator('#f-topic').getAttribute('autofocus'), '');
    await clerk.waitForFunction(() => document.activeElement?.id === 'f-topic', null, { timeout: 5_000 });
    await clerk.keyboard.type('低保年审时间');
    await clerk.keyboard.press('Tab');
    await clerk.keyboard.type('每年第四季度，由村委会通知。');
    await clerk.keyboard.press('Tab');
    await clerk.keyboard.type('2');
    await clerk.keyboard.press('Tab');
    assert.equal(await clerk.evaluate(() => document.activeElement?.id), 'f-receivedAt');
    await Promise.all([clerk.waitForURL(/saved=ZX/), clerk.keyboard.press('Enter')]);
    assert.ok(Date.now() - started < 30_000, 'logged in under 30 seconds');
    assert.match(
      (await clerk.locator('[role="status"]').first().textContent()) ?? '',
      /已登记：ZX-[A-Z0-9-]+-\d{4}-\d{4}/,
    );
    await clerk.goto('/admin/interaction?kind=inquiry');
    assert.match((await clerk.locator('main').textContent()) ?? '', /低保年审时间/);
  });

  test('axe-core finds nothing on the new public pages; no seeded personal data; 375 px without horizontal scrolling', async () => {
    const page = await newPage({ viewport: { width: 375, height: 800 } });
    await page.goto('/agencies/lingxi/notices');
    const link = page.getByRole('link', { name: /最低生活保障对象公示/ });
    const noticeUrl = await link.getAttribute('href');
    assert.ok(noticeUrl);
    const urls = [
      '/agencies/lingxi',
      '/agencies/lingxi/mailbox',
      '/agencies/lingxi/complaint',
      '/agencies/lingxi/inquiry',
      '/agencies/lingxi/letters',
      '/agencies/lingxi/notices',
      noticeUrl,
      '/agencies/lingxi/bulletins',
      '/track',
    ];
    for (const url of urls) {
      await page.goto(url);
      assertNoAxeViolations(await runAxe(page), url);
      assert.deepEqual(findUnmaskedPersonalData(await page.content(), DEMO_RAW_PERSONAL_VALUES), [], url);
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      assert.ok(overflow <= 1, `${url} scrolls horizontally by ${overflow}px at 375 px`);
    }
    // Error states and the objection flow: also checked by axe.
    await page.goto(noticeUrl);
    await page.getByRole('button', { name: '提交异议' }).click();
    await page.locator('.error-summary').waitFor();
    assertNoAxeViolations(await runAxe(page), 'objection form with errors');
    await field(page, '异议内容').fill('名单中第三户家中有车辆。');
    await field(page, '姓名').fill('知情村民');
    await field(page, '联系电话').fill('13600002222');
    await page.getByRole('button', { name: '提交异议' }).click();
    await page.waitForSelector('#receipt-number');
    assert.match((await page.locator('#receipt-number').textContent()) ?? '', /^YY-[A-Z0-9]+-\d{4}-\d{4,}$/);
    assertNoAxeViolations(await runAxe(page), 'objection receipt');
    await page.goto('/track');
    await field(page, '编号').fill('XX20990101000001');
    await field(page, '查询码').fill('NOTACODE');
    await page.getByRole('button', { name: '查询' }).click();
    await page.getByText('编号或查询码不正确', { exact: false }).first().waitFor();
    assertNoAxeViolations(await runAxe(page), 'tracking page, not found');
    await page.goto('/agencies/lingxi/complaint');
    await page.getByRole('button', { name: '提交' }).click();
    await page.locator('.error-summary').waitFor();
    assertNoAxeViolations(await runAxe(page), 'complaint form with errors');
  });
});
