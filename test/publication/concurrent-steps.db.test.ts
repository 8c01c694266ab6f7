// Two staff taking the same step of one publication at the same moment, on both engines (seen on
// PostgreSQL in the walk of 2026-12-07: 保密审查通过 recorded twice; two 签发 at once, one of them
// answered 「系统错误」 by the revision's unique key). The second acts on the publication as the
// first left it: one step recorded, and a 409 for the second.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Agent } from '../support/agent.ts';
import { auditEvents } from '../support/audit.ts';
import { PublicationDesk } from '../support/publication-desk.ts';
import type { TestEnv } from '../support/test-app.ts';

let env: TestEnv;
const desk = new PublicationDesk();
before(async () => {
  env = await desk.start({ now: '2025-06-02T02:00:00Z' });
});
after(() => env.close());

async function twice(username: string, id: number, path: string, fields: Record<string, string>) {
  const agents = [new Agent(env.app), new Agent(env.app)];
  for (const a of agents) {
    await a.login(username);
    await a.get(`/admin/publications/${id}`);
  }
  const answers = await Promise.all(agents.map((a) => a.post(`/admin/publications/${id}/${path}`, fields)));
  return answers.map((r) => r.statusCode).sort();
}

test('two reviewers pass, then two signers release the same publication at once: each step once', async () => {
  const id = await desk.draft();
  assert.equal((await desk.act('lx.clerk', id, 'submit')).statusCode, 303);
  assert.deepEqual(await twice('lx.reviewer', id, 'review', { decision: 'pass', comment: '' }), [303, 409]);
  assert.equal((await auditEvents(env, { action: 'publication.reviewPassed', entityId: id })).length, 1);
  assert.deepEqual(await twice('lx.signer', id, 'sign-off', { decision: 'approve', comment: '' }), [303, 409]);
  assert.equal((await desk.pub(id)).state, 'published');
  const revisions = await env.database.db
    .selectFrom('publicationRevisions')
    .select('revision')
    .where('publicationId', '=', id)
    .execute();
  assert.equal(revisions.length, 1);
});
