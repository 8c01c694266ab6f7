// 撤回更正 from the retroactive scan's screen (issue #18 point 4), on both engines: a published item
// in which the scan found an ID number is offered for withdrawal on /admin/privacy and on its
// agency's list; one POST (CSRF, the confirmation box) by the agency's reviewer withdraws it through
// the workflow's step — state, the reason on the record, the notice at the old address (410), gone
// from the agency's lists — audited twice (publication.withdrawn with the reason, publication.privacyWithdrawn
// with the findings); a clerk, another agency's reviewer and a missing id are refused; sent again,
// it is a 409 with a Chinese sentence; without the box, a 422 that says so. A county admin may
// withdraw a town's item.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { systemContext } from '../../src/bootstrap.ts';
import { createDraft, review, signOff, submit } from '../../src/modules/publication/index.ts';
import { continueRun, startOrResumeRun } from '../../src/modules/publication/privacy-retro.ts';
import { CORRECTION_REASON } from '../../src/modules/publication/privacy-withdraw.ts';
import { emptyInput } from '../../src/modules/publication/publication.input.ts';
import { residentIdCheckCharacter } from '../../src/platform/privacy/detectors.ts';
import { fileStore } from '../../src/platform/storage/file-store.ts';
import { inTransaction } from '../../src/platform/transaction.ts';
import { SignedInStaff } from '../support/signed-in.ts';
import { createTestEnv, type TestEnv } from '../support/test-app.ts';

let env: TestEnv;
const ID = '43312719790312001' + residentIdCheckCharacter('43312719790312001');
const items: Record<string, number> = {};
const staff = new SignedInStaff([
  ['lx.reviewer', 'lingxi', 'reviewer'],
  ['lx.clerk', 'lingxi', 'clerk'],
  ['gp.reviewer', 'gaoping', 'reviewer'],
  ['county.admin', 'yongshun', 'admin'],
]);
const { as } = staff;
const db = () => env.database.db;

before(async () => {
  env = await createTestEnv({ now: '2025-06-02T02:00:00Z' });
  const ctx = systemContext(env.clock);
  const cal = await env.deps.calendar.get();
  // Released before the guard (as an import of past items is), then found by the retroactive scan.
  const publish = async (slug: string, title: string, body: string) => {
    const agencyId = env.county.agencyIds[slug]!;
    const cat = await db()
      .selectFrom('categories')
      .select('id')
      .where('agencyId', '=', agencyId)
      .executeTakeFirstOrThrow();
    return inTransaction(db(), async (trx) => {
      const base = emptyInput('人民政府', '2025-05-20');
      const input = { ...base, values: { ...base.values, title, body }, categoryIds: [String(cat.id)] };
      const id = await createDraft(trx, ctx, 'system', cal, agencyId, input);
      await submit(trx, ctx, 'system', id);
      await review(trx, ctx, 'system', id, 'pass', '');
      await signOff(trx, ctx, 'system', id, 'approve', '');
      return id;
    });
  };
  items.lingxi = await publish('lingxi', '灵溪镇临时救助审批结果', `<p>经审核，身份证号${ID}的申请符合条件。</p>`);
  items.lingxi2 = await publish('lingxi', '灵溪镇医疗救助审批结果', `<p>经审核，身份证号${ID}的申请符合条件。</p>`);
  items.gaoping = await publish('gaoping', '高坪乡临时救助审批结果', `<p>经审核，身份证号${ID}的申请符合条件。</p>`);
  await db().deleteFrom('privacyFindings').execute();
  const at = () => env.clock.now().toISOString();
  const run = await startOrResumeRun(db(), { agencyId: null, since: null }, null, at());
  while (!(await continueRun(db(), fileStore(env.config.dataDir), run, at)));
  await staff.open(env);
});
after(() => env.close());

async function withdraw(user: string, id: number, fields: Record<string, string> = { confirm: 'yes' }) {
  const a = as(user);
  await a.get('/admin/privacy');
  return a.post(`/admin/privacy/publications/${id}/withdraw`, fields);
}
const stateOf = async (id: number) =>
  (await db().selectFrom('publications').select('state').where('id', '=', id).executeTakeFirstOrThrow()).state;

test('the screen offers 撤回更正 on each published item with findings, and per agency', async () => {
  const page = await as('lx.reviewer').get('/admin/privacy');
  assert.equal(page.statusCode, 200);
  for (const id of [items.lingxi, items.lingxi2])
    assert.match(page.body, new RegExp(`action="/admin/privacy/publications/${id}/withdraw"`));
  assert.doesNotMatch(page.body, new RegExp(`publications/${items.gaoping}`), "another agency's item is not listed");
  assert.match(page.body, /撤回更正/);
  assert.ok(!page.body.includes(ID));
  // The county admin sees both agencies; an agency's row leads to its own list.
  const county = await as('county.admin').get('/admin/privacy');
  const lingxi = env.county.agencyIds.lingxi!;
  assert.match(county.body, new RegExp(`href="/admin/privacy\\?agency=${lingxi}#items"`));
  const one = await as('county.admin').get(`/admin/privacy?agency=${lingxi}`);
  assert.equal(one.statusCode, 200);
  assert.match(one.body, new RegExp(`publications/${items.lingxi}/withdraw`));
  assert.doesNotMatch(one.body, new RegExp(`publications/${items.gaoping}/withdraw`));
  // A clerk sees the list but no withdrawal; an agency outside the scope is a 404.
  const clerk = await as('lx.clerk').get('/admin/privacy');
  assert.match(clerk.body, new RegExp(`href="/admin/publications/${items.lingxi}#privacy"`));
  assert.doesNotMatch(clerk.body, /\/withdraw"/);
  const outside = await as('lx.reviewer').get(`/admin/privacy?agency=${env.county.agencyIds.gaoping}`);
  assert.equal(outside.statusCode, 404);
});

test('refused: a clerk (403), another agency’s reviewer (403), no such item (404), no CSRF token (403)', async () => {
  assert.equal((await withdraw('lx.clerk', items.lingxi!)).statusCode, 403);
  assert.equal((await withdraw('gp.reviewer', items.lingxi!)).statusCode, 403);
  assert.equal((await withdraw('lx.reviewer', 999_999)).statusCode, 404);
  const a = as('lx.reviewer');
  const noToken = await env.app.inject({
    method: 'POST',
    url: `/admin/privacy/publications/${items.lingxi}/withdraw`,
    payload: 'confirm=yes',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: a.cookieHeader() },
  });
  assert.equal(noToken.statusCode, 403);
  assert.equal(await stateOf(items.lingxi!), 'published');
});

test('without the confirmation box: 422 with the sentence at the item; nothing withdrawn', async () => {
  const r = await withdraw('lx.reviewer', items.lingxi!, {});
  assert.equal(r.statusCode, 422);
  assert.match(r.body, /请勾选“确认撤回”/);
  assert.match(r.body, new RegExp(`id="confirm-${items.lingxi}-error"`));
  assert.equal(await stateOf(items.lingxi!), 'published');
});

test('the reviewer withdraws it in one POST: the workflow’s withdrawal, the public notice, audited; again is a 409', async () => {
  const id = items.lingxi!;
  const r = await withdraw('lx.reviewer', id);
  assert.equal(r.statusCode, 303, r.body.slice(0, 800));
  assert.equal(r.headers.location, `/admin/privacy?withdrawn=${id}`);
  const pub = await db()
    .selectFrom('publications')
    .select(['state', 'withdrawnReason', 'withdrawnAt'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  assert.equal(pub.state, 'withdrawn');
  assert.equal(pub.withdrawnReason, CORRECTION_REASON);
  assert.ok(pub.withdrawnAt);
  // The confirmation on the screen; the item has left its list.
  const screen = await as('lx.reviewer').get(r.headers.location as string);
  assert.match(screen.body, /已撤回《灵溪镇临时救助审批结果》。公众访问原网址将看到/);
  assert.doesNotMatch(screen.body, new RegExp(`publications/${id}/withdraw`));
  // The public: the old address says it was withdrawn (and shows no number); the list has lost it.
  const old = await env.app.inject({ method: 'GET', url: `/publications/${id}` });
  assert.equal(old.statusCode, 410);
  assert.match(old.body, /该信息已撤回[\s\S]*撤回了《灵溪镇临时救助审批结果》/);
  assert.ok(!old.body.includes(ID));
  const list = await env.app.inject({ method: 'GET', url: '/agencies/lingxi/statutory' });
  assert.ok(!list.body.includes('灵溪镇临时救助审批结果'));
  // Audited: the workflow's withdrawal by the reviewer, and the findings that caused it.
  const events = await db()
    .selectFrom('auditEvents')
    .select(['action', 'actorUserId', 'summary'])
    .where('entityType', '=', 'publication')
    .where('entityId', '=', String(id))
    .where('action', 'in', ['publication.withdrawn', 'publication.privacyWithdrawn'])
    .orderBy('id')
    .execute();
  const reviewerId = (
    await db().selectFrom('users').select('id').where('username', '=', 'lx.reviewer').executeTakeFirstOrThrow()
  ).id;
  assert.deepEqual(
    events.map((e) => [e.action, e.actorUserId]),
    [
      ['publication.withdrawn', reviewerId],
      ['publication.privacyWithdrawn', reviewerId],
    ],
  );
  const summary = String(events[1]?.summary);
  assert.match(summary, /idNumber/);
  assert.ok(summary.includes(`${ID.slice(0, 4)}**********${ID.slice(14)}`) && !summary.includes(ID));
  // Sent again (a second tab): a 409 that says it is already withdrawn.
  const again = await withdraw('lx.reviewer', id);
  assert.equal(again.statusCode, 409);
  assert.ok(again.body.includes('《灵溪镇临时救助审批结果》已经撤回，无需再次撤回。'), again.body);
});

test('a county admin withdraws a town’s item', async () => {
  const r = await withdraw('county.admin', items.lingxi2!);
  assert.equal(r.statusCode, 303, r.body.slice(0, 800));
  assert.equal(await stateOf(items.lingxi2!), 'withdrawn');
  assert.equal(await stateOf(items.gaoping!), 'published');
});
