// Search over published publications: the index lookup (AND of bigrams, search-index.ts), then the
// exact substring re-check in SQL for terms the tokens alone cannot decide, then facets and a page
// computed from the (small) metadata rows of every hit. Results are identical on both engines;
// only the order of equally relevant hits may differ.
import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../platform/transaction.ts';
import { MAX_WORD_LENGTH, queryTokens, type SearchQuery } from './bigram.ts';
import { engineOf, searchIndexFor, type MatchRow, type SearchIndex, type SearchOrder } from './search-index.ts';
import { searchableText, type SearchableFields } from './text.ts';

export interface SearchFilters {
  /** Only these agencies (one agency, or an agency and its subtree). */
  agencyIds?: readonly number[];
  /** Publications in any of these categories. */
  categoryIds?: readonly number[];
  year?: number;
  validity?: string;
}

export interface SearchParams extends SearchFilters {
  q: string;
  page?: number;
  pageSize?: number;
  order?: SearchOrder;
  /** Overrides FACET_SAMPLE (tests exercise the sampled path with small corpora). */
  facetSample?: number;
}

export type FacetCounts = Array<{ value: number | string; count: number }>;

export interface SearchResult {
  /** Normalised query terms (for highlighting). */
  terms: string[];
  total: number;
  page: number;
  pageSize: number;
  /** Publication ids of this page, in order. */
  ids: number[];
  /** True when there were more than FACET_SAMPLE hits and the facets count only the best of them. */
  facetsSampled: boolean;
  facets: { agency: FacetCounts; category: FacetCounts; year: FacetCounts; validity: FacetCounts };
}

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const WORD = /^[\p{L}\p{N}\p{M}]+$/u;

/**
 * Whether the index tokens alone decide that a document contains `term`: a term of one or two
 * CJK characters (its bigram, or its character as a token prefix) or a single Latin/digit word
 * (matched by word prefix). Longer terms need the substring re-check: their bigrams may all
 * occur in a document without occurring in a row.
 */
export function tokensAreExact(term: string): boolean {
  const cps = Array.from(term);
  if (cps.every((c) => CJK.test(c))) return cps.length <= 2;
  return WORD.test(term) && !cps.some((c) => CJK.test(c)) && cps.length <= MAX_WORD_LENGTH;
}

function filterSql(f: SearchFilters, query: SearchQuery, index: SearchIndex): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [sql`1 = 1`];
  if (f.agencyIds) parts.push(f.agencyIds.length ? sql`d.agency_id IN (${sql.join(f.agencyIds.map((id) => sql`${id}`))})` : sql`1 = 0`);
  if (f.categoryIds) {
    parts.push(f.categoryIds.length ? sql`(${sql.join(f.categoryIds.map((id) => sql`d.category_ids LIKE ${`%,${id},%`}`), sql` OR `)})` : sql`1 = 0`);
  }
  if (f.year !== undefined) parts.push(sql`d.year = ${f.year}`);
  if (f.validity !== undefined) parts.push(sql`d.validity = ${f.validity}`);
  for (const term of query.terms) {
    if (!tokensAreExact(term)) parts.push(index.contains(term));
  }
  return sql.join(parts, sql` AND `);
}

function count(values: Iterable<number | string>): FacetCounts {
  const m = new Map<number | string, number>();
  for (const v of values) m.set(v, (m.get(v) ?? 0) + 1);
  return [...m].map(([value, n]) => ({ value, count: n })).sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1));
}

function* categoriesOf(rows: MatchRow[]): Generator<number> {
  for (const r of rows) for (const id of r.categoryIds.split(',')) if (id !== '') yield Number(id);
}

export const MAX_PAGE_SIZE = 50;

/** Facets are counted over at most this many best hits. */
export const FACET_SAMPLE = 1000;

export async function searchPublications(executor: Executor, p: SearchParams): Promise<SearchResult> {
  const pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(p.pageSize ?? 10)));
  const page = Math.max(1, Math.floor(p.page ?? 1));
  const query = queryTokens(p.q);
  const empty = { agency: [], category: [], year: [], validity: [] };
  if (!query.tokens.length && !query.prefixTokens.length) return { terms: query.terms, total: 0, page, pageSize, ids: [], facetsSampled: false, facets: empty };
  const index = searchIndexFor(engineOf(executor));
  const where = filterSql(p, query, index);
  const order = p.order ?? 'relevance';
  // The facets count the best FACET_SAMPLE hits: exact whenever there are no more hits than that
  // (`facetsSampled` says when not), so that a very common word does not cost a pass over all
  // its hits in JavaScript. The total and the pages are always exact.
  const limit = Math.max(1, Math.floor(p.facetSample ?? FACET_SAMPLE));
  const sample = await index.match(executor, query, where, order, limit + 1, 0);
  const sampled = sample.length > limit;
  const rows = sampled ? sample.slice(0, limit) : sample;
  const total = sampled ? await index.count(executor, query, where) : rows.length;
  const from = (page - 1) * pageSize;
  const pageRows = from + pageSize <= rows.length || !sampled ? rows.slice(from, from + pageSize) : await index.match(executor, query, where, order, pageSize, from);
  return {
    terms: query.terms,
    total,
    page,
    pageSize,
    ids: pageRows.map((r) => r.id),
    facetsSampled: sampled,
    facets: {
      agency: count(rows.map((r) => r.agencyId)),
      category: count(categoriesOf(rows)),
      year: count(rows.map((r) => r.year)),
      validity: count(rows.map((r) => r.validity)),
    },
  };
}

export interface IndexEntry extends SearchableFields {
  id: number;
  agencyId: number;
  validity: string;
  /** ISO timestamp of the first release. */
  publishedAt: string;
  /** 'YYYY-MM-DD' local date of the first release (its year is the year facet). */
  publishedOn: string;
  categoryIds: readonly number[];
}

/** Adds or replaces a document in the index (in the caller's transaction). */
export async function upsertIndexEntry(executor: Executor, e: IndexEntry, now: string): Promise<void> {
  const index = searchIndexFor(engineOf(executor));
  const text = searchableText(e);
  const row = {
    agencyId: e.agencyId,
    year: Number(e.publishedOn.slice(0, 4)),
    validity: e.validity,
    publishedAt: e.publishedAt,
    categoryIds: e.categoryIds.length ? `,${e.categoryIds.join(',')},` : '',
    text: text.normalised,
    indexedAt: now,
  };
  await index.erase(executor, e.id);
  await executor.deleteFrom('searchDocuments').where('publicationId', '=', e.id).execute();
  await executor.insertInto('searchDocuments').values({ publicationId: e.id, ...row }).execute();
  await index.write(executor, e.id, text);
}

/** Removes a document from the index (withdrawn, unpublished); a no-op when it is not there. */
export async function removeIndexEntry(executor: Executor, id: number): Promise<void> {
  await searchIndexFor(engineOf(executor)).erase(executor, id);
  await executor.deleteFrom('searchDocuments').where('publicationId', '=', id).execute();
}

/** Empties the whole index. */
export async function clearIndex(executor: Executor): Promise<void> {
  await searchIndexFor(engineOf(executor)).clear(executor);
  await executor.deleteFrom('searchDocuments').execute();
}
