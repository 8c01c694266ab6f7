// 更正个人政府信息记录 (条例 第四十一条; issue #17 point 7) through the public and staff routes, on
// both engines: the online form (evidence typed by content, consent, honeypot, bad input kept with
// 422, post/redirect/get to a receipt showing number + query code once), 进度查询 by number + code,
// confirmation (the receipt date of 第三十一条) and the 20-working-day clock of 第三十三条 on the case
// page and in the 工作台 (due soon, overdue), the signer's one extension, each of the four decisions
// with its letter (print and DOCX, also for the applicant), counter intake, authorisation by agency.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Agent } from '../support/agent.ts';
import { SignedInStaff, TOWN_STAFF } from '../support/signed-in.ts';
import type { TestEnv } from '../support/test-app.ts';

let env: TestEnv;
const staff = new SignedInStaff(TOWN_STAFF);

before(async () => {
  // Tuesday 2025-06-03 (2025-06-02 is 端午节).
  env = await staff.start({ now: '2025-06-03T02:00:00Z' });
});
after(() => env.close());

const { as, at } = staff;
const db = () => env.database.db;
const lingxi = () => env.county.agencyIds.lingxi as number;
const row = (id: number) =>
  db().selectFrom('recordAmendments').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const byNumber = (n: string) =>
  db().selectFrom('recordAmendments').selectAll().where('number', '=', n).executeTakeFirstOrThrow();

const FORM = {
  applicantName: '张三',
  idDocumentType: 'residentIdCard',
  idDocumentNumber: '11010519491231002X',
  phone: '13812345678',
  email: '',
  postalAddress: '',
  recordConcerned: '灵溪镇2024年度农村低保名册中本人家庭的登记信息',
  whatIsWrong: '家庭人口记为3人',
  shouldRead: '家庭人口应为4人',
  consent: 'yes',
};
const PDF = { name: '户口簿.pdf', data: Buffer.from('%PDF-1.4 户口簿'), type: 'application/pdf' };

async function queue(user: string, key: string): Promise<number> {
  const html = (await as(user).get('/admin')).body;
  const m = new RegExp(`data-queue="${key.replace('.', '\\.')}">.*?<span class="wb-count">(\\d+)</span>`, 's').exec(
    html,
  );
  return m ? Number(m[1]) : 0;
}

/** An online request by a citizen; returns the number and query code from the receipt. */
async function submitOnline(citizen = new Agent(env.app), form: Record<string, string> = FORM) {
  await citizen.get('/agencies/lingxi/amend');
  const res = await citizen.postMultipart('/agencies/lingxi/amend', form, { files: [PDF] });
  assert.equal(res.statusCode, 303, res.body.slice(0, 500));
  const receipt = await citizen.follow(res);
  const number = /<dt>申请编号<\/dt>\s*<dd>([^<]+)<\/dd>/.exec(receipt.body)?.[1] ?? '';
  const code = /<dt>查询码<\/dt>\s*<dd>([A-Z0-9]{8})<\/dd>/.exec(receipt.body)?.[1] ?? '';
  return { number, code, citizen };
}

describe('online intake', () => {
  test('bad input comes back 422 with what was typed; no consent, no request; honeypot stores nothing', async () => {
    const citizen = new Agent(env.app);
    const page = await citizen.get('/agencies/lingxi/amend');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /第四十一条/);
    const bad = await citizen.postMultipart('/agencies/lingxi/amend', {
      ...FORM,
      idDocumentNumber: '110105194912310021',
      phone: '',
      shouldRead: '',
    });
    assert.equal(bad.statusCode, 422);
    assert.ok(bad.body.includes('灵溪镇2024年度农村低保名册中本人家庭的登记信息'));
    assert.match(bad.body, /至少填写一种联系方式/);
    assert.match(bad.body, /请写明正确的内容应当是什么/);
    const noConsent = await citizen.postMultipart('/agencies/lingxi/amend', { ...FORM, consent: '' });
    assert.equal(noConsent.statusCode, 422);
    assert.match(noConsent.body, /请阅读并勾选声明/);
    assert.match(
      noConsent.body,
      /<input[^>]*id="f-consent"[^>]*aria-describedby="e-consent"/,
      'the error is tied to the box',
    );
    const exe = await citizen.postMultipart('/agencies/lingxi/amend', FORM, {
      files: [{ name: 'x.pdf', data: Buffer.from('MZ\x90\x00 not a pdf'), type: 'application/pdf' }],
    });
    assert.equal(exe.statusCode, 422);
    const bot = await citizen.postMultipart('/agencies/lingxi/amend', { ...FORM, website: 'http://spam' });
    assert.ok(bot.statusCode >= 400 && bot.statusCode < 500);
    const n = await db()
      .selectFrom('recordAmendments')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(Number(n.n), 0);
    // CSRF: a form without the token is refused.
    const csrf = await citizen.postMultipart('/agencies/lingxi/amend', FORM, {}, { csrf: false });
    assert.equal(csrf.statusCode, 403);
  });

  test('accepted: receipt with number and code once; 进度查询 by number + code; nothing personal on the receipt', async () => {
    const { number, code, citizen } = await submitOnline();
    assert.match(number, /^GZ-LINGXI-2025-0001$/);
    assert.equal(code.length, 8);
    const r = await byNumber(number);
    assert.equal(r.state, 'submitted');
    assert.equal(
      (await db().selectFrom('recordAmendmentFiles').selectAll().where('amendmentId', '=', r.id).execute()).length,
      1,
    );
    const receipt = await citizen.get(`/amend/receipt/${number}`);
    assert.ok(!receipt.body.includes('11010519491231002X') && !receipt.body.includes('13812345678'));
    // Another browser: no access by number alone; with number + code, the status page.
    const other = new Agent(env.app);
    assert.equal((await other.get(`/amend/track/${number}`)).statusCode, 303);
    await other.get('/track');
    const wrong = await other.post('/track', { number, code: 'AAAAAAAA' });
    assert.equal(wrong.statusCode, 422);
    const ok = await other.post('/track', { number, code });
    assert.equal(ok.statusCode, 303);
    assert.equal(ok.headers.location, `/amend/track/${number}`);
    const status = await other.follow(ok);
    assert.match(status.body, /已提交，待确认收到/);
    assert.ok(!status.body.includes('11010519491231002X'));
  });
});

describe('the clock (第三十一条 receipt date, 第三十三条 20 working days) and the decisions of 第四十一条', () => {
  let id = 0;
  let number = '';
  let code = '';

  test('another agency cannot see or confirm it; the clerk confirms and the clock starts', async () => {
    ({ number, code } = await submitOnline());
    id = (await byNumber(number)).id;
    assert.equal(await queue('lx.clerk', 'recordAmendment.confirm'), 2);
    assert.equal((await as('gp.clerk').get(`/admin/record-amendments/${id}`)).statusCode, 403);
    await as('gp.clerk').get('/admin/record-amendments');
    assert.equal(
      (await as('gp.clerk').post(`/admin/record-amendments/${id}/confirm`, { confirmedOn: '2025-06-03' })).statusCode,
      403,
    );
    assert.ok(!(await as('gp.clerk').get('/admin/record-amendments')).body.includes(number));
    await as('lx.clerk').get(`/admin/record-amendments/${id}`);
    const bad = await as('lx.clerk').post(`/admin/record-amendments/${id}/confirm`, { confirmedOn: '2025-06-09' });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /确认日期不能晚于今天/);
    const ok = await as('lx.clerk').post(`/admin/record-amendments/${id}/confirm`, { confirmedOn: '2025-06-03' });
    assert.equal(ok.statusCode, 303);
    const r = await row(id);
    assert.equal(r.state, 'processing');
    assert.equal(r.receivedOn, '2025-06-03');
    assert.equal(r.dueOn, '2025-07-01');
    const page = await as('lx.clerk').get(`/admin/record-amendments/${id}`);
    assert.match(page.body, /自2025-06-03的次日起算第20个工作日为2025-07-01/);
    const audit = await db()
      .selectFrom('auditEvents')
      .select('action')
      .where('entityType', '=', 'recordAmendment')
      .execute();
    assert.ok(audit.some((a) => a.action === 'recordAmendment.confirmed'));
  });

  test('due soon, then overdue, in the 工作台 and its list', async () => {
    await at('2025-06-26T02:00:00Z');
    assert.equal(await queue('lx.clerk', 'recordAmendment.soon'), 1);
    assert.ok((await as('lx.clerk').get('/admin/record-amendments?view=soon')).body.includes(number));
    await at('2025-07-02T02:00:00Z');
    assert.equal(await queue('lx.clerk', 'recordAmendment.overdue'), 1);
    const list = await as('lx.clerk').get(`/admin/record-amendments?view=overdue&agency=${lingxi()}`);
    assert.ok(list.body.includes(number));
    assert.match(list.body, /已超期/);
  });

  test('the extension: the signer only, at most 20 working days, once', async () => {
    await at('2025-06-20T02:00:00Z');
    const ext = {
      workingDays: '20',
      approvedBy: '王主任',
      approvedOn: '2025-06-20',
      applicantNotifiedOn: '2025-06-20',
    };
    await as('lx.clerk').get(`/admin/record-amendments/${id}`);
    assert.equal((await as('lx.clerk').post(`/admin/record-amendments/${id}/extend`, ext)).statusCode, 403);
    await as('lx.signer').get(`/admin/record-amendments/${id}`);
    const tooLong = await as('lx.signer').post(`/admin/record-amendments/${id}/extend`, { ...ext, workingDays: '25' });
    assert.equal(tooLong.statusCode, 422);
    assert.match(tooLong.body, /最长不得超过20个工作日/);
    assert.equal((await as('lx.signer').post(`/admin/record-amendments/${id}/extend`, ext)).statusCode, 303);
    assert.equal((await row(id)).dueOn, '2025-07-29');
    const again = await as('lx.signer').post(`/admin/record-amendments/${id}/extend`, ext);
    assert.equal(again.statusCode, 422);
  });

  test('予以更正 needs the record and the change; the letter goes to the applicant (print and DOCX)', async () => {
    await as('lx.clerk').get(`/admin/record-amendments/${id}`);
    const bad = await as('lx.clerk').post(`/admin/record-amendments/${id}/decide`, { decision: 'amended' });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /请填写已更正的记录/);
    const ok = await as('lx.clerk').post(`/admin/record-amendments/${id}/decide`, {
      decision: 'amended',
      amendedRecord: '灵溪镇2024年度农村低保名册（司城村）',
      decisionText: '家庭人口由3人更正为4人。',
    });
    assert.equal(ok.statusCode, 303);
    const r = await row(id);
    assert.equal(r.state, 'decided');
    assert.equal(r.decision, 'amended');
    const letters = await db().selectFrom('recordAmendmentLetters').selectAll().where('amendmentId', '=', id).execute();
    const decision = letters.find((l) => l.kind === 'decision');
    assert.equal(decision?.title, '政府信息更正告知书');
    assert.equal(letters.filter((l) => l.kind === 'extension').length, 1);
    const staffDocx = await as('lx.clerk').get(`/admin/record-amendments/${id}/letters/${decision?.id}/docx`);
    assert.equal(staffDocx.statusCode, 200);
    assert.equal(staffDocx.rawPayload.subarray(0, 2).toString(), 'PK');
    // A second decision is refused by the state machine.
    const twice = await as('lx.clerk').post(`/admin/record-amendments/${id}/decide`, { decision: 'refused' });
    assert.equal(twice.statusCode, 409);
    // The applicant reads the letter after 进度查询.
    const citizen = new Agent(env.app);
    await citizen.get('/track');
    await citizen.follow(await citizen.post('/track', { number, code }));
    const letter = await citizen.get(`/amend/track/${number}/letters/${decision?.id}`);
    assert.equal(letter.statusCode, 200);
    assert.match(letter.body, /家庭人口由3人更正为4人/);
    assert.equal((await citizen.get(`/amend/track/${number}/letters/${decision?.id}/docx`)).statusCode, 200);
  });

  for (const [decision, fields, title, text] of [
    [
      'transferred',
      { competentAgency: '永顺县民政局' },
      '政府信息更正申请转送告知书',
      /已将您的申请转送有权更正的行政机关永顺县民政局/,
    ],
    [
      'referred',
      { competentAgency: '永顺县公安局' },
      '政府信息更正申请告知书',
      /请您向有权更正的行政机关永顺县公安局提出/,
    ],
    [
      'refused',
      { refusalGround: 'notOwnInformation', decisionText: '所涉记录为他人的户籍信息。' },
      '不予更正政府信息告知书',
      /不属于与您自身相关的政府信息[^]*行政复议/,
    ],
  ] as const) {
    test(`${decision}: the letter says so`, async () => {
      await at('2025-06-04T02:00:00Z');
      const { number: n } = await submitOnline();
      const rid = (await byNumber(n)).id;
      await as('lx.clerk').get(`/admin/record-amendments/${rid}`);
      await as('lx.clerk').post(`/admin/record-amendments/${rid}/confirm`, { confirmedOn: '2025-06-04' });
      const missing = await as('lx.clerk').post(`/admin/record-amendments/${rid}/decide`, { decision });
      assert.equal(missing.statusCode, 422);
      const ok = await as('lx.clerk').post(`/admin/record-amendments/${rid}/decide`, { decision, ...fields });
      assert.equal(ok.statusCode, 303, ok.body.slice(0, 300));
      const l = await db()
        .selectFrom('recordAmendmentLetters')
        .selectAll()
        .where('amendmentId', '=', rid)
        .executeTakeFirstOrThrow();
      assert.equal(l.title, title);
      const page = await as('lx.clerk').get(`/admin/record-amendments/${rid}/letters/${l.id}`);
      assert.match(page.body, text);
    });
  }
});

describe('counter and post intake by a clerk', () => {
  test('the receipt date by channel (第三十一条), number and code shown once, another agency refused', async () => {
    await at('2025-06-10T02:00:00Z');
    await as('lx.clerk').get('/admin/record-amendments/new');
    const { consent: _c, ...fields } = FORM;
    const missing = await as('lx.clerk').post('/admin/record-amendments', {
      ...fields,
      agencyId: String(lingxi()),
      channel: 'signedPost',
    });
    assert.equal(missing.statusCode, 422);
    assert.match(missing.body, /签收日期/);
    assert.ok(missing.body.includes('灵溪镇2024年度农村低保名册中本人家庭的登记信息'));
    await as('gp.clerk').get('/admin/record-amendments/new');
    const other = await as('gp.clerk').post('/admin/record-amendments', {
      ...fields,
      agencyId: String(lingxi()),
      channel: 'inPerson',
      handedInOn: '2025-06-10',
    });
    assert.equal(other.statusCode, 403);
    const sent = {
      ...fields,
      agencyId: String(lingxi()),
      channel: 'signedPost',
      signedForOn: '2025-06-09',
      _once: as('lx.clerk').once,
    };
    const ok = await as('lx.clerk').post('/admin/record-amendments', sent);
    assert.equal(ok.statusCode, 201);
    const number = /<dt>申请编号<\/dt>\s*<dd>([^<]+)<\/dd>/.exec(ok.body)?.[1] ?? '';
    assert.match(ok.body, /<dt>查询码<\/dt>\s*<dd>[A-Z0-9]{8}<\/dd>/);
    const r = await byNumber(number);
    assert.equal(r.state, 'processing');
    assert.equal(r.receivedOn, '2025-06-09');
    assert.equal(r.dueOn, '2025-07-07');
    assert.match(r.receiptBasis, /签收之日/);
    // A refresh of the page with the code sends the same form again: the request registered, no other.
    const again = await as('lx.clerk').post('/admin/record-amendments', sent);
    assert.equal(again.statusCode, 303);
    assert.equal(again.headers.location, `/admin/record-amendments/${r.id}?flash=alreadyRegistered`);
  });
});

describe('the annual report (2021 format)', () => {
  test('总体情况 counts the requests received and each decision of the year, each a drill-down', async () => {
    await at('2026-01-15T02:00:00Z');
    const a = as('lx.clerk');
    await a.get('/admin/annual-reports?year=2025');
    const res = await a.post('/admin/annual-reports', { agencyId: String(lingxi()), year: '2025' });
    assert.equal(res.statusCode, 303, res.body.slice(0, 400));
    const url = String(res.headers.location);
    const body = (await a.get(url)).body;
    const row = (label: string) =>
      new RegExp(
        `<td>更正个人政府信息记录（条例第四十一条）</td><td>${label}</td><td class="num">(?:<a href="([^"]+)">(\\d+)</a>|0)</td>`,
      ).exec(body);
    // Received: the one decided 予以更正, the three decided otherwise, the one registered by post;
    // the online ones never confirmed have no receipt date.
    assert.equal(row('收到更正申请（件）')?.[2], '5');
    for (const label of [
      '予以更正（件）',
      '转送有权更正的行政机关（件）',
      '告知向有权更正的行政机关提出（件）',
      '不予更正（件）',
    ])
      assert.equal(row(label)?.[2], '1', label);
    const drill = await a.get((row('予以更正（件）')?.[1] ?? '').replace(/&amp;/g, '&'));
    assert.equal(drill.statusCode, 200);
    assert.match(drill.body, /共 1 条记录/);
    assert.match(drill.body, /\/admin\/record-amendments\/\d+/);
    assert.ok(!drill.body.includes('张三'));
    assert.equal((await a.get(`${url}/cell?cell=overview.recordAmendments.maybe`)).statusCode, 404);
  });
});
