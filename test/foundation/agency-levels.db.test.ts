// 机构管理 over a province's tree (#16), on either engine: the list shows one level at a time (the
// province, its departments and each prefecture as a row with what is below it; a prefecture's
// level opened by ?at=; a county's whole tree), breadcrumbs up to the admin's own agency, a name
// search over the admin's scope only, and the parent of a new agency or of a move chosen in a level.
// Another subtree's agency is never shown nor found; a wrong level is 404 or 403.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { AgencyKind } from '../../src/modules/agency/index.ts';
import { makeCreditCode } from '../../src/platform/validation/credit-code.ts';
import { makeAgency, makeStaff } from '../support/factories.ts';
import type { Agent } from '../support/agent.ts';
import { createTestEnv, type TestEnv } from '../support/test-app.ts';

let env: TestEnv;
const id: Record<string, number> = {};
let province: Agent;
let xiangxiAdmin: Agent;
let luxiAdmin: Agent;
let luxiClerk: Agent;

/** The page's main content (the header names the top agency on every page). */
const main = (body: string) => body.slice(body.indexOf('<main'));

const optionsOf = (body: string, action: string) => {
  const form = body.slice(body.indexOf(action));
  return [...form.slice(0, form.indexOf('</select>')).matchAll(/<option value="(\d+)"( selected)?>([^<]*)</g)].map(
    (m) => ({ id: Number(m[1]), selected: Boolean(m[2]), label: m[3] ?? '' }),
  );
};

before(async () => {
  env = await createTestEnv({ demo: false });
  const make = async (key: string, kind: AgencyKind, name: string, parent?: string) => {
    id[key] = (
      await makeAgency(env, {
        kind,
        name,
        shortName: name.slice(0, 4),
        slug: key,
        parentId: parent ? id[parent]! : null,
      })
    ).id;
  };
  await make('hunan', 'provinceGovernment', '湖南省人民政府');
  await make('jyt', 'department', '湖南省教育厅', 'hunan');
  await make('xiangxi', 'prefectureGovernment', '湘西土家族苗族自治州人民政府', 'hunan');
  await make('changsha', 'prefectureGovernment', '长沙市人民政府', 'hunan');
  await make('zhoufgw', 'department', '湘西州发展和改革委员会', 'xiangxi');
  await make('luxi', 'countyGovernment', '泸溪县人民政府', 'xiangxi');
  await make('luximzj', 'department', '泸溪县民政局', 'luxi');
  await make('wuxi', 'town', '泸溪县武溪镇人民政府', 'luxi');
  await make('pushi', 'town', '泸溪县浦市镇人民政府', 'luxi');
  await make('liuyang', 'countyGovernment', '浏阳市人民政府', 'changsha');
  await make('guanshan', 'town', '浏阳市关山镇人民政府', 'liuyang');
  province = await (await makeStaff(env, id.hunan!, ['admin'], { username: 'hunan.admin' })).login();
  xiangxiAdmin = await (await makeStaff(env, id.xiangxi!, ['admin'], { username: 'xiangxi.admin' })).login();
  luxiAdmin = await (await makeStaff(env, id.luxi!, ['admin'], { username: 'luxi.admin' })).login();
  luxiClerk = await (await makeStaff(env, id.luxi!, ['clerk'], { username: 'luxi.clerk' })).login();
});
after(() => env.close());

describe('the list, one level at a time', () => {
  test("a province's admin: the province, its departments and each prefecture with what is below it", async () => {
    const res = await province.get('/admin/agencies');
    assert.equal(res.statusCode, 200);
    for (const name of ['湖南省人民政府', '湖南省教育厅', '湘西土家族苗族自治州人民政府', '长沙市人民政府'])
      assert.match(res.body, new RegExp(`>${name}</a>`), name);
    for (const name of ['泸溪县人民政府', '泸溪县武溪镇人民政府', '湘西州发展和改革委员会', '浏阳市人民政府'])
      assert.doesNotMatch(res.body, new RegExp(name), name);
    assert.match(
      res.body,
      new RegExp(
        `<span class="below-counts"><a href="/admin/agencies\\?at=${id.xiangxi}">下属机构 5 个<span class="visually-hidden">：湘西土家族苗族自治州人民政府</span></a> <span class="muted">县级人民政府 1 个，乡镇（街道）2 个，政府部门 2 个</span></span>`,
      ),
    );
    assert.match(res.body, new RegExp(`href="/admin/agencies/new\\?parent=${id.hunan}">新建机构<`));
    assert.match(res.body, /<span aria-current="page">机构管理<\/span>/);
  });

  test("a prefecture's level (?at=): its departments and counties, breadcrumbs up to the province", async () => {
    const res = await province.get(`/admin/agencies?at=${id.xiangxi}`);
    assert.equal(res.statusCode, 200);
    assert.match(res.body, />湘西州发展和改革委员会<\/a>/);
    assert.match(res.body, />泸溪县人民政府<\/a>/);
    assert.match(res.body, new RegExp(`href="/admin/agencies\\?at=${id.luxi}">下属机构 3 个`));
    assert.doesNotMatch(res.body, /武溪镇|浏阳市|湖南省教育厅/);
    assert.match(
      res.body,
      /<li><a href="\/admin\/agencies">机构管理<\/a><\/li><li><span aria-current="page">湘西土家族苗族自治州人民政府<\/span><\/li>/,
    );
    const county = await province.get(`/admin/agencies?at=${id.luxi}`);
    assert.match(county.body, />泸溪县武溪镇人民政府<\/a>/);
    assert.match(
      county.body,
      new RegExp(`<a href="/admin/agencies\\?at=${id.xiangxi}">湘西土家族苗族自治州人民政府</a>`),
    );
    assert.match(county.body, /<span aria-current="page">泸溪县人民政府<\/span>/);
  });

  test("a county's admin sees its whole tree, and nothing of the prefecture or another county", async () => {
    const res = await luxiAdmin.get('/admin/agencies');
    assert.equal(res.statusCode, 200);
    for (const name of ['泸溪县人民政府', '泸溪县民政局', '泸溪县武溪镇人民政府', '泸溪县浦市镇人民政府'])
      assert.match(res.body, new RegExp(`>${name}</a>`), name);
    assert.doesNotMatch(main(res.body), /湘西土家族苗族自治州人民政府|浏阳市|关山镇|湖南省/);
    assert.doesNotMatch(res.body, /下属机构/);
  });

  test('a level outside the scope is 403, an unknown one 404, a malformed one 400', async () => {
    assert.equal((await xiangxiAdmin.get(`/admin/agencies?at=${id.changsha}`)).statusCode, 403);
    assert.equal((await xiangxiAdmin.get(`/admin/agencies?at=${id.hunan}`)).statusCode, 403);
    assert.equal((await luxiAdmin.get(`/admin/agencies?at=${id.xiangxi}`)).statusCode, 403);
    const forbidden = await xiangxiAdmin.get(`/admin/agencies?at=${id.liuyang}`);
    assert.equal(forbidden.statusCode, 403);
    assert.doesNotMatch(forbidden.body, /浏阳市|关山镇/);
    assert.equal((await province.get('/admin/agencies?at=999999')).statusCode, 404);
    const bad = await province.get('/admin/agencies?at=abc');
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /[\u4e00-\u9fff]/u);
  });

  test('a clerk sees only its own agency', async () => {
    const res = await luxiClerk.get('/admin/agencies');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, />泸溪县人民政府<\/a>/);
    assert.doesNotMatch(main(res.body), /武溪镇|民政局|新建机构/);
    assert.equal((await luxiClerk.get(`/admin/agencies?at=${id.wuxi}`)).statusCode, 403);
  });
});

describe('the name search', () => {
  test('finds an agency anywhere in the scope, with where it sits and a link to its level', async () => {
    const res = await province.get(`/admin/agencies?q=${encodeURIComponent(' 武溪 ')}`);
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /名称含“武溪”的机构：1 个/);
    assert.match(res.body, new RegExp(`<a href="/admin/agencies/${id.wuxi}">泸溪县武溪镇人民政府</a>`));
    assert.match(res.body, /湖南省人民政府 › 湘西土家族苗族自治州人民政府 › 泸溪县人民政府/);
    assert.match(res.body, new RegExp(`href="/admin/agencies\\?at=${id.luxi}">在机构树中查看`));
    assert.match(res.body, /name="q" type="text" value="武溪"/, 'the form keeps what was typed');
    const many = await province.get(`/admin/agencies?q=${encodeURIComponent('镇')}`);
    assert.match(many.body, /名称含“镇”的机构：3 个/);
  });

  test("does not find another subtree's agency", async () => {
    const res = await xiangxiAdmin.get(`/admin/agencies?q=${encodeURIComponent('关山')}`);
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /名称含“关山”的机构：0 个/);
    assert.match(res.body, /没有找到名称或简称含“关山”的机构/);
    assert.doesNotMatch(res.body, /浏阳市关山镇人民政府/);
    const town = await luxiAdmin.get(`/admin/agencies?q=${encodeURIComponent('镇')}`);
    assert.match(town.body, /名称含“镇”的机构：2 个/);
    assert.doesNotMatch(town.body, /关山/);
    const clerk = await luxiClerk.get(`/admin/agencies?q=${encodeURIComponent('武溪')}`);
    assert.match(clerk.body, /名称含“武溪”的机构：0 个/);
  });

  test('LIKE wildcards are plain text; an over-long term is a 400 with a Chinese message', async () => {
    for (const q of ['%', '_', '\\'])
      assert.match((await province.get(`/admin/agencies?q=${encodeURIComponent(q)}`)).body, /的机构：0 个/, q);
    const long = await province.get(`/admin/agencies?q=${'镇'.repeat(201)}`);
    assert.equal(long.statusCode, 400);
    assert.match(long.body, /[\u4e00-\u9fff]/u);
  });
});

describe('the parent of a new agency and of a move, chosen in a level', () => {
  test("新建机构 offers the level asked for (?parent=), that parent chosen; the admin's own level by default", async () => {
    const county = await province.get(`/admin/agencies/new?parent=${id.wuxi}`);
    assert.equal(county.statusCode, 200);
    assert.deepEqual(
      optionsOf(county.body, 'name="parentId"').map((o) => [o.id, o.selected]),
      [
        [id.luxi, false],
        [id.luximzj, false],
        [id.wuxi, true],
        [id.pushi, false],
      ],
    );
    const top = await province.get('/admin/agencies/new');
    assert.deepEqual(
      optionsOf(top.body, 'name="parentId"').map((o) => o.id),
      [id.hunan, id.jyt, id.xiangxi, id.changsha],
    );
    assert.equal((await xiangxiAdmin.get(`/admin/agencies/new?parent=${id.liuyang}`)).statusCode, 403);
    assert.equal((await province.get('/admin/agencies/new?parent=999999')).statusCode, 404);
    assert.equal((await luxiClerk.get(`/admin/agencies/new?parent=${id.luxi}`)).statusCode, 403);
  });

  test('a refused new agency keeps its parent in its level; a good one is created there', async () => {
    await province.get(`/admin/agencies/new?parent=${id.luxi}`);
    const fields = {
      parentId: String(id.luxi),
      name: '泸溪县洗溪镇人民政府',
      shortName: '洗溪镇',
      kind: 'prefectureGovernment',
      creditCode: makeCreditCode('11433122MB0099001'),
      slug: 'xixi',
      officeName: '洗溪镇党政综合办公室',
      officeAddress: '泸溪县洗溪镇1号',
      officePostcode: '416100',
      officePhone: '0743-4221000',
      officeFax: '',
      officeEmail: 'xixi@example.gov.cn',
      officeHours: '工作日 上午8:00—12:00',
      indexPattern: '',
      guideText: '',
      sortOrder: '0',
    };
    const refused = await province.post('/admin/agencies', fields);
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /设区的市级人民政府不能设在县级人民政府之下/);
    assert.deepEqual(
      optionsOf(refused.body, 'name="parentId"')
        .filter((o) => o.selected)
        .map((o) => o.id),
      [id.luxi],
    );
    assert.match(refused.body, /列出泸溪县人民政府这一级的机构/);
    const created = await province.post('/admin/agencies', { ...fields, kind: 'town' });
    assert.equal(created.statusCode, 303);
    id.xixi = Number(/\/admin\/agencies\/(\d+)\?/.exec(String(created.headers.location))?.[1]);
    const list = await province.get(`/admin/agencies?at=${id.luxi}`);
    assert.match(list.body, />泸溪县洗溪镇人民政府<\/a>/);
    assert.match(
      (await province.get(`/admin/agencies?at=${id.xiangxi}`)).body,
      new RegExp(`href="/admin/agencies\\?at=${id.luxi}">下属机构 4 个`),
    );
  });

  test("a town's move select: the governments it may sit under; a department's: its government's level", async () => {
    const town = await province.get(`/admin/agencies/${id.wuxi}`);
    assert.deepEqual(
      optionsOf(town.body, `action="/admin/agencies/${id.wuxi}/move"`).map((o) => o.label.trim()),
      ['湘西土家族苗族自治州人民政府', '泸溪县人民政府', '长沙市人民政府', '浏阳市人民政府'],
    );
    const dept = await province.get(`/admin/agencies/${id.luximzj}`);
    assert.deepEqual(
      optionsOf(dept.body, `action="/admin/agencies/${id.luximzj}/move"`).map((o) => [o.id, o.selected]),
      [
        [id.luxi, true],
        [id.xixi, false], // 排序 0: before the towns made earlier
        [id.wuxi, false],
        [id.pushi, false],
      ],
    );
    assert.match(dept.body, new RegExp(`href="/admin/agencies/new\\?parent=${id.luximzj}">新建下级机构<`));
    // The prefecture's admin moving its county's town sees nothing of 长沙.
    const scoped = await xiangxiAdmin.get(`/admin/agencies/${id.wuxi}`);
    assert.doesNotMatch(scoped.body, /长沙市|浏阳市/);
  });
});
