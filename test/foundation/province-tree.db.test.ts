// A province's tree (#16): the province at the top made through the service, then a prefecture,
// a county and a town with their departments made through the admin screens (with CSRF), on
// either engine. Wrong placements, an unknown kind and a cycle are refused with a Chinese message
// and a 422, the form keeping what was typed, nothing stored. The 目录 defaults follow the level
// (no 第二十一条 list at the province's), 机构目录 groups every government, the due dates of the
// annual report list are the governments' and the departments', and each admin acts on its subtree.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ancestorsOf, createAgency, supervisingAgency, type AgencyInput } from '../../src/modules/agency/index.ts';
import { ensureDefaultTaxonomies } from '../../src/modules/catalog/index.ts';
import { ValidationError } from '../../src/platform/errors.ts';
import { inTransaction } from '../../src/platform/transaction.ts';
import { makeCreditCode } from '../../src/platform/validation/credit-code.ts';
import type { Agent } from '../support/agent.ts';
import { ctxOf, makeStaff } from '../support/factories.ts';
import { createTestEnv, type TestEnv } from '../support/test-app.ts';

let env: TestEnv;
let province: number;
let seq = 0;
const ids: Record<string, number> = {};

function input(kind: string, slug: string, name: string, shortName: string): AgencyInput {
  seq += 1;
  return {
    name,
    shortName,
    kind,
    creditCode: makeCreditCode(`114300000000${String(seq).padStart(5, '0')}`),
    slug,
    officeName: `${shortName}政务公开办公室`,
    officeAddress: `${shortName}人民路${seq}号`,
    officePostcode: '410000',
    officePhone: '0731-8221000',
    officeFax: '',
    officeEmail: `${slug}@example.gov.cn`,
    officeHours: '工作日 上午8:00—12:00，下午14:30—17:30',
    indexPattern: '{creditCode}/{YYYY}-{seq:5}',
    guideText: `${shortName}的公开指南。`,
    sortOrder: String(seq),
  };
}

const form = (parentId: number, i: AgencyInput) => ({ parentId: String(parentId), ...i });

const rowBySlug = (slug: string) =>
  env.database.db.selectFrom('agencies').selectAll().where('slug', '=', slug).executeTakeFirst();

const categoryCodes = async (agencyId: number) =>
  (await env.database.db.selectFrom('categories').select('code').where('agencyId', '=', agencyId).execute()).map(
    (c) => c.code,
  );

let provinceAdmin: Agent;

before(async () => {
  env = await createTestEnv({ demo: false });
  province = await inTransaction(env.database.db, (trx) =>
    createAgency(trx, ctxOf(env), input('provinceGovernment', 'hunan', '湖南省人民政府', '湖南省'), null),
  );
  provinceAdmin = await (await makeStaff(env, province, ['admin'], { username: 'province.admin' })).login();
});
after(() => env.close());

/** Creates an agency through 新建机构 and returns its id from the redirect. */
async function createThroughForm(a: Agent, parentId: number, i: AgencyInput): Promise<number> {
  const page = await a.get('/admin/agencies/new');
  assert.equal(page.statusCode, 200);
  const res = await a.post('/admin/agencies', form(parentId, i));
  assert.equal(res.statusCode, 303, res.body.slice(0, 2000));
  const m = /^\/admin\/agencies\/(\d+)\?flash=created$/.exec(String(res.headers.location));
  assert.ok(m, String(res.headers.location));
  return Number(m[1]);
}

describe('a province built through the admin screens', () => {
  test('province → prefecture → county → town, with departments at each level', async () => {
    const page = await provinceAdmin.get('/admin/agencies/new');
    for (const label of ['省级人民政府', '设区的市级人民政府', '县级人民政府', '镇人民政府', '政府部门'])
      assert.match(page.body, new RegExp(`<option value="[a-zA-Z]+"[^>]*>${label}</option>`));
    const a = provinceAdmin;
    ids.jyt = await createThroughForm(a, province, input('department', 'hn-jyt', '湖南省教育厅', '省教育厅'));
    ids.xiangxi = await createThroughForm(
      a,
      province,
      input('prefectureGovernment', 'xiangxi', '湘西土家族苗族自治州人民政府', '湘西州'),
    );
    ids.zhouFgw = await createThroughForm(
      a,
      ids.xiangxi,
      input('department', 'xx-fgw', '湘西州发展和改革委员会', '州发改委'),
    );
    ids.zhouFgwUnit = await createThroughForm(
      a,
      ids.zhouFgw,
      input('department', 'xx-fgw-xx', '湘西州价格监测中心', '州价格监测中心'),
    );
    ids.luxi = await createThroughForm(a, ids.xiangxi, input('countyGovernment', 'luxi', '泸溪县人民政府', '泸溪县'));
    ids.luxiMzj = await createThroughForm(a, ids.luxi, input('department', 'luxi-mzj', '泸溪县民政局', '县民政局'));
    ids.wuxi = await createThroughForm(a, ids.luxi, input('town', 'wuxi', '泸溪县武溪镇人民政府', '武溪镇'));

    const rows = await env.database.db.selectFrom('agencies').select(['id', 'kind', 'depth', 'path']).execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    assert.deepEqual(
      [province, ids.xiangxi, ids.luxi, ids.wuxi].map((id) => [byId.get(id)?.kind, byId.get(id)?.depth]),
      [
        ['provinceGovernment', 0],
        ['prefectureGovernment', 1],
        ['countyGovernment', 2],
        ['town', 3],
      ],
    );
    assert.equal(byId.get(ids.wuxi)?.path, `/${province}/${ids.xiangxi}/${ids.luxi}/${ids.wuxi}/`);

    const list = await a.get('/admin/agencies');
    assert.match(list.body, /湘西土家族苗族自治州人民政府<\/a> <span class="badge">设区的市级人民政府<\/span>/);

    // The 目录 defaults at each level: 第二十一条 names 设区的市级、县级人民政府及其部门 and 乡镇.
    for (const id of [province, ids.jyt]) assert.ok(!(await categoryCodes(id)).includes('statutory.a21'), String(id));
    for (const id of [ids.xiangxi, ids.zhouFgw, ids.zhouFgwUnit, ids.luxi, ids.luxiMzj, ids.wuxi])
      assert.ok((await categoryCodes(id)).includes('statutory.a21'), String(id));
    const townList = await env.database.db
      .selectFrom('categories')
      .select('name')
      .where('agencyId', '=', ids.wuxi)
      .where('code', 'like', 'statutory.a21.%')
      .execute();
    assert.ok(townList.some((c) => c.name === '农村土地承包经营权流转'));

    // 机构目录: the province's groups on the first page, each lower government's one click away.
    const dir = await env.app.inject('/agencies');
    assert.equal(dir.statusCode, 200);
    assert.match(dir.body, /id="g-hunan\.governments"/);
    assert.match(dir.body, /id="g-hunan\.departments"/);
    const cityGroup = await env.app.inject('/agencies?group=xiangxi.governments');
    assert.equal(cityGroup.statusCode, 200);
    assert.match(cityGroup.body, /href="\/agencies\/luxi"/);
    const towns = await env.app.inject('/agencies?group=luxi.towns');
    assert.match(towns.body, /href="\/agencies\/wuxi"/);
    assert.match((await env.app.inject('/agencies/xiangxi')).body, /湘西土家族苗族自治州人民政府/);
  });

  test("an agency found without categories at start gets its level's defaults (a province's department: no 第二十一条)", async () => {
    const db = env.database.db;
    const at = new Date().toISOString();
    const bare = (slug: string, parentId: number, parentPath: string) =>
      db
        .insertInto('agencies')
        .values({
          ...input('department', slug, `${slug}局`, `${slug}局`),
          kind: 'department',
          parentId,
          path: `${parentPath}0/`,
          depth: parentPath.split('/').filter(Boolean).length,
          indexPattern: '{creditCode}/{YYYY}-{seq:5}',
          sortOrder: 0,
          active: 1,
          createdAt: at,
          updatedAt: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
    const provincePath = `/${province}/`;
    const cityPath = `/${province}/${ids.xiangxi}/`;
    const p = await bare('bare-p', province, provincePath);
    await db
      .updateTable('agencies')
      .set({ path: `${provincePath}${p.id}/` })
      .where('id', '=', p.id)
      .execute();
    const c = await bare('bare-c', ids.xiangxi!, cityPath);
    await db
      .updateTable('agencies')
      .set({ path: `${cityPath}${c.id}/` })
      .where('id', '=', c.id)
      .execute();
    assert.equal(await ensureDefaultTaxonomies(db, ctxOf(env)), 2);
    assert.ok(!(await categoryCodes(p.id)).includes('statutory.a21'));
    assert.ok((await categoryCodes(c.id)).includes('statutory.a21'));
  });

  test("a town's move select offers only the governments a town may sit under", async () => {
    const page = await provinceAdmin.get(`/admin/agencies/${ids.wuxi}`);
    assert.equal(page.statusCode, 200);
    const move = page.body.slice(page.body.indexOf(`action="/admin/agencies/${ids.wuxi}/move"`));
    const offered = [...move.slice(0, move.indexOf('</select>')).matchAll(/<option value="(\d+)"/g)].map((m) =>
      Number(m[1]),
    );
    assert.deepEqual(offered.sort(), [ids.xiangxi, ids.luxi].sort());
    assert.match(move, new RegExp(`<option value="${ids.luxi}" selected`));
  });

  test("a unit's report goes to its government's office; the due dates are the governments' and the departments'", async () => {
    const unit = await rowBySlug('xx-fgw-xx');
    assert.ok(unit);
    const above = await ancestorsOf(env.database.db, unit.path);
    assert.deepEqual(
      above.map((r) => r.id),
      [ids.zhouFgw, ids.xiangxi, province],
    );
    assert.equal(supervisingAgency(above)?.id, ids.xiangxi);
    // The list shows a level: the province, its departments and the prefecture, which opens its own.
    const list = await provinceAdmin.get('/admin/annual-reports?year=2024');
    assert.equal(list.statusCode, 200);
    assert.doesNotMatch(list.body, /泸溪县人民政府|泸溪县武溪镇人民政府/);
    assert.match(list.body, new RegExp(`href="/admin/annual-reports\\?year=2024&amp;agency=${ids.xiangxi}"`));
    const city = await provinceAdmin.get(`/admin/annual-reports?year=2024&agency=${ids.xiangxi}`);
    assert.match(city.body, /返回湖南省人民政府/);
    assert.doesNotMatch(city.body, /泸溪县武溪镇人民政府/);
    const due = (body: string, name: string) => {
      const at = body.indexOf(name);
      assert.ok(at >= 0, name);
      return /<td>(\d{4}-\d{2}-\d{2})<\/td>/.exec(body.slice(at))?.[1];
    };
    assert.equal(due(list.body, '湖南省人民政府'), '2025-03-31');
    assert.equal(due(list.body, '湘西土家族苗族自治州人民政府'), '2025-03-31');
    assert.equal(due(list.body, '湖南省教育厅'), '2025-01-31');
    assert.equal(due(city.body, '泸溪县人民政府'), '2025-03-31');
    assert.equal(due(city.body, '湘西州发展和改革委员会'), '2025-01-31');
    assert.equal(due(city.body, '湘西州价格监测中心'), '2025-01-31');
  });

  test("each government's admin acts on its whole subtree and nothing above it", async () => {
    const city = await (await makeStaff(env, ids.xiangxi!, ['admin'], { username: 'city.admin' })).login();
    const county = await (await makeStaff(env, ids.luxi!, ['admin'], { username: 'county.admin' })).login();
    assert.equal((await city.get(`/admin/agencies/${ids.wuxi}`)).statusCode, 200);
    assert.equal((await city.get(`/admin/agencies/${ids.zhouFgwUnit}`)).statusCode, 200);
    assert.equal((await city.get(`/admin/agencies/${province}`)).statusCode, 403);
    assert.equal((await county.get(`/admin/agencies/${ids.xiangxi}`)).statusCode, 403);
    assert.equal((await county.get(`/admin/agencies/${ids.wuxi}`)).statusCode, 200);
    // Supervision: the province's office sees the town among the agencies it supervises, the county's not the city.
    const sup = await provinceAdmin.get(`/admin/supervision?agency=${ids.wuxi}`);
    assert.equal(sup.statusCode, 200);
    assert.match(sup.body, /<option value="\d+"[^>]*>泸溪县武溪镇人民政府<\/option>/);
    const countySup = await county.get('/admin/supervision');
    assert.doesNotMatch(countySup.body, /湘西土家族苗族自治州人民政府<\/option>/);
    assert.match(countySup.body, /泸溪县武溪镇人民政府<\/option>/);
  });
});

describe("the towns' due date: each county sets its own, the top the platform's", () => {
  test("a county's setting applies to its towns only; the platform's to the others; a department cannot set one", async () => {
    const jishou = await inTransaction(env.database.db, (trx) =>
      createAgency(trx, ctxOf(env), input('countyGovernment', 'jishou', '吉首市人民政府', '吉首市'), ids.xiangxi!),
    );
    await inTransaction(env.database.db, (trx) =>
      createAgency(trx, ctxOf(env), input('subDistrict', 'qianzhou', '吉首市乾州街道办事处', '乾州街道'), jishou),
    );
    const countyAdmin = await (await makeStaff(env, ids.luxi!, ['admin'], { username: 'luxi.settings' })).login();
    const page = await countyAdmin.get('/admin/annual-reports?year=2024');
    assert.match(page.body, /此处设置本级人民政府所属乡镇、街道的截止日期/);
    assert.equal(
      (await countyAdmin.post('/admin/annual-reports/town-due-date', { townDueMonthDay: '02-20' })).statusCode,
      303,
    );
    await provinceAdmin.get('/admin/annual-reports?year=2024');
    assert.equal(
      (await provinceAdmin.post('/admin/annual-reports/town-due-date', { townDueMonthDay: '02-10' })).statusCode,
      303,
    );
    assert.match((await provinceAdmin.get('/admin/annual-reports?year=2024')).body, /此处设置全平台的截止日期/);
    const due = async (level: number, name: string) => {
      const body = (await provinceAdmin.get(`/admin/annual-reports?year=2024&agency=${level}`)).body;
      return /<td>(\d{4}-\d{2}-\d{2})<\/td>/.exec(body.slice(body.indexOf(name)))?.[1];
    };
    assert.equal(await due(ids.luxi!, '泸溪县武溪镇人民政府'), '2025-02-20');
    assert.equal(await due(jishou, '吉首市乾州街道办事处'), '2025-02-10');
    assert.equal(await due(ids.xiangxi!, '泸溪县人民政府'), '2025-03-31');
    // The county's own form shows its value, not the platform's.
    assert.match((await countyAdmin.get('/admin/annual-reports')).body, /name="townDueMonthDay"[^>]*value="02-20"/);
    const dept = await (await makeStaff(env, ids.luxiMzj!, ['admin'], { username: 'luxi.mzj.admin' })).login();
    await dept.get('/admin/annual-reports');
    assert.equal(
      (await dept.post('/admin/annual-reports/town-due-date', { townDueMonthDay: '12-31' })).statusCode,
      403,
    );
    const stored = await env.database.db
      .selectFrom('settings')
      .select(['agencyId', 'value'])
      .where('key', '=', 'annualReport.townDueMonthDay')
      .orderBy('agencyId')
      .execute();
    assert.deepEqual(
      stored.map((r) => [r.agencyId, r.value]),
      [
        [0, '"02-10"'],
        [ids.luxi, '"02-20"'],
      ],
    );
  });
});

describe('what the tree refuses', () => {
  const count = async () =>
    Number(
      (
        await env.database.db
          .selectFrom('agencies')
          .select((eb) => eb.fn.countAll<string | number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  test('a town under the province, a county under a county, an unknown kind: 422, the form kept, nothing stored', async () => {
    const before = await count();
    const cases: [number, AgencyInput, RegExp][] = [
      [
        province,
        input('town', 'xintian', '湖南省新田镇人民政府', '新田镇'),
        /镇人民政府不能设在省级人民政府之下，只能设在县级人民政府、设区的市级人民政府之下。/,
      ],
      [
        ids.luxi!,
        input('countyGovernment', 'xinxian', '泸溪县新县人民政府', '新县'),
        /县级人民政府不能设在县级人民政府之下/,
      ],
      [ids.jyt!, input('town', 'jytzhen', '教育厅镇人民政府', '教育厅镇'), /镇人民政府不能设在政府部门之下/],
      [ids.luxi!, input('village', 'cun', '泸溪县某村', '某村'), /请从列表中选择机构类型。/],
    ];
    for (const [parentId, i, message] of cases) {
      await provinceAdmin.get('/admin/agencies/new');
      const res = await provinceAdmin.post('/admin/agencies', form(parentId, i));
      assert.equal(res.statusCode, 422, i.name);
      assert.match(res.body, message);
      assert.match(res.body, new RegExp(`value="${i.name}"`), 'the name typed is kept');
      assert.match(res.body, new RegExp(`<option value="${parentId}" selected`), 'the parent chosen is kept');
      assert.equal(await rowBySlug(i.slug), undefined, i.slug);
    }
    assert.equal(await count(), before);
  });

  test('the service refuses the same, in its transaction', async () => {
    await assert.rejects(
      inTransaction(env.database.db, (trx) =>
        createAgency(trx, ctxOf(env), input('prefectureGovernment', 'bad-city', '某市人民政府', '某市'), ids.luxi!),
      ),
      (err: unknown) =>
        err instanceof ValidationError && /设区的市级人民政府不能设在县级人民政府之下/.test(err.fields?.kind ?? ''),
    );
    await assert.rejects(
      inTransaction(env.database.db, (trx) =>
        createAgency(trx, ctxOf(env), input('department', 'bad-top', '某局', '某局'), null),
      ),
      (err: unknown) => err instanceof ValidationError && /政府部门不能作为最上级机构/.test(err.fields?.kind ?? ''),
    );
    assert.equal(await rowBySlug('bad-city'), undefined);
    assert.equal(await rowBySlug('bad-top'), undefined);
  });

  test('a move into its own subtree or under the wrong kind, and a kind its children cannot sit under: 422, nothing changed', async () => {
    const a = provinceAdmin;
    const pathOf = async (id: number) =>
      await env.database.db
        .selectFrom('agencies')
        .select(['path', 'kind'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
    const cityBefore = await pathOf(ids.xiangxi!);
    const countyBefore = await pathOf(ids.luxi!);

    await a.get(`/admin/agencies/${ids.xiangxi}`);
    const loop = await a.post(`/admin/agencies/${ids.xiangxi}/move`, { parentId: String(ids.luxi) });
    assert.equal(loop.statusCode, 422);
    assert.match(loop.body, /不能把机构移到它自己或它的下级机构之下/);

    await a.get(`/admin/agencies/${ids.luxi}`);
    const underTown = await a.post(`/admin/agencies/${ids.luxi}/move`, { parentId: String(ids.jyt) });
    assert.equal(underTown.statusCode, 422);
    assert.match(underTown.body, /县级人民政府不能设在政府部门之下/);

    // A county moved straight under the province is allowed (直辖市's districts, 省直辖县).
    await a.get(`/admin/agencies/${ids.luxi}`);
    assert.equal((await a.post(`/admin/agencies/${ids.luxi}/move`, { parentId: String(province) })).statusCode, 303);
    assert.equal((await pathOf(ids.luxi!)).path, `/${province}/${ids.luxi}/`);
    await a.get(`/admin/agencies/${ids.luxi}`);
    assert.equal((await a.post(`/admin/agencies/${ids.luxi}/move`, { parentId: String(ids.xiangxi) })).statusCode, 303);

    // The county made a department while a town is under it.
    const edit = await a.get(`/admin/agencies/${ids.luxi}`);
    assert.equal(edit.statusCode, 200);
    const values = input('department', 'luxi', '泸溪县人民政府', '泸溪县');
    const res = await a.post(`/admin/agencies/${ids.luxi}`, values);
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /改为政府部门后，下级机构“泸溪县武溪镇人民政府”（镇人民政府）不能设在其下/);
    assert.match(res.body, /<option value="department" selected/, 'the kind chosen is kept');

    assert.deepEqual(await pathOf(ids.xiangxi!), cityBefore);
    assert.deepEqual(await pathOf(ids.luxi!), countyBefore);
  });
});
