// 修订 of a released publication goes through 保密审查 and 签发 (条例 第十七条), on both engines:
// the signer's revision is a draft of the next version; the portal, search and 修订记录 keep the
// released text until a reviewer has passed it and a signer has signed it off; the reviewer reads
// what it changes against the live version; a return needs a comment; 撤销修订稿 leaves the live
// version as it was; two reviewers at once make one review.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { residentIdCheckCharacter } from '../../src/platform/privacy/detectors.ts';
import { listRevisions } from '../../src/modules/publication/publication.repository.ts';
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

const OLD_BODY = '<p>今年计划新建灌溉渠道3.2公里。</p>';
const NEW_BODY = '<p>今年计划新建灌溉渠道3.5公里。</p>';
const NEW_TITLE = '灵溪镇2025年农田水利建设计划（更正）';

const publicPage = async (id: number) => (await env.app.inject({ method: 'GET', url: `/publications/${id}` })).body;

/** A released publication and the signer's 修订 of it, saved; its id. */
async function revised(note = '更正渠道长度', body = NEW_BODY): Promise<number> {
  const id = await desk.draft();
  await desk.release(id);
  const res = await desk.edit('lx.signer', id, { title: NEW_TITLE, body, note });
  assert.equal(res.statusCode, 303, res.body.slice(-1500));
  return id;
}

test("the signer's revision is not live before 保密审查 and 签发; after both it is, with its date in 修订记录", async () => {
  const id = await revised();
  let p = await desk.pub(id);
  assert.equal(p.revision, 1);
  assert.equal(p.body, OLD_BODY);
  let page = await publicPage(id);
  assert.ok(page.includes('3.2公里') && !page.includes('3.5公里'), 'the portal shows the released text');
  assert.ok(!page.includes('更正渠道长度'), '修订记录 has no unreleased revision');
  assert.deepEqual(
    (await listRevisions(env.database.db, id)).map((r) => r.revision),
    [1],
  );

  // The signer may not release it without 保密审查; the clerk takes no step on it.
  assert.equal((await desk.act('lx.signer', id, 'revision/sign-off', { decision: 'approve' })).statusCode, 409);
  assert.equal((await desk.act('lx.clerk', id, 'revision/submit')).statusCode, 403);
  assert.equal((await desk.act('lx.signer', id, 'revision/submit')).statusCode, 303);
  assert.equal((await desk.as('lx.signer').get(`/admin/publications/${id}/edit`)).statusCode, 409);

  // The reviewer reads what the revision changes against the live version.
  const reviewPage = await desk.as('lx.reviewer').get(`/admin/publications/${id}`);
  assert.match(reviewPage.body, /第 2 版修订稿：修订稿待保密审查/);
  assert.match(reviewPage.body, /修订稿与现行版本相比/);
  assert.ok(reviewPage.body.includes('<del><span class="visually-hidden">［删除：</span>3.2'));
  assert.ok(reviewPage.body.includes('<ins><span class="visually-hidden">［新增：</span>3.5'));
  assert.equal((await desk.act('lx.signer', id, 'revision/review', { decision: 'pass' })).statusCode, 403);
  const pass = await desk.act('lx.reviewer', id, 'revision/review', { decision: 'pass', comment: '' });
  assert.equal(pass.statusCode, 303);
  p = await desk.pub(id);
  assert.equal(p.revision, 1);
  assert.ok((await publicPage(id)).includes('3.2公里'), 'still the released text after 保密审查, before 签发');

  env.clock.advance(10 * 60 * 1000);
  const signOff = await desk.act('lx.signer', id, 'revision/sign-off', { decision: 'approve', comment: '' });
  assert.equal(signOff.statusCode, 303);
  p = await desk.pub(id);
  assert.equal(p.revision, 2);
  assert.equal(p.title, NEW_TITLE);
  assert.equal(p.body, NEW_BODY);
  assert.equal(p.publishedOn, '2025-06-02', 'the first release date stays');
  page = await publicPage(id);
  assert.ok(page.includes('3.5公里') && !page.includes('3.2公里'));
  assert.match(page, /第 2 版：2025-06-02 更正渠道长度/);
  const revs = await listRevisions(env.database.db, id);
  assert.deepEqual(
    revs.map((r) => [r.revision, r.body, r.note]),
    [
      [1, OLD_BODY, '首次发布'],
      [2, NEW_BODY, '更正渠道长度'],
    ],
  );
  assert.equal(revs[1]!.releasedAt, env.clock.now().toISOString(), 'released at its 签发');
});

test('a return needs a comment and sends the revision back to the signer; 撤销修订稿 leaves the live version', async () => {
  const id = await revised('补充说明');
  assert.equal((await desk.act('lx.signer', id, 'revision/submit')).statusCode, 303);
  const bare = await desk.act('lx.reviewer', id, 'revision/review', { decision: 'return', comment: ' ' });
  assert.equal(bare.statusCode, 422);
  assert.match(bare.body, /退回时请写明退回意见/);
  const back = await desk.act('lx.reviewer', id, 'revision/review', { decision: 'return', comment: '请核对长度' });
  assert.equal(back.statusCode, 303);
  const edit = await desk.as('lx.signer').get(`/admin/publications/${id}/edit`);
  assert.equal(edit.statusCode, 200);
  assert.ok(edit.body.includes('3.5公里') && edit.body.includes('补充说明'), 'the form holds the revision draft');
  assert.equal((await desk.act('lx.signer', id, 'revision/discard')).statusCode, 303);
  const p = await desk.pub(id);
  assert.equal(p.state, 'published');
  assert.equal(p.revision, 1);
  assert.equal(p.body, OLD_BODY);
  assert.ok((await publicPage(id)).includes('3.2公里'));
  const rows = await env.database.db
    .selectFrom('publicationRevisions')
    .select('revision')
    .where('publicationId', '=', id)
    .execute();
  assert.deepEqual(rows, [{ revision: 1 }]);
  // A new 修订 can start again.
  assert.equal((await desk.edit('lx.signer', id, { body: NEW_BODY, note: '再次修订' })).statusCode, 303);
});

test('a revision carrying personal data does not pass 保密审查', async () => {
  const idNo = '43312719900101123' + residentIdCheckCharacter('43312719900101123');
  const id = await revised('补充联系人', `<p>联系人身份证号码${idNo}。</p>`);
  assert.equal((await desk.act('lx.signer', id, 'revision/submit')).statusCode, 303);
  const res = await desk.act('lx.reviewer', id, 'revision/review', { decision: 'pass', comment: '' });
  assert.equal(res.statusCode, 422);
  assert.match(res.body, /修订稿中检出 \d+ 处个人信息，不能通过/);
  assert.equal(
    (await desk.act('lx.reviewer', id, 'revision/review', { decision: 'return', comment: '请删除身份证号码' }))
      .statusCode,
    303,
  );
  assert.ok(!(await publicPage(id)).includes(idNo));
});

/** The count of a 工作台 queue of `user`'s (0 when the queue is not shown). */
async function queueCount(user: string, key: string): Promise<number> {
  const html = (await desk.as(user).get('/admin')).body;
  const m = new RegExp(`data-queue="${key.replace('.', '\\.')}">.*?<span class="wb-count">(\\d+)</span>`, 's').exec(
    html,
  );
  return m ? Number(m[1]) : 0;
}

test('a revision in review is in the 工作台 queues; two reviewers passing it at once: one review', async () => {
  const id = await revised();
  assert.equal(await queueCount('lx.reviewer', 'publication.review'), 0);
  assert.equal((await desk.act('lx.signer', id, 'revision/submit')).statusCode, 303);
  assert.equal(await queueCount('lx.reviewer', 'publication.review'), 1);
  const queue = await desk.as('lx.reviewer').get('/admin/publications?queue=review');
  assert.ok(queue.body.includes(`href="/admin/publications/${id}"`));
  const agents = [new Agent(env.app), new Agent(env.app)];
  for (const a of agents) {
    await a.login('lx.reviewer');
    await a.get(`/admin/publications/${id}`);
  }
  const answers = await Promise.all(
    agents.map((a) => a.post(`/admin/publications/${id}/revision/review`, { decision: 'pass', comment: '' })),
  );
  assert.deepEqual(answers.map((r) => r.statusCode).sort(), [303, 409]);
  assert.equal((await auditEvents(env, { action: 'publication.revisionReviewPassed', entityId: id })).length, 1);
  assert.equal(await queueCount('lx.reviewer', 'publication.review'), 0);
  assert.equal(await queueCount('lx.signer', 'publication.signOff'), 1);
});
