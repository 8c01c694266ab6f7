// PostgreSQL: tsvector columns on search_documents with GIN indexes — tsv (every token) and
// title_tsv (the title's: small, stored inline, for the title group of 'relevance') — and a btree
// index on rank_key. The vector is built with array_to_tsvector() from our own tokens and the query is a
// tsquery literal (toTsQuery), so PostgreSQL's parser and dictionaries never touch the text: the
// lexemes are exactly the bigram tokens, whatever the database's locale. The planner chooses
// between walking rank_key backwards (common words: stops after `limit` hits) and the GIN bitmap
// (rare words: few hits to sort).
import { sql } from 'kysely';
import { indexTokens, toTsQuery, tokensAreExact, type SearchQuery } from './bigram.ts';
import type { MatchRow, SearchIndex } from './search-index.ts';
import { MATCH_COLUMNS } from './search-sql.ts';

const TWO_CJK = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]{2}$/u;

/**
 * The tokens looked up: prefix tokens (a lone CJK character, a Latin/digit word) expand to every
 * token they start — for digits and common characters a large part of the GIN index — so when
 * the query has bigrams to narrow the candidates, they are left out and their terms re-checked.
 */
function lookup(query: SearchQuery): { tsq: string; exact: Set<string> } {
  const drop = query.tokens.length > 0 && query.prefixTokens.length > 0;
  const exact = query.terms.filter((t) => tokensAreExact(t) && (!drop || TWO_CJK.test(t)));
  return { tsq: toTsQuery(drop ? { ...query, prefixTokens: [] } : query), exact: new Set(exact) };
}

/**
 * The vectors of a document. The tokens go as one space-separated string (a token never has a
 * space: bigram.ts) split by string_to_array(): a text[] parameter made the driver quote and
 * escape each of a document's ~1,500 tokens (docs/PERFORMANCE.md, bulk import).
 */
function vectors(text: { title: string; body: string }) {
  const title = [...new Set(indexTokens(text.title))];
  const tokens = [...new Set([...title, ...indexTokens(text.body)])];
  return {
    tsv: sql`array_to_tsvector(string_to_array(${tokens.join(' ')}::text, ' '))`,
    title_tsv: sql`array_to_tsvector(string_to_array(${title.join(' ')}::text, ' '))`,
  };
}

export const postgresSearchIndex: SearchIndex = {
  engine: 'postgres',
  titleTokens: true,
  exactTerms: (query) => lookup(query).exact,
  async write(executor, publicationId, text) {
    const { tsv, title_tsv } = vectors(text);
    await sql`UPDATE search_documents SET tsv = ${tsv}, title_tsv = ${title_tsv}
      WHERE publication_id = ${publicationId}`.execute(executor);
  },
  rowColumns: vectors,
  async writeMany() {
    // rowColumns() put the vectors into the rows.
  },
  async erase() {
    // The vector lives in the search_documents row, which the caller deletes.
  },
  async optimize() {
    // GIN's pending list is merged by autovacuum; nothing to do here.
  },
  async clear() {
    // As erase(): nothing outside search_documents.
  },
  contains: (term) => sql`strpos(d.text, ${term}) > 0`,
  titleContains: (term) => sql`strpos(split_part(d.text, E'\n', 1), ${term}) > 0`,
  async ranked(executor, query, where, titleOnly, limit) {
    const { tsq } = lookup(query);
    if (tsq === '') return [];
    const r = await sql<MatchRow>`SELECT ${MATCH_COLUMNS} FROM search_documents d
      WHERE d.${sql.raw(titleOnly ? 'title_tsv' : 'tsv')} @@ ${tsq}::tsquery AND ${where}
      ORDER BY d.rank_key DESC LIMIT ${limit}`.execute(executor);
    return r.rows;
  },
};
