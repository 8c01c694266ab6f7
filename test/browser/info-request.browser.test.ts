// 依申请公开 in Chromium: a citizen applies online (catalogue search first, suggestion ignored),
// gets a number and query code; a clerk confirms receipt and sends a 补正 notice; the tracking
// page shows it; the clerk records the corrected application and replies 部分公开 with an
// attachment; the citizen reads the reply and downloads the letter. Every public page is scanned
// for staff notes and other applicants' data; axe-core on the form, receipt and tracking page;
// the form also works with JavaScript disabled.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { residentIdCheckChar } from '../../src/modules/info-request/rules/index.ts';
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

const ID = '43312719920417006' + residentIdCheckChar('43312719920417006');
const APPLICANT = { name: '彭小燕', id: ID, phone: '13787430099', address: '永顺县灵溪镇猕猴桃村6组12号' };
const STAFF_NOTE = '内部：申请人系村会计亲属，注意回避';
// Demo applications seeded at first start (info-request.demo.ts): their applicants' data must not leak either.
const OTHER_APPLICANTS = ['向明远', '彭桂兰', '13907431234', '永顺县灵溪镇溪州社区8组', '田秀英', 'tianxy@example.cn'];
const ADMIN_PASSWORD = 'Yongshun-2025-apply';
const CLERK_PASSWORD = 'Lingxi-clerk-2025-apply';

// The server's day (a fixed date, see BROWSER_TEST_NOW), in Beijing, plus some days.
function isoDay(server: RunningServer, offsetDays = 0): string {
  const d = new Date(server.deps.clock.now().getTime() + 8 * 3600_000 + offsetDays * 86_400_000);
  return d.toISOString().slice(0, 10);
}

describe('disclosure on application in Chromium', { skip: SKIP_WITHOUT_CHROMIUM, timeout: 300_000 }, () => {
  let server: RunningServer;
  const suite = new BrowserSuite({ bypassCSP: true, acceptDownloads: true, defaultTimeout: 15_000 });
  const publicPages: [string, string][] = [];
  const newPage = (opts: BrowserContextOptions = {}): Promise<Page> => suite.newPage(opts);

  async function keep(page: Page) {
    publicPages.push([page.url(), await page.content()]);
  }

  async function fillApplication(page: Page) {
    await field(page, '申请人类型').selectOption('naturalPerson');
    await field(page, '姓名或名称').fill(APPLICANT.name);
    await field(page, '身份证明类型').selectOption({ label: '居民身份证' });
    await field(page, '身份证明号码').fill(APPLICANT.id);
    await field(page, '联系电话').fill(APPLICANT.phone);
    await field(page, '通信地址').fill(APPLICANT.address);
    await page.getByRole('radio', { name: '电子文件' }).check();
    await field(page, '获取信息的方式').selectOption({ label: '在线申请平台获取' });
  }

  before(async () => {
    server = await suite.open();
  });

  after(() => suite.close());

  test('apply, 补正, reply 部分公开 with an attachment, read and download, with no leaks', async (t) => {
    // The citizen starts from the agency's 专栏.
    const citizen = await newPage();
    await citizen.goto('/agencies/lingxi/apply');
    await citizen.getByRole('link', { name: '在线提交申请' }).click();
    await citizen.waitForURL('**/agencies/lingxi/apply/online');
    assertNoAxeViolations(await runAxe(citizen), 'application form');
    await keep(citizen);
    await field(citizen, '所需信息的名称').fill('猕猴桃产业发展实施方案');
    await field(citizen, '所需信息的特征性描述').fill('2025年猕猴桃产业发展实施方案及其中的奖补资金分配明细');
    await citizen.getByRole('button', { name: '查找已公开信息' }).click();
    await citizen.waitForLoadState('load');
    const suggested = await citizen.getByRole('heading', { name: '这些信息已主动公开' }).count();
    t.diagnostic(suggested ? 'catalogue suggestion shown and ignored' : 'no matching publication in the search index');
    if (suggested) {
      assert.ok(
        await citizen.getByRole('link', { name: /猕猴桃产业发展实施方案/ }).count(),
        'the matching publication is suggested',
      );
    } else {
      assert.ok(await citizen.getByText('未找到与您的描述相符的已公开信息').count());
    }
    assert.equal(await field(citizen, '所需信息的名称').inputValue(), '猕猴桃产业发展实施方案', 'input kept');
    assertNoAxeViolations(await runAxe(citizen), 'application form with suggestions');
    await keep(citizen);
    // The suggestion does not cover the 奖补资金 details: the citizen ignores it and applies.
    await fillApplication(citizen);
    await citizen.getByRole('button', { name: '下一步：核对信息' }).click();
    await citizen.getByRole('heading', { name: '核对信息' }).waitFor();
    assert.ok(await citizen.getByText(APPLICANT.address).count(), 'the review reads back what was typed');
    assertNoAxeViolations(await runAxe(citizen), 'review step');
    await citizen.getByRole('button', { name: '确认提交' }).click();
    await citizen.waitForURL('**/apply/receipt/**');
    assertNoAxeViolations(await runAxe(citizen), 'receipt');
    await keep(citizen);
    const codes = await citizen.locator('.ir-code').allTextContents();
    const [number, code] = codes.map((c) => c.trim());
    assert.match(number ?? '', /^LINGXI-\d{4}-\d{4}$/);
    assert.match(code ?? '', /^[A-Z2-9]{8}$/);

    // The county admin creates a clerk for 灵溪镇.
    const admin = await newPage();
    await loginAs(admin, 'admin', server.adminPassword);
    await changeFirstPassword(admin, server.adminPassword, ADMIN_PASSWORD);
    const otp = await createTownAccount(admin, {
      username: 'lxapply',
      displayName: '灵溪依申请信息员',
      role: '信息员',
    });

    // The clerk confirms receipt, notes something internal and sends a 补正 notice.
    const clerk = await newPage();
    await loginAs(clerk, 'lxapply', otp);
    await changeFirstPassword(clerk, otp, CLERK_PASSWORD);
    await clerk.getByRole('link', { name: '依申请公开' }).first().click();
    await clerk.getByRole('link', { name: number as string }).click();
    await clerk.getByRole('button', { name: '确认收到' }).click();
    await clerk.waitForURL(/flash=saved/);
    assert.ok(await clerk.getByRole('heading', { name: '答复期限的计算' }).count());
    await field(clerk, '备注').fill(STAFF_NOTE);
    await clerk.getByRole('button', { name: '添加备注' }).click();
    await clerk.waitForURL(/flash=saved/);
    await field(clerk, '需要补正的事项').fill('请写明需要哪一个村、哪一批次的奖补资金分配明细。');
    await field(clerk, '补正期限').fill(isoDay(server, 10));
    await clerk.getByRole('button', { name: '发出补正告知书' }).click();
    await clerk.waitForURL(/flash=saved/);
    assert.ok(await clerk.getByText('待申请人补正').count());

    // The citizen's tracking page shows the 补正 notice.
    const tracker = await newPage();
    await tracker.goto('/track');
    await field(tracker, '编号').fill(number as string);
    await field(tracker, '查询码').fill(code as string);
    await tracker.getByRole('button', { name: '查询' }).click();
    await tracker.waitForURL(`**/apply/track/${number}`);
    assert.ok(await tracker.getByText('政府信息公开申请补正告知书').count());
    assert.ok(await tracker.getByText('待申请人补正').count());
    assertNoAxeViolations(await runAxe(tracker), 'tracking page');
    await keep(tracker);

    // The clerk records the corrected application and replies 部分公开 with an attachment.
    await field(clerk, '补正后的申请内容').fill('猕猴桃村2025年第一批奖补资金分配明细');
    await clerk.getByRole('button', { name: '登记补正' }).click();
    await clerk.waitForURL(/flash=saved/);
    await field(clerk, '办理结果').selectOption('partlyDisclosed');
    await field(clerk, '答复内容').fill(
      '奖补资金分配明细予以公开；其中农户身份证号码、银行账号属于个人隐私，已作区分处理，不予公开。',
    );
    await clerk.locator('#f-files').setInputFiles({
      name: '猕猴桃村奖补资金分配明细.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4 分配明细'),
    });
    await clerk.getByRole('button', { name: '作出答复并生成告知书' }).click();
    await clerk.waitForURL(/flash=saved/);
    assert.ok(await clerk.getByText('（二）部分公开').count());

    // The citizen sees the reply, opens the letter and downloads it as DOCX.
    await tracker.reload();
    assert.ok(await tracker.getByText(/部分公开/).count());
    await keep(tracker);
    // The download links carry the tracking cookie like any link the citizen clicks.
    const docxHref = await tracker
      .locator('.ir-letters li', { hasText: '答复告知书' })
      .locator('a[href$="/docx"]')
      .getAttribute('href');
    const docx = await tracker.context().request.get(docxHref as string);
    assert.equal(docx.status(), 200);
    assert.match(docx.headers()['content-disposition'] ?? '', /attachment/);
    assert.equal((await docx.body()).subarray(0, 2).toString(), 'PK');
    const fileHref = await tracker.getByRole('link', { name: '猕猴桃村奖补资金分配明细.pdf' }).getAttribute('href');
    assert.equal(
      (await (await tracker.context().request.get(fileHref as string)).body()).toString(),
      '%PDF-1.4 分配明细',
    );
    await tracker
      .locator('.ir-letters li', { hasText: '答复告知书' })
      .getByRole('link', { name: /查看和打印/ })
      .click();
    await tracker.waitForURL(/\/letters\/\d+$/);
    assert.ok(await tracker.getByText(/行政复议/).count());
    assert.ok(await tracker.getByText(/6个月内/).count());
    await keep(tracker);

    // Scan everything the public saw.
    const ownData = [APPLICANT.id, APPLICANT.phone, APPLICANT.address];
    for (const [url, html] of publicPages) {
      for (const secret of [STAFF_NOTE, ...OTHER_APPLICANTS])
        assert.ok(!html.includes(secret), `${url} shows ${secret}`);
      if (!url.includes('/apply/online'))
        for (const own of ownData) assert.ok(!html.includes(own), `${url} shows the applicant's ${own}`);
    }
    assert.ok(publicPages.length >= 6);
  });

  test('every link of the error summary moves focus to its field, in page order', async () => {
    const page = await newPage();
    await page.goto('/agencies/lingxi/apply/online');
    await field(page, '邮政编码').fill('4167');
    await page.getByRole('button', { name: '下一步：核对信息' }).click();
    await page.locator('.error-summary').waitFor();
    const links = await page
      .locator('.error-summary a')
      .evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).getAttribute('href')));
    assert.ok(links.length >= 6, `summary lists the problems: ${links.join(' ')}`);
    // Page order: each target comes after the previous one in the document.
    const positions = await page.evaluate((hrefs) => {
      const all = Array.from(document.querySelectorAll('input, select, textarea'));
      return hrefs.map((h) => all.indexOf(document.getElementById((h ?? '').slice(1)) as Element));
    }, links);
    assert.ok(
      positions.every((p) => p >= 0),
      `every link has a field: ${links.join(' ')}`,
    );
    assert.deepEqual(
      positions,
      [...positions].sort((a, b) => a - b),
      'the summary follows the page',
    );
    for (const href of links) {
      await page.locator(`.error-summary a[href="${href}"]`).click();
      await page.waitForFunction((id) => document.activeElement?.id === id, (href ?? '').slice(1));
    }
    assertNoAxeViolations(await runAxe(page), 'form with errors');
  });

  test('the form works without JavaScript', async () => {
    const page = await newPage({ javaScriptEnabled: false });
    await page.goto('/agencies/lingxi/apply/online');
    await field(page, '所需信息的名称').fill('灵溪镇2025年集镇污水管网建设项目环评批复');
    await page.getByRole('button', { name: '查找已公开信息' }).click();
    await page.waitForLoadState('load');
    assert.equal(await field(page, '所需信息的名称').inputValue(), '灵溪镇2025年集镇污水管网建设项目环评批复');
    await fillApplication(page);
    await page.getByRole('button', { name: '下一步：核对信息' }).click();
    await page.getByRole('button', { name: '返回修改' }).click();
    assert.equal(await field(page, '通信地址').inputValue(), APPLICANT.address, 'back to the form, input kept');
    await page.getByRole('button', { name: '下一步：核对信息' }).click();
    await page.getByRole('button', { name: '确认提交' }).click();
    await page.waitForURL('**/apply/receipt/**');
    assert.equal(await page.locator('.ir-code').count(), 2);
  });
});
