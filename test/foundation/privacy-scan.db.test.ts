// Privacy scan (issue #12, "Privacy"): every public page and public API response of the demo county
// and of the records planted below holds no personal number — no resident ID number (18 characters
// with its check character, or the 15-digit form), no mobile or landline number, no bank card —
// as the pure detectors of src/platform/privacy/ find them. The only numbers allowed are the office
// phone and fax that an agency publishes in its own profile, taken from the agency records.
//
// The routes come from Fastify's route table (every GET outside /admin and /api/v1/admin), their
// path parameters from the real records (PATH_VALUES in public-urls.ts: a new public route with parameters
// must say where its values come from, else the test fails). The planted records carry personal
// numbers where people really type them — an application's ID number and phone, a letter's phone
// and the numbers written into its text, a complaint, an inquiry, an objection, a service-hall
// application, a 公示 table — so that the scan fails when masking is taken away.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { systemContext } from '../../src/bootstrap.ts';
import { createUser } from '../../src/modules/account/index.ts';
import type { Role } from '../../src/modules/account/index.ts';
import type { AppDeps } from '../../src/platform/http/types.ts';
import {
  findPersonalNumbers,
  residentIdCheckCharacter,
  type PersonalNumberFinding,
} from '../../src/platform/privacy/detectors.ts';
import { fileStore } from '../../src/platform/storage/file-store.ts';
import { inTransaction } from '../../src/platform/transaction.ts';
import { Agent } from '../support/agent.ts';
import { createDemoApp, TEST_NOW, TEST_PASSWORD } from '../support/test-app.ts';
import { publicUrls } from './public-urls.ts';

// --- planted personal numbers (fictional; each passes its detector) ---------------------------------

const id18 = (first17: string) => first17 + residentIdCheckCharacter(first17);
/** A card number of `body` digits plus its Luhn check digit. */
function card(body: string): string {
  for (let d = 0; d <= 9; d++) {
    const n = body + d;
    let sum = 0;
    for (let i = 0; i < n.length; i++) {
      let x = Number(n[n.length - 1 - i]);
      if (i % 2 === 1) x = x * 2 > 9 ? x * 2 - 9 : x * 2;
      sum += x;
    }
    if (sum % 10 === 0) return n;
  }
  throw new Error('unreachable');
}

const PLANTED = {
  applicantId: id18('43312719900101123'),
  applicantPhone: '13974310001',
  applicantLandline: '0743-8123456',
  letterWriterPhone: '13974310002',
  letterBodyId: id18('43312719851230456'),
  letterBodyCard: card('622202123456789012'),
  inquiryPhone: '13974310003',
  complaintPhone: '0743-8234567',
  objectionPhone: '13974310004',
  objectionBodyId15: '433127850606123',
  hallPhone: '13974310005',
  correctionPhone: '13974310007',
  correctionId: id18('43312719930303002'),
  hallSummaryId: id18('43312719920229001'),
  noticeIds: [id18('43312719700101002'), id18('43312719880808003')],
  noticePhones: ['13974310006', '0743-8345678'],
  noticeCards: [card('621700001234567890'), card('6228480012345678')],
};

/** Today in Beijing (the tests' clock starts at 10:00 there). */
const TODAY = TEST_NOW.slice(0, 10);

/** The form's error summary, to say why a step was refused. */
const why = (res: LightMyRequestResponse) =>
  /error-summary.*?<\/ul>/s.exec(res.body)?.[0] ?? `${res.statusCode} ${res.body.slice(0, 300)}`;

const SCANNED = /^(?:text\/|application\/(?:json|xml|rss\+xml|atom\+xml)|image\/svg\+xml)/;

// --- the app: the full demo county, as a first start creates it -------------------------------------

let app: FastifyInstance;
let deps: AppDeps;
let close: (() => Promise<void>) | undefined;
/** The member of the public who filed everything below: holds every receipt and tracking cookie. */
let visitor: Agent;
/** Responses to the public forms and lookups (POST): they are public pages too. */
const posted: [string, LightMyRequestResponse][] = [];

async function staff(username: string, slug: string, roles: Role[]): Promise<Agent> {
  const db = deps.database.db;
  const agency = await db.selectFrom('agencies').select('id').where('slug', '=', slug).executeTakeFirstOrThrow();
  const ctx = systemContext(deps.clock);
  const { id } = await inTransaction(db, (trx) =>
    createUser(trx, ctx, {
      agencyId: agency.id,
      username,
      displayName: username,
      email: '',
      roles,
      password: TEST_PASSWORD,
    }),
  );
  await db.updateTable('users').set({ mustChangePassword: 0 }).where('id', '=', id).execute();
  const a = new Agent(app);
  await a.login(username);
  return a;
}

/** A public form: GET it (CSRF and one-time token), POST it, keep the answer, follow the redirect. */
async function file(formUrl: string, postUrl: string, fields: Record<string, string>) {
  await visitor.get(formUrl);
  const res = await visitor.post(postUrl, fields);
  assert.ok(res.statusCode < 400, `${postUrl} → ${res.statusCode} ${res.body.slice(0, 300)}`);
  posted.push([`POST ${postUrl}`, res]);
  const next = await visitor.follow(res);
  if (next !== res) posted.push([`GET ${String(res.headers.location)}`, next]);
  return res;
}

before(async () => {
  ({ app, deps, close } = await createDemoApp('privacy'));
  visitor = new Agent(app);
  const db = deps.database.db;

  // An application online: ID number and phone in their fields, a landline in the description.
  const applied = await file('/agencies/lingxi/apply/online', '/agencies/lingxi/apply/online', {
    applicantKind: 'naturalPerson',
    name: '覃隐私',
    idDocumentType: 'residentIdCard',
    idDocumentNumber: PLANTED.applicantId,
    phone: PLANTED.applicantPhone,
    email: 'privacy@example.cn',
    postalAddress: '永顺县灵溪镇隐私巷1号',
    postcode: '416700',
    fax: '',
    informationName: '灵溪镇2025年低保资金发放明细',
    documentNumber: '',
    featureDescription: `请寄送纸质件；白天请打座机 ${PLANTED.applicantLandline} 或手机 ${PLANTED.applicantPhone}`,
    requestedForm: 'electronic',
    deliveryWay: 'onlinePlatform',
    website: '',
    shownIds: '',
    action: 'submit',
  });
  const number = /\/apply\/receipt\/([^/?#]+)/.exec(String(applied.headers.location))?.[1];
  assert.ok(number, `no receipt after the application: ${String(applied.headers.location)}`);
  // The town answers it, so the applicant's tracking page has a reply letter addressed to them.
  const clerk = await staff('privacy.clerk', 'lingxi', ['clerk']);
  const request = await db
    .selectFrom('infoRequests')
    .select('id')
    .where('number', '=', decodeURIComponent(number))
    .executeTakeFirstOrThrow();
  await clerk.get(`/admin/info-requests/${request.id}`);
  const confirmed = await clerk.post(`/admin/info-requests/${request.id}/confirm`, { confirmedOn: TODAY });
  assert.equal(confirmed.statusCode, 303, why(confirmed));
  // It asks for 补正; the applicant answers online with numbers in the text; the town accepts it.
  await clerk.get(`/admin/info-requests/${request.id}`);
  const asked = await clerk.post(`/admin/info-requests/${request.id}/correction`, {
    items: '请写明所需信息的年份和村组。',
    noticeSentOn: TODAY,
    correctionDueOn: new Date(Date.parse(`${TODAY}T00:00:00Z`) + 10 * 86_400_000).toISOString().slice(0, 10),
  });
  assert.equal(asked.statusCode, 303, why(asked));
  const tracking = `/apply/track/${number}`;
  await visitor.get(tracking);
  const answered = await visitor.postMultipart(
    `${tracking}/correction`,
    {
      _once: visitor.once,
      text: `2025年洞坎村低保资金发放明细；身份证 ${PLANTED.correctionId}，电话 ${PLANTED.correctionPhone}`,
    },
    { files: [{ name: '说明.pdf', data: Buffer.from('%PDF-1.4\n%%EOF\n'), type: 'application/pdf' }] },
  );
  assert.equal(answered.statusCode, 303, why(answered));
  posted.push([`POST ${tracking}/correction`, answered]);
  posted.push([`GET ${String(answered.headers.location)}`, await visitor.follow(answered)]);
  const correction = await db
    .selectFrom('infoRequestCorrections')
    .select('id')
    .where('infoRequestId', '=', request.id)
    .executeTakeFirstOrThrow();
  await clerk.get(`/admin/info-requests/${request.id}`);
  const accepted = await clerk.post(`/admin/info-requests/${request.id}/corrections/${correction.id}/accept`, {
    acceptedOn: TODAY,
  });
  assert.equal(accepted.statusCode, 303, why(accepted));
  await clerk.get(`/admin/info-requests/${request.id}`);
  const replied = await clerk.postMultipart(`/admin/info-requests/${request.id}/reply`, {
    outcomeKey: 'disclosed',
    legalBasis: '',
    text: '您申请的信息予以公开，见附件。',
    repliedOn: TODAY,
  });
  assert.equal(replied.statusCode, 303, why(replied));

  // A letter to the mailbox that may be published, with numbers written into its text; the town
  // answers and publishes it in 留言选登.
  await file('/agencies/lingxi/mailbox', '/agencies/lingxi/mailbox', {
    topic: '低保评定不公',
    body: `我叫彭某，身份证号 ${PLANTED.letterBodyId}，低保金打到银行卡 ${PLANTED.letterBodyCard}，请回电 ${PLANTED.letterWriterPhone}。`,
    writerName: '彭某',
    writerPhone: PLANTED.letterWriterPhone,
    writerEmail: '',
    writerAddress: '灵溪镇某村',
    publishConsent: 'yes',
  });
  const letter = await db
    .selectFrom('interactionCases')
    .select('id')
    .where('writerPhone', '=', PLANTED.letterWriterPhone)
    .executeTakeFirstOrThrow();
  const handler = await staff('privacy.signer', 'lingxi', ['signer']);
  for (const [step, fields] of [
    ['assign', {}],
    ['reply', { replyText: '已复核，您家符合低保条件，将补发。' }],
    ['publication', { publish: 'yes' }],
  ] as const) {
    await handler.get(`/admin/interaction/${letter.id}`);
    const res = await handler.post(`/admin/interaction/${letter.id}/${step}`, fields);
    assert.equal(res.statusCode, 303, why(res));
  }
  const shown = await db
    .selectFrom('interactionCases')
    .select('publication')
    .where('id', '=', letter.id)
    .executeTakeFirstOrThrow();
  assert.equal(shown.publication, 'published');

  await file('/agencies/lingxi/inquiry', '/agencies/lingxi/inquiry', {
    topic: '低保申请材料',
    body: `请问需要哪些材料？我的电话 ${PLANTED.inquiryPhone}`,
    writerName: '向某',
    writerPhone: PLANTED.inquiryPhone,
    writerEmail: '',
    writerAddress: '',
  });
  await file('/agencies/lingxi/complaint', '/agencies/lingxi/complaint', {
    topic: '申请逾期未答复',
    body: `逾期未答复，联系座机 ${PLANTED.complaintPhone}`,
    writerName: '田某',
    writerPhone: PLANTED.complaintPhone,
    writerEmail: '',
    writerAddress: '',
    complaintAbout: 'disclosure',
  });

  // A 公示 with every kind of masked column (numbers typed into a plain column are refused when the
  // notice is saved: test/interaction/interaction.db.test.ts).
  const reviewer = await staff('privacy.reviewer', 'lingxi', ['reviewer']);
  await reviewer.get('/admin/notices/new');
  const rows = PLANTED.noticeIds.map(
    (id, i) =>
      ['张三丰', '李四海'][i] +
      '\t' +
      id +
      '\t' +
      PLANTED.noticePhones[i] +
      '\t' +
      PLANTED.noticeCards[i] +
      '\t' +
      (i ? '低保户' : '无'),
  );
  const created = await reviewer.post('/admin/notices', {
    title: '2025年6月低保对象公示',
    body: '经审核，拟将以下人员纳入低保，现予公示。',
    columns: '姓名|姓名\n身份证号码|身份证号\n联系电话|电话\n银行卡号|银行卡号\n备注|其他',
    rows: rows.join('\n'),
    startDate: TODAY,
    periodDays: '7',
    periodUnit: 'working',
    objectionContact: '灵溪镇民政办',
  });
  assert.equal(created.statusCode, 303, why(created));
  const noticePath = String(created.headers.location).split('?')[0] as string;
  await reviewer.get(noticePath);
  const published = await reviewer.post(`${noticePath}/publish`, {});
  assert.equal(published.statusCode, 303, why(published));
  const noticeId = Number(noticePath.split('/').pop());
  await file(`/agencies/lingxi/notices/${noticeId}`, `/agencies/lingxi/notices/${noticeId}/objection`, {
    topic: '对公示的异议',
    body: `李四海家有车，不符合条件。举报人身份证 ${PLANTED.objectionBodyId15}`,
    writerName: '匿名',
    writerPhone: PLANTED.objectionPhone,
    writerEmail: '',
    writerAddress: '',
  });

  // A service-hall application online.
  const item = await db
    .selectFrom('serviceItems')
    .innerJoin('agencies', 'agencies.id', 'serviceItems.agencyId')
    .select(['serviceItems.id', 'agencies.slug'])
    .where('serviceItems.active', '=', 1)
    .orderBy('serviceItems.id')
    .executeTakeFirstOrThrow();
  const itemUrl = `/agencies/${item.slug}/service-hall/items/${item.id}/apply`;
  await file(itemUrl, itemUrl, {
    applicantName: '王某',
    applicantPhone: PLANTED.hallPhone,
    applicantEmail: '',
    summary: `申请临时救助，身份证 ${PLANTED.hallSummaryId}`,
  });

  // The draft of a published 意见征集 as an attachment (the demo has none), so that its public file
  // route is crawled too.
  const period = await db
    .selectFrom('commentPeriods')
    .select('id')
    .where('publishedAt', 'is not', null)
    .orderBy('id')
    .executeTakeFirstOrThrow();
  const draft = Buffer.from('%PDF-1.4\n%%EOF\n');
  const stored = await fileStore(deps.config.dataDir).put(draft);
  await db
    .insertInto('commentPeriodFiles')
    .values({
      commentPeriodId: period.id,
      title: '征求意见稿',
      fileName: '征求意见稿.pdf',
      mime: 'application/pdf',
      size: draft.length,
      sha256: stored.sha256,
      createdAt: TEST_NOW,
    })
    .execute();
});

after(async () => {
  await close?.();
});

const digits = (s: string) => s.replace(/\D/g, '');

test("no public page or API response shows a personal number (agencies' own office numbers aside)", async () => {
  // The allow-list, from the agency records: the office phone and fax of each agency's profile, and
  // the office phone that an annual report on the portal prints in its contact paragraph, as the
  // report's record holds it (灵溪镇's imported 2013 report gives the number its office had then).
  const agencies = await deps.database.db.selectFrom('agencies').select(['officePhone', 'officeFax']).execute();
  const reports = await deps.database.db
    .selectFrom('annualReports')
    .select('extracted')
    .where('state', 'in', ['published', 'imported'])
    .execute();
  const reportPhones = reports.map((r) => String(JSON.parse(r.extracted || '{}').contact?.phone ?? ''));
  const allowed = new Set(
    [...agencies.flatMap((a) => [a.officePhone, a.officeFax]), ...reportPhones].filter(Boolean).map(digits),
  );
  const urls = await publicUrls(app, deps.database.db);
  const leaks: string[] = [];
  const statuses = new Map<number, number>();
  let scanned = 0;
  const scan = (where: string, res: LightMyRequestResponse) => {
    statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
    assert.ok(res.statusCode < 500, `${where} → ${res.statusCode}`);
    if (!SCANNED.test(String(res.headers['content-type'] ?? ''))) return;
    scanned += 1;
    const found = findPersonalNumbers(res.body).filter((f: PersonalNumberFinding) => !allowed.has(digits(f.text)));
    for (const f of found) {
      const at = res.body.slice(Math.max(0, f.start - 40), f.end + 20).replace(/\s+/g, ' ');
      leaks.push(`${where}: ${f.kind} ${f.text} … ${at}`);
    }
  };
  for (const [where, res] of posted) scan(where, res);
  for (const url of urls) scan(`GET ${url}`, await visitor.get(url));
  assert.deepEqual(leaks, [], `${leaks.length} personal numbers on public pages`);
  // The crawl really saw the planted records: the pages that show them answered 200.
  assert.ok(scanned > 300, `only ${scanned} responses scanned`);
  assert.ok((statuses.get(200) ?? 0) > 300, JSON.stringify([...statuses]));
});
