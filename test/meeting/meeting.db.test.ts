// 会议公开 (issue #17 point 5) through the admin and public routes, on both engines: a clerk of 灵溪镇
// prepares a 政府常务会议 (a sign-up window ending on the meeting day is refused, what was typed is
// kept; another town's clerk gets 403), the signer announces it; a citizen signs up to attend
// (consent required, honeypot, post/redirect/get); staff see the name and phone, decline needs a
// reason, confirm; the public page shows the confirmed name masked and never the phone; the meeting
// is held, its 会议纪要 recorded per topic with a publication of the catalogue and published —
// shown both ways (the publication page names the meeting); the annual report counts it.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Agent } from '../support/agent.ts';
import { SignedInStaff, TOWN_STAFF } from '../support/signed-in.ts';
import type { TestEnv } from '../support/test-app.ts';
import { makePublication } from '../support/factories.ts';
import { openReport, overviewRows } from '../support/report-overview.ts';

let env: TestEnv;
const staff = new SignedInStaff(TOWN_STAFF);

before(async () => {
  env = await staff.start({ now: '2025-06-02T02:00:00Z' });
});
after(() => env.close());

const { as, at } = staff;
const lingxi = () => env.county.agencyIds.lingxi as number;

const FORM = {
  kind: 'executive',
  title: '灵溪镇人民政府2025年第5次镇长办公会议',
  meetingOn: '2025-06-12',
  startsAt: '09:30',
  place: '镇政府二楼会议室',
  topics: '1. 研究集镇农贸市场改造方案\n2. 研究2025年防汛工作',
  openToPublic: 'yes',
  capacity: '3',
  signupOpensOn: '2025-06-03',
  signupClosesOn: '2025-06-12',
};

describe('会议公开 from preparation to published decisions', () => {
  let id = 0;
  const page = () => `/agencies/lingxi/meetings/${id}`;

  test('the clerk prepares the meeting; the window must close before the meeting; the signer announces', async () => {
    const c = as('lx.clerk');
    await c.get('/admin/meetings/new');
    const bad = await c.post('/admin/meetings', { agencyId: String(lingxi()), ...FORM });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /报名应在会议召开日之前截止/);
    assert.ok(bad.body.includes('研究集镇农贸市场改造方案'));
    await as('gp.clerk').get('/admin/meetings');
    const other = await as('gp.clerk').post('/admin/meetings', { agencyId: String(lingxi()), ...FORM });
    assert.equal(other.statusCode, 403);
    const ok = await c.post('/admin/meetings', { agencyId: String(lingxi()), ...FORM, signupClosesOn: '2025-06-10' });
    assert.equal(ok.statusCode, 303);
    id = Number(/\/admin\/meetings\/(\d+)/.exec(String(ok.headers.location))?.[1]);
    const topics = await env.database.db
      .selectFrom('meetingTopics')
      .selectAll()
      .where('meetingId', '=', id)
      .orderBy('position')
      .execute();
    assert.deepEqual(
      topics.map((t) => t.title),
      ['研究集镇农贸市场改造方案', '研究2025年防汛工作'],
    );
    assert.equal((await env.app.inject({ method: 'GET', url: page() })).statusCode, 404, 'a draft is not public');
    await c.get(`/admin/meetings/${id}`);
    assert.equal((await c.post(`/admin/meetings/${id}/announce`, {})).statusCode, 403);
    const s = as('lx.signer');
    await s.get(`/admin/meetings/${id}`);
    assert.equal((await s.post(`/admin/meetings/${id}/announce`, {})).statusCode, 303);
    assert.equal((await as('gp.clerk').get(`/admin/meetings/${id}`)).statusCode, 403);
  });

  test('a citizen signs up (consent, honeypot, post/redirect/get) once the window opens', async () => {
    const early = new Agent(env.app);
    const before = await early.get(page());
    assert.equal(before.statusCode, 200);
    assert.match(before.body, /列席报名尚未开始/);
    await at('2025-06-04T02:00:00Z');
    const citizen = new Agent(env.app);
    const list = await citizen.get('/agencies/lingxi/meetings');
    assert.ok(list.body.includes(FORM.title));
    await citizen.get(page());
    const fields = {
      name: '张三丰',
      phone: '13907431234',
      role: 'public',
      reason: '农贸市场商户，关心改造期间的经营安排。',
    };
    const noConsent = await citizen.post(`${page()}/signups`, fields);
    assert.equal(noConsent.statusCode, 422);
    assert.match(noConsent.body, /请确认同意/);
    assert.match(
      noConsent.body,
      /<input[^>]*id="f-consent"[^>]*aria-describedby="e-consent"/,
      'the error is tied to the box',
    );
    assert.ok(noConsent.body.includes('农贸市场商户，关心改造期间的经营安排。'));
    const bot = await citizen.post(`${page()}/signups`, { ...fields, consent: 'yes', website: 'x' });
    assert.equal(bot.statusCode, 400);
    await citizen.get(page());
    const ok = await citizen.post(`${page()}/signups`, { ...fields, consent: 'yes' });
    assert.equal(ok.statusCode, 303);
    assert.equal(ok.headers.location, `${page()}/thanks`);
    assert.equal((await citizen.get(`${page()}/thanks`)).statusCode, 200);
    await citizen.get(page());
    assert.equal(
      (
        await citizen.post(`${page()}/signups`, {
          name: '李四',
          phone: '13907439999',
          role: 'media',
          reason: '采访',
          consent: 'yes',
        })
      ).statusCode,
      303,
    );
  });

  test('staff confirm one and decline the other with a reason; the public sees the name masked', async () => {
    const c = as('lx.clerk');
    const admin = await c.get(`/admin/meetings/${id}`);
    assert.ok(admin.body.includes('张三丰') && admin.body.includes('13907431234'));
    const rows = await env.database.db
      .selectFrom('meetingSignups')
      .selectAll()
      .where('meetingId', '=', id)
      .orderBy('id')
      .execute();
    const [first, second] = rows;
    assert.ok(first && second);
    const noReason = await c.post(`/admin/meetings/${id}/signups/${second.id}`, { decision: 'decline' });
    assert.equal(noReason.statusCode, 422);
    assert.match(noReason.body, /不安排列席时请写明理由/);
    assert.equal(
      (
        await c.post(`/admin/meetings/${id}/signups/${second.id}`, {
          decision: 'decline',
          [`reason-${second.id}`]: '名额已由媒体中心统一安排。',
        })
      ).statusCode,
      303,
    );
    assert.equal((await c.post(`/admin/meetings/${id}/signups/${first.id}`, { decision: 'confirm' })).statusCode, 303);
    const pub = (await env.app.inject({ method: 'GET', url: page() })).body;
    assert.ok(pub.includes('张**（公众代表）'), pub.slice(pub.indexOf('公众列席'), pub.indexOf('公众列席') + 400));
    for (const secret of ['张三丰', '13907431234', '李四', '13907439999', '农贸市场商户'])
      assert.ok(!pub.includes(secret), secret);
  });

  test('held on its day, its 会议纪要 linked to a publication both ways, then published', async () => {
    const c = as('lx.clerk');
    await c.get(`/admin/meetings/${id}`);
    const early = await c.post(`/admin/meetings/${id}/hold`, {});
    assert.equal(early.statusCode, 409);
    await at('2025-06-12T08:00:00Z');
    const pubId = (await makePublication(env, lingxi(), 'published', { title: '灵溪镇集镇农贸市场改造实施方案' })).id;
    await as('lx.clerk').get(`/admin/meetings/${id}`);
    assert.equal((await as('lx.clerk').post(`/admin/meetings/${id}/hold`, {})).statusCode, 303);
    const topics = await env.database.db
      .selectFrom('meetingTopics')
      .selectAll()
      .where('meetingId', '=', id)
      .orderBy('position')
      .execute();
    const [t1, t2] = topics;
    assert.ok(t1 && t2);
    const form = await as('lx.clerk').get(`/admin/meetings/${id}`);
    assert.ok(form.body.includes('灵溪镇集镇农贸市场改造实施方案'));
    const signer = as('lx.signer');
    await signer.get(`/admin/meetings/${id}`);
    const tooSoon = await signer.post(`/admin/meetings/${id}/publish-decisions`, {});
    assert.equal(tooSoon.statusCode, 409);
    assert.match(tooSoon.body, /还没有会议纪要/);
    await as('lx.clerk').get(`/admin/meetings/${id}`);
    const saved = await as('lx.clerk').post(`/admin/meetings/${id}/decisions`, {
      decisionsSummary: '会议由镇长主持。',
      [`decision-${t1.id}`]: '原则通过农贸市场改造方案。',
      [`publications-${t1.id}`]: String(pubId),
      [`decision-${t2.id}`]: '做好汛期值班。',
    });
    assert.equal(saved.statusCode, 303, saved.body.slice(0, 500));
    await signer.get(`/admin/meetings/${id}`);
    assert.equal((await signer.post(`/admin/meetings/${id}/publish-decisions`, {})).statusCode, 303);
    const pub = (await env.app.inject({ method: 'GET', url: page() })).body;
    assert.ok(pub.includes('原则通过农贸市场改造方案。'));
    assert.ok(pub.includes(`/publications/${pubId}`));
    const article = (await env.app.inject({ method: 'GET', url: `/publications/${pubId}` })).body;
    assert.match(article, /来源会议/);
    assert.ok(article.includes(page()));
    const events = await env.database.db
      .selectFrom('auditEvents')
      .select('action')
      .where('entityType', '=', 'meeting')
      .where('entityId', '=', String(id))
      .execute();
    for (const a of [
      'meeting.created',
      'meeting.announced',
      'meeting.held',
      'meeting.decisionsRecorded',
      'meeting.decisionsPublished',
    ])
      assert.ok(
        events.some((e) => e.action === a),
        a,
      );
  });

  test('the annual report counts meetings held and 列席 attendees in 总体情况, each a drill-down', async () => {
    await at('2026-01-15T02:00:00Z');
    const a = as('lx.clerk');
    const { url, body } = await openReport(a, lingxi());
    assert.ok(body.includes('召开政府常务会议等会议并公开1次，公开会议纪要1次，邀请公众代表、专家、媒体列席1人次。'));
    const row = overviewRows(body, '会议公开');
    assert.equal(row('召开并公开的会议（次）')?.[2], '1');
    const att = row('邀请公众代表、专家、媒体列席（人次）');
    assert.equal(att?.[2], '1');
    const drill = await a.get((att?.[1] ?? '').replace(/&amp;/g, '&'));
    assert.equal(drill.statusCode, 200);
    assert.ok(drill.body.includes(`/admin/meetings/${id}`));
    assert.equal((await a.get(`${url}/cell?cell=overview.meetings.maybe`)).statusCode, 404);
  });
});
