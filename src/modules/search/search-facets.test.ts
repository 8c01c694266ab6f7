// The facets (search-facets.ts) against counting with arrays and sorting with the comparator:
// the same values, counts and order for random hits (ids up to 2^31, ties, one value, none), and
// for values the typed arrays do not take (the Maps' path).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { facetsOf, type FacetCounts } from './search-facets.ts';
import type { MatchRow } from './search-index.ts';

function reference(values: Array<number | string>): FacetCounts {
  const m = new Map<number | string, number>();
  for (const v of values) m.set(v, (m.get(v) ?? 0) + 1);
  return [...m]
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1));
}

test('facets: the counts and order of the comparator for random hits', () => {
  let seed = 20261206;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let k = 0; k < 500; k++) {
    const spread = [1, 3, 40, 2000, 2 ** 31][k % 5] as number;
    const rows: MatchRow[] = Array.from({ length: Math.floor(next() * 600) }, (_, i) => ({
      id: i,
      agencyId: Math.floor(next() * spread),
      year: 2000 + Math.floor(next() * (k % 3 === 0 ? 1 : 30)),
      validity: ['valid', 'invalid', 'amended', 'unknown'][Math.floor(next() * 4)] as string,
      categoryIds: Array.from({ length: Math.floor(next() * 4) }, () => Math.floor(next() * spread))
        .map((c) => `,${c}`)
        .join('')
        .concat(next() < 0.9 ? ',' : ''),
    }));
    const f = facetsOf(rows);
    assert.deepEqual(f.agency, reference(rows.map((r) => r.agencyId)));
    assert.deepEqual(f.year, reference(rows.map((r) => r.year)));
    assert.deepEqual(f.validity, reference(rows.map((r) => r.validity)));
    assert.deepEqual(f.category, reference(rows.flatMap((r) => r.categoryIds.split(',').filter(Boolean).map(Number))));
  }
});

test('facets: values that are not integers below 2^32 are counted as before (Maps and the comparator)', () => {
  const rows: MatchRow[] = [
    { id: 1, agencyId: 3, year: 2024, validity: 'valid', categoryIds: ',5,x,2.5,' },
    { id: 2, agencyId: 2 ** 33, year: 2024, validity: 'valid', categoryIds: ',5,-1,' },
    { id: 3, agencyId: 3, year: 2023.5, validity: 'invalid', categoryIds: ',,5,' },
    { id: 4, agencyId: '7' as unknown as number, year: 2023, validity: 'valid', categoryIds: '' },
  ];
  for (let k = 0; k < rows.length; k++) {
    const some = rows.slice(k);
    const f = facetsOf(some);
    assert.deepEqual(f.agency, reference(some.map((r) => r.agencyId)));
    assert.deepEqual(f.year, reference(some.map((r) => r.year)));
    assert.deepEqual(f.category, reference(some.flatMap((r) => r.categoryIds.split(',').filter(Boolean).map(Number))));
  }
  // More hits than the counts' limit (2^20) of one value: the comparator's order still.
  const many: MatchRow[] = Array.from({ length: 2 ** 20 + 2 }, (_, i) => ({
    id: i,
    agencyId: i < 2 ** 20 ? 9 : i,
    year: 2024,
    validity: 'valid',
    categoryIds: ',1,',
  }));
  // Many categories a hit (the scratch grows in the middle of a search), then few again.
  for (const perRow of [12, 1, 40, 0]) {
    const rows = Array.from({ length: 50 }, (_, i) => ({
      id: i,
      agencyId: i % 7,
      year: 2020 + (i % 3),
      validity: 'valid',
      categoryIds: `,${Array.from({ length: perRow }, (_, j) => (i * 31 + j * 17) % 97).join(',')},`,
    }));
    assert.deepEqual(
      facetsOf(rows).category,
      reference(rows.flatMap((r) => r.categoryIds.split(',').filter(Boolean).map(Number))),
    );
    assert.deepEqual(facetsOf(rows).agency, reference(rows.map((r) => r.agencyId)));
  }
  const f = facetsOf(many);
  assert.deepEqual(f.agency, reference(many.map((r) => r.agencyId)));
  assert.deepEqual(f.year, [{ value: 2024, count: 2 ** 20 + 2 }]);
});
