// Deemed approval (超时默许) on both engines: at the deadline, not before, not twice, after downtime;
// and the table 二 行政许可 feed counting the licence decisions of the year.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildJobs, runJobsOnce } from '../../src/jobs/runner.ts';
import { table2Query } from '../../src/modules/annual-report/queries/table2.query.ts';
import { countLicenceDecisions, runDeemedApprovals } from '../../src/modules/service-hall/index.ts';
import { acceptCase, decideCase, startProcessing } from '../../src/modules/service-hall/service-case.service.ts';
import { env, cal, lingxi, gaoping, at, tx, statusPage, newCase, caseRow, setUp } from './setup.ts';

before(setUp);
after(() => env.close());

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

describe('table 二 行政许可 feed', () => {
  /** A licence case of 灵溪镇 accepted and decided (approved) on the given days: its own state. */
  async function decidedLicence(receivedOn: string, decidedOn: string): Promise<void> {
    const c = await newCase('licence', receivedOn);
    await tx((trx) => acceptCase(trx, at(receivedOn), cal, c.id));
    await tx((trx) => decideCase(trx, at(decidedOn), c.id, 'approved', ''));
  }

  test('countLicenceDecisions equals the licence decisions recorded in the year', async () => {
    await decidedLicence('2025-03-03', '2025-03-05');
    await decidedLicence('2025-09-01', '2025-09-03');
    const expected = await env.database.db
      .selectFrom('serviceCases')
      .select(['id', 'decision', 'itemKind', 'decidedOn'])
      .where('agencyId', '=', lingxi)
      .execute();
    const byHand = expected.filter(
      (r) => r.itemKind === 'licence' && r.decision && r.decidedOn?.startsWith('2025-'),
    ).length;
    // The two decided here, plus whatever other tests of this file recorded (deemed approvals).
    assert.ok(byHand >= 2);
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
    await decidedLicence('2025-10-09', '2025-10-10');
    const rows = await env.database.db
      .selectFrom('serviceCases')
      .select(['decision', 'itemKind', 'decidedOn'])
      .where('agencyId', '=', lingxi)
      .execute();
    const byHand = rows.filter(
      (r) => r.itemKind === 'licence' && r.decision && r.decidedOn?.startsWith('2025-'),
    ).length;
    assert.ok(byHand >= 1);
    const section = await table2Query(env.database.db, { agencyIds: [lingxi], year: 2025 }, {}, '/admin/reports/x');
    assert.equal(section.values.administrativeLicensing.decisions, byHand);
    assert.equal(section.cells['administrativeLicensing.decisions']?.source, 'records');
    const other = await table2Query(env.database.db, { agencyIds: [gaoping], year: 2025 }, {}, '/admin/reports/x');
    assert.equal(other.values.administrativeLicensing.decisions, 0);
  });
});
