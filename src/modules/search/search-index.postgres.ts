// PostgreSQL: three tsvector columns on search_documents with GIN indexes — tsv (every bigram and
// prefix token of bigram.ts), gram_tsv (grams.ts: 3-grams, and 2-grams that are not two CJK
// characters) and title_tsv (the title's tokens: small, stored inline, for the title group of
// 'relevance') — and a btree index on rank_key. The vectors are built with array_to_tsvector()
// from our own tokens and the query is a tsquery literal, so PostgreSQL's parser and dictionaries
// never touch the text: the lexemes are exactly our tokens, whatever the database's locale.
//
// The plan is the service's, not the planner's (issue #16 point 1, docs/ARCHITECTURE.md "Search
// index"): the planner's row estimate for an AND of lexemes is often wrong by a factor of 100,
// and it then walks rank_key through 150,000 rows or sorts a bitmap of 100,000. ranked() first
// walks the WALK_ROWS newest rows checking each term by substring (no vector read); if that does
// not fill `limit`, the density it saw decides between walking on (common terms) and the GIN
// bitmap of the older rows sorted by rank_key (rare terms; `rank_key + 0` keeps the planner off
// the btree walk).
import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../platform/transaction.ts';
import { indexTokens, queryTokens, toTsQuery, tokensAreExact, type SearchQuery } from './bigram.ts';
import { gramLexemes, OVERFLOW, termLookup } from './grams.ts';
import type { IndexedText, MatchRow, SearchIndex } from './search-index.ts';
import { MATCH_COLUMNS } from './search-sql.ts';

const TWO_CJK = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]{2}$/u;

/** Rows walked newest first before the density seen there chooses the rest of the plan. */
export const WALK_ROWS = 2000;

/**
 * A walked row costs a heap row and the decompressed text; a bitmap row of a lookup that needs no
 * re-check costs the heap row alone. Measured ratio, rounded (docs/PERFORMANCE.md).
 */
const WALK_COST = 4;

interface Lookup {
  /** tsquery on tsv ('' when no term needs it). */
  tsq: string;
  /** tsquery on gram_tsv ('' when no term needs it). */
  gsq: string;
  /** Terms the lookups decide (gram terms only where gram_full). */
  exact: Set<string>;
  /** Of `exact`, the terms decided by gram_tsv: re-checked on documents without complete grams. */
  gramExact: string[];
}

const quote = (lexeme: string): string => `'${lexeme.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;

/**
 * Terms with grams (grams.ts) are looked up in gram_tsv; the others in tsv as before: bigrams,
 * and prefix tokens (a lone CJK character, a Latin/digit word), which expand to every token they
 * start — for digits and common characters a large part of the index — so when another lookup
 * narrows the candidates, they are left out and their terms re-checked.
 */
function lookup(query: SearchQuery): Lookup {
  const grams = new Set<string>();
  const exact = new Set<string>();
  const gramExact: string[] = [];
  const rest: string[] = [];
  for (const term of query.terms) {
    const t = termLookup(term);
    if (!t.grams.length) {
      rest.push(term);
      continue;
    }
    for (const g of t.grams) grams.add(g);
    if (t.exact) {
      exact.add(term);
      gramExact.push(term);
    }
  }
  const q = queryTokens(rest.join(' '));
  const drop = (q.tokens.length > 0 || grams.size > 0) && q.prefixTokens.length > 0;
  for (const term of q.terms) if (tokensAreExact(term) && (!drop || TWO_CJK.test(term))) exact.add(term);
  return {
    tsq: toTsQuery(drop ? { ...q, prefixTokens: [] } : q),
    gsq: grams.size ? `(${[...grams].map(quote).join(' & ')}) | ${quote(OVERFLOW)}` : '',
    exact,
    gramExact,
  };
}

/** The lookup of the title pass (title_tsv has bigram and prefix tokens only). */
function titleLookup(query: SearchQuery): { tsq: string; exact: Set<string> } {
  const drop = query.tokens.length > 0 && query.prefixTokens.length > 0;
  const exact = query.terms.filter((t) => tokensAreExact(t) && (!drop || TWO_CJK.test(t)));
  return { tsq: toTsQuery(drop ? { ...query, prefixTokens: [] } : query), exact: new Set(exact) };
}

/**
 * The vectors of a document. The tokens go as one space-separated string (a token never has a
 * space: bigram.ts, grams.ts) split by string_to_array(): a text[] parameter made the driver
 * quote and escape each of a document's ~1,500 tokens (docs/PERFORMANCE.md, bulk import).
 */
function vectors(text: IndexedText) {
  const title = [...new Set(indexTokens(text.title))];
  const tokens = [...new Set([...title, ...indexTokens(text.body)])];
  const grams = gramLexemes([text.title, text.body]);
  const tsvector = (lexemes: string[]) => sql`array_to_tsvector(string_to_array(${lexemes.join(' ')}::text, ' '))`;
  return {
    tsv: tsvector(tokens),
    title_tsv: tsvector(title),
    gram_tsv: tsvector(grams.lexemes),
    gram_full: sql`${grams.complete}::boolean`,
  };
}

const and = (parts: RawBuilder<unknown>[]) => (parts.length ? sql.join(parts, sql` AND `) : sql`TRUE`);
const contains = (term: string) => sql`strpos(d.text, ${term}) > 0`;
const titleContains = (term: string) => sql`strpos(split_part(d.text, E'\n', 1), ${term}) > 0`;

async function rows(executor: Executor, q: RawBuilder<MatchRow>): Promise<MatchRow[]> {
  return (await q.execute(executor)).rows;
}

export const postgresSearchIndex: SearchIndex = {
  engine: 'postgres',
  titleTokens: true,
  exactTerms: (query) => lookup(query).exact,
  async write(executor, publicationId, text) {
    const v = vectors(text);
    await sql`UPDATE search_documents SET tsv = ${v.tsv}, title_tsv = ${v.title_tsv}, gram_tsv = ${v.gram_tsv},
      gram_full = ${v.gram_full} WHERE publication_id = ${publicationId}`.execute(executor);
  },
  rowColumns: vectors,
  async writeMany() {
    // rowColumns() put the vectors into the rows.
  },
  async erase() {
    // The vectors live in the search_documents row, which the caller deletes.
  },
  async optimize() {
    // GIN's pending list is merged by autovacuum; nothing to do here.
  },
  async clear() {
    // As erase(): nothing outside search_documents.
  },
  contains,
  titleContains,
  async ranked(executor, query, where, titleOnly, limit, walkRows = WALK_ROWS) {
    const full = lookup(query);
    // `where` re-checks the terms exactTerms() leaves out; the walk checks the others too.
    const unchecked = [...full.exact];
    const walkChecks = and(unchecked.map((t) => (titleOnly ? titleContains(t) : contains(t))));
    // The lookups of the pass and the checks they need besides `where`.
    let lookups: RawBuilder<unknown>[];
    let checks: RawBuilder<unknown>[];
    let exactLookup: boolean;
    if (titleOnly) {
      const t = titleLookup(query);
      if (t.tsq === '') return [];
      lookups = [sql`d.title_tsv @@ ${t.tsq}::tsquery`];
      checks = unchecked.filter((term) => !t.exact.has(term)).map(titleContains);
      exactLookup = checks.length === 0;
    } else {
      if (full.tsq === '' && full.gsq === '') return [];
      lookups = [
        ...(full.tsq ? [sql`d.tsv @@ ${full.tsq}::tsquery`] : []),
        ...(full.gsq ? [sql`d.gram_tsv @@ ${full.gsq}::tsquery`] : []),
      ];
      checks = full.gramExact.map((term) => sql`(d.gram_full OR ${contains(term)})`);
      exactLookup = unchecked.length === query.terms.length;
    }

    // 1. The newest rows, every term checked by substring.
    const walk = (below: string | null, budget: number) =>
      rows(
        executor,
        sql<MatchRow>`SELECT ${MATCH_COLUMNS} FROM (SELECT * FROM search_documents
          ${below === null ? sql`` : sql`WHERE rank_key < ${below}::bigint`} ORDER BY rank_key DESC LIMIT ${budget}) d
          WHERE ${where} AND ${walkChecks} ORDER BY d.rank_key DESC LIMIT ${limit}`,
      );
    const bound = async (below: string | null, budget: number) =>
      (
        await sql<{ k: string }>`SELECT rank_key::text AS k FROM search_documents
          ${below === null ? sql`` : sql`WHERE rank_key < ${below}::bigint`}
          ORDER BY rank_key DESC OFFSET ${budget - 1} LIMIT 1`.execute(executor)
      ).rows[0]?.k ?? null;
    const hits = await walk(null, walkRows);
    if (hits.length >= limit) return hits;
    let below = await bound(null, walkRows);
    if (below === null) return hits;

    // 2. Walk on while that is cheaper than the bitmap of the remaining hits.
    const total = Number(
      (
        await sql<{
          n: number;
        }>`SELECT greatest(reltuples, 0)::float8 AS n FROM pg_class WHERE oid = 'search_documents'::regclass`.execute(
          executor,
        )
      ).rows[0]?.n ?? 0,
    );
    const density = Math.max(hits.length, 0.5) / walkRows;
    const need = limit - hits.length;
    const rowsToWalk = need / density;
    const bitmapRows = density * Math.max(0, total - walkRows);
    if (rowsToWalk * (exactLookup ? WALK_COST : 1) < bitmapRows) {
      const budget = Math.ceil(1.5 * rowsToWalk);
      hits.push(...(await walk(below, budget)).slice(0, need));
      if (hits.length >= limit) return hits;
      below = await bound(below, budget);
      if (below === null) return hits;
    }

    // 3. The GIN bitmap of the older rows, sorted by rank_key.
    const older = await rows(
      executor,
      sql<MatchRow>`SELECT ${MATCH_COLUMNS} FROM search_documents d
        WHERE ${and(lookups)} AND d.rank_key + 0 < ${below}::bigint AND ${where} AND ${and(checks)}
        ORDER BY d.rank_key + 0 DESC LIMIT ${limit - hits.length}`,
    );
    return [...hits, ...older];
  },
};
