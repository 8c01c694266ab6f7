// SQLite: an FTS5 contentless table (search_fts, rowid = publication id) over the bigram token
// stream; `unicode61` splits it on the spaces. Relevance is FTS5's bm25 with the title weighted.
import { sql } from 'kysely';
import type { Executor } from '../../platform/transaction.ts';
import { documentForIndex, toFts5Match } from './bigram.ts';
import type { MatchRow, SearchIndex } from './search-index.ts';
import { MATCH_COLUMNS } from './search-sql.ts';

export const sqliteSearchIndex: SearchIndex = {
  engine: 'embedded',
  async write(executor, id, text) {
    await sql`DELETE FROM search_fts WHERE rowid = ${id}`.execute(executor);
    await sql`INSERT INTO search_fts (rowid, title, body) VALUES (${id}, ${documentForIndex(text.title)}, ${documentForIndex(text.body)})`.execute(executor);
  },
  async erase(executor: Executor, id: number) {
    await sql`DELETE FROM search_fts WHERE rowid = ${id}`.execute(executor);
  },
  async clear(executor) {
    await sql`DELETE FROM search_fts`.execute(executor);
  },
  async match(executor, query, where, order, limit, offset) {
    const expr = toFts5Match(query);
    if (expr === '') return [];
    const orderBy = order === 'relevance' ? sql`bm25(search_fts, 4.0, 1.0), d.published_at DESC, d.publication_id DESC` : sql`d.published_at DESC, d.publication_id DESC`;
    const r = await sql<MatchRow>`SELECT ${MATCH_COLUMNS}
      FROM search_fts JOIN search_documents d ON d.publication_id = search_fts.rowid
      WHERE search_fts MATCH ${expr} AND ${where}
      ORDER BY ${orderBy} LIMIT ${limit} OFFSET ${offset}`.execute(executor);
    return r.rows;
  },
  // instr() compares bytes (the text and the term are both normalised): far faster than LIKE.
  contains: (term) => sql`instr(d.text, ${term}) > 0`,
  async count(executor, query, where) {
    const expr = toFts5Match(query);
    if (expr === '') return 0;
    const r = await sql<{ n: number }>`SELECT count(*) AS n
      FROM search_fts JOIN search_documents d ON d.publication_id = search_fts.rowid
      WHERE search_fts MATCH ${expr} AND ${where}`.execute(executor);
    return Number(r.rows[0]?.n ?? 0);
  },
};
