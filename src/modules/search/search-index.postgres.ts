// PostgreSQL: three tsvector columns on search_documents with GIN indexes — tsv (every bigram and
// prefix token of bigram.ts), gram_tsv (grams.ts: 3-grams, and 2-grams that are not two CJK
// characters) and title_tsv (the title's tokens: small, stored inline, for the title group of
// 'relevance') — and a btree index on rank_key. The vectors are built with array_to_tsvector()
// from our own tokens and the query is a tsquery literal, so PostgreSQL's parser and dictionaries
// never touch the text: the lexemes are exactly our tokens, whatever the database's locale.
//
// The plan is the service's, not the planner's (issue #16 point 1, docs/ARCHITECTURE.md "Search
// index"): the planner's row estimate for an AND of lexemes is often wrong by a factor of 100,
// and it then walks rank_key through 150,000 rows or sorts a bitmap of 100,000. Each GIN index has
// a second column, the row's time bucket (BUCKET_BITS of rank_key's seconds) as a one-lexeme
// vector, so that one index scan yields only the rows of the buckets asked for: ranked() reads the
// newest buckets first, a group at a time, each group sorted by rank_key (`rank_key + 0` keeps the
// planner off the btree walk), and sizes the next group by the hits per bucket seen so far. A
// common term is answered from its hits in the newest buckets; a rare one reads all rows at once.
import { sql, type RawBuilder } from 'kysely';
import { shapedSql } from '../../db/fixed-query.ts';
import { indexTokensOfNormalised, queryTokens, toTsQuery, tokensAreExact, type SearchQuery } from './bigram.ts';
import { gramsOfNormalised } from './chars.ts';
import { GRAM_BYTES, gramBytes, gramLexemesOfNormalised, OVERFLOW, termLookup } from './grams.ts';
import { insertLexemes, sortLexemes } from './lexeme-order.ts';
import type { IndexedText, IndexTokens, MatchRow, SearchIndex } from './search-index.ts';
import { RANK_ID_BITS as RANK_ID_BITS_BIG } from './rank-key.ts';
import { MATCH_COLUMNS, slotWhere, whereSql, type PassWhere } from './search-sql.ts';

const TWO_CJK = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]{2}$/u;

/**
 * A bucket is 2^BUCKET_BITS seconds of rank_key (12.1 days): the GIN indexes have the bucket of
 * each row as a second column, bucketVector() (migration 0039), one lexeme, its number.
 */
export const BUCKET_BITS = 20;

/** Rows whose buckets are read first; the next groups cover the rows the hits seen say are needed. */
const FIRST_ROWS = 2000;

/**
 * A group wider than MAX_BUCKETS reads all the older rows at once, and so does one the hits seen
 * say needs more than RARE_ROWS rows (the term is rare: its candidates are few). Between
 * MAX_GROUP_ROWS and RARE_ROWS a group of MAX_GROUP_ROWS is read and the estimate made again:
 * a title term with 3 % of the rows as hits, under-counted in the newest rows, otherwise read
 * and sorted all its 31,800 candidates at 1,000,000 rows (~250 ms) for the 463 it needed.
 */
const MAX_BUCKETS = 128;
const MAX_GROUP_ROWS = 30_000;
const RARE_ROWS = 4 * MAX_GROUP_ROWS;

const RANK_ID_BITS = Number(RANK_ID_BITS_BIG);

/**
 * A bulk import's GIN pending list (set for its transaction only, beginMany()): above any batch's
 * entries (~30 MB for 1,000 documents of the bench corpus), so that writeMany() moves them all.
 */
const PENDING_LIST_LIMIT = '1GB';

/** The GIN indexes of search_documents, as `c` (pg_class). */
const ginIndexes = sql`pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam
  WHERE i.indrelid = 'search_documents'::regclass AND a.amname = 'gin'`;

/**
 * The bucket of row `d` as a one-lexeme tsvector: with BUCKET_BITS, exactly the expression of the
 * indexes (the planner matches it to them); another width (tests) is evaluated row by row.
 */
const bucketVector = (shift: number) =>
  sql`array_to_tsvector(ARRAY[coalesce(d.rank_key >> ${sql.raw(String(shift))}, -1)::text])`;

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
 * narrows the candidates, they are left out and their terms re-checked, except a word of four or
 * more characters.
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
  // A Latin/digit word of four or more characters (2024; shorter ones have grams) stays: its
  // prefix is specific, and left out it made every candidate of the other terms a substring
  // re-check (灵溪镇 2024 at 20,000 rows: ~600 ms; docs/PERFORMANCE.md).
  const kept = (t: string) => !drop || Array.from(t).length >= 4;
  for (const term of q.terms) if (tokensAreExact(term) && (kept(term) || TWO_CJK.test(term))) exact.add(term);
  return {
    tsq: toTsQuery({ ...q, prefixTokens: q.prefixTokens.filter(kept) }),
    gsq: grams.size ? `(${[...grams].map(quote).join(' & ')}) | ${quote(OVERFLOW)}` : '',
    exact,
    gramExact,
  };
}

/**
 * The lookup of the title pass (title_tsv has bigram and prefix tokens only). Next to bigrams,
 * only one-character prefixes are left out (镇, 1: every title token they start); a prefix of two
 * or more characters stays, so that 资金238 asks for titles with 资金 *and* a token starting
 * 238 — left out, the pass re-checked every title with 资金 by substring: 43,600 titles for no hit,
 * 2.3 s at 1,000,000 rows (docs/PERFORMANCE.md, "PostgreSQL search at 1,000,000"). Titles are
 * short, so even a common prefix's posting bitmap is small.
 */
function titleLookup(query: SearchQuery): { tsq: string; exact: Set<string> } {
  const drop = query.tokens.length > 0;
  const kept = (t: string) => !drop || Array.from(t).length >= 2;
  const exact = query.terms.filter((t) => tokensAreExact(t) && kept(t));
  return { tsq: toTsQuery({ ...query, prefixTokens: query.prefixTokens.filter(kept) }), exact: new Set(exact) };
}

type PostgresTokens = Extract<IndexTokens, { engine: 'postgres' }>;

/**
 * The lexemes of a document's three vectors, each as one space-separated string in the order the
 * server sorts them (lexeme-order.ts: array_to_tsvector() then finds them sorted).
 */
function tokensOf(text: IndexedText): PostgresTokens {
  if (text.tokens?.engine === 'postgres') return text.tokens;
  const title = [...new Set(indexTokensOfNormalised(text.title))];
  const all = new Set(title);
  for (const t of indexTokensOfNormalised(text.body)) all.add(t);
  const grams = gramLexemesOfNormalised([text.title, text.body]);
  return {
    engine: 'postgres',
    tokens: sortLexemes([...all]).join(' '),
    title: sortLexemes(title).join(' '),
    grams: sortLexemes(grams.lexemes).join(' '),
    gramBytes: grams.bytes,
    gramsComplete: grams.complete,
  };
}

/**
 * The vectors of a document. The tokens go as one space-separated string (a token never has a
 * space: bigram.ts, grams.ts) split by string_to_array(): a text[] parameter made the driver
 * quote and escape each of a document's ~1,500 tokens (docs/PERFORMANCE.md, bulk import).
 */
function vectors(text: IndexedText) {
  const t = tokensOf(text);
  const tsvector = (lexemes: string) => sql`array_to_tsvector(string_to_array(${lexemes}::text, ' '))`;
  return {
    tsv: tsvector(t.tokens),
    title_tsv: tsvector(t.title),
    gram_tsv: tsvector(t.grams),
    gram_full: sql`${t.gramsComplete}::boolean`,
  };
}

const and = (parts: RawBuilder<unknown>[]) => (parts.length ? sql.join(parts, sql` AND `) : sql`TRUE`);
const contains = (term: unknown) => sql`strpos(d.text, ${term}) > 0`;
const titleContains = (term: unknown) => sql`strpos(split_part(d.text, E'\n', 1), ${term}) > 0`;

/** The tsquery texts a pass looks up: the title's, or tsv's and gram_tsv's (either or both). */
interface Lookups {
  title?: string;
  tsq?: string;
  gsq?: string;
}

/** Terms a pass re-checks besides `where`: gram terms on documents without complete grams, title terms. */
interface Checks {
  gramExact: readonly string[];
  title: readonly string[];
}

/**
 * The rows a read covers: all (`{}`), those of the buckets below `older` (`shift`: the bucket's
 * bits), or those of the buckets `lexemes` (a tsquery of bucket numbers) through the indexes.
 */
type Bucket = { older?: number; lexemes?: string; shift?: number };

/**
 * One group of a pass (ranked() below). The candidates of the lookups are put in rank order first
 * (their row positions and keys only), and the filters and substring checks run on them in that
 * order until the limit.
 */
const readPass = shapedSql(
  (i: { lookups: Lookups; checks: Checks; where: PassWhere; bucket: Bucket; limit: number }, slot) => ({
    lookups: {
      ...(i.lookups.title === undefined ? {} : { title: slot(i.lookups.title) }),
      ...(i.lookups.tsq === undefined ? {} : { tsq: slot(i.lookups.tsq) }),
      ...(i.lookups.gsq === undefined ? {} : { gsq: slot(i.lookups.gsq) }),
    },
    checks: { gramExact: i.checks.gramExact.map((t) => slot(t)), title: i.checks.title.map((t) => slot(t)) },
    where: slotWhere(i.where, slot),
    // The width of a lexeme bucket is in the index's expression (the text), the others are values.
    bucket:
      i.bucket.lexemes !== undefined
        ? { lexemes: slot(i.bucket.lexemes), shift: i.bucket.shift }
        : i.bucket.older !== undefined
          ? { older: slot(i.bucket.older), shift: slot(i.bucket.shift) }
          : {},
    limit: slot(i.limit),
  }),
  (i) => {
    const l = i.lookups;
    const lookups = [
      ...(l.title !== undefined ? [sql`d.title_tsv @@ ${l.title}::tsquery`] : []),
      ...(l.tsq !== undefined ? [sql`d.tsv @@ ${l.tsq}::tsquery`] : []),
      ...(l.gsq !== undefined ? [sql`d.gram_tsv @@ ${l.gsq}::tsquery`] : []),
    ];
    const checks = [
      ...i.checks.gramExact.map((term) => sql`(d.gram_full OR ${contains(term)})`),
      ...i.checks.title.map(titleContains),
    ];
    const b = i.bucket;
    const bucket =
      b.lexemes !== undefined
        ? sql`${bucketVector(b.shift as number)} @@ ${b.lexemes}::tsquery`
        : b.older !== undefined
          ? sql`d.rank_key + 0 < (${b.older}::bigint << ${b.shift})`
          : sql`TRUE`;
    return sql<MatchRow>`SELECT ${MATCH_COLUMNS} FROM
      (SELECT d.ctid AS t, d.rank_key + 0 AS k FROM search_documents d WHERE ${and(lookups)} AND ${bucket}
        ORDER BY 2 DESC OFFSET 0) c
      CROSS JOIN LATERAL (SELECT * FROM search_documents d WHERE d.ctid = c.t) d
      WHERE ${whereSql(i.where, contains, titleContains)} AND ${and(checks)}
      ORDER BY c.k DESC LIMIT ${i.limit}`;
  },
);

/** The bucket of the row `offset` places below the newest of those below bucket `top` (all rows: null). */
const groupEdge = shapedSql(
  (i: { shift: number; top: number | null; offset: number }, slot) => ({
    shift: slot(i.shift),
    top: i.top === null ? null : slot(i.top + 1),
    offset: slot(i.offset),
  }),
  (i) =>
    sql<{ b: string | null }>`SELECT (rank_key >> ${i.shift})::text AS b FROM search_documents
      ${i.top === null ? sql`` : sql`WHERE rank_key < (${i.top}::bigint << ${i.shift})`}
      ORDER BY rank_key DESC OFFSET ${i.offset} LIMIT 1`,
);

/** The newest row's bucket. */
const newestBucket = shapedSql(
  (shift: number, slot) => slot(shift),
  (shift) => sql<{ top: string | null }>`SELECT (max(rank_key) >> ${shift})::text AS top FROM search_documents`,
);

export const postgresSearchIndex: SearchIndex = {
  engine: 'postgres',
  titleTokens: true,
  exactTerms: (query) => lookup(query).exact,
  tokens: tokensOf,
  // A repeated lexeme is dropped by array_to_tsvector(): the tail's tokens are put in their places
  // in the sorted head (lexeme-order.ts), not merged with it.
  appendTokens(head, tail) {
    if (head.engine !== 'postgres') return null;
    const grams = new Set<string>();
    gramsOfNormalised(tail, grams);
    const tailBytes = gramBytes(grams);
    // Past the limit with the tail, the union may or may not be: the caller computes it whole.
    if (head.gramsComplete && head.gramBytes + tailBytes > GRAM_BYTES) return null;
    return {
      ...head,
      tokens: insertLexemes(head.tokens, indexTokensOfNormalised(tail)),
      ...(head.gramsComplete
        ? { grams: insertLexemes(head.grams, [...grams]), gramBytes: head.gramBytes + tailBytes }
        : {}),
    };
  },
  async write(executor, publicationId, text) {
    const v = vectors(text);
    await sql`UPDATE search_documents SET tsv = ${v.tsv}, title_tsv = ${v.title_tsv}, gram_tsv = ${v.gram_tsv},
      gram_full = ${v.gram_full} WHERE publication_id = ${publicationId}`.execute(executor);
  },
  rowColumns: vectors,
  // A batch's GIN entries go to each index's pending list and are moved into the index at the end
  // of the batch, in one pass per index, instead of every ~150 documents (the default 4 MB list,
  // merged with work_mem's 4 MB): 7–10 % less server CPU for the batch's search rows, and no
  // entries of the batch are left in the pending list after its commit (every search of a GIN
  // index reads the whole list). Only where the importing role owns the indexes, as
  // gin_clean_pending_list() requires; otherwise PostgreSQL's defaults apply.
  async beginMany(executor) {
    await sql`SELECT set_config('gin_pending_list_limit', ${PENDING_LIST_LIMIT}, true)
      WHERE (SELECT bool_and(pg_has_role(c.relowner, 'USAGE')) FROM ${ginIndexes})`.execute(executor);
  },
  async writeMany(executor) {
    // rowColumns() put the vectors into the rows; the batch's pending entries into the indexes.
    await sql`SELECT gin_clean_pending_list(c.oid) FROM ${ginIndexes} AND pg_has_role(c.relowner, 'USAGE')`.execute(
      executor,
    );
  },
  async erase() {
    // The vectors live in the search_documents row, which the caller deletes.
  },
  async bulk() {
    // Per batch (beginMany); nothing for the whole import.
    return async () => undefined;
  },
  async settleInterruptedBulk() {
    return false;
  },
  async optimize() {
    // GIN's pending list is merged by autovacuum; nothing to do here.
  },
  async clear() {
    // As erase(): nothing outside search_documents.
  },
  // PostgreSQL keeps the text as text: TOAST compresses it (lz4 since migration 0036).
  storedText: (normalised) => normalised,
  checkValue: (term) => term,
  contains,
  titleContains,
  async ranked(executor, query, where, titleOnly, limit, _walkRows, bucketBits) {
    const full = lookup(query);
    // `where` re-checks the terms exactTerms() leaves out.
    const unchecked = [...full.exact];
    // The lookups of the pass and the checks it needs besides `where`.
    let lookups: Lookups;
    let checks: Checks;
    if (titleOnly) {
      const t = titleLookup(query);
      if (t.tsq === '') return [];
      lookups = { title: t.tsq };
      checks = { gramExact: [], title: unchecked.filter((term) => !t.exact.has(term)) };
    } else {
      if (full.tsq === '' && full.gsq === '') return [];
      lookups = { ...(full.tsq ? { tsq: full.tsq } : {}), ...(full.gsq ? { gsq: full.gsq } : {}) };
      checks = { gramExact: full.gramExact, title: [] };
    }

    // The newest buckets first, a group at a time, each group read through the GIN index with its
    // bucket lexemes (the index skips the terms' posting lists to the group's rows). The first
    // group is the buckets of the FIRST_ROWS newest rows; the next covers the rows the hits per
    // row seen so far say are needed (× 1.25), at least as many as before, at most MAX_GROUP_ROWS;
    // a group that would be wider than MAX_BUCKETS, or needs more than RARE_ROWS, or reaches the
    // oldest row, reads all the older rows.
    const shift = RANK_ID_BITS + (bucketBits ?? BUCKET_BITS);
    const hits: MatchRow[] = [];
    // The candidates of the lookups are put in rank order first (their row positions and keys
    // only), and the filters and substring checks run on them in that order until the limit: a
    // check detoasts the row's text, so checking every candidate before the sort cost a read of
    // all older rows ~900 ms for 31,800 candidates of which 501 were needed (1,000,000 rows;
    // docs/PERFORMANCE.md, "PostgreSQL search at 1,000,000"). OFFSET 0 keeps the planner from
    // moving the checks below the sort; the lateral lookup by ctid keeps the nested loop's order.
    const read = (bucket: Bucket) => readPass(executor, { lookups, checks, where, bucket, limit: limit - hits.length });
    /** The bucket of the n-th newest row below bucket `top` (null past the oldest row). */
    const group = async (top: number | null, n: number) =>
      (await groupEdge(executor, { shift, top, offset: n - 1 }))[0]?.b ?? null;
    const newest = (await newestBucket(executor, shift))[0]?.top;
    if (newest === null || newest === undefined) return [];
    let top = Number(newest);
    let want = FIRST_ROWS;
    let covered = 0;
    for (;;) {
      const asked = Math.min(want, MAX_GROUP_ROWS);
      const g = want > RARE_ROWS ? null : await group(covered ? top : null, asked);
      const lo = g === null ? null : Number(g);
      if (lo === null || top - lo + 1 > MAX_BUCKETS) {
        hits.push(...(await read(covered ? { older: top + 1, shift } : {})));
        return hits;
      }
      const lexemes = Array.from({ length: top - lo + 1 }, (_, i) => `'${top - i}'`).join(' | ');
      hits.push(...(await read({ lexemes, shift })));
      if (hits.length >= limit) return hits;
      // At least `asked` rows were covered (the group ends at a bucket's start): the rate is an
      // upper bound, so the next group is too narrow rather than too wide.
      covered += asked;
      top = lo - 1;
      const perRow = Math.max(hits.length, 0.5) / Math.max(1, covered);
      want = Math.max(want, Math.ceil((1.25 * (limit - hits.length)) / perRow));
    }
  },
};
