// A 补正 period that ends in a year whose holidays are not yet published (issue #11 point 3,
// 条例 第三十条): registering the corrected application on paper in December must not be refused
// because the period's last day cannot be rolled forward on a confirmed calendar; the restarted
// answer period is provisional. Closing as abandoned stays strict (no decision on a guessed day).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Agent } from '../support/agent.ts';
import { createTestEnv, type TestEnv } from '../support/test-app.ts';
import { application } from './helpers.ts';

let env: TestEnv;
before(async () => {
  env = await createTestEnv({ now: '2026-12-10T02:00:00Z' });
  await env.user('lx.clerk', 'lingxi', ['clerk']);
});
after(() => env.close());

test('a corrected application is registered in December although the 补正 period ends in 2027', async () => {
  const citizen = new Agent(env.app);
  await citizen.get('/agencies/lingxi/apply/online');
  const submitted = await citizen.post('/agencies/lingxi/apply/online', application());
  assert.equal(submitted.statusCode, 303);
  const receipt = await citizen.get(submitted.headers.location as string);
  const number = /(LINGXI-2026-\d{4})/.exec(receipt.body)?.[1];
  assert.ok(number);
  const row = () =>
    env.database.db.selectFrom('infoRequests').selectAll().where('number', '=', number).executeTakeFirstOrThrow();
  const id = (await row()).id;

  const clerk = new Agent(env.app);
  await clerk.login('lx.clerk');
  await clerk.get(`/admin/info-requests/${id}`);
  assert.equal((await clerk.post(`/admin/info-requests/${id}/confirm`, { confirmedOn: '2026-12-10' })).statusCode, 303);
  await clerk.get(`/admin/info-requests/${id}`);
  const asked = await clerk.post(`/admin/info-requests/${id}/correction`, {
    items: '请写明道路的名称和路段。',
    noticeSentOn: '2026-12-10',
    // A Sunday: whether the period runs on to the next working day depends on 2027's arrangement.
    correctionDueOn: '2027-01-10',
  });
  assert.equal(asked.statusCode, 303);
  assert.equal((await row()).state, 'awaitingCorrection');

  // Closing as abandoned is refused before the period ends, whatever the calendar.
  await clerk.get(`/admin/info-requests/${id}`);
  const early = await clerk.post(`/admin/info-requests/${id}/close-correction`, {});
  assert.ok(early.statusCode >= 400 && early.statusCode < 500, `close refused with 4xx, got ${early.statusCode}`);
  assert.equal((await row()).state, 'awaitingCorrection');

  env.clock.set('2026-12-18T02:00:00Z');
  await clerk.login('lx.clerk');
  await clerk.get(`/admin/info-requests/${id}`);
  const corrected = await clerk.post(`/admin/info-requests/${id}/corrected`, {
    correctedReceivedOn: '2026-12-18',
    correctedText: '灵溪镇中华路（人民路口至汽车站段）维修工程的项目预算表',
  });
  assert.equal(corrected.statusCode, 303, corrected.body.slice(0, 400));
  const after = await row();
  assert.equal(after.correctedReceivedOn, '2026-12-18');
  assert.notEqual(after.state, 'awaitingCorrection');
  assert.ok(after.dueOn && after.dueOn > '2027-01-01', `the restarted period ends in 2027, got ${after.dueOn}`);
  const page = await clerk.get(`/admin/info-requests/${id}`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /暂定/);
});
