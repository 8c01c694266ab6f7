// PostgreSQL: a tsvector column on search_documents with a GIN index. The vector is built with
// array_to_tsvector() from our own tokens and the query is a tsquery literal (toTsQuery), so
// PostgreSQL's parser and dictionaries never touch the text: the lexemes are exactly the bigram
// tokens, whatever the database's locale. Ranking every hit of a common word is what is slow on
// PostgreSQL (STACK.md), so "relevance" puts title hits first and then orders by date.
import { sql } from 'kysely';
import { indexTokens, normaliseText, toTsQuery } from './bigram.ts';
import type { MatchRow, SearchIndex } from './search-index.ts';
import { MATCH_COLUMNS } from './search-sql.ts';

export const postgresSearchIndex: SearchIndex = {
  engine: 'postgres',
  async write(executor, id, text) {
    const tokens = [...new Set([...indexTokens(text.title), ...indexTokens(text.body)])];
    await sql`UPDATE search_documents SET tsv = array_to_tsvector(${tokens}::text[]) WHERE publication_id = ${id}`.execute(executor);
  },
  async erase() {
    // The vector lives in the search_documents row, which the caller deletes.
  },
  async clear() {
    // As erase(): nothing outside search_documents.
  },
  contains: (term) => sql`strpos(d.text, ${term}) > 0`,
  async count(executor, query, where) {
    const tsq = toTsQuery(query);
    if (tsq === '') return 0;
    const r = await sql<{ n: number }>`SELECT count(*) AS n FROM search_documents d WHERE d.tsv @@ ${tsq}::tsquery AND ${where}`.execute(executor);
    return Number(r.rows[0]?.n ?? 0);
  },
  async match(executor, query, where, order, limit, offset) {
    const tsq = toTsQuery(query);
    if (tsq === '') return [];
    const titleFirst =
      order === 'relevance' && query.terms.length
        ? sql`CASE WHEN ${sql.join(query.terms.map((t) => sql`strpos(split_part(d.text, E'\n', 1), ${normaliseText(t)}) > 0`), sql` AND `)} THEN 0 ELSE 1 END, `
        : sql``;
    const r = await sql<MatchRow>`SELECT ${MATCH_COLUMNS}
      FROM search_documents d
      WHERE d.tsv @@ ${tsq}::tsquery AND ${where}
      ORDER BY ${titleFirst}d.published_at DESC, d.publication_id DESC LIMIT ${limit} OFFSET ${offset}`.execute(executor);
    return r.rows;
  },
};
