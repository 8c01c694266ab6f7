// The category taxonomy admin on both engines: add, rename, reorder, merge (publications and
// sub-categories move), the seed preset, and the policy against the category's agency.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Agent } from '../support/agent.ts';
import { createTestEnv, type TestEnv } from '../support/test-app.ts';
import { createAgency } from '../../src/modules/agency/agency.service.ts';
import { systemContext } from '../../src/bootstrap.ts';
import { inTransaction } from '../../src/platform/transaction.ts';
import { makeCreditCode } from '../../src/platform/validation/credit-code.ts';
import { createDraft, draftInput } from '../../src/modules/publication/index.ts';

let env: TestEnv;
let lingxi: number;
let signer: Agent;
let clerk: Agent;
let other: Agent;

before(async () => {
  env = await createTestEnv();
  lingxi = env.county.agencyIds.lingxi!;
  await env.user('lx.signer', 'lingxi', ['signer', 'clerk']);
  await env.user('lx.clerk', 'lingxi', ['clerk']);
  await env.user('gp.signer', 'gaoping', ['signer']);
  signer = new Agent(env.app);
  await signer.login('lx.signer');
  clerk = new Agent(env.app);
  await clerk.login('lx.clerk');
  other = new Agent(env.app);
  await other.login('gp.signer');
});
after(() => env.close());

const cats = () => env.database.db.selectFrom('categories').selectAll().where('agencyId', '=', lingxi).execute();
const byName = async (name: string) => (await cats()).find((c) => c.name === name)!;

describe('category admin', () => {
  test('the page lists the tree; a clerk and another agency are refused', async () => {
    const page = await signer.get(`/admin/categories?agency=${lingxi}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /宅基地使用情况审核/);
    assert.equal((await clerk.get(`/admin/categories?agency=${lingxi}`)).statusCode, 403);
    assert.equal((await other.get(`/admin/categories?agency=${lingxi}`)).statusCode, 403);
    const c = await byName('筹资筹劳');
    await other.get('/admin/categories');
    assert.equal((await other.post(`/admin/categories/${c.id}`, { name: '改名', description: '' })).statusCode, 403);
    assert.equal((await byName('筹资筹劳')).name, '筹资筹劳');
  });

  test('add (422 keeps the input), rename, reorder', async () => {
    const parent = await byName('第二十一条规定的内容');
    await signer.get(`/admin/categories?agency=${lingxi}`);
    const bad = await signer.post('/admin/categories', {
      agencyId: String(lingxi),
      parentId: String(parent.id),
      name: '',
      description: '我写的说明',
    });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /请填写分类名称/);
    assert.match(bad.body, /我写的说明/);
    assert.equal(
      (
        await signer.post('/admin/categories', {
          agencyId: String(lingxi),
          parentId: String(parent.id),
          name: '村务公开',
          description: '',
        })
      ).statusCode,
      303,
    );
    const added = await byName('村务公开');
    assert.equal(added.depth, 2);
    assert.equal(added.code, `c${added.id}`);
    assert.equal(
      (await signer.post(`/admin/categories/${added.id}`, { name: '村务财务公开', description: '每季度公开' }))
        .statusCode,
      303,
    );
    assert.equal(
      (
        await env.database.db
          .selectFrom('categories')
          .select('name')
          .where('id', '=', added.id)
          .executeTakeFirstOrThrow()
      ).name,
      '村务财务公开',
    );
    const siblings = async () =>
      (await cats())
        .filter((c) => c.parentId === parent.id)
        .sort((a, b) => a.sortOrder - b.sortOrder)
        .map((c) => c.name);
    const beforeOrder = await siblings();
    assert.equal(beforeOrder.at(-1), '村务财务公开');
    assert.equal((await signer.post(`/admin/categories/${added.id}/move`, { direction: 'up' })).statusCode, 303);
    const afterOrder = await siblings();
    assert.equal(afterOrder.at(-2), '村务财务公开');
    assert.equal(afterOrder.length, beforeOrder.length);
  });

  test('merge moves publications and sub-categories; not into its own subtree; not a column', async () => {
    const from = await byName('筹资筹劳');
    const into = await byName('社会救助');
    const child = await byName('村务财务公开');
    // A publication in the category being merged away.
    const cal = await env.deps.calendar.get();
    const pubId = await inTransaction(env.database.db, (trx) =>
      createDraft(
        trx,
        systemContext(env.clock),
        'system',
        cal,
        lingxi,
        draftInput({ title: '筹资筹劳公示', body: '正文', issuer: '灵溪镇', formedOn: '2025-05-06' }, [
          String(from.id),
        ]),
      ),
    );
    await signer.get(`/admin/categories?agency=${lingxi}`);
    assert.equal(
      (await signer.post(`/admin/categories/${child.id}/merge`, { intoId: String(child.id) })).statusCode,
      422,
    );
    const column = await byName('法定主动公开内容');
    assert.equal(
      (await signer.post(`/admin/categories/${column.id}/merge`, { intoId: String(into.id) })).statusCode,
      422,
    );
    // A sub-category under 筹资筹劳 travels with the merge.
    assert.equal(
      (
        await signer.post('/admin/categories', {
          agencyId: String(lingxi),
          parentId: String(from.id),
          name: '一事一议项目',
          description: '',
        })
      ).statusCode,
      303,
    );
    assert.equal(
      (await signer.post(`/admin/categories/${from.id}/merge`, { intoId: String(into.id) })).statusCode,
      303,
    );
    assert.equal(
      (await cats()).some((c) => c.id === from.id),
      false,
    );
    const links = await env.database.db
      .selectFrom('publicationCategories')
      .select('categoryId')
      .where('publicationId', '=', pubId)
      .execute();
    assert.deepEqual(
      links.map((l) => l.categoryId),
      [into.id],
    );
    const moved = await byName('一事一议项目');
    assert.equal(moved.parentId, into.id);
    assert.equal(moved.depth, into.depth + 1);
    const audit = await env.database.db
      .selectFrom('auditEvents')
      .select('action')
      .where('action', '=', 'category.merged')
      .execute();
    assert.equal(audit.length, 1);
  });

  test('the seed preset adds the four classes once', async () => {
    await signer.get(`/admin/categories?agency=${lingxi}`);
    assert.equal((await signer.post('/admin/categories/preset', { agencyId: String(lingxi) })).statusCode, 303);
    await signer.post('/admin/categories/preset', { agencyId: String(lingxi) });
    const names = (await cats()).map((c) => c.name);
    for (const n of ['组织机构', '计划总结', '政策法规', '工作动态'])
      assert.equal(names.filter((x) => x === n).length, 1, n);
  });

  test('a new agency gets its taxonomy in the same transaction as its creation', async () => {
    const id = await inTransaction(env.database.db, (trx) =>
      createAgency(
        trx,
        systemContext(env.clock),
        {
          name: '永顺县松柏镇人民政府',
          shortName: '松柏镇',
          kind: 'town',
          creditCode: makeCreditCode('11433127000000099'),
          slug: 'songbai',
          officeName: '松柏镇党政综合办公室',
          officeAddress: '松柏镇1号',
          officePostcode: '416700',
          officePhone: '0743-5239999',
          officeFax: '',
          officeEmail: 'sb@example.gov',
          officeHours: '工作日',
          indexPattern: '',
          guideText: '',
          sortOrder: '0',
        },
        env.county.countyId,
      ),
    );
    const n = await env.database.db.selectFrom('categories').select('name').where('agencyId', '=', id).execute();
    assert.ok(n.some((c) => c.name === '农田水利工程建设运营'));
  });
});
