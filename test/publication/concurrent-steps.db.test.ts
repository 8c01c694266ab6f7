// Two staff taking the same step of one publication at the same moment, on both engines (seen on
// PostgreSQL in the walk of 2026-12-07: 保密审查通过 recorded twice; two 签发 at once, one of them
// answered 「系统错误」 by the revision's unique key). The second acts on the publication as the
// first left it: one step recorded, and a 409 for the second.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Agent } from '../support/agent.ts';
import { auditEvents } from '../support/audit.ts';
import { PublicationDesk, publicationFields } from '../support/publication-desk.ts';
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

test('the same 新建 form sent twice at once (a double click, two tabs) makes one draft', async () => {
  const clerk = new Agent(env.app);
  await clerk.login('lx.clerk');
  const form = await clerk.get('/admin/publications/new');
  const once = /name="_once" value="([^"]+)"/.exec(form.body)?.[1];
  assert.ok(once, 'the form carries its one-time token');
  const fields = {
    agencyId: String(desk.agencyId),
    ...(await publicationFields(env, desk.agencyId, { title: '同一张表单的草稿' })),
    _once: once,
  };
  const [a, b] = await Promise.all([
    clerk.post('/admin/publications', fields),
    clerk.post('/admin/publications', fields),
  ]);
  assert.deepEqual([a.statusCode, b.statusCode], [303, 303]);
  assert.equal(a.headers.location, b.headers.location);
  const drafts = await env.database.db
    .selectFrom('publications')
    .select('id')
    .where('title', '=', '同一张表单的草稿')
    .execute();
  assert.equal(drafts.length, 1);
});
