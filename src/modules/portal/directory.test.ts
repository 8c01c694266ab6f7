// 机构目录's groups and filter (directory.ts) on trees a county and a province give: the top
// agency's departments and towns, lower governments with their own groups (by kind or because
// towns are under them), a department's own units listed under it, the name filter and the pages.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildTree } from '../agency/index.ts';
import type { AgencyKind } from '../agency/index.ts';
import {
  allOfGroup,
  buildDirectory,
  filterEntries,
  filterWords,
  firstNodes,
  GROUP_KEY_PATTERN,
  groupLabel,
  pageOf,
  type PublicAgency,
} from './directory.ts';

let nextId = 1;
/** Rows in the order listAgencies gives them (by depth): parents before children. */
function rows(spec: [slug: string, parent: string | null, kind: AgencyKind, name?: string][]): PublicAgency[] {
  const ids = new Map<string, number>();
  const out: PublicAgency[] = [];
  for (const [slug, parent, kind, name] of spec) {
    const id = nextId++;
    ids.set(slug, id);
    const parentId = parent ? (ids.get(parent) as number) : null;
    const depth = parent ? (out.find((r) => r.id === parentId) as PublicAgency).depth + 1 : 0;
    out.push({ id, parentId, name: name ?? `${slug}名称`, shortName: slug, kind, slug, depth });
  }
  return out.sort((a, b) => a.depth - b.depth);
}

const county = () =>
  buildDirectory(
    buildTree(
      rows([
        ['yongshun', null, 'countyGovernment', '永顺县人民政府'],
        ['mzj', 'yongshun', 'department', '永顺县民政局'],
        ['jyj', 'yongshun', 'department', '永顺县教育局'],
        ['lingxi', 'yongshun', 'town', '永顺县灵溪镇人民政府'],
        ['gaoping', 'yongshun', 'township', '永顺县高坪乡人民政府'],
        ['jiedao', 'yongshun', 'subDistrict', '永顺县灵溪街道办事处'],
        ['mzj-unit', 'mzj', 'department', '永顺县社会救助服务中心'],
      ]),
    ),
  );

describe('机构目录 groups', () => {
  test('a county: its departments (with their own units under them) and its towns', () => {
    const dir = county();
    assert.deepEqual(
      dir.roots.map((r) => r.slug),
      ['yongshun'],
    );
    assert.deepEqual(
      dir.groups.map((g) => [g.key, g.size, g.top]),
      [
        ['yongshun.departments', 3, true],
        ['yongshun.towns', 3, true],
      ],
    );
    const departments = dir.byKey.get('yongshun.departments');
    assert.ok(departments);
    assert.deepEqual(
      departments.nodes.map((n) => [n.agency.slug, n.children.map((c) => c.agency.slug)]),
      [
        ['mzj', ['mzj-unit']],
        ['jyj', []],
      ],
    );
    assert.equal(dir.count, 7);
    assert.equal(groupLabel(dir, departments), '政府工作部门');
    assert.equal(allOfGroup(departments), '全部 3 个政府工作部门');
    for (const g of dir.groups) assert.match(g.key, new RegExp(GROUP_KEY_PATTERN));
  });

  test('a province: lower governments by kind, or because towns are under them, have groups of their own', () => {
    const dir = buildDirectory(
      buildTree(
        rows([
          ['xiangxi', null, 'countyGovernment', '湘西州人民政府'],
          ['zhou-fgw', 'xiangxi', 'department', '湘西州发展和改革委员会'],
          ['jishou', 'xiangxi', 'countyGovernment', '吉首市人民政府'],
          // Entered as a department while the kinds stop at the county, but with towns under it.
          ['luxi', 'xiangxi', 'department', '泸溪县人民政府'],
          ['jishou-mzj', 'jishou', 'department', '吉首市民政局'],
          ['qianzhou', 'jishou', 'subDistrict', '吉首市乾州街道办事处'],
          ['wuxi', 'luxi', 'town', '泸溪县武溪镇人民政府'],
        ]),
      ),
    );
    assert.deepEqual(
      dir.groups.map((g) => [g.key, g.size, g.top]),
      [
        ['xiangxi.governments', 2, true],
        ['xiangxi.departments', 1, true],
        ['jishou.departments', 1, false],
        ['jishou.towns', 1, false],
        ['luxi.towns', 1, false],
      ],
    );
    const governments = dir.byKey.get('xiangxi.governments');
    assert.ok(governments);
    // Listed without their children: those are in their own groups.
    assert.deepEqual(
      governments.nodes.map((n) => [n.agency.slug, n.children.length]),
      [
        ['jishou', 0],
        ['luxi', 0],
      ],
    );
    assert.equal(groupLabel(dir, governments), '下级人民政府');
    const towns = dir.byKey.get('jishou.towns');
    assert.ok(towns);
    assert.equal(groupLabel(dir, towns), 'jishou · 乡镇（街道）');
    assert.deepEqual(
      dir.groupsOf.get(dir.roots[0]?.id ?? 0)?.map((g) => g.kind),
      ['governments', 'departments'],
    );
    assert.equal(dir.count, 7);
    assert.equal(dir.entries.length, 7, 'every agency once');
  });

  test('a province entered with the kinds above the county: each government has its groups, even without towns', () => {
    const dir = buildDirectory(
      buildTree(
        rows([
          ['hunan', null, 'provinceGovernment', '湖南省人民政府'],
          ['hn-jyt', 'hunan', 'department', '湖南省教育厅'],
          ['xiangxi', 'hunan', 'prefectureGovernment', '湘西土家族苗族自治州人民政府'],
          ['zhou-fgw', 'xiangxi', 'department', '湘西州发展和改革委员会'],
          // A county with only departments so far: a government by its kind.
          ['luxi', 'xiangxi', 'countyGovernment', '泸溪县人民政府'],
          ['luxi-mzj', 'luxi', 'department', '泸溪县民政局'],
          ['jishou', 'xiangxi', 'countyGovernment', '吉首市人民政府'],
          ['qianzhou', 'jishou', 'subDistrict', '吉首市乾州街道办事处'],
        ]),
      ),
    );
    assert.deepEqual(
      dir.groups.map((g) => [g.key, g.size, g.top]),
      [
        ['hunan.governments', 1, true],
        ['hunan.departments', 1, true],
        ['xiangxi.governments', 2, false],
        ['xiangxi.departments', 1, false],
        ['luxi.departments', 1, false],
        ['jishou.towns', 1, false],
      ],
    );
    assert.equal(dir.entries.length, 8, 'every agency once');
  });

  test('several top agencies: each has its groups, named with it', () => {
    const dir = buildDirectory(
      buildTree(
        rows([
          ['a-county', null, 'countyGovernment'],
          ['b-county', null, 'countyGovernment'],
          ['a-town', 'a-county', 'town'],
          ['b-town', 'b-county', 'town'],
        ]),
      ),
    );
    assert.deepEqual(
      dir.groups.map((g) => [groupLabel(dir, g), g.top]),
      [
        ['a-county · 乡镇（街道）', true],
        ['b-county · 乡镇（街道）', true],
      ],
    );
  });

  test('a long group is cut at whole agencies with what is under them', () => {
    const spec: [string, string | null, AgencyKind][] = [['root', null, 'countyGovernment']];
    for (let i = 0; i < 40; i += 1) spec.push([`d${i}`, 'root', 'department']);
    spec.push(['d0-unit', 'd0', 'department']);
    const g = buildDirectory(buildTree(rows(spec))).byKey.get('root.departments');
    assert.ok(g);
    assert.equal(g.size, 41);
    assert.equal(firstNodes(g, 30).length, 29, 'd0 counts with its unit');
    assert.equal(firstNodes(g, 100).length, 40);
    assert.deepEqual(pageOf(g.nodes, 1, 30)?.items.length, 30);
    assert.deepEqual(pageOf(g.nodes, 2, 30)?.items.length, 10);
    assert.equal(pageOf(g.nodes, 2, 30)?.pages, 2);
    assert.equal(pageOf(g.nodes, 3, 30), null, 'past the last page');
    assert.deepEqual(pageOf([], 1, 30), { items: [], pages: 1 }, 'page 1 of nothing is an empty page');
  });
});

describe('机构目录 filter', () => {
  test('a substring of the name or the short name, every word, in the directory order', () => {
    const dir = county();
    const slugs = (q: string, group = '') =>
      filterEntries(dir, filterWords(q), dir.byKey.get(group) ?? null).map((e) => e.agency.slug);
    assert.deepEqual(slugs('灵溪'), ['lingxi', 'jiedao']);
    assert.deepEqual(slugs('灵溪 街道'), ['jiedao']);
    assert.deepEqual(slugs('永顺县'), ['yongshun', 'mzj', 'mzj-unit', 'jyj', 'lingxi', 'gaoping', 'jiedao']);
    assert.deepEqual(slugs('永顺县', 'yongshun.towns'), ['lingxi', 'gaoping', 'jiedao']);
    assert.deepEqual(slugs('MZJ'), ['mzj', 'mzj-unit'], 'short names, any case');
    assert.deepEqual(slugs('ｍｚｊ'), ['mzj', 'mzj-unit'], 'full-width letters as typed on a phone');
    assert.deepEqual(slugs('没有这个机构'), []);
    const unit = filterEntries(dir, filterWords('救助'), null)[0];
    assert.equal(unit?.parent?.slug, 'mzj', 'a unit knows what it is listed under');
    assert.equal(unit?.group?.key, 'yongshun.departments');
  });

  test('what is typed becomes words: NFKC, lower case, split at any space', () => {
    assert.deepEqual(filterWords('  民政\u3000局 '), ['民政', '局']);
    assert.deepEqual(filterWords('ＡＢＣ'), ['abc']);
    assert.deepEqual(filterWords('   '), []);
  });
});
