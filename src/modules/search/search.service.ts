// Search over published publications: the index lookup (AND of bigrams, search-index.ts), the
// exact substring re-check in SQL for terms the tokens alone cannot decide, and facets and a page
// computed from the metadata rows of the hits. The engines read their index in rank order
// (rank_key: newest first) and stop after RESULT_CAP + 1 hits, so a search costs about the same
// for a rare word and for one that is in most documents. Results are identical on both engines.
//
// Order 'relevance': the documents whose title contains every term, then the others; each group
// newest first (rank_key descending). Order 'date': newest first.
import { sql } from 'kysely';
import type { Executor } from '../../platform/transaction.ts';
import type { Engine } from '../../db/database.ts';
import { literalLimit, shapedSql } from '../../db/fixed-query.ts';
import { queryTokens, type SearchQuery } from './bigram.ts';
import {
  engineOf,
  searchIndexFor,
  type IndexedText,
  type MatchRow,
  type SearchIndex,
  type SearchOrder,
} from './search-index.ts';
import { facetsOf, type FacetCounts, type Facets } from './search-facets.ts';
import { rankKeyOf } from './rank-key.ts';
import { hasFilters, MATCH_COLUMNS, slotWhere, whereSql, type PassWhere } from './search-sql.ts';
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
  /** Overrides RESULT_CAP (tests exercise the capped path with small corpora). */
  resultCap?: number;
  /** Overrides SMALL_SCOPE (tests exercise both ways of a scoped search). */
  smallScope?: number;
  /** Overrides the index's WALK_ROWS (tests exercise the walk and the bitmap or the lookup). */
  walkRows?: number;
  /** Overrides the PostgreSQL index's BUCKET_BITS (tests exercise wide and narrow buckets). */
  bucketBits?: number;
}

export type { FacetCounts };

export interface SearchResult {
  /** Normalised query terms (for highlighting). */
  terms: string[];
  /** The number of hits; when `totalIsLowerBound`, there are more than this many (= `cap`). */
  total: number;
  /**
   * More than `cap` documents match: only the first `cap` of them (in order) are paged and
   * counted in the facets, and `total` is `cap`.
   */
  totalIsLowerBound: boolean;
  /** The most hits a search computes (RESULT_CAP unless overridden). */
  cap: number;
  page: number;
  pageSize: number;
  /** Publication ids of this page, in order. */
  ids: number[];
  facets: Facets;
}

/** The filters as a pass's where (search-sql.ts), without checks. */
function filtersOf(f: SearchFilters): PassWhere {
  const w: PassWhere = { contains: [], titleContains: [] };
  if (f.agencyIds) w.agencyIds = f.agencyIds;
  if (f.categoryIds) w.categoryPatterns = f.categoryIds.map((id) => `%,${id},%`);
  if (f.year !== undefined) w.year = f.year;
  if (f.validity !== undefined) w.validity = f.validity;
  return w;
}

/** The SQL of a where on the executor's engine. */
const whereOn = (engine: Engine, w: PassWhere) => {
  const index = searchIndexFor(engine);
  return whereSql(w, index.contains, index.titleContains);
};

/** How many documents the filters leave, up to max + 1 (counted through the indexes on search_documents). */
const scopeCount = shapedSql(
  (i: { engine: Engine; where: PassWhere; max: number }, slot) => ({ ...i, where: slotWhere(i.where, slot) }),
  (i) =>
    sql<{
      n: number;
    }>`SELECT count(*) AS n FROM (SELECT 1 AS one FROM search_documents d WHERE ${whereOn(i.engine, i.where)} LIMIT ${literalLimit(i.max + 1)}) AS scope`,
);

/** Whether the filters leave at most `max` documents (reading at most max + 1 rows). */
async function scopeIsSmall(executor: Executor, engine: Engine, filters: PassWhere, max: number): Promise<boolean> {
  if (!hasFilters(filters)) return false;
  const r = await scopeCount(executor, { engine, where: filters, max });
  return Number(r[0]?.n ?? 0) <= max;
}

/** A pass over a small scope: its documents that satisfy `where`, newest first. */
const scopePass = shapedSql(
  (i: { engine: Engine; where: PassWhere; limit: number }, slot) => ({ ...i, where: slotWhere(i.where, slot) }),
  (i) =>
    sql<MatchRow>`SELECT ${MATCH_COLUMNS} FROM search_documents d WHERE ${whereOn(i.engine, i.where)}
        ORDER BY d.rank_key DESC LIMIT ${literalLimit(i.limit)}`,
);

export const MAX_PAGE_SIZE = 50;

/**
 * A search computes at most this many hits (pages and facets); beyond it the total is a lower
 * bound. Measured at 200,000 generated publications on SQLite (bench/corpus.ts): p95 of
 * mixed 2–6-character queries 31 ms with 1,000, 20 ms with 500 — the cost of a common word is
 * about proportional to it.
 */
export const RESULT_CAP = 500;

/**
 * Filters that leave at most this many documents are searched from the documents (each probed
 * in the index) rather than from the index (each hit tested against the filters).
 */
export const SMALL_SCOPE = 5000;

/**
 * The first `cap` + 1 hits in order (at most): `cap` + 1 so that the caller knows whether there
 * are more than `cap`. Two passes for 'relevance' (titles, then all), one for 'date'.
 */
async function orderedHits(
  executor: Executor,
  index: SearchIndex,
  query: SearchQuery,
  filters: PassWhere,
  order: SearchOrder,
  cap: number,
  smallScope: number,
  walkRows: number | undefined,
  bucketBits: number | undefined,
): Promise<MatchRow[]> {
  const exact = index.exactTerms(query);
  const recheck = query.terms.filter((t) => !exact.has(t)).map((t) => index.checkValue(t));
  const titleRecheck = index.titleTokens ? recheck : query.terms.map((t) => index.checkValue(t));
  let pass: (titleOnly: boolean) => Promise<MatchRow[]>;
  if (await scopeIsSmall(executor, index.engine, filters, smallScope)) {
    // A small scope is walked in rank order through an index on search_documents, every term
    // checked by substring: no index lookup, whose cost grows with the hits outside the scope.
    const terms = query.terms.map((t) => index.checkValue(t));
    pass = (titleOnly) =>
      scopePass(executor, {
        engine: index.engine,
        where: titleOnly ? { ...filters, titleContains: terms } : { ...filters, contains: terms },
        limit: cap + 1,
      });
  } else {
    pass = (titleOnly) =>
      index.ranked(
        executor,
        query,
        titleOnly ? { ...filters, titleContains: titleRecheck } : { ...filters, contains: recheck },
        titleOnly,
        cap + 1,
        walkRows,
        bucketBits,
      );
  }
  if (order === 'date') return pass(false);
  const titled = await pass(true);
  if (titled.length > cap) return titled;
  // The titled hits are all in the full pass too: cap + 1 rows of it hold at least
  // cap + 1 − titled.length others, enough to fill the capped list and tell whether it is full.
  const seen = new Set(titled.map((r) => r.id));
  return [...titled, ...(await pass(false)).filter((r) => !seen.has(r.id))];
}

export async function searchPublications(executor: Executor, p: SearchParams): Promise<SearchResult> {
  const pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(p.pageSize ?? 10)));
  const page = Math.max(1, Math.floor(p.page ?? 1));
  const cap = Math.max(1, Math.floor(p.resultCap ?? RESULT_CAP));
  const query = queryTokens(p.q);
  const empty = { agency: [], category: [], year: [], validity: [] };
  if (!query.tokens.length && !query.prefixTokens.length)
    return { terms: query.terms, total: 0, totalIsLowerBound: false, cap, page, pageSize, ids: [], facets: empty };
  const index = searchIndexFor(engineOf(executor));
  const hits = await orderedHits(
    executor,
    index,
    query,
    filtersOf(p),
    p.order ?? 'relevance',
    cap,
    Math.max(0, Math.floor(p.smallScope ?? SMALL_SCOPE)),
    p.walkRows === undefined ? undefined : Math.max(1, Math.floor(p.walkRows)),
    p.bucketBits === undefined ? undefined : Math.min(30, Math.max(0, Math.floor(p.bucketBits))),
  );
  const capped = hits.length > cap;
  const rows = capped ? hits.slice(0, cap) : hits;
  const from = (page - 1) * pageSize;
  return {
    terms: query.terms,
    total: rows.length,
    totalIsLowerBound: capped,
    cap,
    page,
    pageSize,
    ids: rows.slice(from, from + pageSize).map((r) => r.id),
    facets: facetsOf(rows),
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
  /**
   * searchableText() of the entry and the engine's tokens, made already (a bulk import: prepared
   * ahead on a worker thread, search.prepare.ts, and completed with the 索引号). The other text
   * fields are then not read (a bulk import does not read the body back, search.sync.ts).
   */
  indexed?: IndexedText & { normalised: string };
}

/** searchableText() of an entry, unless it was made ahead. */
function entryText(e: IndexEntry): IndexedText & { normalised: string } {
  return e.indexed ?? searchableText(e);
}

/** The search_documents row of an entry, without the columns of the engine's index. */
function documentRow(index: SearchIndex, e: IndexEntry, normalisedText: string, rankKey: string, now: string) {
  return {
    publicationId: e.id,
    rankKey: sql<string>`CAST(${rankKey} AS BIGINT)`,
    agencyId: e.agencyId,
    year: Number(e.publishedOn.slice(0, 4)),
    validity: e.validity,
    publishedAt: e.publishedAt,
    categoryIds: e.categoryIds.length ? `,${e.categoryIds.join(',')},` : '',
    text: index.storedText(normalisedText),
    indexedAt: now,
  };
}

/** Adds or replaces a document in the index (in the caller's transaction). */
export async function upsertIndexEntry(executor: Executor, e: IndexEntry, now: string): Promise<void> {
  const index = searchIndexFor(engineOf(executor));
  const text = searchableText(e);
  await index.erase(executor, e.id);
  await executor.deleteFrom('searchDocuments').where('publicationId', '=', e.id).execute();
  await executor
    .insertInto('searchDocuments')
    .values(documentRow(index, e, text.normalised, rankKeyOf(e.publishedAt, e.id), now))
    .execute();
  await index.write(executor, e.id, { title: text.title, body: text.body });
}

/**
 * Adds or replaces many documents (bulk import), in the caller's transaction: a few multi-row
 * statements instead of five per document. Same rows and index entries as upsertIndexEntry().
 */
export async function upsertIndexEntries(
  executor: Executor,
  entries: readonly IndexEntry[],
  now: string,
): Promise<void> {
  if (!entries.length) return;
  const index = searchIndexFor(engineOf(executor));
  const there = await executor
    .selectFrom('searchDocuments')
    .select('publicationId')
    .where(
      'publicationId',
      'in',
      entries.map((e) => e.id),
    )
    .execute();
  for (const { publicationId } of there) await removeIndexEntry(executor, publicationId);
  await index.beginMany(executor);
  // 200 rows per statement: 10 parameters each, below both engines' limits. Each statement is sent
  // as soon as its rows are made, and the next rows are made while the server writes it (the
  // transaction's connection runs the statements in order): on PostgreSQL the client's text and
  // vectors (~0.4 ms a row) overlap the server's GIN work instead of waiting for each statement.
  const docs: { e: IndexEntry; text: ReturnType<typeof entryText>; rankKey: string }[] = [];
  const sent: Promise<unknown>[] = [];
  // Every statement settled before the caller goes on (or rolls back), the first failure thrown.
  const settled = async () => (await Promise.allSettled(sent)).find((r) => r.status === 'rejected');
  try {
    for (let i = 0; i < entries.length; i += 200) {
      const part = entries
        .slice(i, i + 200)
        .map((e) => ({ e, text: entryText(e), rankKey: rankKeyOf(e.publishedAt, e.id) }));
      docs.push(...part);
      const rows = part.map(({ e, text, rankKey }) => ({
        ...documentRow(index, e, text.normalised, rankKey, now),
        ...index.rowColumns(text),
      }));
      const statement = executor.insertInto('searchDocuments').values(rows).execute();
      // Handled here (settled() reports it): a failure seen before the batch's end is not unhandled.
      statement.catch(() => {});
      sent.push(statement);
      // The statement reaches the server through a chain of promises: let it go out before the
      // next rows are made (a synchronous loop would make them all first).
      await new Promise((sent) => setImmediate(sent));
    }
  } catch (err) {
    await settled();
    throw err;
  }
  const failed = await settled();
  if (failed) throw failed.reason;
  await index.writeMany(
    executor,
    docs.map(({ e, text, rankKey }) => ({
      publicationId: e.id,
      rankKey,
      title: text.title,
      body: text.body,
      tokens: text.tokens,
    })),
  );
}

/** Removes a document from the index (withdrawn, unpublished); a no-op when it is not there. */
export async function removeIndexEntry(executor: Executor, id: number): Promise<void> {
  await searchIndexFor(engineOf(executor)).erase(executor, id);
  await executor.deleteFrom('searchDocuments').where('publicationId', '=', id).execute();
}

/** Merges the index's segments after a bulk load (reindex): later searches read fewer b-trees. */
export async function optimizeIndex(executor: Executor): Promise<void> {
  await searchIndexFor(engineOf(executor)).optimize(executor);
}

/** Empties the whole index. */
export async function clearIndex(executor: Executor): Promise<void> {
  await searchIndexFor(engineOf(executor)).clear(executor);
  await executor.deleteFrom('searchDocuments').execute();
}
