// The signer revises a released publication through its edit form as a browser sends it, on both
// engines: the form has file fields, so the browser sends it as multipart, and the upload check
// asked the role of a drafter (publication.draft) before the form was read — a signer got
// 「无权访问」 (seen in the walk of 2026-12-07). The object check (修订 is the signer's) decides.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { PublicationDesk, publicationFields } from '../support/publication-desk.ts';
import type { TestEnv } from '../support/test-app.ts';

let env: TestEnv;
const desk = new PublicationDesk();
before(async () => {
  env = await desk.start({ now: '2025-06-02T02:00:00Z' });
});
after(() => env.close());

test('a signer revises a released publication through the multipart edit form; a clerk may not', async () => {
  const id = await desk.draft();
  await desk.release(id);
  const fields = await publicationFields(env, desk.agencyId, {
    body: '<p>今年计划新建灌溉渠道3.5公里。</p>',
    note: '更正渠道长度',
  });
  const clerk = desk.as('lx.clerk');
  await clerk.get(`/admin/publications/${id}`);
  assert.equal((await clerk.postMultipart(`/admin/publications/${id}`, fields)).statusCode, 403);
  const signer = desk.as('lx.signer');
  await signer.get(`/admin/publications/${id}/edit`);
  const res = await signer.postMultipart(`/admin/publications/${id}`, fields);
  assert.equal(res.statusCode, 303, res.body.slice(0, 300));
  // Saved as the draft of revision 2 (live after 保密审查 and 签发: revision-review.db.test.ts).
  const draft = await env.database.db
    .selectFrom('publicationRevisions')
    .select(['revision', 'state', 'body'])
    .where('publicationId', '=', id)
    .where('state', '<>', 'released')
    .executeTakeFirstOrThrow();
  assert.deepEqual(draft, { revision: 2, state: 'draft', body: '<p>今年计划新建灌溉渠道3.5公里。</p>' });
  assert.equal((await desk.pub(id)).revision, 1);
});
