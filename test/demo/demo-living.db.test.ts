// The demo shows a living office on whatever day it is created (issue #11 point 5): seeded at the
// suite's "today" and in December of the last bundled calendar year, each demo account's 工作台
// counts the work the demo promises — applications to confirm, due soon, overdue, waiting for
// 补正, an information two applicants asked for (转主动公开); publications waiting for 保密审查 / 签发, returned to the drafter, late — last year's annual
// reports published except 车坪乡's, the latest releases within the last weeks, and in December a
// due date reaching into next year stored as provisional.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { seedDemo } from '../../src/bootstrap.ts';
import { addCalendarDays, todayInShanghai } from '../../src/modules/calendar/index.ts';
import { demoActor, type DemoAccount } from '../../src/modules/demo/index.ts';
import { loadWorkbench } from '../../src/modules/workbench/index.ts';
import { Agent } from '../support/agent.ts';
import { createTestEnv, TEST_NOW, type TestEnv } from '../support/test-app.ts';

async function seeded(now: string): Promise<{ env: TestEnv; accounts: DemoAccount[] }> {
  const env = await createTestEnv({ now, demo: false });
  const started = Date.now();
  const accounts = await seedDemo(env.deps);
  console.log(`# demo seeded at ${now} in ${Date.now() - started} ms`);
  return { env, accounts };
}

async function counts(env: TestEnv, a: DemoAccount): Promise<Record<string, number>> {
  const wb = await loadWorkbench(env.database.db, await env.deps.calendar.get(), env.clock.now(), demoActor(a));
  return Object.fromEntries(wb.counts.map((c) => [c.queue.key, c.total]));
}

const account = (accounts: DemoAccount[], username: string) => {
  const a = accounts.find((x) => x.username === username);
  assert.ok(a, username);
  return a;
};

async function checkLivingOffice(env: TestEnv, accounts: DemoAccount[]): Promise<void> {
  const today = todayInShanghai(env.clock.now());
  const clerk = await counts(env, account(accounts, 'lingxi.clerk'));
  assert.equal(clerk['infoRequest.confirm'], 1, 'one online application to confirm');
  assert.equal(clerk['infoRequest.soon'], 2, 'two of 灵溪镇 due within 5 working days');
  assert.equal(clerk['infoRequest.overdue'], 1, 'one overdue');
  assert.equal(clerk['infoRequest.applicant'], 1, 'one waiting for 补正');
  assert.equal(clerk['publication.returned'], 1, 'one returned to the clerk with a comment');
  assert.equal(clerk['publication.late'], 1, 'one past the 20 working days');
  assert.equal(clerk['annualReport.overdue'] ?? 0, 0, "灵溪镇's report for last year is never left overdue");
  assert.equal(clerk['infoRequest.proactive'], 1, 'one information two applicants asked for, to publish proactively');
  assert.equal((await counts(env, account(accounts, 'lingxi.reviewer')))['publication.review'], 2);
  assert.equal((await counts(env, account(accounts, 'lingxi.signer')))['publication.signOff'], 1);
  assert.equal((await counts(env, account(accounts, 'yongshun.clerk')))['infoRequest.soon'], 1);
  assert.equal((await counts(env, account(accounts, 'yongshun.reviewer')))['publication.review'], 1);
  assert.equal((await counts(env, account(accounts, 'yongshun.signer')))['publication.signOff'], 1);

  // The county admin sees 车坪乡's report for last year overdue once its due date has passed.
  const admin = await loadWorkbench(env.database.db, await env.deps.calendar.get(), env.clock.now(), {
    ...demoActor(account(accounts, 'admin')),
    scopeAgencyIds: new Set((await env.database.db.selectFrom('agencies').select('id').execute()).map((r) => r.id)),
  });
  const overdue = admin.counts.find((c) => c.queue.key === 'annualReport.overdue');
  const cheping = await env.database.db
    .selectFrom('agencies')
    .select('id')
    .where('slug', '=', 'cheping')
    .executeTakeFirstOrThrow();
  const lastYearDue = `${Number(today.slice(0, 4))}-01-31`;
  assert.equal(overdue?.byAgency.get(cheping.id) ?? 0, today > lastYearDue ? 1 : 0);

  // The latest releases of 灵溪镇 are from the last weeks.
  const lingxi = account(accounts, 'lingxi.clerk').agencyId;
  const latest = await env.database.db
    .selectFrom('publications')
    .select('publishedOn')
    .where('agencyId', '=', lingxi)
    .where('state', '=', 'published')
    .where('publishedOn', '<=', today)
    .orderBy('publishedOn', 'desc')
    .executeTakeFirstOrThrow();
  assert.ok(latest.publishedOn! >= addCalendarDays(today, -21), `latest release ${latest.publishedOn}`);
}

describe("the demo county on the suite's today", () => {
  let env: TestEnv;
  let accounts: DemoAccount[];
  after(() => env?.close());

  test('every staff account has its own one-time password and must change it at first login', async () => {
    ({ env, accounts } = await seeded(TEST_NOW));
    const names = accounts.map((a) => a.username);
    for (const u of [
      'admin',
      'lingxi.clerk',
      'lingxi.reviewer',
      'lingxi.signer',
      'yongshun.clerk',
      'yongshun.reviewer',
      'yongshun.signer',
    ])
      assert.ok(names.includes(u), u);
    assert.equal(new Set(accounts.map((a) => a.oneTimePassword)).size, accounts.length, 'no two alike');
    const agent = new Agent(env.app);
    const res = await agent.login('lingxi.reviewer', account(accounts, 'lingxi.reviewer').oneTimePassword);
    assert.match(res.headers.location ?? '', /password/);
  });

  test("each account's 工作台 shows living work", async () => {
    await checkLivingOffice(env, accounts);
  });
});

describe('the demo county in December of the last bundled calendar year', () => {
  let env: TestEnv;
  let accounts: DemoAccount[];
  after(() => env?.close());

  test('living work, and a due date reaching next year is provisional', async () => {
    const probe = await createTestEnv({ demo: false });
    const lastYear = Math.max(...(await probe.deps.calendar.get()).confirmedYears);
    await probe.close();
    ({ env, accounts } = await seeded(`${lastYear}-12-07T02:00:00Z`));
    await checkLivingOffice(env, accounts);
    const clerk = await counts(env, account(accounts, 'lingxi.clerk'));
    assert.equal(clerk['annualReport.due'], 1, "this year's report is due by 31 January");
    const provisional = await env.database.db
      .selectFrom('infoRequests')
      .select(['number', 'dueOn'])
      .where('agencyId', '=', account(accounts, 'lingxi.clerk').agencyId)
      .where('dueProvisional', '=', 1)
      .execute();
    assert.equal(provisional.length, 1, JSON.stringify(provisional));
    assert.ok(provisional[0]!.dueOn! > `${lastYear}-12-31`);
  });
});
