// The search index's portable table (migration 20261126_0003_search). The engine-specific parts
// (the FTS5 table on SQLite, the tsv column on PostgreSQL) are not in this type: only
// search-index.sqlite.ts and search-index.postgres.ts touch them, with their own SQL.
export interface SearchDocumentTable {
  publicationId: number;
  agencyId: number;
  /** The year of publication (facet and filter). */
  year: number;
  validity: string;
  publishedAt: string;
  /** ",3,17,": every category of the publication. */
  categoryIds: string;
  /** normaliseText() of every indexed field joined by newlines: the substring re-check runs on it. */
  text: string;
  indexedAt: string;
}

export interface SearchTables {
  searchDocuments: SearchDocumentTable;
}
