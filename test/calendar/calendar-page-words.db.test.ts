// The 工作日历 screen speaks Chinese: the years shipped with the system (confirmed at first start
// by the system's own context) name their confirmer 「系统」, not the internal actor name.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Agent } from '../support/agent.ts';
import { createTestEnv, type TestEnv } from '../support/test-app.ts';

let env: TestEnv;
before(async () => {
  env = await createTestEnv({ now: '2026-12-08T02:00:00Z' });
  await env.user('county.admin', 'yongshun', ['admin']);
});
after(() => env.close());

test('the confirmed years list 「系统」 as the confirmer of the shipped years', async () => {
  const shipped = await env.database.db
    .selectFrom('calendarYears')
    .select(['year', 'confirmedBy'])
    .where('year', '=', 2026)
    .executeTakeFirstOrThrow();
  assert.equal(shipped.confirmedBy, 'system');
  const admin = new Agent(env.app);
  await admin.login('county.admin');
  const page = await admin.get('/admin/calendar');
  assert.equal(page.statusCode, 200);
  const row = /<a href="\/admin\/calendar\?year=2026">2026<\/a><\/td>(.*?)<\/tr>/s.exec(page.body)?.[1] ?? '';
  assert.match(row, /<td>系统<\/td>/);
  assert.doesNotMatch(row, />system</);
});
