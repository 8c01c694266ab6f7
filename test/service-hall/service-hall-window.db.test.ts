// A case at the window on both engines: registration and acceptance with the stored due date,
// the online application (receipt, notification, honeypot), 补齐补正 and refusals with reasons.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  acceptCase,
  decideCase,
  materialsArrived,
  notAcceptCase,
  requestMaterials,
} from '../../src/modules/service-hall/service-case.service.ts';
import { Agent } from '../support/agent.ts';
import { env, cal, items, at, tx, statusPage, newCase, fieldError, caseRow, setUp } from './setup.ts';

before(setUp);
after(() => env.close());

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

test('the receipt of an item named …申请 says 「您的临时救助申请已提交」, not 「临时救助申请申请」', async () => {
  const v = new Agent(env.app);
  const url = `/agencies/lingxi/service-hall/items/${items.service}/apply`;
  await v.get(url);
  const ok = await v.post(url, {
    applicantName: '网上申请人',
    applicantPhone: '13974300009',
    applicantEmail: '',
    summary: '家中失火，申请临时救助',
  });
  assert.equal(ok.statusCode, 303);
  const receipt = await v.get(ok.headers.location as string);
  assert.match(receipt.body, /您的临时救助申请已提交/);
});
