import assert from 'node:assert/strict';
import { test } from 'node:test';
import { agenciesAtLevel, type ListedAgency } from './annual-report.list-rows.ts';

const a = (id: number, path: string, kind: string): ListedAgency => {
  const ids = path.split('/').filter(Boolean).map(Number);
  return { id, parentId: ids.length > 1 ? (ids[ids.length - 2] ?? null) : null, path, kind };
};

test("a county's list is every agency below it; a province's stops at the lower governments", () => {
  const county = [
    a(1, '/1/', 'countyGovernment'),
    a(2, '/1/2/', 'department'),
    a(3, '/1/3/', 'town'),
    a(4, '/1/2/4/', 'department'),
  ];
  assert.deepEqual(
    agenciesAtLevel(county[0]!, county).rows.map((r) => r.id),
    [1, 2, 3, 4],
  );
  const province = [
    a(10, '/10/', 'provinceGovernment'),
    a(11, '/10/11/', 'department'),
    a(12, '/10/12/', 'prefectureGovernment'),
    a(13, '/10/12/13/', 'department'),
    a(14, '/10/12/14/', 'countyGovernment'),
    a(15, '/10/12/14/15/', 'town'),
    a(16, '/10/16/', 'prefectureGovernment'),
  ];
  const top = agenciesAtLevel(province[0]!, province);
  assert.deepEqual(
    top.rows.map((r) => r.id),
    [10, 11, 12, 16],
  );
  assert.deepEqual([...top.withBelow], [12]);
  const city = agenciesAtLevel(province[2]!, province);
  assert.deepEqual(
    city.rows.map((r) => r.id),
    [12, 13, 14],
  );
  assert.deepEqual([...city.withBelow], [14]);
});
