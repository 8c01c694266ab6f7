import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AGENCY_KINDS, governmentLevel, type AgencyKind } from '../../platform/agency-kinds.ts';
import { ALLOWED_PARENTS, AGENCY_KIND_LABELS, placementError, supervisingAgency, topKinds } from './agency.rules.ts';

describe('where each kind of agency may sit (宪法 第三十条)', () => {
  const ok: [AgencyKind, AgencyKind | null][] = [
    ['provinceGovernment', null],
    ['prefectureGovernment', 'provinceGovernment'],
    ['prefectureGovernment', null],
    ['countyGovernment', 'prefectureGovernment'],
    // 直辖市's districts and 省直辖县级行政单位.
    ['countyGovernment', 'provinceGovernment'],
    ['countyGovernment', null],
    ['town', 'countyGovernment'],
    ['township', 'countyGovernment'],
    ['subDistrict', 'countyGovernment'],
    // 不设区的市 (东莞、中山) have towns and 街道 directly.
    ['town', 'prefectureGovernment'],
    ['subDistrict', 'prefectureGovernment'],
    ['department', 'provinceGovernment'],
    ['department', 'prefectureGovernment'],
    ['department', 'countyGovernment'],
    ['department', 'town'],
    ['department', 'department'],
  ];
  for (const [kind, parent] of ok)
    test(`${kind} under ${String(parent)}`, () => assert.equal(placementError(kind, parent), null));

  const wrong: [string, AgencyKind | null, RegExp][] = [
    [
      'town',
      'provinceGovernment',
      /^镇人民政府不能设在省级人民政府之下，只能设在县级人民政府、设区的市级人民政府之下。$/,
    ],
    ['town', 'department', /镇人民政府不能设在政府部门之下/],
    ['township', 'town', /乡人民政府不能设在镇人民政府之下/],
    ['countyGovernment', 'countyGovernment', /县级人民政府不能设在县级人民政府之下.*或作为最上级机构/],
    ['prefectureGovernment', 'prefectureGovernment', /只能设在省级人民政府之下或作为最上级机构/],
    ['provinceGovernment', 'provinceGovernment', /^省级人民政府只能作为最上级机构，不能设在省级人民政府之下。$/],
    ['countyGovernment', 'department', /不能设在政府部门之下/],
    [
      'department',
      null,
      /^政府部门不能作为最上级机构.*最上级机构只能是省级人民政府、设区的市级人民政府、县级人民政府。$/,
    ],
    ['town', null, /镇人民政府不能作为最上级机构/],
    ['village', 'countyGovernment', /^请从列表中选择机构类型。$/],
  ];
  for (const [kind, parent, message] of wrong)
    test(`not ${kind} under ${String(parent)}`, () => assert.match(placementError(kind, parent) ?? '', message));

  test('every kind has a label and a place; the tops are the governments above the town', () => {
    for (const k of AGENCY_KINDS) {
      assert.ok(AGENCY_KIND_LABELS[k]);
      assert.ok(ALLOWED_PARENTS[k].length > 0);
    }
    assert.deepEqual(topKinds(), ['provinceGovernment', 'prefectureGovernment', 'countyGovernment']);
  });
});

describe('the level of government and the agency a report is submitted to (条例 第四十九条)', () => {
  test("a department is at its government's level", () => {
    assert.equal(
      governmentLevel(['department', 'department', 'prefectureGovernment', 'provinceGovernment']),
      'prefecture',
    );
    assert.equal(governmentLevel(['department', 'provinceGovernment']), 'province');
    assert.equal(governmentLevel(['subDistrict', 'countyGovernment']), 'town');
    assert.equal(governmentLevel(['countyGovernment', 'prefectureGovernment']), 'county');
    assert.equal(governmentLevel(['department']), null);
  });

  test("the nearest ancestor that is not a department: a unit's report goes past its department", () => {
    const province = { id: 1, kind: 'provinceGovernment' as const };
    const city = { id: 2, kind: 'prefectureGovernment' as const };
    const cityDept = { id: 3, kind: 'department' as const };
    const county = { id: 4, kind: 'countyGovernment' as const };
    assert.equal(supervisingAgency([cityDept, city, province]), city);
    assert.equal(supervisingAgency([city, province]), city);
    assert.equal(supervisingAgency([province]), province);
    assert.equal(supervisingAgency([county, city, province]), county);
    assert.equal(supervisingAgency([]), null);
  });
});
