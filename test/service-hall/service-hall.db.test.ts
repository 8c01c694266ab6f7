// The service hall on both engines: items and guides (with CSV), the window flow through the
// admin pages, the stored clock with 补齐补正, deemed approval (not before the deadline, not
// twice, and after downtime), the monthly rates against hand-computed values, ratings, object
// authorisation, the public pages without personal data, and the table 二 licence count.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { systemContext } from '../../src/bootstrap.ts';
import { buildJobs, runJobsOnce } from '../../src/jobs/runner.ts';
import type { AuditContext } from '../../src/platform/audit.ts';
import { loadWorkCalendar } from '../../src/modules/calendar/calendar.service.ts';
import type { WorkCalendar } from '../../src/modules/calendar/working-days.ts';
import { table2Query } from '../../src/modules/annual-report/queries/table2.query.ts';
import { countLicenceDecisions, runDeemedApprovals } from '../../src/modules/service-hall/index.ts';
import {
  acceptCase,
  decideCase,
  deliverCase,
  materialsArrived,
  notAcceptCase,
  rateCase,
  requestMaterials,
  startProcessing,
} from '../../src/modules/service-hall/service-case.service.ts';
import { registerCase } from '../../src/modules/service-hall/service-case.register.ts';
import { monthFigures } from '../../src/modules/service-hall/service-hall.stats.ts';
import {
  createWindow,
  saveItem,
  EMPTY_ITEM,
  type ItemInput,
} from '../../src/modules/service-hall/service-item.service.ts';
import { inTransaction } from '../../src/platform/transaction.ts';
import { Agent } from '../support/agent.ts';
import { createTestEnv, type TestEnv } from '../support/test-app.ts';
import { multipartBody } from '../support/multipart.ts';

let env: TestEnv;
let cal: WorkCalendar;
let lingxi: number;
let gaoping: number;
const items: Record<string, number> = {};
let windowId: number;

const at = (date: string, time = '02:00:00'): AuditContext => ({
  actorUserId: null,
  actorName: 'test',
  ip: '127.0.0.1',
  at: `${date}T${time}.000Z`,
});
const tx = <T>(fn: Parameters<typeof inTransaction<T>>[1]) => inTransaction(env.database.db, fn);
const item = (over: Partial<ItemInput> & Pick<ItemInput, 'name'>): ItemInput => ({
  ...EMPTY_ITEM,
  legalBasis: '《中华人民共和国行政许可法》',
  conditions: '符合条件。',
  materials: '申请书\n身份证明',
  windowId: String(windowId),
  ...over,
});
const applicant = {
  channel: 'window' as const,
  applicantName: '测试申请人甲',
  applicantPhone: '13974300001',
  applicantEmail: 'jia@example.com',
  summary: '',
};

/** The status page as an applicant reaches it: number and code POSTed, then the page the cookie opens. */
async function statusPage(caseNumber: string, queryCode: string) {
  const a = new Agent(env.app);
  await a.get('/track');
  const found = await a.post('/track', { number: caseNumber, code: queryCode });
  assert.equal(found.statusCode, 303, found.body.slice(0, 500));
  return a.get(String(found.headers.location));
}

async function newCase(itemKey: string, receivedOn: string) {
  return tx((trx) => registerCase(trx, at(receivedOn), { itemId: items[itemKey] as number, ...applicant }));
}
/** A rejection with a ValidationError whose field messages match `re`. */
const fieldError = (re: RegExp) => (err: unknown) =>
  re.test(Object.values((err as { fields?: Record<string, string> }).fields ?? {}).join(' '));
const caseRow = (id: number) =>
  env.database.db.selectFrom('serviceCases').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

before(async () => {
  env = await createTestEnv({ now: '2025-03-03T02:00:00Z' });
  cal = await loadWorkCalendar(env.database.db);
  lingxi = env.county.agencyIds.lingxi as number;
  gaoping = env.county.agencyIds.gaoping as number;
  windowId = await tx((trx) => createWindow(trx, systemContext(env.clock), lingxi, '综合受理窗口', '一楼 1 号'));
  const defs: [string, ItemInput][] = [
    [
      'deemed',
      item({
        name: '乡村建设规划许可证核发',
        promisedDays: '10',
        deemedApproval: '1',
        deemedApprovalBasis: '灵政发〔2025〕3号 第三条',
      }),
    ],
    ['licence', item({ name: '农村村民宅基地审批', promisedDays: '15' })],
    ['service', item({ name: '临时救助申请', kind: 'publicService', statutoryDays: '10', promisedDays: '5' })],
  ];
  for (const [k, input] of defs) items[k] = await tx((trx) => saveItem(trx, systemContext(env.clock), lingxi, input));
  await env.user('lx.clerk', 'lingxi', ['clerk']);
  await env.user('lx.reviewer', 'lingxi', ['reviewer']);
  await env.user('lx.admin', 'lingxi', ['admin']);
  await env.user('gp.clerk', 'gaoping', ['clerk']);
});
after(() => env.close());

describe('items, guides, CSV and XLSX', () => {
  test("deemed approval needs the agency's declaration; the form keeps what was typed", async () => {
    const a = new Agent(env.app);
    await a.login('lx.admin');
    await a.get(`/admin/service-hall/items/new?agencyId=${lingxi}`);
    const res = await a.post(`/admin/service-hall/items?agencyId=${lingxi}`, {
      ...item({ name: '个体诊所设置审批', deemedApproval: '1', promisedDays: '30', statutoryDays: '20' }),
    });
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /只有本机关已公开承诺对该事项实行超时默许的/);
    assert.match(res.body, /承诺办结时限不能长于法定办结时限/);
    assert.match(res.body, /value="个体诊所设置审批"/);
    const stored = await env.database.db
      .selectFrom('serviceItems')
      .select('id')
      .where('name', '=', '个体诊所设置审批')
      .executeTakeFirst();
    assert.equal(stored, undefined);
  });

  test('the public guide lists basis, conditions, materials and time limits', async () => {
    const res = await env.app.inject(`/agencies/lingxi/service-hall/items/${items.deemed}`);
    assert.equal(res.statusCode, 200);
    for (const text of [
      '乡村建设规划许可证核发 办事指南',
      '设定依据',
      '<li>申请书</li>',
      '<li>身份证明</li>',
      '10 个工作日',
      '超时默许',
      '灵政发〔2025〕3号 第三条',
    ]) {
      assert.ok(res.body.includes(text), text);
    }
    const list = await env.app.inject('/agencies/lingxi/service-hall');
    assert.match(list.body, /临时救助申请/);
    const landing = await env.app.inject('/agencies/lingxi');
    assert.match(landing.body, /href="\/agencies\/lingxi\/service-hall"/);
    assert.match(landing.body, /href="\/agencies\/lingxi\/service-hall\/stats"/);
    for (const bad of ['abc', '99999999999', '0'])
      assert.equal((await env.app.inject(`/agencies/lingxi/service-hall/items/${bad}`)).statusCode, 404, bad);
    const other = await env.app.inject(`/agencies/gaoping/service-hall/items/${items.deemed}`);
    assert.equal(other.statusCode, 404, 'an item is only shown under its own agency');
  });

  test('CSV export and import round-trip; a bad row names its line and nothing is written', async () => {
    const a = new Agent(env.app);
    await a.login('lx.admin');
    const exported = await a.get(`/admin/service-hall/items.csv?agencyId=${lingxi}`);
    assert.equal(exported.statusCode, 200);
    assert.match(String(exported.headers['content-type']), /text\/csv/);
    assert.ok(exported.body.startsWith('\ufeff事项名称,事项类型,办理窗口'));
    assert.ok(exported.body.includes('"申请书\n身份证明"'), 'materials stay one per line inside a quoted cell');
    const extra =
      '老年人优待证办理,公共服务,综合受理窗口,《老年人权益保障法》,年满六十周岁。,"身份证\n户口簿",5,1,不收费,否,\r\n';
    await a.get(`/admin/service-hall/items?agencyId=${lingxi}`);
    const bad = await a.post(`/admin/service-hall/items/import?agencyId=${lingxi}`, {
      csv: exported.body + extra + '坏事项,行政审批,,依据,条件,材料,abc,,,是,\r\n',
    });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /第 6 行：事项类型应为/);
    assert.equal(
      await env.database.db
        .selectFrom('serviceItems')
        .select('id')
        .where('name', '=', '老年人优待证办理')
        .executeTakeFirst(),
      undefined,
    );
    const ok = await a.post(`/admin/service-hall/items/import?agencyId=${lingxi}`, { csv: exported.body + extra });
    assert.equal(ok.statusCode, 303);
    const rows = await env.database.db
      .selectFrom('serviceItems')
      .selectAll()
      .where('agencyId', '=', lingxi)
      .orderBy('id')
      .execute();
    assert.equal(rows.length, 4);
    const imported = rows.find((r) => r.name === '老年人优待证办理');
    assert.equal(imported?.materials, '身份证\n户口簿');
    assert.equal(imported?.promisedDays, 1);
    assert.equal(
      rows.find((r) => r.id === items.deemed)?.deemedApproval,
      1,
      'the round-trip keeps the deemed-approval declaration',
    );
  });
  test('formula-like cells are neutralised in the CSV and XLSX exports and re-import as typed', async () => {
    const a = new Agent(env.app);
    await a.login('lx.admin');
    const hostile = '=HYPERLINK("http://evil.example","点此")';
    const line = `公式测试事项,公共服务,综合受理窗口,"${hostile.replace(/"/g, '""')}",@SUM(1),-1+cmd,5,1,不收费,否,\r\n`;
    const base = await a.get(`/admin/service-hall/items.csv?agencyId=${lingxi}`);
    await a.get(`/admin/service-hall/items?agencyId=${lingxi}`);
    const first = await a.post(`/admin/service-hall/items/import?agencyId=${lingxi}`, { csv: base.body + line });
    assert.equal(first.statusCode, 303);
    const stored = () =>
      env.database.db
        .selectFrom('serviceItems')
        .selectAll()
        .where('name', '=', '公式测试事项')
        .executeTakeFirstOrThrow();
    assert.equal((await stored()).legalBasis, hostile);
    const csv = await a.get(`/admin/service-hall/items.csv?agencyId=${lingxi}`);
    assert.ok(csv.body.includes(`"'=HYPERLINK(""http://evil.example"",""点此"")",'@SUM(1),'-1+cmd,`), csv.body);
    const xlsx = await a.get(`/admin/service-hall/items.xlsx?agencyId=${lingxi}`);
    const { xlsxToRows } = await import('../../src/modules/service-hall/service-item.xlsx.ts');
    const row = (await xlsxToRows(xlsx.rawPayload)).find((r) => r[0] === '公式测试事项');
    assert.deepEqual(row?.slice(3, 6), [`'${hostile}`, "'@SUM(1)", "'-1+cmd"]);
    await a.get(`/admin/service-hall/items?agencyId=${lingxi}`);
    const again = await a.post(`/admin/service-hall/items/import?agencyId=${lingxi}`, { csv: csv.body });
    assert.equal(again.statusCode, 303);
    const back = await stored();
    assert.deepEqual([back.legalBasis, back.conditions, back.materials], [hostile, '@SUM(1)', '-1+cmd']);
    await env.database.db.deleteFrom('serviceItems').where('name', '=', '公式测试事项').execute();
  });
  test('XLSX export and upload import (file); a wrong file type is refused with a message', async () => {
    const a = new Agent(env.app);
    await a.login('lx.admin');
    const exported = await a.get(`/admin/service-hall/items.xlsx?agencyId=${lingxi}`);
    assert.equal(exported.statusCode, 200);
    assert.match(String(exported.headers['content-type']), /spreadsheetml/);
    const { xlsxToRows, rowsToXlsx } = await import('../../src/modules/service-hall/service-item.xlsx.ts');
    const rows = await xlsxToRows(exported.rawPayload);
    assert.equal(rows[0]?.[0], '事项名称');
    assert.ok(rows.some((r) => r[0] === '乡村建设规划许可证核发' && r[9] === '是' && r[5] === '申请书\n身份证明'));
    rows.push([
      '残疾人证办理',
      '公共服务',
      '',
      '《残疾人保障法》',
      '持有残疾评定结论。',
      '身份证\n评定结论',
      '10',
      '',
      '不收费',
      '否',
      '',
    ]);
    const upload = async (fileName: string, data: Buffer) => {
      await a.get(`/admin/service-hall/items?agencyId=${lingxi}`);
      const { payload, contentType } = multipartBody([
        { name: '_csrf', value: a.csrf },
        { name: 'file', file: { name: fileName, data } },
      ]);
      return env.app.inject({
        method: 'POST',
        url: `/admin/service-hall/items/import-file?agencyId=${lingxi}`,
        payload,
        headers: { 'content-type': contentType, cookie: a.cookieHeader() },
      });
    };
    const wrong = await upload('items.txt', Buffer.from('x'));
    assert.equal(wrong.statusCode, 422);
    assert.match(wrong.body, /只能导入 .csv 或 .xlsx 文件/);
    const ok = await upload('items.xlsx', await rowsToXlsx(rows, '事项清单'));
    assert.equal(ok.statusCode, 303);
    const added = await env.database.db
      .selectFrom('serviceItems')
      .selectAll()
      .where('name', '=', '残疾人证办理')
      .executeTakeFirstOrThrow();
    assert.equal(added.kind, 'publicService');
    assert.equal(added.materials, '身份证\n评定结论');
  });
});

describe('a case at the window', () => {
  test('clerk registers and accepts; the stored due date and its explanation show; another town cannot see it', async () => {
    env.clock.set('2025-01-24T02:00:00Z'); // Friday before 春节 2025
    const a = new Agent(env.app);
    await a.login('lx.clerk');
    await a.get('/admin/service-hall/cases/new');
    const bad = await a.post('/admin/service-hall/cases', {
      itemId: String(items.service),
      channel: 'window',
      applicantName: '',
      applicantPhone: '123',
      applicantEmail: '',
      summary: '申请临时救助',
    });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /请填写申请人/);
    assert.match(bad.body, /申请临时救助/);
    const res = await a.post('/admin/service-hall/cases', {
      itemId: String(items.service),
      channel: 'window',
      applicantName: '向某某',
      applicantPhone: '13974300002',
      applicantEmail: '',
      summary: '',
    });
    assert.equal(res.statusCode, 303);
    const url = String(res.headers.location);
    const page = await a.get(url);
    assert.match(page.body, /查询码 <strong>[A-Z2-9]{8}<\/strong>/);
    await a.post(`${url.split('?')[0]}/accept`, {});
    const accepted = await a.get(url.split('?')[0] as string);
    // 5 working days from Fri 24 Jan: Sun 26 Jan (调休上班), Mon 27, then 春节 to 4 Feb; 5, 6, 7 Feb.
    assert.match(accepted.body, /id="due-on">2025-02-07</);
    assert.match(accepted.body, /计入调休上班日：2025-01-26/);
    assert.match(accepted.body, /办理记录/);
    assert.match(accepted.body, /<td>收件登记<\/td>/);
    assert.match(accepted.body, /<td>受理<\/td>/);
    const audit = await env.database.db
      .selectFrom('auditEvents')
      .select('action')
      .where('entityType', '=', 'serviceCase')
      .execute();
    assert.ok(
      audit.some((e) => e.action === 'serviceCase.received') && audit.some((e) => e.action === 'serviceCase.accept'),
    );

    const outsider = new Agent(env.app);
    await outsider.login('gp.clerk');
    assert.equal((await outsider.get(url.split('?')[0] as string)).statusCode, 403);
    assert.equal((await outsider.post(`${url.split('?')[0]}/deliver`, {})).statusCode, 403);
    const reviewer = new Agent(env.app);
    await reviewer.login('lx.clerk');
    await reviewer.get(url.split('?')[0] as string);
    assert.equal(
      (await reviewer.post(`${url.split('?')[0]}/decide`, { decision: 'approved' })).statusCode,
      403,
      'a clerk does not decide',
    );
  });

  test('online application: receipt with number and query code, window notified; bad input keeps the text; honeypot refused', async () => {
    const v = new Agent(env.app);
    const url = `/agencies/lingxi/service-hall/items/${items.licence}/apply`;
    await v.get(url);
    const bad = await v.post(url, {
      applicantName: '',
      applicantPhone: '13974300009',
      applicantEmail: '',
      summary: '在司城村建房',
    });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /请填写申请人/);
    assert.match(bad.body, /在司城村建房/);
    const bot = await v.post(url, {
      applicantName: '机器人',
      applicantPhone: '13974300009',
      applicantEmail: '',
      summary: 'x',
      website: 'spam',
    });
    assert.equal(bot.statusCode, 400);
    await v.get(url);
    const token = v.once;
    assert.ok(token, 'the form carries a one-time token');
    const ok = await v.post(url, {
      applicantName: '网上申请人',
      applicantPhone: '13974300009',
      applicantEmail: '',
      summary: '在司城村建房',
    });
    assert.equal(ok.statusCode, 303, 'post/redirect/get');
    assert.match(ok.headers.location as string, /^\/service-hall\/receipt\/FW-/);
    assert.doesNotMatch(ok.headers.location as string, /[A-Z2-9]{8}$/, 'no query code in the URL');
    const receipt = await v.follow(ok);
    assert.equal(receipt.statusCode, 200);
    const number = /<dt>办件编号<\/dt><dd>(FW-[A-Z0-9-]+)<\/dd>/.exec(receipt.body)?.[1];
    const code = /<dt>查询码<\/dt><dd>([A-Z2-9]{8})<\/dd>/.exec(receipt.body)?.[1];
    assert.ok(number && code);
    // The same form again (a refresh of the POST, a double click): nothing new, the first receipt.
    const again = await v.post(url, {
      applicantName: '网上申请人',
      applicantPhone: '13974300009',
      applicantEmail: '',
      summary: '在司城村建房',
      _once: token,
    });
    assert.equal(again.statusCode, 303);
    assert.equal(again.headers.location, ok.headers.location);
    const stranger = new Agent(env.app);
    assert.equal((await stranger.get(ok.headers.location as string)).statusCode, 303, 'the receipt is the writer’s');
    const filed = await env.database.db
      .selectFrom('serviceCases')
      .select('id')
      .where('applicantName', '=', '网上申请人')
      .execute();
    assert.equal(filed.length, 1, 'one case for one form');
    const row = await env.database.db
      .selectFrom('serviceCases')
      .selectAll()
      .where('caseNumber', '=', number)
      .executeTakeFirstOrThrow();
    assert.equal(row.channel, 'online');
    assert.equal(row.status, 'received');
    assert.equal(
      await env.database.db
        .selectFrom('serviceCases')
        .select('id')
        .where('applicantName', '=', '机器人')
        .executeTakeFirst(),
      undefined,
    );
    const n = await env.database.db
      .selectFrom('notifications')
      .select('subject')
      .where('relatedId', '=', String(row.id))
      .execute();
    assert.ok(n.some((x) => x.subject.includes('新的网上申请')));
    const status = await v.get(`/service-hall/case/${number}`);
    assert.equal(status.statusCode, 200, 'the receipt sets the view cookie: the progress link works');
    assert.match(status.body, /已收件，待受理/);
    assert.match(status.body, /网上申请/);
  });

  test('补齐补正 stops the clock, restarts it when the materials arrive, and is one-time only', async () => {
    const c = await newCase('licence', '2025-03-03');
    await tx((trx) => acceptCase(trx, at('2025-03-03'), cal, c.id)); // 15 days → 24 Mar
    assert.equal((await caseRow(c.id)).dueOn, '2025-03-24');
    await tx((trx) => requestMaterials(trx, at('2025-03-05'), c.id, '村民小组会议记录\n宅基地坐落平面位置图'));
    const stopped = await caseRow(c.id);
    assert.equal(stopped.status, 'awaitingMaterials');
    assert.equal(stopped.dueOn, null);
    const status = await statusPage(c.caseNumber, c.queryCode);
    assert.match(status.body, /宅基地坐落平面位置图/);
    assert.match(status.body, /计时暂停/);
    await tx((trx) => materialsArrived(trx, at('2025-03-10'), cal, c.id)); // 6, 7, 10 Mar not counted
    const restarted = await caseRow(c.id);
    assert.equal(restarted.status, 'accepted');
    assert.equal(restarted.dueOn, '2025-03-27');
    await assert.rejects(
      tx((trx) => requestMaterials(trx, at('2025-03-11'), c.id, '另一份材料')),
      /一次告知全部内容/,
    );
    const notices = await env.database.db
      .selectFrom('notifications')
      .select('subject')
      .where('relatedType', '=', 'serviceCase')
      .where('relatedId', '=', String(c.id))
      .execute();
    assert.ok(notices.some((n) => n.subject.includes('补齐补正告知')));
  });

  test('a refusal needs a reason; not accepting needs a reason', async () => {
    const c = await newCase('licence', '2025-03-04');
    await assert.rejects(
      tx((trx) => notAcceptCase(trx, at('2025-03-04'), c.id, ' ')),
      fieldError(/请填写不予受理的理由/),
    );
    await tx((trx) => acceptCase(trx, at('2025-03-04'), cal, c.id));
    await assert.rejects(
      tx((trx) => decideCase(trx, at('2025-03-05'), c.id, 'refused', '')),
      fieldError(/应当说明理由/),
    );
  });
});

describe('query codes (hashed, never in a URL)', () => {
  test('stored as a hash; looked up by POST; the view is a signed 30-minute cookie for that case only', async () => {
    const c = await newCase('licence', '2025-03-03');
    const row = await caseRow(c.id);
    assert.equal(row.queryCodeHash, createHash('sha256').update(`gk-query-code:${c.queryCode}`).digest('hex'));
    assert.ok(!JSON.stringify(row).includes(c.queryCode), 'the plaintext code is stored nowhere in the row');
    assert.equal(
      (await env.database.db.selectFrom('auditEvents').select('summary').execute()).filter((e) =>
        e.summary.includes(c.queryCode),
      ).length,
      0,
    );

    const a = new Agent(env.app);
    const old = await a.get('/service-hall/track');
    assert.equal(old.statusCode, 301, 'the old lookup leads to the one 进度查询');
    assert.equal(old.headers.location, '/track');
    const form = await a.get('/track');
    assert.match(form.body, /<form method="post" action="\/track"/);
    // The old form's POST (its field names) is still answered, by the same lookup.
    const wrong = await a.post('/service-hall/track', { caseNumber: c.caseNumber, queryCode: 'WRONG234' });
    assert.equal(wrong.statusCode, 422);
    assert.match(wrong.body, /编号或查询码不正确/);
    assert.match(wrong.body, new RegExp(`value="${c.caseNumber}"`), 'the form keeps the number');
    const empty = await a.post('/service-hall/track', { caseNumber: c.caseNumber, queryCode: '' });
    assert.equal(empty.statusCode, 422);
    assert.match(empty.body, /请填写查询码/);
    const ok = await a.post('/track', {
      number: c.caseNumber.toLowerCase(),
      code: c.queryCode.toLowerCase(),
    });
    assert.equal(ok.statusCode, 303);
    assert.equal(ok.headers.location, `/service-hall/case/${c.caseNumber}`);
    assert.ok(!String(ok.headers.location).includes(c.queryCode));
    const page = await a.get(`/service-hall/case/${c.caseNumber}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /当前状态/);
    assert.ok(!page.body.includes(c.queryCode), 'the status page does not repeat the code');
    assert.match(String(page.headers['cache-control']), /no-store/);

    // Without the cookie, with another case's number, or after 30 minutes: back to the lookup form.
    const other = await newCase('licence', '2025-03-03');
    for (const [agent, number] of [
      [new Agent(env.app), c.caseNumber],
      [a, other.caseNumber],
    ] as const) {
      const res = await agent.get(`/service-hall/case/${number}`);
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, `/track?number=${number}`);
    }
    // A forged (unsigned) cookie is refused.
    const forged = await env.app.inject({
      url: `/service-hall/case/${other.caseNumber}`,
      headers: { cookie: `gk_sh_view=${other.id}.9999999999` },
    });
    assert.equal(forged.statusCode, 303);
    const saved = env.clock.now();
    try {
      env.clock.set(new Date(saved.getTime() + 31 * 60 * 1000).toISOString());
      assert.equal((await a.get(`/service-hall/case/${c.caseNumber}`)).statusCode, 303);
    } finally {
      env.clock.set(saved);
    }
    // Old links with the code in the query string lead to the form and show nothing.
    const oldLink = await env.app.inject(`/service-hall/case?caseNumber=${c.caseNumber}&queryCode=${c.queryCode}`);
    assert.equal(oldLink.statusCode, 303);
    assert.equal(oldLink.headers.location, `/track?number=${c.caseNumber}`);
  });

  test('staff see the code once at registration; a reset issues a new one and the old one stops working', async () => {
    const clerk = new Agent(env.app);
    await clerk.login('lx.clerk');
    const c = await newCase('licence', '2025-03-03');
    const page = await clerk.get(`/admin/service-hall/cases/${c.id}`);
    assert.equal(page.statusCode, 200);
    assert.ok(!page.body.includes(c.queryCode));
    assert.match(page.body, /仅在登记时显示一次/);
    assert.ok(!/queryCode=/.test(page.body), 'no link carries a query code');
    const reset = await clerk.post(`/admin/service-hall/cases/${c.id}/query-code`, {});
    assert.equal(reset.statusCode, 303);
    assert.equal(reset.headers.location, `/admin/service-hall/cases/${c.id}?receipt=1`);
    const shown = await clerk.get(String(reset.headers.location));
    const code = /查询码 <strong>([A-Z2-9]{8})<\/strong>/.exec(shown.body)?.[1];
    assert.ok(code && code !== c.queryCode, shown.body.slice(0, 300));
    const v = new Agent(env.app);
    await v.get('/track');
    assert.equal((await v.post('/track', { number: c.caseNumber, code: c.queryCode })).statusCode, 422);
    assert.equal((await v.post('/track', { number: c.caseNumber, code })).statusCode, 303);
    // Another browser opening ?receipt=1 without the cookie sees no code.
    const other = new Agent(env.app);
    await other.login('lx.clerk');
    assert.ok(!(await other.get(`/admin/service-hall/cases/${c.id}?receipt=1`)).body.includes(code));
  });
});

describe('deemed approval (超时默许)', () => {
  test('at the deadline, not before, not twice; notices to applicant and window; audit event', async () => {
    const c = await newCase('deemed', '2025-04-01');
    await tx((trx) => acceptCase(trx, at('2025-04-01'), cal, c.id)); // 10 days, 清明 4–6 Apr → 16 Apr
    const dueOn = (await caseRow(c.id)).dueOn;
    assert.equal(dueOn, '2025-04-16');
    const licenceCase = await newCase('licence', '2025-04-01');
    await tx((trx) => acceptCase(trx, at('2025-04-01'), cal, licenceCase.id));

    env.clock.set('2025-04-16T15:59:59Z'); // 23:59:59 on the last day in Beijing
    assert.equal((await runDeemedApprovals(env.database.db, env.clock)).approved, 0);
    assert.equal((await caseRow(c.id)).status, 'accepted');

    env.clock.set('2025-04-16T16:00:00Z'); // 00:00 the next day in Beijing
    const jobs = buildJobs(env.deps);
    assert.ok(jobs.some((j) => j.name === 'serviceCases.deemedApproval'));
    await runJobsOnce(env.deps, jobs, { info: () => undefined, error: (e: unknown) => assert.fail(String(e)) });
    const decided = await caseRow(c.id);
    assert.equal(decided.status, 'decided');
    assert.equal(decided.decision, 'approved');
    assert.equal(decided.decisionReason, '超时默许');
    assert.equal(decided.deemed, 1);
    assert.equal(decided.decidedOn, '2025-04-16');
    assert.equal(
      (await caseRow(licenceCase.id)).status,
      'accepted',
      'an item without deemed approval is never approved by the job',
    );

    env.clock.set('2025-04-18T02:00:00Z');
    assert.equal((await runDeemedApprovals(env.database.db, env.clock)).approved, 0, 'never twice');
    const events = await env.database.db
      .selectFrom('auditEvents')
      .select('action')
      .where('entityType', '=', 'serviceCase')
      .where('entityId', '=', String(c.id))
      .where('action', '=', 'serviceCase.deemApproval')
      .execute();
    assert.equal(events.length, 1);
    const notices = await env.database.db
      .selectFrom('notifications')
      .select(['subject', 'recipientName'])
      .where('relatedId', '=', String(c.id))
      .where('subject', 'like', '%超时默许%')
      .execute();
    assert.deepEqual(notices.map((n) => n.recipientName).sort(), ['综合受理窗口', '测试申请人甲'].sort());
    const status = await statusPage(c.caseNumber, c.queryCode);
    assert.match(status.body, /超时默许，视为准予/);
  });

  test('after downtime spanning the deadline: handled once at the next start, dated the last day of the limit', async () => {
    const c1 = await newCase('deemed', '2025-05-06');
    const c2 = await newCase('deemed', '2025-05-07');
    await tx((trx) => acceptCase(trx, at('2025-05-06'), cal, c1.id)); // → 20 May
    await tx((trx) => acceptCase(trx, at('2025-05-07'), cal, c2.id)); // → 21 May
    await tx((trx) => startProcessing(trx, at('2025-05-08'), c2.id));
    const pending = await newCase('deemed', '2025-05-07');
    await tx((trx) => acceptCase(trx, at('2025-05-30'), cal, pending.id)); // → 16 Jun, still running after the restart
    // The server was down from 19 May to 10 June; the first run after the restart:
    env.clock.set('2025-06-10T01:00:00Z');
    const first = await runDeemedApprovals(env.database.db, env.clock, 1); // batch of 1: the loop still drains all
    assert.deepEqual(first.caseIds.sort(), [c1.id, c2.id].sort());
    assert.equal((await caseRow(c1.id)).decidedOn, '2025-05-20');
    assert.equal((await caseRow(c2.id)).decidedOn, '2025-05-21');
    assert.equal((await caseRow(pending.id)).status, 'accepted');
    // Two processes starting at once, then a later tick: nothing more.
    const [x, y] = await Promise.all([
      runDeemedApprovals(env.database.db, env.clock),
      runDeemedApprovals(env.database.db, env.clock),
    ]);
    assert.equal(x.approved + y.approved, 0);
    for (const id of [c1.id, c2.id]) {
      const n = await env.database.db
        .selectFrom('auditEvents')
        .select('id')
        .where('entityId', '=', String(id))
        .where('action', '=', 'serviceCase.deemApproval')
        .execute();
      assert.equal(n.length, 1);
    }
  });
});

describe('rates, ratings and the public statistics', () => {
  test('a fixture month matches hand-computed figures; a month without cases shows "—"', async () => {
    const fresh = await createTestEnv({ now: '2025-08-01T02:00:00Z' });
    try {
      const db = fresh.database.db;
      const ag = fresh.county.agencyIds.shidi as number;
      const c = (t: string) => at(t);
      const f = <T>(fn: Parameters<typeof inTransaction<T>>[1]) => inTransaction(db, fn);
      const w = await f((trx) => createWindow(trx, c('2025-06-02'), ag, '石堤窗口', ''));
      const base = { ...EMPTY_ITEM, legalBasis: '依据', conditions: '条件', materials: '材料', windowId: String(w) };
      const lic = await f((trx) =>
        saveItem(trx, c('2025-06-02'), ag, {
          ...base,
          name: '许可甲',
          promisedDays: '5',
          deemedApproval: '1',
          deemedApprovalBasis: '承诺',
        }),
      );
      const svc = await f((trx) =>
        saveItem(trx, c('2025-06-02'), ag, { ...base, name: '服务乙', kind: 'publicService', statutoryDays: '5' }),
      );
      const cal2 = await loadWorkCalendar(db);
      const reg = (itemId: number, d: string) => f((trx) => registerCase(trx, c(d), { itemId, ...applicant }));
      // June 2025 (Dragon Boat holiday 31 May–2 Jun). Eight cases received:
      const a1 = await reg(lic, '2025-06-03');
      await f((trx) => acceptCase(trx, c('2025-06-03'), cal2, a1.id)); // due 10 Jun
      await f((trx) => decideCase(trx, c('2025-06-09'), a1.id, 'approved', '')); // in time
      await f((trx) => deliverCase(trx, c('2025-06-10'), a1.id));
      await f(async (trx) => {
        await rateCase(trx, c('2025-06-10'), a1.caseNumber, a1.queryCode, 'dissatisfied', '等太久');
      });
      const a2 = await reg(lic, '2025-06-04');
      await f((trx) => acceptCase(trx, c('2025-06-04'), cal2, a2.id)); // due 11 Jun
      await f((trx) => decideCase(trx, c('2025-06-12'), a2.id, 'refused', '不符合条件')); // late → overdue
      const a3 = await reg(lic, '2025-06-05');
      await f((trx) => acceptCase(trx, c('2025-06-05'), cal2, a3.id)); // due 12 Jun → deemed
      const a4 = await reg(svc, '2025-06-16');
      await f((trx) => acceptCase(trx, c('2025-06-16'), cal2, a4.id)); // due 23 Jun, open → overdue
      const a5 = await reg(svc, '2025-06-27');
      await f((trx) => acceptCase(trx, c('2025-06-27'), cal2, a5.id)); // due 4 Jul, open at asOf 2 Jul → not due
      const a6 = await reg(svc, '2025-06-18');
      await f((trx) => notAcceptCase(trx, c('2025-06-18'), a6.id, '不属于本机关职责'));
      await reg(svc, '2025-06-30'); // received, not yet accepted
      const a8 = await reg(svc, '2025-06-20');
      await f((trx) => acceptCase(trx, c('2025-06-20'), cal2, a8.id)); // due 27 Jun
      await f((trx) => decideCase(trx, c('2025-06-27'), a8.id, 'approved', '')); // on the last day: in time
      await runDeemedApprovals(db, { now: () => new Date('2025-06-13T01:00:00Z') });
      await reg(svc, '2025-07-01'); // July: not in June's figures

      const labels = {
        items: new Map([
          [lic, '许可甲'],
          [svc, '服务乙'],
        ]),
        windows: new Map<number | null, string>([[w, '石堤窗口']]),
      };
      const june = await monthFigures(db, [ag], '2025-06', '2025-07-02', labels);
      // received 8; accepted a1 a2 a3 a4 a5 a8 = 6; due: a1 a2 a3 a4 a8 = 5 (a5 not yet due);
      // in time a1 a8 = 2; overdue a2 a4 = 2; deemed a3 = 1.
      assert.deepEqual(june.total.counts, {
        received: 8,
        accepted: 6,
        completedInTime: 2,
        acceptedAndDue: 5,
        overdue: 2,
        deemedApprovals: 1,
      });
      assert.equal(june.total.rates.acceptanceRate, 6 / 8);
      assert.equal(june.total.rates.completionRate, 2 / 5);
      const licRow = june.byItem.find((r) => r.label === '许可甲');
      assert.deepEqual(licRow?.counts, {
        received: 3,
        accepted: 3,
        completedInTime: 1,
        acceptedAndDue: 3,
        overdue: 1,
        deemedApprovals: 1,
      });
      assert.equal(june.total.ratings.total, 1);
      assert.equal(june.total.ratings.satisfaction, 0);

      fresh.clock.set('2025-07-02T02:00:00Z'); // the page counts "due" at today's date
      const res = await fresh.app.inject('/agencies/shidi/service-hall/stats?month=2025-06');
      const text = res.body.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
      assert.match(text, /合计 8 6 75% 2 40% 2 1 0%/);
      assert.match(text, /许可甲 3 3 100% 1 33.3% 1 1 0%/);
      // The chart of the twelve months to June: the same counts, in its data table.
      assert.match(res.body, /<figure class="chart"[^>]*>[\s\S]*?<svg /);
      assert.match(text, /2025年5月 0 0 0 2025年6月 8 6 2/);
      const may = await fresh.app.inject('/agencies/shidi/service-hall/stats?month=2025-05');
      const mayText = may.body.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
      assert.match(mayText, /本月没有收件/);
      assert.match(mayText, /合计 0 0 — 0 — 0 0 —/);
      assert.equal((await fresh.app.inject('/agencies/shidi/service-hall/stats?month=2025-13')).statusCode, 400);
      for (const page of [res.body, may.body])
        assert.ok(!page.includes('测试申请人甲') && !page.includes('13974300001'));
    } finally {
      await fresh.close();
    }
  });

  test('the applicant rates once after delivery; the public page shows no personal data', async () => {
    const c = await newCase('service', '2025-07-01');
    assert.ok(!(await statusPage(c.caseNumber, c.queryCode)).body.includes('提交评价'));
    await tx((trx) => acceptCase(trx, at('2025-07-01'), cal, c.id));
    await tx((trx) => decideCase(trx, at('2025-07-02'), c.id, 'approved', ''));
    await tx((trx) => deliverCase(trx, at('2025-07-03'), c.id));
    const visitor = new Agent(env.app);
    // A visitor who has not looked the case up cannot rate it.
    await visitor.get('/track');
    const stranger = await visitor.post(`/service-hall/case/${c.caseNumber}/rating`, {
      rating: 'veryDissatisfied',
      comment: '',
    });
    assert.equal(stranger.statusCode, 403);
    await visitor.post('/track', { number: c.caseNumber, code: c.queryCode });
    const before = await visitor.get(`/service-hall/case/${c.caseNumber}`);
    assert.match(before.body, /提交评价/);
    for (const secret of ['测试申请人甲', '13974300001', 'jia@example.com'])
      assert.ok(!before.body.includes(secret), secret);
    assert.ok(!before.body.includes(c.queryCode), 'the rating form carries no query code');
    const bad = await visitor.post(`/service-hall/case/${c.caseNumber}/rating`, {
      rating: '',
      comment: '很好',
    });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /请选择评价等级/);
    assert.match(bad.body, /很好/);
    const bot = await visitor.post(`/service-hall/case/${c.caseNumber}/rating`, {
      rating: 'satisfied',
      comment: '',
      website: 'http://spam',
    });
    assert.equal(bot.statusCode, 400);
    const ok = await visitor.post(`/service-hall/case/${c.caseNumber}/rating`, {
      rating: 'verySatisfied',
      comment: '很好',
    });
    assert.equal(ok.statusCode, 303);
    assert.equal((await caseRow(c.id)).rating, 'verySatisfied');
    const again = await visitor.post(`/service-hall/case/${c.caseNumber}/rating`, {
      rating: 'veryDissatisfied',
      comment: '',
    });
    assert.equal(again.statusCode, 409);
    await assert.rejects(
      tx((trx) => rateCase(trx, at('2025-07-04'), c.caseNumber, 'AAAAAAAA', 'satisfied', '')),
      /办件编号或查询码不正确/,
    );
  });

  test("the dashboard is limited to the actor's agencies", async () => {
    const a = new Agent(env.app);
    await a.login('lx.reviewer');
    const res = await a.get(`/admin/service-hall/performance?agencyId=${lingxi}&month=2025-04`);
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /综合受理窗口/);
    assert.match(res.body, /非常满意/);
    assert.equal((await a.get(`/admin/service-hall/performance?agencyId=${gaoping}&month=2025-04`)).statusCode, 403);
  });
});

describe('table 二 行政许可 feed', () => {
  test('countLicenceDecisions equals the licence decisions recorded in the year', async () => {
    const expected = await env.database.db
      .selectFrom('serviceCases')
      .select(['id', 'decision', 'itemKind', 'decidedOn'])
      .where('agencyId', '=', lingxi)
      .execute();
    const byHand = expected.filter(
      (r) => r.itemKind === 'licence' && r.decision && r.decidedOn?.startsWith('2025-'),
    ).length;
    // Recorded above: two deemed approvals in May, one in April, plus any staff decisions on licence items.
    assert.ok(byHand >= 3);
    assert.equal(await countLicenceDecisions(env.database.db, lingxi, 2025), byHand);
    // A licence decision in 2026 and a public-service decision in 2025 do not count for 2025.
    const c = await newCase('licence', '2025-12-29');
    await tx((trx) => acceptCase(trx, at('2025-12-29'), cal, c.id));
    await tx((trx) => decideCase(trx, at('2026-01-05'), c.id, 'approved', ''));
    const s = await newCase('service', '2025-12-01');
    await tx((trx) => acceptCase(trx, at('2025-12-01'), cal, s.id));
    await tx((trx) => decideCase(trx, at('2025-12-02'), s.id, 'approved', ''));
    assert.equal(await countLicenceDecisions(env.database.db, lingxi, 2025), byHand);
    assert.equal(await countLicenceDecisions(env.database.db, [lingxi, gaoping], 2026), 1);
    assert.equal(await countLicenceDecisions(env.database.db, gaoping, 2025), 0);
  });

  test("the annual report's table 二 行政许可 cell equals the licence decisions recorded in the year", async () => {
    const rows = await env.database.db
      .selectFrom('serviceCases')
      .select(['decision', 'itemKind', 'decidedOn'])
      .where('agencyId', '=', lingxi)
      .execute();
    const byHand = rows.filter(
      (r) => r.itemKind === 'licence' && r.decision && r.decidedOn?.startsWith('2025-'),
    ).length;
    const section = await table2Query(env.database.db, { agencyIds: [lingxi], year: 2025 }, {}, '/admin/reports/x');
    assert.equal(section.values.administrativeLicensing.decisions, byHand);
    assert.equal(section.cells['administrativeLicensing.decisions']?.source, 'records');
    const other = await table2Query(env.database.db, { agencyIds: [gaoping], year: 2025 }, {}, '/admin/reports/x');
    assert.equal(other.values.administrativeLicensing.decisions, 0);
  });
});
