// Supervision and the staff registry on both engines: evaluations feed the satisfaction
// dashboard, inspections with a published 通报 appear on the public page, accountability records
// link only to the agency's own complaints, the staff registry feeds the 工作人员 counts, and
// another agency's staff are refused.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { countStaff } from '../../src/modules/staff/index.ts';
import { countSupervision } from '../../src/modules/supervision/index.ts';
import { Agent } from '../support/agent.ts';
import { auditEvents } from '../support/audit.ts';
import { SignedInStaff } from '../support/signed-in.ts';
import type { TestEnv } from '../support/test-app.ts';

let env: TestEnv;
const staff = new SignedInStaff([
  ['lx.signer', 'lingxi', 'signer'],
  ['lx.admin', 'lingxi', 'admin'],
  ['gp.admin', 'gaoping', 'admin'],
]);
before(async () => {
  env = await staff.start({ now: '2025-06-02T02:00:00Z' });
});
after(() => env.close());
const { as } = staff;

describe('supervision', () => {
  test('an evaluation is validated, stored, audited and shown on the dashboard for the agency', async () => {
    const a = as('lx.signer');
    await a.get('/admin/supervision/evaluations');
    const bad = await a.post('/admin/supervision/evaluations', {
      heldOn: '2025-02-30',
      evaluatorKind: 'deputy',
      evaluator: '',
      score: '120',
      remarks: '',
    });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /评议日期应为有效的日期/);
    assert.match(bad.body, /评分应为 0 到 100 之间的整数/);
    const future = await a.post('/admin/supervision/evaluations', {
      heldOn: '2025-12-20',
      evaluatorKind: 'deputy',
      evaluator: '县人大代表',
      score: '90',
      remarks: '',
    });
    assert.equal(future.statusCode, 422);
    assert.match(future.body, /评议日期不能晚于今天/);
    const ok = await a.post('/admin/supervision/evaluations', {
      heldOn: '2025-05-20',
      evaluatorKind: 'cppcc',
      evaluator: '县政协委员视察组',
      score: '90',
      remarks: '公开规范。',
    });
    assert.equal(ok.statusCode, 303);
    await a.post('/admin/supervision/evaluations', {
      heldOn: '2025-05-21',
      evaluatorKind: 'meeting',
      evaluator: '群众评议会',
      score: '80',
      remarks: '',
    });
    const lingxi = env.county.agencyIds.lingxi!;
    const dash = await a.get(`/admin/supervision?agency=${lingxi}`);
    assert.equal(dash.statusCode, 200);
    assert.match(dash.body, /<th scope="row">2025-05<\/th>(?:<td>\d+<\/td>){3}<td>—<\/td><td>2<\/td><td>85<\/td>/);
    const audited = await auditEvents(env, { action: 'evaluation.recorded', agencyId: lingxi });
    assert.equal(audited.length, 2);
  });

  test('an inspection with a published 通报 appears publicly; fix status updates; accountability links are checked', async () => {
    const a = as('lx.signer');
    await a.get('/admin/supervision/inspections');
    const inspection = {
      scope: '政务公开栏',
      inspectedOn: '2025-05-10',
      findings: '信息陈旧',
      requiredFixes: '更新',
      fixDeadline: '2025-05-20',
      publishBulletin: 'yes',
    };
    const noBulletin = await a.post('/admin/supervision/inspections', { ...inspection, bulletin: '' });
    assert.equal(noBulletin.statusCode, 422);
    assert.match(noBulletin.body, /公开通报前请填写通报内容/);
    // Today is 2025-06-02: an inspection of next year, or due before it took place, is a typing error.
    const wrongDays = await a.post('/admin/supervision/inspections', {
      ...inspection,
      inspectedOn: '2026-05-10',
      fixDeadline: '2026-01-01',
      bulletin: '通报',
    });
    assert.equal(wrongDays.statusCode, 422);
    assert.match(wrongDays.body, /检查日期不能晚于今天/);
    assert.match(wrongDays.body, /整改期限不能早于检查日期/);
    const ok = await a.post('/admin/supervision/inspections', {
      ...inspection,
      bulletin: '督查发现公开栏信息陈旧，已责令整改。',
    });
    assert.equal(ok.statusCode, 303);
    const row = await env.database.db
      .selectFrom('inspections')
      .selectAll()
      .where('scope', '=', '政务公开栏')
      .executeTakeFirstOrThrow();
    assert.equal(row.fixStatus, 'open');
    const pub = await env.app.inject('/agencies/lingxi/bulletins');
    assert.match(pub.body, /督查发现公开栏信息陈旧/);
    assert.match(pub.body, /未整改/);
    await a.get('/admin/supervision/inspections');
    assert.equal(
      (await a.post(`/admin/supervision/inspections/${row.id}/fix`, { fixStatus: 'fixed' })).statusCode,
      303,
    );
    assert.match((await env.app.inject('/agencies/lingxi/bulletins')).body, /已整改/);

    const other = as('gp.admin');
    await other.get('/admin/supervision/inspections');
    assert.equal(
      (await other.post(`/admin/supervision/inspections/${row.id}/fix`, { fixStatus: 'open' })).statusCode,
      403,
    );
    assert.doesNotMatch((await other.get('/admin/supervision/inspections')).body, /政务公开栏/);

    await a.get('/admin/supervision/accountability');
    const record = {
      person: '某办公室',
      failure: '未及时更新',
      measure: '通报批评',
      decidedOn: '2025-05-25',
      inspectionId: String(row.id),
    };
    const badLink = await a.post('/admin/supervision/accountability', { ...record, complaintId: '999999' });
    assert.equal(badLink.statusCode, 422);
    assert.match(badLink.body, /本单位没有该编号的投诉/);
    const future = await a.post('/admin/supervision/accountability', { ...record, decidedOn: '2025-06-03' });
    assert.equal(future.statusCode, 422);
    assert.match(future.body, /处理日期不能晚于今天/);
    const linked = await a.post('/admin/supervision/accountability', { ...record, complaintId: '' });
    assert.equal(linked.statusCode, 303);
    const counts = await countSupervision(env.database.db, env.county.agencyIds.lingxi!, 2025);
    assert.equal(counts.inspections, 1);
    assert.equal(counts.inspectionsFixed, 1);
    assert.equal(counts.bulletinsPublished, 1);
    assert.equal(counts.accountability, 1);
  });

  test('a clerk may look but not record', async () => {
    await env.user('lx.clerk2', 'lingxi', ['clerk']);
    const c = new Agent(env.app);
    await c.login('lx.clerk2');
    const page = await c.get('/admin/supervision/evaluations');
    assert.equal(page.statusCode, 200);
    assert.doesNotMatch(page.body, /登记评议/);
    assert.equal(
      (
        await c.post('/admin/supervision/evaluations', {
          heldOn: '2025-05-20',
          evaluatorKind: 'deputy',
          evaluator: 'x',
          score: '1',
          remarks: '',
        })
      ).statusCode,
      403,
    );
  });
});

describe('staff registry', () => {
  test('members and trainings feed the 工作人员 counts; ending a membership is checked and audited', async () => {
    const a = as('lx.admin');
    await a.get('/admin/staff');
    const bad = await a.post('/admin/staff', { name: '', employment: 'contract', role: '专干', since: '2024-01-01' });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /请填写姓名/);
    assert.match(bad.body, /请从列表中选择专职或兼职/);
    for (const member of [
      { name: '吴专干', employment: 'fullTime', role: '政务公开专干', since: '2024-01-01' },
      { name: '李兼职', employment: 'partTime', role: '综合办干事', since: '2023-03-01' },
    ])
      assert.equal((await a.post('/admin/staff', member)).statusCode, 303);
    const training = { heldOn: '2025-04-10', title: '条例解读培训', hours: '3', participants: '2' };
    const wrong = await a.post('/admin/staff/trainings', { ...training, heldOn: '2025-06-03', hours: '1000' });
    assert.equal(wrong.statusCode, 422);
    assert.match(wrong.body, /培训日期不能晚于今天/);
    assert.match(wrong.body, /学时应为 0 到 999 之间的整数/);
    assert.equal((await a.post('/admin/staff/trainings', training)).statusCode, 303);
    const lingxi = env.county.agencyIds.lingxi!;
    assert.deepEqual(await countStaff(env.database.db, lingxi, 2025), {
      fullTime: 1,
      partTime: 1,
      total: 2,
      trainings: 1,
      trainingParticipants: 2,
    });
    const li = await env.database.db
      .selectFrom('staffMembers')
      .selectAll()
      .where('name', '=', '李兼职')
      .executeTakeFirstOrThrow();
    await a.get('/admin/staff');
    const early = await a.post(`/admin/staff/${li.id}/end`, { until: '2020-01-01' });
    assert.equal(early.statusCode, 422);
    assert.match(early.body, /结束日期应为不早于起始日期的有效日期/);
    assert.equal((await a.post(`/admin/staff/${li.id}/end`, { until: '2024-12-31' })).statusCode, 303);
    assert.deepEqual(await countStaff(env.database.db, lingxi, 2025), {
      fullTime: 1,
      partTime: 0,
      total: 1,
      trainings: 1,
      trainingParticipants: 2,
    });
    assert.equal((await countStaff(env.database.db, lingxi, 2024)).total, 2);
    const other = as('gp.admin');
    await other.get('/admin/staff');
    assert.doesNotMatch((await other.get('/admin/staff')).body, /吴专干/);
    assert.equal((await other.post(`/admin/staff/${li.id}/end`, { until: '2025-01-01' })).statusCode, 403);
  });
});
