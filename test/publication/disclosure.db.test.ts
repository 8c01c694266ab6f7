// 公开属性源头认定 and its periodic review (issue #17 point 3) through the admin and public routes,
// on both engines: the draft form carries the attribute (主动公开 preselected), a 依申请公开 or
// 不予公开 draft needs a legal ground that fits it (422, what was typed kept), and 提交/签发 are
// refused while it is incomplete; signed off, such a document is recorded — no index number, not on
// the portal nor in search — and the reviewer's 工作台 lists it once the interval (a setting, 12
// months by default) has passed; the reviewer confirms (reason required, audited) or changes it to
// 主动公开, which sends it through 保密审查 and 签发 to the portal; another agency neither sees nor
// acts on it; the annual report's 总体情况 counts the reviews, each count opening its records.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { auditEvent } from '../support/audit.ts';
import { draftIdOf, postDraft, PublicationDesk } from '../support/publication-desk.ts';
import type { TestEnv } from '../support/test-app.ts';
import { openReport, overviewRows } from '../support/report-overview.ts';

let env: TestEnv;
let lingxi: number;
const desk = new PublicationDesk('lingxi', 'lx', [
  ['gp.reviewer', 'gaoping', 'reviewer'],
  ['county.admin', 'yongshun', 'admin'],
]);

before(async () => {
  env = await desk.start({ now: '2025-06-02T02:00:00Z' });
  lingxi = desk.agencyId;
});
after(() => env.close());

const { as, at, act, pub } = desk;
const db = () => env.database.db;

/** The draft form posted by the clerk: 示例文件 of 2025-05-30, 主动公开 unless `fields` say otherwise. */
const draftForm = (fields: Record<string, string | string[]>) =>
  postDraft(env, as('lx.clerk'), lingxi, {
    title: '示例文件',
    body: '<p>正文。</p>',
    issuer: '党政综合办公室',
    formedOn: '2025-05-30',
    disclosureMode: 'proactive',
    disclosureGround: '',
    disclosureNote: '',
    ...fields,
  });

const draft = async (fields: Record<string, string | string[]>) => draftIdOf(await draftForm(fields));

async function signThrough(id: number): Promise<void> {
  assert.equal((await act('lx.clerk', id, 'submit')).statusCode, 303);
  assert.equal((await act('lx.reviewer', id, 'review', { decision: 'pass', comment: '' })).statusCode, 303);
  const page = await as('lx.signer').get(`/admin/publications/${id}`);
  assert.ok(page.body.includes('签发（不公开）'));
  assert.ok(page.body.includes('签发后登记备查，不在网站公开'));
  const res = await act('lx.signer', id, 'sign-off', { decision: 'approve', comment: '' });
  assert.equal(res.statusCode, 303, res.body.slice(0, 1000));
}

const QUEUE_LABEL = '到期需复核公开属性的不公开文件';

/** The count of the review queue on the user's 工作台 (absent: the queue is not theirs). */
async function queueCount(user: string): Promise<number | undefined> {
  const html = (await as(user).get('/admin')).body;
  const m = /data-queue="publication\.attributeReview">.*?<span class="wb-count">(\d+)<\/span>/s.exec(html);
  if (m) return Number(m[1]);
  return new RegExp(`<p class="wb-empty">[^]*?${QUEUE_LABEL}`).test(html) ? 0 : undefined;
}

const ON_REQUEST = '溪口村村民小组会议室调整批复';
const WITHHELD = '集镇污水处理站选址请示';

describe('公开属性', () => {
  let onRequest = 0;
  let withheld = 0;

  test('the draft form starts as 主动公开; a non-public attribute needs a ground that fits it (422, typed kept)', async () => {
    const form = await as('lx.clerk').get('/admin/publications/new');
    assert.match(
      form.body,
      /<input type="radio" name="disclosureMode" value="proactive" id="f-disclosureMode" checked/,
    );
    const missing = await draftForm({ title: ON_REQUEST, disclosureMode: 'onRequest', disclosureNote: '仅涉及溪口村' });
    assert.equal(missing.statusCode, 422);
    assert.ok(missing.body.includes('依申请公开的信息须选择法定理由（条例第十四条至第十六条）。'));
    assert.ok(missing.body.includes(`value="${ON_REQUEST}"`));
    assert.match(missing.body, /value="onRequest" id="f-disclosureMode-onRequest" checked/);
    assert.ok(missing.body.includes('仅涉及溪口村</textarea>'));
    // 第十四条 binds: a state secret is 不予公开, never 依申请公开.
    const wrong = await draftForm({ title: ON_REQUEST, disclosureMode: 'onRequest', disclosureGround: 'a14.secret' });
    assert.equal(wrong.statusCode, 422);
    assert.ok(wrong.body.includes('不能作为依申请公开的理由'));
    const unknown = await draftForm({ title: ON_REQUEST, disclosureMode: 'secret' });
    assert.equal(unknown.statusCode, 422);
    assert.ok(unknown.body.includes('请选择公开属性'));
    onRequest = await draft({ title: ON_REQUEST, disclosureMode: 'onRequest', disclosureGround: 'a13.particular' });
    withheld = await draft({ title: WITHHELD, disclosureMode: 'withheld', disclosureGround: 'a16.process' });
    assert.equal((await pub(onRequest)).disclosureGround, 'a13.particular');
  });

  test('提交 and 签发 are refused while the attribute is incomplete (a record from before the rule)', async () => {
    const id = await draft({ title: '属性不完整的文件', disclosureMode: 'withheld', disclosureGround: 'a16.internal' });
    await db().updateTable('publications').set({ disclosureGround: '' }).where('id', '=', id).execute();
    const submit = await act('lx.clerk', id, 'submit');
    assert.equal(submit.statusCode, 422);
    assert.ok(submit.body.includes('公开属性尚未认定完整'));
    assert.equal((await pub(id)).state, 'draft');
    await db().updateTable('publications').set({ disclosureGround: 'a16.internal' }).where('id', '=', id).execute();
    assert.equal((await act('lx.clerk', id, 'submit')).statusCode, 303);
    assert.equal((await act('lx.reviewer', id, 'review', { decision: 'pass', comment: '' })).statusCode, 303);
    await db().updateTable('publications').set({ disclosureGround: '' }).where('id', '=', id).execute();
    const signOff = await act('lx.signer', id, 'sign-off', { decision: 'approve', comment: '同意' });
    assert.equal(signOff.statusCode, 422);
    assert.ok(signOff.body.includes('公开属性尚未认定完整'));
    assert.ok(signOff.body.includes('同意</textarea>'));
    assert.equal((await pub(id)).state, 'reviewed');
  });

  test('signed off, a non-public document is recorded: no index number, not on the portal nor in search', async () => {
    await signThrough(onRequest);
    await signThrough(withheld);
    for (const id of [onRequest, withheld]) {
      const p = await pub(id);
      assert.equal(p.state, 'recorded');
      assert.equal(p.indexNumber, null);
      assert.equal(p.attributeDecidedOn, '2025-06-02');
      assert.equal((await env.app.inject({ method: 'GET', url: `/publications/${id}` })).statusCode, 404);
    }
    const search = await env.app.inject({ method: 'GET', url: `/search?q=${encodeURIComponent('溪口村')}` });
    assert.equal(search.statusCode, 200);
    assert.ok(!search.body.includes(ON_REQUEST));
    const list = await env.app.inject({ method: 'GET', url: '/agencies/lingxi' });
    assert.ok(!list.body.includes(ON_REQUEST) && !list.body.includes(WITHHELD));
    const staff = await as('lx.reviewer').get(`/admin/publications/${onRequest}`);
    assert.ok(staff.body.includes('本文件不在网站公开，登记备查'));
    assert.ok(staff.body.includes('条例第十三条、第二十七条：仅涉及特定对象'));
  });

  test('the 工作台 lists them for review once the interval has passed (12 months by default, a setting)', async () => {
    assert.equal(await queueCount('lx.reviewer'), 0);
    await at('2025-12-01T02:00:00Z');
    assert.equal(await queueCount('lx.reviewer'), 0);
    const bad = await as('county.admin').post('/admin/publications/attribute-settings', { months: '0' });
    assert.equal(bad.statusCode, 422);
    assert.ok(bad.body.includes('应为 1 到 60 之间的整数（月）。'));
    assert.equal((await as('lx.clerk').get('/admin/publications/attribute-settings')).statusCode, 403);
    await as('county.admin').get('/admin/publications/attribute-settings');
    const set = await as('county.admin').post('/admin/publications/attribute-settings', { months: '6' });
    assert.equal(set.statusCode, 303);
    const audit = await auditEvent(env, { action: 'publication.attributeReviewMonthsChanged' });
    assert.match(audit.summary, /"months":6/);
    // Decided on 2025-06-02: six months later is 2025-12-02.
    assert.equal(await queueCount('lx.reviewer'), 0);
    await at('2025-12-02T02:00:00Z');
    assert.equal(await queueCount('lx.reviewer'), 2);
    const list = await as('lx.reviewer').get('/admin/publications?queue=attributeReview');
    assert.ok(list.body.includes(ON_REQUEST) && list.body.includes(WITHHELD));
    // Another agency's reviewer: not on the 工作台, not readable, cannot review.
    assert.equal(await queueCount('gp.reviewer'), 0);
    assert.equal((await as('gp.reviewer').get(`/admin/publications/${onRequest}`)).statusCode, 403);
    const other = await act('gp.reviewer', onRequest, 'attribute-review', {
      reviewMode: 'proactive',
      reviewGround: '',
      reason: '可以公开',
    });
    assert.equal(other.statusCode, 403);
    // The clerk may not review either.
    const clerk = await act('lx.clerk', onRequest, 'attribute-review', {
      reviewMode: 'onRequest',
      reviewGround: 'a13.particular',
      reason: '维持',
    });
    assert.equal(clerk.statusCode, 403);
    assert.equal((await pub(onRequest)).state, 'recorded');
  });

  test('the reviewer confirms with a written reason (422 without, typed kept), audited', async () => {
    const none = await act('lx.reviewer', onRequest, 'attribute-review', {
      reviewMode: 'onRequest',
      reviewGround: 'a13.particular',
      reason: ' ',
    });
    assert.equal(none.statusCode, 422);
    assert.ok(none.body.includes('请写明审核理由'));
    const wrong = await act('lx.reviewer', onRequest, 'attribute-review', {
      reviewMode: 'withheld',
      reviewGround: 'a13.particular',
      reason: '改为不予公开',
    });
    assert.equal(wrong.statusCode, 422);
    assert.ok(wrong.body.includes('改为不予公开</textarea>'));
    assert.match(wrong.body, /value="withheld" id="f-reviewMode-withheld" checked/);
    const ok = await act('lx.reviewer', onRequest, 'attribute-review', {
      reviewMode: 'onRequest',
      reviewGround: 'a13.particular',
      reason: '批复仍只涉及溪口村，维持依申请公开。',
    });
    assert.equal(ok.statusCode, 303);
    const p = await pub(onRequest);
    assert.equal(p.state, 'recorded');
    assert.equal(p.attributeDecidedOn, '2025-12-02');
    const review = await db()
      .selectFrom('disclosureReviews')
      .selectAll()
      .where('publicationId', '=', onRequest)
      .executeTakeFirstOrThrow();
    assert.equal(review.modeAfter, 'onRequest');
    const audit = await auditEvent(env, { action: 'publication.attributeReviewed', entityId: onRequest });
    assert.match(audit.summary, /维持依申请公开/);
    assert.equal(await queueCount('lx.reviewer'), 1);
  });

  test('a change to 主动公开 sends it through 保密审查 and 签发 to the portal', async () => {
    const res = await act('lx.reviewer', withheld, 'attribute-review', {
      reviewMode: 'proactive',
      reviewGround: 'a16.process',
      reason: '选址已确定，不再属于过程性信息，可以主动公开。',
    });
    assert.equal(res.statusCode, 303);
    let p = await pub(withheld);
    assert.equal(p.state, 'submitted');
    assert.equal(p.disclosureMode, 'proactive');
    assert.equal(p.disclosureGround, '');
    // Released within 20 working days of the change (条例 第二十六条), not of the 成文日期.
    assert.equal(p.dueOn, '2025-12-30');
    assert.equal(await queueCount('lx.reviewer'), 0);
    assert.ok((await as('lx.reviewer').get('/admin/publications?queue=review')).body.includes(WITHHELD));
    assert.equal((await act('lx.reviewer', withheld, 'review', { decision: 'pass', comment: '' })).statusCode, 303);
    assert.equal((await act('lx.signer', withheld, 'sign-off', { decision: 'approve', comment: '' })).statusCode, 303);
    p = await pub(withheld);
    assert.equal(p.state, 'published');
    assert.ok(p.indexNumber);
    assert.equal((await env.app.inject({ method: 'GET', url: `/publications/${withheld}` })).statusCode, 200);
  });

  test('the annual report counts the reviews in 总体情况, each count a drill-down to its records', async () => {
    await at('2026-01-15T02:00:00Z');
    const a = as('lx.clerk');
    const { url, body: page } = await openReport(a, lingxi);
    assert.ok(page.includes('对依申请公开、不予公开的政府信息开展公开属性动态复核2件次，经复核调整为主动公开1件。'));
    const row = overviewRows(page, '公开属性动态复核');
    assert.equal(row('复核不公开文件的公开属性（件次）')?.[2], '2');
    assert.equal(row('其中维持原属性（件次）')?.[2], '1');
    assert.equal(row('其中调整为主动公开（件次）')?.[2], '1');
    const changed = row('其中在依申请公开、不予公开之间调整（件次）');
    assert.ok(changed && !changed[2]);
    const drill = await a.get((row('其中调整为主动公开（件次）')?.[1] ?? '').replace(/&amp;/g, '&'));
    assert.equal(drill.statusCode, 200);
    assert.ok(drill.body.includes(WITHHELD) && !drill.body.includes(ON_REQUEST));
    assert.match(drill.body, /共 1 条记录/);
    assert.equal((await a.get(`${url}/cell?cell=overview.attributeReviews.other`)).statusCode, 404);
  });
});
