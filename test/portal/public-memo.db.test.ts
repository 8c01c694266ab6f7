// The memo of public reads (src/db/version-memo.ts) with the page cache off (PUBLIC_CACHE_SECONDS=0),
// on the engine of GK_TEST_ENGINE: the agency, its categories, a list's count and years, the home
// page's latest list, the site's name and the bodies rendered once per data version (an agency's
// landing page, a list's first page, 年报) are kept between requests, and a change committed
// through a service — or by another process — is on the next page read.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { openDatabase } from '../../src/db/database.ts';
import { systemContext } from '../../src/bootstrap.ts';
import { agencyToInput, editAgency, findAgencyById, setAgencyActive } from '../../src/modules/agency/index.ts';
import { addCategory, renameCategory } from '../../src/modules/catalog/index.ts';
import { withdraw } from '../../src/modules/publication/publication.service.ts';
import { inTransaction } from '../../src/platform/transaction.ts';
import { makePublication } from '../support/factories.ts';
import { createTestEnv, type TestEnv } from '../support/test-app.ts';

let env: TestEnv;
let lingxi: number;
let county: number;
const get = (url: string) => env.app.inject({ method: 'GET', url });
const ctx = () => systemContext(env.clock);

before(async () => {
  env = await createTestEnv({ config: { publicCacheSeconds: 0 } });
  lingxi = env.county.agencyIds.lingxi as number;
  county = env.county.countyId;
});
after(async () => env.close());

const count = (html: string) => Number(/共\s*(\d+)\s*条/.exec(html)?.[1] ?? NaN);

describe('memo of public reads (page cache off)', () => {
  test('the pages read through it answer the same twice and keep reads between requests', async () => {
    assert.equal(env.app.publicCache, null, 'the page cache is off in this file');
    for (const url of ['/', '/agencies', '/site-map', '/agencies/lingxi', '/agencies/lingxi/statutory']) {
      const a = await get(url);
      const b = await get(url);
      assert.equal(a.statusCode, 200, url);
      assert.equal(b.body, a.body, url);
    }
    assert.ok(env.app.memo.size > 0, 'reads are kept');
  });

  test('a publication released and then withdrawn through the service is on the very next page read', async () => {
    const list = '/agencies/lingxi/statutory';
    const n0 = count((await get(list)).body);
    await get('/');
    const pub = await makePublication(env, lingxi, 'published', { title: '备忘测试：新发布的公开信息' });
    const listed = (await get(list)).body;
    assert.ok(listed.includes(`/publications/${pub.id}"`), 'listed at once');
    assert.equal(count(listed), n0 + 1, 'the kept count moved with it');
    assert.match((await get('/')).body, /备忘测试：新发布的公开信息/, "on the home page's latest list");
    assert.match((await get('/agencies/lingxi')).body, /备忘测试：新发布的公开信息/, "on the agency's landing page");
    await inTransaction(env.database.db, (trx) => withdraw(trx, ctx(), 'system', pub.id, '测试撤回。'));
    const after = (await get(list)).body;
    assert.ok(!after.includes(`/publications/${pub.id}"`), 'gone from the list at once');
    assert.equal(count(after), n0);
    assert.doesNotMatch((await get('/')).body, /备忘测试：新发布的公开信息/);
  });

  test('a category added or renamed through the service is in the filter at once', async () => {
    const list = '/agencies/lingxi/statutory';
    await get(list);
    const parent = await env.database.db
      .selectFrom('categories')
      .select('id')
      .where('agencyId', '=', lingxi)
      .where('columnKey', '=', 'statutory')
      .where('parentId', 'is', null)
      .executeTakeFirstOrThrow();
    const id = await inTransaction(env.database.db, (trx) =>
      addCategory(trx, ctx(), lingxi, { parentId: String(parent.id), name: '备忘测试分类', description: '' }),
    );
    assert.match((await get(list)).body, /备忘测试分类/);
    await inTransaction(env.database.db, (trx) => renameCategory(trx, ctx(), lingxi, id, '备忘测试分类（改名）', ''));
    assert.match((await get(list)).body, /备忘测试分类（改名）/);
  });

  test("an agency renamed or deactivated through the service, and the site's name, change at once", async () => {
    // 机构目录's filtered and group pages are read from the directory kept per data version.
    const filtered = `/agencies?q=${encodeURIComponent('灵溪')}`;
    const group = '/agencies?group=yongshun.towns';
    const bodies = ['/agencies/lingxi', '/agencies/lingxi/statutory', '/agencies/lingxi/reports'];
    for (const url of ['/', '/agencies', '/site-map', filtered, group, ...bodies]) await get(url);
    const a = await findAgencyById(env.database.db, lingxi);
    assert.ok(a);
    await inTransaction(env.database.db, (trx) =>
      editAgency(trx, ctx(), lingxi, {
        ...agencyToInput(a),
        name: '灵溪镇人民政府（备忘测试）',
        shortName: '灵溪镇（备忘测试）',
      }),
    );
    assert.match((await get('/agencies/lingxi')).body, /灵溪镇人民政府（备忘测试）/);
    // Bodies kept rendered per data version (the landing page, a list's first page, 年报): their
    // breadcrumbs and headings, not only the title the layout puts around them.
    assert.match((await get('/agencies/lingxi')).body, /<h1>灵溪镇人民政府（备忘测试） · 政府信息公开<\/h1>/);
    for (const url of bodies.slice(1))
      assert.match((await get(url)).body, /href="\/agencies\/lingxi">灵溪镇人民政府（备忘测试）<\/a>/, url);
    // The agency lists are kept rendered (home, 机构目录, 网站地图): rendered again at once.
    assert.match((await get('/agencies')).body, /灵溪镇人民政府（备忘测试）/);
    assert.match((await get('/site-map')).body, /灵溪镇人民政府（备忘测试）/);
    assert.match((await get('/')).body, /href="\/agencies\/lingxi">灵溪镇（备忘测试）</);
    assert.match((await get(filtered)).body, /找到 1 个名称含“灵溪”的机构[\s\S]*灵溪镇人民政府（备忘测试）/);
    assert.match((await get(`/agencies?q=${encodeURIComponent('备忘测试')}`)).body, /灵溪镇人民政府（备忘测试）/);
    assert.match((await get(group)).body, /灵溪镇人民政府（备忘测试）/);
    // The site's name (every page's header) is the top agency's.
    const top = await findAgencyById(env.database.db, county);
    assert.ok(top);
    await inTransaction(env.database.db, (trx) =>
      editAgency(trx, ctx(), county, { ...agencyToInput(top), name: '永顺县人民政府（备忘测试）' }),
    );
    assert.match((await get('/agencies/lingxi/guide')).body, /<title>[^<]*永顺县人民政府（备忘测试）<\/title>/);
    await inTransaction(env.database.db, (trx) => setAgencyActive(trx, ctx(), lingxi, false));
    assert.equal((await get('/agencies/lingxi')).statusCode, 404, 'a deactivated agency is gone at once');
    assert.equal((await get('/agencies/lingxi/statutory')).statusCode, 404);
    for (const url of ['/', '/agencies', '/site-map', filtered, group])
      assert.doesNotMatch((await get(url)).body, /href="\/agencies\/lingxi"/, `${url} no longer lists it`);
    assert.match((await get(filtered)).body, /没有找到名称含“灵溪”的机构/);
    await inTransaction(env.database.db, (trx) => setAgencyActive(trx, ctx(), lingxi, true));
    assert.equal((await get('/agencies/lingxi')).statusCode, 200);
  });

  test("the search page's agencies and categories (scope, facets, hits) change at once", async () => {
    const pub = await makePublication(env, lingxi, 'published', { title: '备忘检索：灵溪的公开信息' });
    const cat = await env.database.db
      .selectFrom('publicationCategories')
      .select('categoryId')
      .where('publicationId', '=', pub.id)
      .executeTakeFirstOrThrow();
    const url = `/search?q=${encodeURIComponent('备忘检索')}&agency=lingxi`;
    const first = (await get(url)).body;
    assert.match(first, /name="agency" value="lingxi"/, 'scoped to the agency');
    await inTransaction(env.database.db, (trx) =>
      renameCategory(trx, ctx(), lingxi, cat.categoryId, '备忘检索分类', ''),
    );
    assert.match((await get(url)).body, /备忘检索分类/, "the category facet's new name at once");
    const a = await findAgencyById(env.database.db, lingxi);
    assert.ok(a);
    await inTransaction(env.database.db, (trx) =>
      editAgency(trx, ctx(), lingxi, { ...agencyToInput(a), name: '灵溪镇人民政府（检索备忘）' }),
    );
    const renamed = (await get(url)).body;
    assert.match(renamed, /灵溪镇人民政府（检索备忘）/, "the hit's and the facet's agency at once");
    await inTransaction(env.database.db, (trx) => setAgencyActive(trx, ctx(), lingxi, false));
    const gone = (await get(url)).body;
    assert.doesNotMatch(gone, /name="agency" value="lingxi"/, 'a deactivated agency is no longer a scope');
    assert.doesNotMatch(gone, /灵溪镇人民政府（检索备忘）/);
    await inTransaction(env.database.db, (trx) => setAgencyActive(trx, ctx(), lingxi, true));
    await inTransaction(env.database.db, (trx) => editAgency(trx, ctx(), lingxi, agencyToInput(a)));
    assert.match((await get(url)).body, /name="agency" value="lingxi"/);
  });

  test("the footer and the header's links (rendered once per site) follow the top agency", async () => {
    const top = await findAgencyById(env.database.db, county);
    assert.ok(top);
    assert.match((await get('/agencies')).body, new RegExp(`主办单位：${top.name}<`));
    await inTransaction(env.database.db, (trx) =>
      editAgency(trx, ctx(), county, { ...agencyToInput(top), name: '永顺县人民政府（页脚备忘）' }),
    );
    const page = (await get('/agencies')).body;
    assert.match(page, /主办单位：永顺县人民政府（页脚备忘）</, "the footer's sponsor at once");
    assert.match(page, new RegExp(`href="/agencies/${top.slug}/service-hall">政务服务<`), "the header's links");
    await inTransaction(env.database.db, (trx) => editAgency(trx, ctx(), county, agencyToInput(top)));
    assert.match((await get('/agencies')).body, new RegExp(`主办单位：${top.name}<`));
  });

  test('a change committed by another process (its own connection) is shown within 1 s', async () => {
    const other = openDatabase({
      databaseUrl: env.config.databaseUrl,
      sqliteFile: join(env.config.dataDir, 'gongkai.db'),
      poolSize: 1,
    });
    try {
      assert.doesNotMatch((await get('/agencies/lingxi')).body, /另一进程/);
      await inTransaction(other.db, (trx) =>
        trx.updateTable('agencies').set({ name: '灵溪镇人民政府（另一进程）' }).where('id', '=', lingxi).execute(),
      );
      const committed = Date.now();
      let page = await get('/agencies/lingxi');
      while (!page.body.includes('灵溪镇人民政府（另一进程）') && Date.now() - committed < 1000) {
        await sleep(20);
        page = await get('/agencies/lingxi');
      }
      assert.match(page.body, /灵溪镇人民政府（另一进程）/, "the other process's change is shown within 1 s");
    } finally {
      await other.close();
    }
  });
});
