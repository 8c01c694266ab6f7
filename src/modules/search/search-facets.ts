// The facets of a search (agency, category, year, validity): counts over the hits (up to
// RESULT_CAP rows), the most frequent value first.
import type { MatchRow } from './search-index.ts';

export type FacetCounts = Array<{ value: number | string; count: number }>;

export interface Facets {
  agency: FacetCounts;
  category: FacetCounts;
  year: FacetCounts;
  validity: FacetCounts;
}

const COUNT_LIMIT = 2 ** 20;
const VALUE_LIMIT = 2 ** 32;

/**
 * Counts by value, the most frequent first (ties by value). Where every value is an integer
 * below 2^32 and every count below 2^20 (ids and years; the hits are at most RESULT_CAP), each
 * pair is one number, (2^20 − count) · 2^32 + value, sorted as a Float64Array — the same order
 * as the comparator, without a call per comparison (an agency facet of a common word at 200,000
 * publications has hundreds of values).
 */
function sorted(m: Map<number | string, number>): FacetCounts {
  const keys = new Float64Array(m.size);
  let i = 0;
  for (const [value, n] of m) {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value >= VALUE_LIMIT || n >= COUNT_LIMIT)
      return sortedByComparator(m);
    keys[i++] = (COUNT_LIMIT - n) * VALUE_LIMIT + value;
  }
  keys.sort();
  const out: FacetCounts = new Array(keys.length);
  for (let k = 0; k < keys.length; k += 1) {
    const key = keys[k] as number;
    const high = Math.floor(key / VALUE_LIMIT);
    out[k] = { value: key - high * VALUE_LIMIT, count: COUNT_LIMIT - high };
  }
  return out;
}

function sortedByComparator(m: Map<number | string, number>): FacetCounts {
  const out: FacetCounts = [];
  for (const [value, n] of m) out.push({ value, count: n });
  return out.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1));
}

function add(m: Map<number | string, number>, v: number | string): void {
  m.set(v, (m.get(v) ?? 0) + 1);
}

/** Whether a value can be counted in a typed array (sorted()'s condition on values). */
const countable = (v: number): boolean => Number.isInteger(v) && v >= 0 && v < VALUE_LIMIT;

/**
 * The counts of the first `n` values of `values` (countable()), the most frequent first, ties by
 * value — sorted()'s order — without a Map or a comparator: the values sorted (a Uint32Array sorts
 * in ~3 µs for 500, a Float64Array in ~10), each run of equal values counted, and the runs, which
 * come in ascending value, placed by a counting sort on their count, descending (stable: ties stay
 * in ascending value). At 200,000 publications a common word's 500 hits have ~450 agencies and ~500
 * categories (docs/PERFORMANCE.md, "Render cost: the search page, what is left").
 */
function countedRuns(values: Uint32Array, n: number): FacetCounts {
  const sortedValues = values.sort();
  const work = scratch(WORK, 2 * n + n + 2);
  WORK = work;
  const runValues = work.subarray(0, n);
  const runCounts = work.subarray(n, 2 * n);
  let runs = 0;
  let most = 0;
  for (let i = 0; i < n;) {
    const v = sortedValues[i] as number;
    let j = i + 1;
    while (j < n && sortedValues[j] === v) j += 1;
    runValues[runs] = v;
    runCounts[runs] = j - i;
    if (j - i > most) most = j - i;
    runs += 1;
    i = j;
  }
  // at[c]: where the first run of count c goes (counts from `most` down to 1).
  const at = work.subarray(2 * n, 2 * n + most + 2).fill(0);
  for (let r = 0; r < runs; r += 1) {
    const count = runCounts[r] as number;
    at[count] = (at[count] as number) + 1;
  }
  let next = 0;
  for (let c = most; c >= 1; c -= 1) {
    const k = at[c] as number;
    at[c] = next;
    next += k;
  }
  const out: FacetCounts = new Array(runs);
  for (let r = 0; r < runs; r += 1) {
    const count = runCounts[r] as number;
    const place = at[count] as number;
    at[count] = place + 1;
    out[place] = { value: runValues[r] as number, count };
  }
  return out;
}

/**
 * Scratch arrays kept between searches (facetsOf runs to its end without awaiting): no typed array
 * allocated per request — each is an ArrayBuffer with its own backing store for the collector.
 */
let GATHER: Uint32Array = new Uint32Array(4096);
let WORK: Uint32Array = new Uint32Array(4096);

/** `a` if it holds `size` values, else a new array twice as long as needed with `a`'s values. */
function scratch(a: Uint32Array, size: number): Uint32Array {
  if (size <= a.length) return a;
  const grown = new Uint32Array(2 * size);
  grown.set(a);
  return grown;
}

/** The number a category id's digits make (Number(text) for plain decimal digits, up to 15 of them). */
function categoryNumber(ids: string, from: number, to: number): number {
  if (to - from > 15) return Number(ids.slice(from, to));
  let v = 0;
  for (let i = from; i < to; i += 1) {
    const d = ids.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return Number(ids.slice(from, to));
    v = v * 10 + d;
  }
  return v;
}

/** The facets of the hits through Maps (values that are not all countable()). */
function facetsByMaps(rows: readonly MatchRow[]): Facets {
  const agency = new Map<number | string, number>();
  const category = new Map<number | string, number>();
  const year = new Map<number | string, number>();
  const validity = new Map<number | string, number>();
  for (const r of rows) {
    add(agency, r.agencyId);
    add(year, r.year);
    add(validity, r.validity);
    forEachCategory(r.categoryIds, (id) => add(category, id));
  }
  return { agency: sorted(agency), category: sorted(category), year: sorted(year), validity: sorted(validity) };
}

/** ',3,17,' → 3 and 17 (what split(',') gives without the empty parts), as numbers. */
function forEachCategory(ids: string, f: (id: number) => void): void {
  for (let from = 0; from < ids.length;) {
    let to = ids.indexOf(',', from);
    if (to === -1) to = ids.length;
    if (to > from) f(Number(ids.slice(from, to)));
    from = to + 1;
  }
}

/**
 * The four facets of the hits in one pass (up to RESULT_CAP rows: at 200,000 publications a common
 * word's facets were ~10 % of the search page's CPU when counted as four passes with arrays). The
 * agencies, years and categories are gathered in typed arrays and counted by runs (countedRuns);
 * where one of them is not an integer below 2^32 the facets are counted in Maps instead.
 */
export function facetsOf(rows: readonly MatchRow[]): Facets {
  const n = rows.length;
  // GATHER: the agencies at [0, n), the years at [n, 2n), the categories from 2n on.
  let g = scratch(GATHER, 4 * n);
  let categories = 0;
  const validity = new Map<number | string, number>();
  let typed = true;
  for (let i = 0; i < n && typed; i += 1) {
    const r = rows[i] as MatchRow;
    const a = r.agencyId;
    const y = r.year;
    if (typeof a !== 'number' || typeof y !== 'number' || !countable(a) || !countable(y)) typed = false;
    g[i] = a;
    g[n + i] = y;
    add(validity, r.validity);
    // forEachCategory written out: no closure made per row.
    const ids = r.categoryIds;
    for (let from = 0; from < ids.length;) {
      let to = ids.indexOf(',', from);
      if (to === -1) to = ids.length;
      if (to > from) {
        const id = categoryNumber(ids, from, to);
        if (!countable(id)) typed = false;
        g = scratch(g, 2 * n + categories + 1);
        g[2 * n + categories] = id;
        categories += 1;
      }
      from = to + 1;
    }
  }
  GATHER = g;
  if (!typed) return facetsByMaps(rows);
  return {
    agency: countedRuns(g.subarray(0, n), n),
    category: countedRuns(g.subarray(2 * n, 2 * n + categories), categories),
    year: countedRuns(g.subarray(n, 2 * n), n),
    validity: sorted(validity),
  };
}
