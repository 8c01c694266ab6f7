// 依申请公开转主动公开 (issue #17 point 6, 条例 第四十四条) through the admin routes, on both engines:
// two applicants ask 灵溪镇 for the same information and both get 予以公开 with a document — the
// second reply opens a suggestion (the first alone does not), the 工作台 lists it; another agency's
// clerk gets 403; accepting needs a category (422 keeps the page) and then drafts, in one POST, a
// publication from the reply with the document attached and none of the applicants' data; an
// applicant's own suggestion is recorded from the case page and dismissed with a reason; the
// annual report's 总体情况 counts them with drill-down.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { residentIdCheckChar } from '../../src/modules/info-request/rules/index.ts';
import { makeApplication } from '../support/factories.ts';
import { SignedInStaff } from '../support/signed-in.ts';
import type { TestEnv } from '../support/test-app.ts';
import { auditEvents } from '../support/audit.ts';
import { openReport, overviewRows } from '../support/report-overview.ts';

let env: TestEnv;
const staff = new SignedInStaff([
  ['lx.clerk', 'lingxi', 'clerk'],
  ['gp.clerk', 'gaoping', 'clerk'],
  ['county.admin', 'yongshun', 'admin'],
]);

before(async () => {
  env = await staff.start({ now: '2025-06-02T02:00:00Z' });
});
after(() => env.close());

const { as } = staff;
const db = () => env.database.db;
const lingxi = () => ({ id: env.county.agencyIds.lingxi as number, slug: 'lingxi' });
const idOf = (body17: string) => body17 + residentIdCheckChar(body17);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

const APPLICANTS = [
  {
    name: '彭大山',
    idDocumentNumber: idOf('43312719800101001'),
    phone: '13811112222',
    postalAddress: '灵溪镇河西路8号',
  },
  {
    name: '向小红',
    idDocumentNumber: idOf('43312719850202002'),
    phone: '13833334444',
    postalAddress: '灵溪镇老街19号',
  },
];
const INFO = { informationName: '灵溪镇2025年农村公路养护资金分配表', featureDescription: '' };

async function answered(i: number, info = INFO): Promise<number> {
  const made = await makeApplication(env, lingxi(), 'processing', { fields: { ...APPLICANTS[i], ...info } });
  const c = as('lx.clerk');
  await c.get(`/admin/info-requests/${made.id}`);
  const res = await c.postMultipart(
    `/admin/info-requests/${made.id}/reply`,
    {
      outcomeKey: 'disclosed',
      legalBasis: '',
      text: `${APPLICANTS[i]?.name}：您申请的养护资金分配表予以公开，见附件。联系电话${APPLICANTS[i]?.phone}。`,
      repliedOn: '2025-06-02',
    },
    { files: [{ name: '养护资金分配表.pdf', data: PDF, type: 'application/pdf' }] },
  );
  assert.equal(res.statusCode, 303, res.body.slice(0, 600));
  return made.id;
}

const suggestions = () => db().selectFrom('proactiveSuggestions').selectAll().orderBy('id').execute();

async function queueCount(user: string): Promise<number | undefined> {
  const html = (await as(user).get('/admin')).body;
  const m = /data-queue="infoRequest\.proactive">.*?<span class="wb-count">(\d+)<\/span>/s.exec(html);
  if (m) return Number(m[1]);
  return /<p class="wb-empty">[^]*?建议转为主动公开的/.test(html) ? 0 : undefined;
}

describe('依申请公开转主动公开 (第四十四条)', () => {
  let suggestionId = 0;
  let firstCase = 0;

  test('one applicant is not several; the second applicant for the same information opens a suggestion', async () => {
    firstCase = await answered(0);
    assert.equal((await suggestions()).length, 0);
    await answered(1, { informationName: '灵溪镇 2025 年农村公路养护资金分配表。', featureDescription: '' });
    const [s] = await suggestions();
    assert.ok(s);
    assert.equal(s.state, 'open');
    assert.equal(s.origin, 'detected');
    suggestionId = s.id;
    const linked = await db()
      .selectFrom('proactiveSuggestionRequests')
      .selectAll()
      .where('suggestionId', '=', s.id)
      .execute();
    assert.equal(linked.length, 2);
    assert.equal(await queueCount('lx.clerk'), 1);
    const casePage = (await as('lx.clerk').get(`/admin/info-requests/${firstCase}`)).body;
    assert.ok(casePage.includes(`/admin/info-requests/proactive/${s.id}`));
    const list = (await as('lx.clerk').get('/admin/info-requests/proactive')).body;
    assert.ok(list.includes(INFO.informationName));
  });

  test('another agency cannot see or accept it', async () => {
    const g = as('gp.clerk');
    assert.equal((await g.get(`/admin/info-requests/proactive/${suggestionId}`)).statusCode, 403);
    await g.get('/admin/info-requests/proactive');
    assert.equal(
      (await g.post(`/admin/info-requests/proactive/${suggestionId}/accept`, { categoryId: '1' })).statusCode,
      403,
    );
  });

  test('accepting drafts a publication from the reply and its document, without the applicants', async () => {
    const c = as('lx.clerk');
    const page = await c.get(`/admin/info-requests/proactive/${suggestionId}`);
    assert.equal(page.statusCode, 200);
    const missing = await c.post(`/admin/info-requests/proactive/${suggestionId}/accept`, { categoryId: '' });
    assert.equal(missing.statusCode, 422);
    assert.match(missing.body, /请选择目录分类/);
    const category = /<option value="(\d+)"/.exec(page.body)?.[1] ?? '';
    const res = await c.post(`/admin/info-requests/proactive/${suggestionId}/accept`, { categoryId: category });
    assert.equal(res.statusCode, 303, res.body.slice(0, 600));
    const pubId = Number(/\/admin\/publications\/(\d+)/.exec(String(res.headers.location))?.[1]);
    const pub = await db().selectFrom('publications').selectAll().where('id', '=', pubId).executeTakeFirstOrThrow();
    assert.equal(pub.state, 'draft');
    assert.equal(pub.agencyId, lingxi().id);
    assert.equal(pub.title, INFO.informationName);
    assert.match(pub.body, /第四十四条/);
    for (const a of APPLICANTS)
      for (const secret of [a.name, a.idDocumentNumber, a.phone, a.postalAddress])
        assert.ok(!pub.body.includes(secret) && !pub.title.includes(secret), secret);
    const atts = await db().selectFrom('attachments').selectAll().where('publicationId', '=', pubId).execute();
    assert.equal(atts.length, 1, 'the same document released twice is attached once');
    assert.equal(atts[0]?.fileName, '养护资金分配表.pdf');
    const [s] = await suggestions();
    assert.equal(s?.state, 'accepted');
    assert.equal(s?.publicationId, pubId);
    const events = await auditEvents(env, { entityType: 'proactiveSuggestion' });
    assert.deepEqual(events.map((e) => e.action).sort(), [
      'proactiveSuggestion.accept',
      'proactiveSuggestion.detected',
    ]);
    assert.equal(await queueCount('lx.clerk'), 0);
    // Accepted once: a second POST is refused with the page (409), nothing more is drafted.
    await c.get(`/admin/info-requests/proactive/${suggestionId}`);
    const again = await c.post(`/admin/info-requests/proactive/${suggestionId}/accept`, { categoryId: category });
    assert.equal(again.statusCode, 409);
  });

  test("an applicant's own suggestion is recorded from the case page and dismissed with a reason", async () => {
    const other = await answered(0, { informationName: '灵溪镇敬老院2024年度收支情况', featureDescription: '' });
    const c = as('lx.clerk');
    await c.get(`/admin/info-requests/${other}`);
    const empty = await c.post(`/admin/info-requests/${other}/proactive-suggestion`, { applicantNote: '' });
    assert.equal(empty.statusCode, 422);
    assert.match(empty.body, /请写明申请人的建议/);
    const ok = await c.post(`/admin/info-requests/${other}/proactive-suggestion`, {
      applicantNote: '2025-06-02 电话建议将敬老院收支情况每年主动公开。',
    });
    assert.equal(ok.statusCode, 303);
    const s = (await suggestions()).find((x) => x.origin === 'applicant');
    assert.ok(s);
    assert.equal(s.state, 'open');
    await c.get(`/admin/info-requests/proactive/${s.id}`);
    const noReason = await c.post(`/admin/info-requests/proactive/${s.id}/dismiss`, { dismissReason: '' });
    assert.equal(noReason.statusCode, 422);
    assert.match(noReason.body, /请写明不转为主动公开的理由/);
    const done = await c.post(`/admin/info-requests/proactive/${s.id}/dismiss`, {
      dismissReason: '敬老院收支已在财政预决算中公开。',
    });
    assert.equal(done.statusCode, 303);
    assert.equal((await suggestions()).find((x) => x.id === s.id)?.state, 'dismissed');
  });

  test('the county admin sets how many applicants are "several" (2 to 50)', async () => {
    const a = as('county.admin');
    await a.get('/admin/info-requests/proactive/settings');
    assert.equal((await a.post('/admin/info-requests/proactive/settings', { applicants: '1' })).statusCode, 422);
    assert.equal((await a.post('/admin/info-requests/proactive/settings', { applicants: '3' })).statusCode, 303);
    const c = as('lx.clerk');
    await c.get('/admin/info-requests/proactive');
    assert.equal((await c.post('/admin/info-requests/proactive/settings', { applicants: '4' })).statusCode, 403);
  });

  test('the annual report counts the suggestions and conversions in 总体情况, each a drill-down', async () => {
    env.clock.set('2026-01-15T02:00:00Z');
    await staff.signIn();
    const a = as('lx.clerk');
    const { url, body } = await openReport(a, lingxi().id);
    assert.ok(
      body.includes('对多个申请人申请的相同信息提出转为主动公开建议2件（其中申请人建议1件），已转为主动公开1件。'),
      /<textarea id="f-overview"[^]*?<\/textarea>/.exec(body)?.[0],
    );
    const row = overviewRows(body, '依申请公开转主动公开');
    assert.equal(row('建议转为主动公开的信息（件）')?.[2], '2');
    assert.equal(row('其中申请人建议的（件）')?.[2], '1');
    const converted = row('依申请公开转为主动公开（件）');
    assert.equal(converted?.[2], '1');
    const drill = await a.get((converted?.[1] ?? '').replace(/&amp;/g, '&'));
    assert.equal(drill.statusCode, 200);
    assert.match(drill.body, /共 1 条记录/);
    assert.ok(drill.body.includes(`/admin/info-requests/proactive/${suggestionId}`));
    assert.equal((await a.get(`${url}/cell?cell=overview.proactive.maybe`)).statusCode, 404);
  });
});
