import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  agencyLevel,
  agencyOptions,
  findByName,
  inTreeOrder,
  levelRootOf,
  nameWords,
  trailOf,
  type OutlineAgency,
} from './agency.levels.ts';

const a = (id: number, path: string, kind: string, name = `机构${id}`): OutlineAgency => {
  const ids = path.split('/').filter(Boolean).map(Number);
  return {
    id,
    parentId: ids.length > 1 ? (ids[ids.length - 2] ?? null) : null,
    path,
    depth: ids.length - 1,
    kind,
    name,
    shortName: name.slice(0, 3),
    active: 1,
  };
};

// Ordered as listAgencyOutline orders them: by depth.
const province = [
  a(10, '/10/', 'provinceGovernment', '湖南省人民政府'),
  a(11, '/10/11/', 'department', '湖南省教育厅'),
  a(12, '/10/12/', 'prefectureGovernment', '湘西州人民政府'),
  a(16, '/10/16/', 'prefectureGovernment', '长沙市人民政府'),
  a(13, '/10/12/13/', 'department', '湘西州发改委'),
  a(14, '/10/12/14/', 'countyGovernment', '泸溪县人民政府'),
  a(17, '/10/11/17/', 'department', '省教育考试院'),
  a(15, '/10/12/14/15/', 'town', '泸溪县武溪镇人民政府'),
  a(18, '/10/12/14/18/', 'department', '泸溪县民政局'),
  a(19, '/10/12/14/18/19/', 'department', '泸溪县救助站'),
];

test("a province's level: its departments and each prefecture as one row with what is below it", () => {
  const top = agencyLevel(province[0]!, province);
  assert.deepEqual(
    top.rows.map((r) => r.id),
    [10, 11, 12, 16, 17],
  );
  assert.deepEqual(Object.fromEntries(top.below), {
    12: { total: 5, prefectures: 0, counties: 1, towns: 1, departments: 3 },
  });
  const city = agencyLevel(province[2]!, province);
  assert.deepEqual(
    city.rows.map((r) => r.id),
    [12, 13, 14],
  );
  assert.deepEqual(Object.fromEntries(city.below), {
    14: { total: 3, prefectures: 0, counties: 0, towns: 1, departments: 2 },
  });
});

test('an agency whose parent was left out (inactive) is placed by its path', () => {
  const without = province.filter((r) => r.id !== 14 && r.id !== 13);
  const top = agencyLevel(province[0]!, without);
  assert.deepEqual(
    top.rows.map((r) => r.id),
    [10, 11, 12, 16, 17],
  );
  assert.deepEqual(Object.fromEntries(top.below), {
    12: { total: 3, prefectures: 0, counties: 0, towns: 1, departments: 2 },
  });
  assert.deepEqual(
    agencyLevel(province[2]!, without).rows.map((r) => r.id),
    [12, 15, 18, 19],
  );
});

test("a county's level is its whole tree", () => {
  const county = agencyLevel(province[5]!, province);
  assert.deepEqual(
    county.rows.map((r) => r.id),
    [14, 15, 18, 19],
  );
  assert.equal(county.below.size, 0);
});

test('the level a new agency under an agency is chosen in: the nearest government at or above it', () => {
  assert.equal(levelRootOf(15, province)?.id, 14, 'a town: its county');
  assert.equal(levelRootOf(19, province)?.id, 14, "a county department's unit: the county");
  assert.equal(levelRootOf(12, province)?.id, 12, 'a prefecture: its own');
  assert.equal(levelRootOf(17, province)?.id, 10);
  assert.equal(levelRootOf(99, province), undefined);
  // A department's admin sees only its department's subtree: the top of it.
  const dept = province.filter((r) => r.path.startsWith('/10/12/14/18/'));
  assert.equal(levelRootOf(19, dept)?.id, 18);
});

test('name search: every word in the name or the short name, NFKC and case folded; the trail above', () => {
  assert.deepEqual(
    findByName(province, nameWords('  武溪 ')).map((r) => r.id),
    [15],
  );
  assert.deepEqual(
    findByName(province, nameWords('泸溪县 局')).map((r) => r.id),
    [18],
  );
  assert.deepEqual(findByName(province, nameWords('')), []);
  assert.deepEqual(findByName(province, nameWords('%')), []);
  const withLatin = [a(1, '/1/', 'countyGovernment', 'ＡＢＣ高新区管委会')];
  assert.deepEqual(
    findByName(withLatin, nameWords('abc')).map((r) => r.id),
    [1],
  );
  const byId = new Map(province.map((r) => [r.id, r]));
  assert.deepEqual(
    trailOf(province[7]!, byId).map((r) => r.id),
    [10, 12, 14],
  );
});

test('options in tree order, indented below the first', () => {
  assert.deepEqual(
    inTreeOrder(province).map((r) => r.id),
    [10, 11, 17, 12, 13, 14, 15, 18, 19, 16],
  );
  const county = agencyLevel(province[5]!, province).rows;
  assert.deepEqual(agencyOptions(county), [
    { value: '14', label: '泸溪县人民政府' },
    { value: '15', label: '　泸溪县武溪镇人民政府' },
    { value: '18', label: '　泸溪县民政局' },
    { value: '19', label: '　　泸溪县救助站' },
  ]);
});
