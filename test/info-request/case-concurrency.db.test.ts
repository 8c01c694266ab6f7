// The same step taken twice, on both engines: two staff press 确认收到 on the same online application
// at the same moment (seen on PostgreSQL in the walk of 2026-12-07: confirmed twice, two 登记回执) —
// the second acts on the case as the first left it: one confirmation, one receipt, and a 409; and a
// clerk refreshes the 申请已登记 page of a paper application (seen on both engines: registered again
// under a new number) — the form's one-time token registers it once.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Agent } from '../support/agent.ts';
import { createTestEnv, type TestEnv } from '../support/test-app.ts';
import { application } from './helpers.ts';

let env: TestEnv;
before(async () => {
  env = await createTestEnv({ now: '2025-06-02T02:00:00Z' });
  await env.user('lx.clerk', 'lingxi', ['clerk']);
  await env.user('lx.signer', 'lingxi', ['signer']);
});
after(() => env.close());

test('two staff confirm the same online application at once: it is confirmed once', async () => {
  const citizen = new Agent(env.app);
  await citizen.get('/agencies/lingxi/apply/online');
  assert.equal((await citizen.post('/agencies/lingxi/apply/online', application())).statusCode, 303);
  const { id } = await env.database.db.selectFrom('infoRequests').select('id').executeTakeFirstOrThrow();
  const staff = [new Agent(env.app), new Agent(env.app)];
  await staff[0]!.login('lx.clerk');
  await staff[1]!.login('lx.signer');
  for (const a of staff) await a.get(`/admin/info-requests/${id}`);
  const answers = await Promise.all(
    staff.map((a) => a.post(`/admin/info-requests/${id}/confirm`, { confirmedOn: '2025-06-02' })),
  );
  assert.deepEqual(answers.map((r) => r.statusCode).sort(), [303, 409]);
  const receipts = await env.database.db
    .selectFrom('infoRequestLetters')
    .select('id')
    .where('infoRequestId', '=', id)
    .where('kind', '=', 'receipt')
    .execute();
  assert.equal(receipts.length, 1, 'one 登记回执');
  const confirmed = await env.database.db
    .selectFrom('auditEvents')
    .select('id')
    .where('action', '=', 'infoRequest.confirmed')
    .where('entityId', '=', String(id))
    .execute();
  assert.equal(confirmed.length, 1, 'one confirmation in the audit log');
});

test('a refresh of the 申请已登记 page (the same form sent again) registers the paper application once', async () => {
  const clerk = new Agent(env.app);
  await clerk.login('lx.clerk');
  await clerk.get('/admin/info-requests/new');
  const form = {
    ...application({ name: '刷新测试' }),
    agencyId: String(env.county.agencyIds.lingxi),
    channel: 'inPerson',
    handedInOn: '2025-06-02',
    signedForOn: '',
    arrivedOn: '',
    confirmedOn: '',
    staffNote: '',
    _once: clerk.once,
  };
  const first = await clerk.post('/admin/info-requests', form);
  assert.equal(first.statusCode, 201);
  assert.match(first.body, /查询码 <strong>[A-Z2-9]{8}<\/strong>/);
  const again = await clerk.post('/admin/info-requests', form);
  assert.equal(again.statusCode, 303);
  const { id } = await env.database.db
    .selectFrom('infoRequests')
    .select('id')
    .where('applicantName', '=', '刷新测试')
    .executeTakeFirstOrThrow();
  assert.equal(again.headers.location, `/admin/info-requests/${id}?flash=alreadyRegistered`);
  const rows = await env.database.db
    .selectFrom('infoRequests')
    .select('id')
    .where('applicantName', '=', '刷新测试')
    .execute();
  assert.equal(rows.length, 1);
  assert.match((await clerk.follow(again)).body, /该申请已经登记，没有重复登记。/);
});
