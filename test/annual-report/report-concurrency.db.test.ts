// Two staff taking the same step of one annual report at the same moment, on both engines: each
// request read the report before its transaction, so both saw 「已审核」 and both published it — two
// 年报 publications, two 发布 events. The second now acts on the report as the first left it.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Agent } from '../support/agent.ts';
import { auditEvents } from '../support/audit.ts';
import { makeReport } from '../support/factories.ts';
import { createTestEnv, type TestEnv } from '../support/test-app.ts';

let env: TestEnv;
before(async () => {
  env = await createTestEnv({ now: '2026-01-15T02:00:00Z' });
  await env.user('county.a', 'yongshun', ['admin']);
  await env.user('county.b', 'yongshun', ['admin']);
});
after(() => env.close());

async function together(id: number, path: string, fields: Record<string, string>) {
  const agents = [new Agent(env.app), new Agent(env.app)];
  for (const [i, a] of agents.entries()) {
    await a.login(i ? 'county.b' : 'county.a');
    await a.get(`/admin/annual-reports/${id}`);
  }
  const answers = await Promise.all(agents.map((a) => a.post(`/admin/annual-reports/${id}/${path}`, fields)));
  return answers.map((r) => r.statusCode).sort();
}

test('two county admins approve, then publish one report at once: each step once, one 年报 publication', async () => {
  const lingxi = env.county.agencyIds.lingxi as number;
  const { id } = await makeReport(env, lingxi, 2025, 'submitted');
  const approved = await together(id, 'review', { decision: 'approve', comment: '同意。' });
  assert.equal(approved[0], 303);
  assert.ok(approved[1] === 409 || approved[1] === 422, String(approved));
  assert.equal((await auditEvents(env, { action: 'annualReport.approve', entityId: id })).length, 1);
  const published = await together(id, 'publish', { overrideReason: '测试发布' });
  assert.equal(published[0], 303);
  assert.ok(published[1] === 409 || published[1] === 422, String(published));
  assert.equal((await auditEvents(env, { action: 'annualReport.publish', entityId: id })).length, 1);
  const rows = await env.database.db
    .selectFrom('publications')
    .select('id')
    .where('agencyId', '=', lingxi)
    .where('title', 'like', '%2025年政府信息公开工作年度报告%')
    .execute();
  assert.equal(rows.length, 1);
});
