// The retroactive scan of what is already public (issue #18 point 4 acceptance), on both engines:
// planted personal data in published items of the demo county is found (body, attachment), clean
// items give nothing; a run interrupted after a batch resumes where it stopped and finishes; masked
// after release, the item is no longer found by the masked text in the public search or the API.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { systemContext } from '../../src/bootstrap.ts';
import { createDraft, review, signOff, submit } from '../../src/modules/publication/index.ts';
import { addAttachment } from '../../src/modules/publication/attachment.service.ts';
import { continueRun, openFindingsByAgency, startOrResumeRun } from '../../src/modules/publication/privacy-retro.ts';
import { emptyInput } from '../../src/modules/publication/publication.input.ts';
import { residentIdCheckCharacter } from '../../src/platform/privacy/detectors.ts';
import { fileStore } from '../../src/platform/storage/file-store.ts';
import { inTransaction } from '../../src/platform/transaction.ts';
import { xlsxWithCells } from '../support/privacy-files.ts';
import { Agent } from '../support/agent.ts';
import { createTestEnv, type TestEnv } from '../support/test-app.ts';

let env: TestEnv;
const ID = '43312719900101123' + residentIdCheckCharacter('43312719900101123');
const planted: number[] = [];

before(async () => {
  env = await createTestEnv({ now: '2025-06-02T02:00:00Z', demo: true });
  const lingxi = env.county.agencyIds.lingxi!;
  const db = env.database.db;
  const ctx = systemContext(env.clock);
  const cat = await db.selectFrom('categories').select('id').where('agencyId', '=', lingxi).executeTakeFirstOrThrow();
  // Published by the system (as an import of past items is): the guard did not stop them.
  const cal = await env.deps.calendar.get();
  const publish = async (title: string, body: string, file?: Buffer) =>
    inTransaction(db, async (trx) => {
      const base = emptyInput('灵溪镇人民政府', '2025-05-20');
      const input = { ...base, values: { ...base.values, title, body }, categoryIds: [String(cat.id)] };
      const id = await createDraft(trx, ctx, 'system', cal, lingxi, input);
      if (file) await addAttachment(trx, ctx, 'system', fileStore(env.config.dataDir), id, '名单.xlsx', file);
      await submit(trx, ctx, 'system', id);
      await review(trx, ctx, 'system', id, 'pass', '');
      await signOff(trx, ctx, 'system', id, 'approve', '');
      return id;
    });
  planted.push(await publish('低保对象公示', `<p>户主李明，身份证号${ID}。</p>`));
  planted.push(
    await publish(
      '补贴发放名单',
      '<p>见附件。</p>',
      await xlsxWithCells([
        ['户主', '手机'],
        ['王芳', '13974310099'],
      ]),
    ),
  );
  await publish('灵溪镇2025年农田水利建设计划', '<p>新建灌溉渠道3.2公里，总投资280万元。咨询电话：0743-5230210。</p>');
  await publish('关于开展森林防火宣传的通知', '<p>2025年6月1日起开展，联系人：镇林业站。</p>');
  // The scan state of uploads is cleared: these items were published before the guard existed.
  await db.deleteFrom('privacyFindings').execute();
  await db.deleteFrom('privacyFileScans').execute();
});
after(() => env.close());

test('the scan finds the planted data in published items and nothing in the clean ones; interrupted, it resumes', async () => {
  const db = env.database.db;
  const store = fileStore(env.config.dataDir);
  const at = () => env.clock.now().toISOString();
  const runId = await startOrResumeRun(db, { agencyId: null, since: null }, null, at());
  const total = (
    await db.selectFrom('privacyScanRuns').select('total').where('id', '=', runId).executeTakeFirstOrThrow()
  ).total;
  assert.ok(total >= 4, `published items: ${total}`);
  // One batch of 2, then "the process ends".
  assert.equal(await continueRun(db, store, runId, at, 2), false);
  const mid = await db.selectFrom('privacyScanRuns').selectAll().where('id', '=', runId).executeTakeFirstOrThrow();
  assert.equal(mid.done, 2);
  assert.equal(mid.state, 'running');
  // Starting the same scan again continues the same run.
  assert.equal(await startOrResumeRun(db, { agencyId: null, since: null }, null, at()), runId);
  while (!(await continueRun(db, store, runId, at, 2)));
  const end = await db.selectFrom('privacyScanRuns').selectAll().where('id', '=', runId).executeTakeFirstOrThrow();
  assert.equal(end.state, 'done');
  assert.equal(end.done, total, 'every published item once');
  const withFindings = await db
    .selectFrom('privacyFindings')
    .select(['publicationId', 'kind', 'masked', 'cell', 'source'])
    .where('state', '=', 'open')
    .orderBy('id')
    .execute();
  assert.deepEqual(
    [...new Set(withFindings.map((f) => f.publicationId))].sort(),
    [...planted].sort(),
    'only the planted items',
  );
  assert.deepEqual(
    withFindings.map((f) => `${f.source}:${f.kind}:${f.masked}:${f.cell}`).sort(),
    [
      'body:idNumber:4331**********1238:',
      'body:name:李*:',
      // The summary made from the body holds them too.
      'summary:idNumber:4331**********1238:',
      'summary:name:李*:',
      'attachment:mobile:139****0099:补贴发放!B2',
      'attachment:name:王*:补贴发放!A2',
    ].sort(),
  );
  const lingxi = env.county.agencyIds.lingxi!;
  const table = await openFindingsByAgency(db, [lingxi]);
  assert.deepEqual(
    table.map((r) => [r.publications, r.open]),
    [[2, 6]],
  );
});

test('the admin screen shows the table per agency and links to the items; starting a scan records a run', async () => {
  await env.user('lx.signer', 'lingxi', ['signer']);
  const a = new Agent(env.app);
  await a.login('lx.signer');
  const page = await a.get('/admin/privacy');
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /各机关待处理的个人信息/);
  assert.match(
    page.body,
    /<th scope="row"><a href="\/admin\/privacy\?agency=\d+#items">永顺县灵溪镇人民政府<\/a><\/th><td>2<\/td><td>6<\/td>/,
  );
  for (const id of planted) assert.match(page.body, new RegExp(`href="/admin/publications/${id}#privacy"`));
  assert.ok(!page.body.includes(ID));
  const before = await env.database.db.selectFrom('privacyScanRuns').select('id').execute();
  const started = await a.post('/admin/privacy/scan', {});
  assert.equal(started.statusCode, 303);
  const runs = await env.database.db.selectFrom('privacyScanRuns').selectAll().orderBy('id', 'desc').execute();
  assert.equal(runs.length, before.length + 1);
  assert.equal(runs[0]?.agencyId, env.county.agencyIds.lingxi);
});

test('masked after release, the ID number and name leave the public page, the search index and the API', async () => {
  const db = env.database.db;
  const [bodyItem] = planted;
  const a = new Agent(env.app);
  await a.login('lx.signer');
  const before = await env.app.inject({ method: 'GET', url: `/search?q=${ID.slice(0, 12)}` });
  assert.match(before.body, /低保对象公示/, 'found by its ID number before the mask');
  const open = await db
    .selectFrom('privacyFindings')
    .select('id')
    .where('publicationId', '=', bodyItem!)
    .where('state', '=', 'open')
    .where('source', '=', 'body')
    .orderBy('id')
    .execute();
  await a.get(`/admin/publications/${bodyItem}`);
  for (const f of open) {
    const r = await a.post(`/admin/publications/${bodyItem}/privacy/${f.id}/mask`, {});
    assert.equal(r.statusCode, 303, r.body.slice(0, 800));
  }
  const page = await env.app.inject({ method: 'GET', url: `/publications/${bodyItem}` });
  assert.ok(!page.body.includes(ID) && !page.body.includes('李明'), 'the public page shows only the mask');
  for (const q of [ID.slice(0, 12), ID.slice(-6), '李明']) {
    const html = await env.app.inject({ method: 'GET', url: `/search?q=${encodeURIComponent(q)}` });
    assert.doesNotMatch(html.body, /低保对象公示/, `no public search hit for ${q}`);
    const api = await env.app.inject({ method: 'GET', url: `/api/v1/publications?q=${encodeURIComponent(q)}` });
    assert.equal(api.statusCode, 200);
    assert.ok(!(api.json() as { items: { id: number }[] }).items.some((i) => i.id === bodyItem), `API: ${q}`);
  }
});
