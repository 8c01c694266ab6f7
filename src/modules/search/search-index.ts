// The search index behind one small interface (STACK.md: the one place where the two engines need
// different SQL). Both implementations store the same token stream (bigram.ts) and answer the
// same question — which published documents contain every bigram / prefix token of a query —
// and the portable part (filters, the exact substring re-check, facets) is shared SQL.
import { PostgresAdapter, type RawBuilder } from 'kysely';
import type { Engine } from '../../db/database.ts';
import type { Executor } from '../../platform/transaction.ts';
import type { SearchQuery } from './bigram.ts';
import { postgresSearchIndex } from './search-index.postgres.ts';
import { sqliteSearchIndex } from './search-index.sqlite.ts';

/** The text of one document as the index sees it: the title apart (weighted), the rest together. */
export interface IndexedText {
  title: string;
  body: string;
}

export interface MatchRow {
  id: number;
  agencyId: number;
  year: number;
  validity: string;
  categoryIds: string;
  publishedAt: string;
}

export type SearchOrder = 'relevance' | 'date';

export interface SearchIndex {
  readonly engine: Engine;
  /** Replaces the index entry of a document (its search_documents row must exist already). */
  write(executor: Executor, id: number, text: IndexedText): Promise<void>;
  /** Removes a document's index entry (before its search_documents row is deleted). */
  erase(executor: Executor, id: number): Promise<void>;
  /** Empties the engine's index (reindex). */
  clear(executor: Executor): Promise<void>;
  /**
   * The search_documents rows whose index entry has all tokens of `query` and that satisfy
   * `where` (portable SQL over the alias `d`), in the given order (ties: newest id first), at most
   * `limit` of them after skipping `offset`.
   */
  match(executor: Executor, query: SearchQuery, where: RawBuilder<unknown>, order: SearchOrder, limit: number, offset: number): Promise<MatchRow[]>;
  /** SQL that is true when the normalised text of `d` contains `term` (the exact re-check). */
  contains(term: string): RawBuilder<unknown>;
  /** How many rows match(…) would return without a limit. */
  count(executor: Executor, query: SearchQuery, where: RawBuilder<unknown>): Promise<number>;
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
