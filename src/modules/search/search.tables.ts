// The search index's portable table (migrations 20261126_0003_search and 0008_search_rank). The engine-specific parts
// (the FTS5 table on SQLite, the tsv column on PostgreSQL) are not in this type: only
// search-index.sqlite.ts and search-index.postgres.ts touch them, with their own SQL.
export interface SearchDocumentTable {
  /**
   * rank-key.ts: sorts like (published_at, id); the FTS5 rowid on SQLite. Written as
   * CAST(decimal string AS BIGINT) and never read back into JavaScript (up to 55 bits).
   */
  rankKey: string;
  publicationId: number;
  agencyId: number;
  /** The year of publication (facet and filter). */
  year: number;
  validity: string;
  publishedAt: string;
  /** ",3,17,": every category of the publication. */
  categoryIds: string;
  /**
   * normaliseText() of every indexed field joined by newlines: the substring re-check runs on it.
   * PostgreSQL only: SQLite keeps '' here and the text's compact code in search_texts (migrations
   * 0040, 0041; search-index.ts storedTextOf()).
   */
  text: string | Buffer;
  indexedAt: string;
}

export interface SearchTables {
  searchDocuments: SearchDocumentTable;
}
