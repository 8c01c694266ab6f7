// The annual report in Chromium (issue 5 acceptance): a clerk of 灵溪镇 opens the 2025 report,
// sees the computed tables, edits the narrative, runs the check and submits; the county admin
// returns it with a comment, then (after the clerk resubmits) approves; it appears in 灵溪镇's
// 年报 column, and the admin report page and the public report page pass axe-core.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { systemContext } from '../../src/bootstrap.ts';
import { createUser } from '../../src/modules/account/user.service.ts';
import { ManualClock } from '../../src/platform/clock.ts';
import { inTransaction } from '../../src/platform/transaction.ts';
import { insertApplication } from '../annual-report/fixtures.ts';
import {
  assertNoAxeViolations,
  findChromium,
  launchBrowser,
  runAxe,
  startServer,
  type RunningServer,
} from '../support/browser.ts';
import { TEST_PASSWORD } from '../support/test-app.ts';

const CHROMIUM = findChromium();
const SKIP = CHROMIUM
  ? false
  : 'Chromium not found: set CHROMIUM_PATH, or install chromium-headless-shell or chromium (/usr/bin/chromium, chromium-browser, google-chrome)';

function field(page: Page, label: string) {
  return page.getByLabel(new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
}

describe('annual report in Chromium', { skip: SKIP, timeout: 240_000 }, () => {
  let browser: Browser;
  let server: RunningServer;
  const contexts: BrowserContext[] = [];
  const clock = new ManualClock('2026-01-12T02:00:00Z');
  let expected = { newlyReceived: 0, carriedForward: 0 };

  async function newPage(): Promise<Page> {
    const context = await browser.newContext({ baseURL: server.baseUrl, locale: 'zh-CN', bypassCSP: true });
    contexts.push(context);
    return context.newPage();
  }

  async function login(page: Page, username: string): Promise<void> {
    await page.goto('/admin/login');
    await field(page, '用户名').fill(username);
    await field(page, '密码').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL((u) => u.pathname === '/admin');
  }

  before(async () => {
    server = await startServer({ clock });
    browser = await launchBrowser(CHROMIUM as string);
    const db = server.deps.database.db;
    const agencies = await db.selectFrom('agencies').select(['id', 'slug']).execute();
    const id = (slug: string) => agencies.find((a) => a.slug === slug)?.id ?? 0;
    for (const [username, slug, role] of [
      ['lx.clerk', 'lingxi', 'clerk'],
      ['county.boss', 'yongshun', 'admin'],
    ] as const) {
      const u = await inTransaction(db, (trx) =>
        createUser(trx, systemContext(clock), {
          agencyId: id(slug),
          username,
          displayName: username,
          email: '',
          roles: [role],
          password: TEST_PASSWORD,
        }),
      );
      await db.updateTable('users').set({ mustChangePassword: 0 }).where('id', '=', u.id).execute();
    }
    await insertApplication(db, {
      agencyId: id('lingxi'),
      applicantKind: 'naturalPerson',
      receivedOn: '2025-04-01',
      concludedOn: '2025-04-20',
      outcome: 'disclosed',
    });
    await insertApplication(db, {
      agencyId: id('lingxi'),
      applicantKind: 'commercialEnterprise',
      receivedOn: '2025-12-22',
      concludedOn: null,
      outcome: null,
    });
    // The demo data hold applications too: the expected cells are counted here, independently of the page.
    const count = async (extra: string) =>
      Number(
        (
          await sql<{
            n: number;
          }>`select count(*) as n from info_requests where agency_id = ${id('lingxi')} and received_on is not null and ${sql.raw(extra)}`.execute(
            db,
          )
        ).rows[0]?.n,
      );
    expected = {
      newlyReceived: await count("received_on between '2025-01-01' and '2025-12-31'"),
      carriedForward: await count(
        "received_on <= '2025-12-31' and (concluded_on is null or concluded_on > '2025-12-31')",
      ),
    };
    assert.ok(expected.newlyReceived >= 2 && expected.carriedForward >= 1);
  });

  after(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  test('clerk drafts and submits, county returns then approves, the report is public and accessible', async () => {
    const clerk = await newPage();
    await login(clerk, 'lx.clerk');
    await clerk.getByRole('navigation', { name: '管理导航' }).getByRole('link', { name: '年度报告' }).click();
    await clerk.waitForURL('**/admin/annual-reports');
    await clerk.getByRole('button', { name: /编制.*灵溪镇/ }).click();
    await clerk.waitForURL(/\/admin\/annual-reports\/\d+$/);
    const reportUrl = clerk.url();
    const t3 = clerk.getByRole('table', { name: '三、收到和处理政府信息公开申请情况' });
    assert.ok(await t3.isVisible());
    assert.equal(
      await t3
        .getByRole('row', { name: /一、本年新收政府信息公开申请数量/ })
        .getByRole('cell')
        .last()
        .textContent(),
      String(expected.newlyReceived),
    );
    assert.equal(
      await t3
        .getByRole('row', { name: /四、结转下年度继续办理/ })
        .getByRole('cell')
        .last()
        .textContent(),
      String(expected.carriedForward),
    );

    await clerk
      .getByRole('textbox', { name: '一、总体情况' })
      .fill('2025年，本镇依法做好政府信息公开工作，主动公开政府信息，办理政府信息公开申请。');
    await clerk
      .getByRole('textbox', { name: '五、存在的主要问题及改进情况' })
      .fill('公开内容还不够全面，下一步将加强培训。');
    await clerk.getByRole('textbox', { name: '六、其他需要报告的事项' }).fill('本年度无其他需要报告的事项。');
    await clerk.getByRole('button', { name: '保存文字部分' }).click();
    await clerk.waitForURL(/flash=saved/);
    await clerk.getByRole('button', { name: '运行一致性检查' }).click();
    await clerk.waitForLoadState();
    assert.match((await clerk.locator('#check-title + *').textContent()) ?? '', /一致性检查通过|提示/);
    const axeAdmin = await runAxe(clerk);
    assertNoAxeViolations(axeAdmin, 'the admin report page');
    await clerk.getByRole('button', { name: '检查并报送上级机关' }).click();
    await clerk.waitForURL(/flash=saved/);
    assert.match((await clerk.locator('main').textContent()) ?? '', /已报送待审核/);

    const county = await newPage();
    await login(county, 'county.boss');
    await county.goto(reportUrl);
    await county.getByRole('textbox', { name: /审核意见/ }).fill('请补充主动公开的渠道情况。');
    await county.getByRole('button', { name: '退回修改' }).click();
    await county.waitForURL(/flash=saved/);
    assert.match((await county.locator('main').textContent()) ?? '', /已退回修改/);

    await clerk.goto(reportUrl);
    assert.match((await clerk.locator('main').textContent()) ?? '', /请补充主动公开的渠道情况。/);
    await clerk
      .getByRole('textbox', { name: '一、总体情况' })
      .fill('2025年，本镇依法做好政府信息公开工作，通过政府网站和政务公开栏主动公开政府信息。');
    await clerk.getByRole('button', { name: '保存文字部分' }).click();
    await clerk.waitForURL(/flash=saved/);
    await clerk.getByRole('button', { name: '检查并报送上级机关' }).click();
    await clerk.waitForURL(/flash=saved/);

    await county.goto('/admin/annual-reports?year=2025');
    assert.match((await county.locator('main').textContent()) ?? '', /已报送待审核/);
    await county.goto(reportUrl);
    await county.getByRole('button', { name: '审核通过' }).click();
    await county.waitForURL(/flash=saved/);
    assert.match((await county.locator('main').textContent()) ?? '', /已发布/);

    const pub = await newPage();
    await pub.goto('/agencies/lingxi/reports');
    await pub.getByRole('link', { name: '永顺县灵溪镇人民政府2025年政府信息公开工作年度报告' }).click();
    await pub.waitForURL('**/agencies/lingxi/reports/2025');
    assert.match((await pub.locator('main').textContent()) ?? '', /通过政府网站和政务公开栏主动公开政府信息/);
    assert.ok(await pub.getByRole('table', { name: '四、政府信息公开行政复议、行政诉讼情况' }).isVisible());
    assertNoAxeViolations(await runAxe(pub), 'the public report page');
    await pub.goto('/agencies/lingxi/reports');
    assertNoAxeViolations(await runAxe(pub), 'the 年报 column');
    await pub.setViewportSize({ width: 375, height: 800 });
    await pub.goto('/agencies/lingxi/reports/2025');
    const overflow = await pub.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
    assert.equal(overflow, false, 'the report page scrolls sideways at 375 px');
  });
});
