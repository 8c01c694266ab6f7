// The search index behind one small interface (STACK.md: the one place where the two engines need
// different SQL). Both implementations store the same token stream (bigram.ts) and answer the
// same question — which published documents contain every bigram / prefix token of a query —
// and the portable part (filters, the exact substring re-check, facets) is shared SQL. Hits come
// in rank order (rank_key descending: newest first, rank-key.ts), at most `limit` of them, so
// that the engine can stop early instead of visiting every hit of a common word.
import { PostgresAdapter, sql, type RawBuilder } from 'kysely';
import type { Engine } from '../../db/database.ts';
import type { Executor } from '../../platform/transaction.ts';
import type { SearchQuery } from './bigram.ts';
import type { PassWhere } from './search-sql.ts';
import { postgresSearchIndex } from './search-index.postgres.ts';
import { sqliteSearchIndex } from './search-index.sqlite.ts';

/**
 * The text of one document as the index sees it: the title apart, the rest together, both
 * normalised already (text.ts searchableText: normaliseText), so the index only tokenises.
 */
export interface IndexedText {
  title: string;
  body: string;
  /**
   * The engine's tokens of `title` and `body` computed ahead (a bulk import's worker threads,
   * search.prepare.ts); the engine tokenises the text itself when absent.
   */
  tokens?: IndexTokens;
}

/**
 * A document's tokens as its engine stores them. SQLite: the FTS5 strings of the title and the
 * body (bigram.ts documentForNormalised) and the stored re-check text, the compact code of title +
 * '\n' + body (compact-text.ts, search_texts) — made ahead with the tokens, so that a bulk import's
 * main thread does not encode it. PostgreSQL: the lexemes of the three vectors, each a
 * space-separated string (search-index.postgres.ts), and the UTF-8 bytes of the grams, so that a
 * tail's grams can be added without the set (array_to_tsvector() drops repeated lexemes).
 */
export type IndexTokens =
  | { engine: 'embedded'; title: string; body: string; code: Uint8Array }
  | { engine: 'postgres'; tokens: string; title: string; grams: string; gramBytes: number; gramsComplete: boolean };

/** A document of a batch (bulk import): its rank key (rank-key.ts, decimal) and text. */
export interface BatchDocument extends IndexedText {
  publicationId: number;
  rankKey: string;
}

export interface MatchRow {
  id: number;
  agencyId: number;
  year: number;
  validity: string;
  categoryIds: string;
}

export type SearchOrder = 'relevance' | 'date';

export interface SearchIndex {
  readonly engine: Engine;
  /**
   * Whether a `titleOnly` pass decides the tokens of the title by itself (a title column in the
   * index); if not, the caller re-checks every term against the title.
   */
  readonly titleTokens: boolean;
  /** The terms of `query` that ranked() decides exactly; the caller re-checks the others. */
  exactTerms(query: SearchQuery): ReadonlySet<string>;
  /** The tokens of a text (pure: a bulk import runs it on worker threads). */
  tokens(text: IndexedText): IndexTokens;
  /**
   * The tokens of title + `head`'s body + `tail` from `head`'s and those of `tail` (normalised,
   * starting with a newline unless the body was empty): a newline ends every token and gram, so
   * the tokens of the parts add up. Null
   * when the sum would not be exact (PostgreSQL: grams near the size limit). A bulk import
   * tokenises a row on a worker before its 索引号, the last part of the text, is allocated.
   */
  appendTokens(head: IndexTokens, tail: string): IndexTokens | null;
  /** Writes the index entry of a document whose search_documents row exists already. */
  write(executor: Executor, publicationId: number, text: IndexedText): Promise<void>;
  /**
   * Columns of the search_documents row itself (PostgreSQL: the vectors, so that a batch is
   * inserted once instead of inserted then updated); {} where the index is a separate table.
   */
  rowColumns(text: IndexedText): Record<string, RawBuilder<unknown>>;
  /**
   * Called in a batch's transaction before its search_documents rows are inserted (a bulk
   * import); writeMany() ends the batch, in the same transaction.
   */
  beginMany(executor: Executor): Promise<void>;
  /** Writes the index entries of a batch whose search_documents rows (with rowColumns()) exist. */
  writeMany(executor: Executor, docs: readonly BatchDocument[]): Promise<void>;
  /** Removes a document's index entry (before its search_documents row is deleted). */
  erase(executor: Executor, publicationId: number): Promise<void>;
  /**
   * A bulk import starts (before its first batch, outside a transaction): settings of the index
   * for its duration; returns what puts them back when the import stops, normally or not
   * (`completed`: it ran to the end of its rows, so the index may be compacted as well).
   */
  bulk(executor: Executor): Promise<(completed: boolean) => Promise<void>>;
  /**
   * A process starts: if a bulk import's settings are still stored although no import runs (it
   * was killed with -9), tidies what it left as a stopped import does and puts the settings back;
   * whether it did (SQLite; PostgreSQL has nothing to tidy).
   */
  settleInterruptedBulk(executor: Executor): Promise<boolean>;
  /** Compacts the engine's index after a bulk load (a no-op where the engine does it itself). */
  optimize(executor: Executor): Promise<void>;
  /** Empties the engine's index (reindex). */
  clear(executor: Executor): Promise<void>;
  /**
   * The search_documents rows whose index entry has all tokens of `query` and that satisfy
   * `where` (filters and re-checks as values, search-sql.ts: each pass is compiled once per
   * shape, db/fixed-query.ts shapedSql), rank_key descending, at most `limit` of them;
   * with `titleOnly`, only documents whose title has every token. `walkRows` overrides how many
   * of the newest rows SQLite walks before it looks up a query of one-character terms (tests;
   * PostgreSQL does not walk); `bucketBits` overrides the width of PostgreSQL's time buckets
   * (tests; its indexes have BUCKET_BITS).
   */
  ranked(
    executor: Executor,
    query: SearchQuery,
    where: PassWhere,
    titleOnly: boolean,
    limit: number,
    walkRows?: number,
    bucketBits?: number,
  ): Promise<MatchRow[]>;
  /**
   * The value stored in search_documents.text for a normalised text: PostgreSQL the text; SQLite
   * '' (its write() and writeMany() store the text's compact code in search_texts).
   */
  storedText(normalised: string): string | Buffer;
  /**
   * The value a substring re-check of a normalised `term` binds (PostgreSQL the term, SQLite its
   * compact code): what contains() and titleContains() are given, as a bound parameter.
   */
  checkValue(term: string): unknown;
  /** SQL that is true when the normalised text of `d` contains the term of `value` (the exact re-check). */
  contains(value: unknown): RawBuilder<unknown>;
  /** SQL that is true when the normalised title of `d` (the first line of its text) contains the term of `value`. */
  titleContains(value: unknown): RawBuilder<unknown>;
}

/**
 * SQL for the stored re-check text of the search_documents row `d` (benchmarks, tests):
 * PostgreSQL's text, SQLite's compact code from search_texts; storedText() (compact-text.ts)
 * makes either a string.
 */
export function storedTextOf(engine: Engine): RawBuilder<unknown> {
  return engine === 'postgres' ? sql`d.text` : sql`(SELECT t.text FROM search_texts t WHERE t.rank_key = d.rank_key)`;
}

export function searchIndexFor(engine: Engine): SearchIndex {
  return engine === 'postgres' ? postgresSearchIndex : sqliteSearchIndex;
}

/**
 * The engine behind an executor (a Kysely instance or an open transaction), so that services
 * called with only a transaction (publication events) pick the right index.
 */
export function engineOf(executor: Executor): Engine {
  return executor.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'embedded';
}
