// Online 补正 and the one 进度查询 in Chromium (issue #14 points 5–6). An applicant whose
// application awaits 补正 looks it up on a phone (375 px), answers with the corrected description
// and a file; the 灵溪镇 clerk (1366 px) finds it in the 工作台 queue, opens the case and accepts
// it, and the applicant's page says the answer period restarted. Then one 进度查询 form finds an
// application, a mailbox letter and a service-hall case, at 375 and 1366 px. axe-core on every
// page; no page scrolls sideways at 375 px.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { systemContext } from '../../src/bootstrap.ts';
import { createUser } from '../../src/modules/account/user.service.ts';
import { findAgencyBySlug } from '../../src/modules/agency/index.ts';
import { confirmReceipt, readInfoRequestForm, submitOnline } from '../../src/modules/info-request/intake.service.ts';
import { loadCase } from '../../src/modules/info-request/info-request.service.ts';
import { requestCorrection } from '../../src/modules/info-request/process.service.ts';
import { residentIdCheckChar } from '../../src/modules/info-request/rules/index.ts';
import { resetQueryCode } from '../../src/modules/service-hall/service-case.service.ts';
import { inTransaction } from '../../src/platform/transaction.ts';
import {
  assertNoAxeViolations,
  BrowserSuite,
  field,
  loginAs,
  runAxe,
  type RunningServer,
  SKIP_WITHOUT_CHROMIUM,
} from '../support/browser.ts';
import { TEST_PASSWORD } from '../support/test-app.ts';

const PHONE = { width: 375, height: 812 };
const DESKTOP = { width: 1366, height: 900 };
const ID = '43312719870512003' + residentIdCheckChar('43312719870512003');
const CORRECTED = '溪州大道（猛洞河桥至汽车站段）2025年维修工程的项目预算表';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

async function checkPage(page: Page, where: string) {
  assertNoAxeViolations(await runAxe(page), where);
  const width = page.viewportSize()?.width ?? 0;
  const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(scroll <= width, `${where} scrolls sideways at ${width} px (${scroll} px wide)`);
}

async function lookUp(page: Page, number: string, code: string) {
  await page.goto('/track');
  await field(page, '编号').fill(number);
  await field(page, '查询码').fill(code);
  await page.getByRole('button', { name: '查询' }).click();
  await page.waitForLoadState('load');
  assert.ok(!page.url().includes(code), 'the query code is never in a URL');
}

describe('online 补正 and one 进度查询 in Chromium', { skip: SKIP_WITHOUT_CHROMIUM, timeout: 300_000 }, () => {
  let server: RunningServer;
  const suite = new BrowserSuite({ bypassCSP: true, defaultTimeout: 15_000 });
  let application = { number: '', code: '' };

  before(async () => {
    server = await suite.open();
    const db = server.deps.database.db;
    const ctx = systemContext(server.deps.clock);
    const today = ctx.at.slice(0, 10);
    const due = new Date(Date.parse(`${today}T00:00:00Z`) + 14 * 86_400_000).toISOString().slice(0, 10);
    const lingxi = await findAgencyBySlug(db, 'lingxi');
    assert.ok(lingxi);
    const cal = await server.deps.calendar.get();
    // An application online, confirmed and sent a 补正告知书 today (as in the route tests).
    const made = await inTransaction(db, (trx) =>
      submitOnline(
        trx,
        ctx,
        lingxi,
        readInfoRequestForm({
          applicantKind: 'naturalPerson',
          name: '向补正',
          idDocumentType: 'residentIdCard',
          idDocumentNumber: ID,
          phone: '13974319999',
          informationName: '镇里修路的预算',
          requestedForm: 'electronic',
          deliveryWay: 'onlinePlatform',
        }),
        [],
      ),
    );
    await inTransaction(db, async (trx) => confirmReceipt(trx, ctx, cal, await loadCase(trx, made.id), today));
    await inTransaction(db, async (trx) =>
      requestCorrection(trx, ctx, cal, await loadCase(trx, made.id), {
        noticeSentOn: today,
        correctionDueOn: due,
        items: '请写明道路的名称、路段和年份。',
        trackUrl: `${server.baseUrl}/track`,
      }),
    );
    application = { number: made.number, code: made.queryCode };
    const { id } = await inTransaction(db, (trx) =>
      createUser(trx, ctx, {
        agencyId: lingxi.id,
        username: 'lx.buzheng',
        displayName: '灵溪补正信息员',
        email: '',
        roles: ['clerk'],
        password: TEST_PASSWORD,
      }),
    );
    await db.updateTable('users').set({ mustChangePassword: 0 }).where('id', '=', id).execute();
  });

  after(() => suite.close());

  test('an applicant answers a 补正 online on a phone and the clerk accepts it', async () => {
    const applicant = await suite.newPage({ viewport: PHONE });
    await lookUp(applicant, application.number, application.code);
    await applicant.waitForURL(`**/apply/track/${application.number}`);
    await applicant.getByRole('heading', { name: '在线补正' }).waitFor();
    assert.ok(await applicant.getByText('请写明道路的名称、路段和年份。').first().count());
    await checkPage(applicant, 'tracking page with the 补正 form (375 px)');
    // The letter says how to answer online.
    await applicant.getByRole('link', { name: /查看和打印.*补正告知书/ }).click();
    assert.ok(await applicant.getByText(/进度查询.*\/track/).count(), 'the letter gives the 进度查询 address');
    await applicant.goBack();

    // A file that is not what its name says is refused; the text stays.
    await field(applicant, '补正后的申请内容').fill(CORRECTED);
    await applicant.locator('#f-files').setInputFiles({
      name: '路段图.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('GIF89a not a pdf'),
    });
    await applicant.getByRole('button', { name: '提交补正' }).click();
    await applicant.locator('.error-summary').waitFor();
    assert.equal(await field(applicant, '补正后的申请内容').inputValue(), CORRECTED);
    await checkPage(applicant, '补正 form with an error (375 px)');
    await applicant.locator('#f-files').setInputFiles({ name: '路段图.pdf', mimeType: 'application/pdf', buffer: PDF });
    await applicant.getByRole('button', { name: '提交补正' }).click();
    await applicant.waitForURL(/flash=corrected/);
    await applicant.getByText('补正材料已提交').first().waitFor();
    assert.ok(await applicant.getByText(/本机关正在审查/).count());
    await checkPage(applicant, 'tracking page after the answer (375 px)');
    // Reloading the page after the redirect sends nothing again.
    await applicant.reload();
    const stored = await server.deps.database.db.selectFrom('infoRequestCorrections').selectAll().execute();
    assert.equal(stored.length, 1);

    const clerk = await suite.newPage({ viewport: DESKTOP });
    await loginAs(clerk, 'lx.buzheng', TEST_PASSWORD);
    await clerk.goto('/admin');
    await checkPage(clerk, '工作台 (1366 px)');
    await clerk
      .getByRole('link', { name: /申请人已在线补正、待审查的申请|在线补正待审查/ })
      .first()
      .click();
    await clerk.getByRole('link', { name: application.number }).click();
    await clerk.getByRole('heading', { name: '申请人在线提交的补正' }).waitFor();
    assert.ok(await clerk.getByText(CORRECTED).count());
    assert.ok(await clerk.getByRole('link', { name: '路段图.pdf' }).count());
    await checkPage(clerk, 'case page with the online 补正 (1366 px)');
    await clerk.getByRole('button', { name: '接收补正' }).click();
    await clerk.waitForURL(/flash=saved/);
    assert.ok(await clerk.getByText('办理中').first().count());
    const r = await server.deps.database.db
      .selectFrom('infoRequests')
      .select(['state', 'correctedReceivedOn', 'dueOn'])
      .where('number', '=', application.number)
      .executeTakeFirstOrThrow();
    assert.equal(r.state, 'processing');
    assert.ok(r.correctedReceivedOn && r.dueOn && r.dueOn > r.correctedReceivedOn);

    await applicant.reload();
    await applicant.getByText(/收到您补正后的申请，答复期限自该日起重新计算/).waitFor();
    assert.equal(await applicant.locator('#f-files').count(), 0, 'no form once accepted');
    assert.ok(!(await applicant.content()).includes(CORRECTED), 'what was sent is not shown back');
    await checkPage(applicant, 'tracking page after acceptance (375 px)');
  });

  test('one 进度查询 finds an application, a mailbox letter and a service-hall case', async () => {
    // A letter to the 领导信箱, written on a phone.
    const writer = await suite.newPage({ viewport: PHONE });
    await writer.goto('/agencies/lingxi/mailbox');
    await field(writer, '标题').fill('路灯不亮');
    await field(writer, '内容').fill('溪州大道猛洞河桥头的路灯一周没有亮了。');
    await field(writer, '姓名').fill('田某');
    await field(writer, '联系电话').fill('13974318888');
    await writer.getByRole('button', { name: '提交' }).click();
    await writer.waitForSelector('#receipt-number');
    const letter = {
      number: (await writer.locator('#receipt-number').textContent())!.trim(),
      code: (await writer.locator('#query-code').textContent())!.trim(),
    };
    // A service-hall case of the demo, its code issued again as for an applicant who lost it.
    const db = server.deps.database.db;
    const hall = await db
      .selectFrom('serviceCases')
      .select(['id', 'caseNumber'])
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const hallCode = await inTransaction(db, (trx) => resetQueryCode(trx, systemContext(server.deps.clock), hall.id));

    const cases: [string, string, RegExp, string][] = [
      [application.number, application.code, /\/apply\/track\//, '的办理进度'],
      [letter.number, letter.code, /\/track\/case\//, '路灯不亮'],
      [hall.caseNumber, hallCode, /\/service-hall\/case\//, hall.caseNumber],
    ];
    for (const viewport of [PHONE, DESKTOP]) {
      const page = await suite.newPage({ viewport });
      await page.goto('/track');
      await checkPage(page, `进度查询 (${viewport.width} px)`);
      for (const [number, code, path, shows] of cases) {
        await lookUp(page, number, code);
        assert.match(page.url(), path, `${number} opens its page`);
        assert.ok(await page.getByText(shows).first().count(), `${number}: ${shows}`);
        await checkPage(page, `${page.url()} (${viewport.width} px)`);
      }
      await lookUp(page, application.number, 'AAAAAAAA');
      assert.ok(await page.getByText('编号或查询码不正确').first().count());
    }
  });
});
