// SQLite: FTS5 contentless tables (rowid = search_documents.rank_key) over the bigram token
// stream; `unicode61` splits it on the spaces. search_fts holds the title and the body,
// search_title_fts the title again: the title group of 'relevance' reads only title doclists, so
// a word common in bodies but rare in titles costs nothing there (a column filter on search_fts
// would walk the word's whole doclist). Positions (detail=full), so that a term is looked up as a
// phrase (bigram.ts: toFts5Lookup) and most terms need no substring re-check. Migration
// 20261126_0008.
//
// A pass walks the FTS doclists from the highest rowid down (ORDER BY rowid DESC, the join forced
// with CROSS JOIN so that search_fts drives) and stops after `limit` rows that pass the filters
// and the re-check.
import { sql } from 'kysely';
import { databaseFile } from '../../db/database-file.ts';
import { literalLimit, shapedSql } from '../../db/fixed-query.ts';
import { ARRAY_ROWS } from '../../db/statement-cache.ts';
import { documentForNormalised, toFts5Lookup, type Fts5Lookup, type SearchQuery } from './bigram.ts';
import { encodeCompact } from './compact-text.ts';
import { mergeLevelZero } from './fts-structure.ts';
import type { Executor } from '../../platform/transaction.ts';
import type { IndexedText, IndexTokens, MatchRow, SearchIndex } from './search-index.ts';
import { MATCH_COLUMNS, slotWhere, whereSql, type PassWhere } from './search-sql.ts';

/** FTS5 'automerge' and 'crisismerge' of search_fts during a bulk import (bulk() below; 64 is automerge's largest). */
export const BULK_AUTOMERGE = 64;

/**
 * One FTS5 'merge' step of search_fts (up to 2,000 pages written, its own transaction), on levels
 * holding at least 'usermerge' (4) segments; whether it did any work (FTS5 documents that a step
 * doing work changes sqlite3_total_changes() by 2 or more).
 */
export async function mergeStep(executor: Executor): Promise<boolean> {
  const changes = async () =>
    Number((await sql<{ n: number }>`SELECT total_changes() AS n`.execute(executor)).rows[0]?.n ?? 0);
  const before = await changes();
  await sql`INSERT INTO search_fts (search_fts, rank) VALUES ('merge', 2000)`.execute(executor);
  return (await changes()) - before >= 2;
}

/** FTS5's stored 'automerge' and 'crisismerge' of search_fts (read by every connection). */
async function setMerges(executor: Executor, automerge: number, crisismerge: number): Promise<void> {
  await sql`INSERT INTO search_fts (search_fts, rank) VALUES ('automerge', ${sql.lit(automerge)})`.execute(executor);
  await sql`INSERT INTO search_fts (search_fts, rank) VALUES ('crisismerge', ${sql.lit(crisismerge)})`.execute(
    executor,
  );
}

/**
 * The lock of a running import (better-sqlite3 itself), loaded when used: this module is loaded by
 * a bulk import's worker threads too (search.prepare.ts), which never open a database.
 */
const importLock = () => import('../../db/import-lock.ts');

/** Documents a statement of writeMany (3 variables each, under SQLite's 32,766). */
const FTS_ROWS = 10_000;

/** The newest documents a search of one-character terms checks by substring before the index. */
export const WALK_ROWS = 5000;

type SqliteTokens = Extract<IndexTokens, { engine: 'embedded' }>;

const tokensOf = (text: IndexedText): SqliteTokens =>
  text.tokens?.engine === 'embedded'
    ? text.tokens
    : {
        engine: 'embedded',
        title: documentForNormalised(text.title),
        body: documentForNormalised(text.body),
        code: encodeCompact(`${text.title}\n${text.body}`),
      };

const contains = (code: unknown) =>
  sql`instr((SELECT t.text FROM search_texts t WHERE t.rank_key = d.rank_key), ${code}) > 0`;
// The title is the first line; a newline is the byte 0x0A in the code as in UTF-8.
const titleContains = (code: unknown) =>
  sql`instr((SELECT substr(t.text, 1, instr(t.text, X'0A')) FROM search_texts t WHERE t.rank_key = d.rank_key), ${code}) > 0`;

/**
 * The FTS5 lookup of a query, made once per query (exactTerms() and each pass ask for it; a
 * query is one request's).
 */
const lookups = new WeakMap<SearchQuery, Fts5Lookup>();
function lookupOf(query: SearchQuery): Fts5Lookup {
  let l = lookups.get(query);
  if (!l) {
    l = toFts5Lookup(query);
    lookups.set(query, l);
  }
  return l;
}

/**
 * A pass's rows as arrays of MATCH_COLUMNS (ARRAY_ROWS: better-sqlite3 makes no object per row; a
 * pass reads up to 501), made MatchRows here.
 */
type MatchArray = [id: number, agencyId: number, year: number, validity: string, categoryIds: string];
const ARRAYS = sql.raw(ARRAY_ROWS);

function matchRows(rows: MatchArray[]): MatchRow[] {
  const out: MatchRow[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i += 1) {
    const r = rows[i] as MatchArray;
    out[i] = { id: r[0], agencyId: r[1], year: r[2], validity: r[3], categoryIds: r[4] };
  }
  return out;
}

/** A pass over an FTS table: its hits, newest first (below the rank key `below`, if set). */
const ftsPassArrays = shapedSql(
  (
    i: { fts: 'search_fts' | 'search_title_fts'; expr: string; where: PassWhere; below: string | null; limit: number },
    slot,
  ) => ({ ...i, expr: slot(i.expr), where: slotWhere(i.where, slot), below: i.below === null ? null : slot(i.below) }),
  (i) =>
    sql<MatchArray>`SELECT ${MATCH_COLUMNS} FROM ${sql.table(i.fts)} AS f CROSS JOIN search_documents d ON d.rank_key = f.rowid
      WHERE f.${sql.raw(i.fts)} MATCH ${i.expr} AND ${whereSql(i.where, contains, titleContains)}${
        i.below === null ? sql`` : sql` AND f.rowid < CAST(${i.below} AS INTEGER)`
      }
      ORDER BY f.rowid DESC LIMIT ${literalLimit(i.limit)}${ARRAYS}`,
);

const ftsPass = async (executor: Executor, input: Parameters<typeof ftsPassArrays>[1]) =>
  matchRows(await ftsPassArrays(executor, input));

/** The newest `walkRows` documents that satisfy `where`, newest first. */
const walkPassArrays = shapedSql(
  (i: { where: PassWhere; walkRows: number; limit: number }, slot) => ({ ...i, where: slotWhere(i.where, slot) }),
  (i) =>
    sql<MatchArray>`SELECT ${MATCH_COLUMNS} FROM (SELECT * FROM search_documents ORDER BY rank_key DESC LIMIT ${literalLimit(i.walkRows)}) AS d
      WHERE ${whereSql(i.where, contains, titleContains)} ORDER BY d.rank_key DESC LIMIT ${literalLimit(i.limit)}${ARRAYS}`,
);

const walkPass = async (executor: Executor, input: Parameters<typeof walkPassArrays>[1]) =>
  matchRows(await walkPassArrays(executor, input));

/** The rank key of the document `offset` places below the newest. */
const walkEdge = shapedSql(
  (offset: number, slot) => slot(offset),
  (offset) =>
    sql<{
      key: string;
    }>`SELECT CAST(rank_key AS TEXT) AS key FROM search_documents ORDER BY rank_key DESC LIMIT 1 OFFSET ${offset}`,
);

export const sqliteSearchIndex: SearchIndex = {
  engine: 'embedded',
  titleTokens: true,
  exactTerms: (query) => lookupOf(query).exact,
  tokens: tokensOf,
  appendTokens(head, tail) {
    if (head.engine !== 'embedded') return null;
    const more = documentForNormalised(tail);
    // The code of the text and of its tail add up: a surrogate pair never straddles the newline.
    return {
      ...head,
      body: head.body && more ? `${head.body} ${more}` : head.body + more,
      code: tail ? Buffer.concat([head.code, encodeCompact(tail)]) : head.code,
    };
  },
  // The caller has erased the old entry (upsertIndexEntry) before the row's rank_key could change.
  async write(executor, publicationId, text) {
    const { title, body, code } = tokensOf(text);
    await sql`INSERT INTO search_fts (rowid, title, body)
      SELECT rank_key, ${title}, ${body} FROM search_documents WHERE publication_id = ${publicationId}`.execute(
      executor,
    );
    await sql`INSERT INTO search_title_fts (rowid, title) SELECT rank_key, ${title} FROM search_documents WHERE publication_id = ${publicationId}`.execute(
      executor,
    );
    await sql`INSERT INTO search_texts (rank_key, text) SELECT rank_key, ${code} FROM search_documents WHERE publication_id = ${publicationId}`.execute(
      executor,
    );
  },
  rowColumns: () => ({}),
  async beginMany() {
    // FTS5 keeps a batch's entries in memory until the commit already (hashsize, migration 0033).
  },
  async writeMany(executor, docs) {
    // In rowid order: FTS5 writes its pending entries out as a new segment whenever a rowid is
    // not above the previous one, so a batch in file order (rank keys up and down) made a tiny
    // segment every row or two, and FTS5 spent its time merging them; ascending, a batch is one
    // segment (with the 32 MB 'hashsize' of migration 20261205_0033).
    const sorted = [...docs].sort((a, b) => {
      const d = BigInt(a.rankKey) - BigInt(b.rankKey);
      return d < 0n ? -1 : d > 0n ? 1 : 0;
    });
    // One statement a table for the batch (up to FTS_ROWS documents): every statement that opens
    // a statement journal — a multi-row INSERT does — makes FTS5 write its pending entries out as
    // a segment (its xSavepoint), so statements of 300 documents, alternating between the two
    // FTS5 tables, wrote a batch of 1,000 as four segments of each table, and FTS5 merged four
    // times as many segments (docs/PERFORMANCE.md "Embedded bulk import: one segment a batch").
    // search_fts last: its entries are then written out at the commit, where no statement
    // journal is open — inside a later statement's savepoint every page the segment (and a merge
    // it sets off) takes from the free list was copied to the statement journal first.
    const rows = sorted.map((d) => ({ key: d.rankKey, ...tokensOf(d) }));
    for (let i = 0; i < rows.length; i += FTS_ROWS)
      await sql`INSERT INTO search_texts (rank_key, text) VALUES ${sql.join(
        rows.slice(i, i + FTS_ROWS).map((d) => sql`(CAST(${d.key} AS INTEGER), ${d.code})`),
      )}`.execute(executor);
    for (let i = 0; i < rows.length; i += FTS_ROWS)
      await sql`INSERT INTO search_title_fts (rowid, title) VALUES ${sql.join(
        rows.slice(i, i + FTS_ROWS).map((d) => sql`(CAST(${d.key} AS INTEGER), ${d.title})`),
      )}`.execute(executor);
    for (let i = 0; i < rows.length; i += FTS_ROWS)
      await sql`INSERT INTO search_fts (rowid, title, body) VALUES ${sql.join(
        rows.slice(i, i + FTS_ROWS).map((d) => sql`(CAST(${d.key} AS INTEGER), ${d.title}, ${d.body})`),
      )}`.execute(executor);
  },
  async erase(executor, publicationId) {
    await sql`DELETE FROM search_fts WHERE rowid = (SELECT rank_key FROM search_documents WHERE publication_id = ${publicationId})`.execute(
      executor,
    );
    await sql`DELETE FROM search_title_fts WHERE rowid = (SELECT rank_key FROM search_documents WHERE publication_id = ${publicationId})`.execute(
      executor,
    );
    await sql`DELETE FROM search_texts WHERE rank_key = (SELECT rank_key FROM search_documents WHERE publication_id = ${publicationId})`.execute(
      executor,
    );
  },
  // FTS5 writes a batch as a new segment and merges segments of one level into the next once
  // there are 'automerge' of them (4, FTS5's default, which no migration changes), doing merge
  // work in every write in proportion to the number of levels: at 64,000 documents FTS5's pages
  // were more than half of the pages a batch wrote, most of them merges. During a bulk import 64
  // segments of a level are merged at once ('automerge' and 'crisismerge' 64; FTS5's defaults are
  // 4 and 16), so a document is rewritten log64 instead of log4 times: with a segment a batch of
  // 1,000, once into level 1 up to 4,096,000 rows (docs/PERFORMANCE.md "Embedded bulk import: the
  // main thread's SQLite work" and "… one segment a batch"; 16 until 2026-12-06). The settings are
  // stored in search_fts_config and read by every connection. A level then holds up to 63
  // segments: a query reads them all (more search CPU while the import runs), with the same
  // results (the segments' layout never changes what matches). When the import stops, and while
  // its settings still hold (so that no other connection's write meets a merge meanwhile): one
  // that ran to its end merges every level of four or more segments (mergeStep: 25 s of a
  // 7.5-minute import of 304,000 rows); one stopped early or failed merges level 0 only (up to 63
  // segments, fts-structure.ts: with 4 and 16 back the next write of the site would merge it
  // inside its transaction); then 4 and 16 are set back. An import killed with -9 leaves its
  // settings and level 0: the next process to start finds them (settleInterruptedBulk) — the
  // import holds a lock while it runs (db/import-lock.ts), so a running one is left alone.
  async bulk(executor) {
    const file = await databaseFile(executor);
    const release = file ? (await importLock()).holdImportLock(file) : () => {};
    try {
      await setMerges(executor, BULK_AUTOMERGE, BULK_AUTOMERGE);
    } catch (err) {
      release();
      throw err;
    }
    return async (completed) => {
      try {
        if (completed) while (await mergeStep(executor));
        else await mergeLevelZero(executor);
        await setMerges(executor, 4, 16);
      } finally {
        release();
      }
    };
  },
  async settleInterruptedBulk(executor) {
    const { rows } = await sql<{ v: number }>`SELECT v FROM search_fts_config WHERE k = 'automerge'`.execute(executor);
    if (Number(rows[0]?.v) !== BULK_AUTOMERGE) return false;
    const file = await databaseFile(executor);
    if (file && (await importLock()).importRunning(file)) return false;
    await mergeLevelZero(executor);
    await setMerges(executor, 4, 16);
    return true;
  },
  async optimize(executor) {
    await sql`INSERT INTO search_fts (search_fts) VALUES ('optimize')`.execute(executor);
    await sql`INSERT INTO search_title_fts (search_title_fts) VALUES ('optimize')`.execute(executor);
  },
  async clear(executor) {
    await sql`DELETE FROM search_fts`.execute(executor);
    await sql`DELETE FROM search_title_fts`.execute(executor);
    await sql`DELETE FROM search_texts`.execute(executor);
    // A reindex writes every entry: none is left for the backlog's build (search.backlog.ts).
    await sql`DELETE FROM search_backlog`.execute(executor);
  },
  async ranked(executor, query, where, titleOnly, limit, walkRows = WALK_ROWS) {
    const lookup = lookupOf(query);
    if (lookup.expr === '') return [];
    // Titles are short: a one-character prefix over search_title_fts costs little.
    if (titleOnly || !lookup.oneCharacter)
      return ftsPass(executor, {
        fts: titleOnly ? 'search_title_fts' : 'search_fts',
        expr: lookup.expr,
        where,
        below: null,
        limit,
      });
    // Only one-character terms (镇, 1): search_fts has no prefix index, so the newest WALK_ROWS
    // documents are checked by substring first — a common character fills the page there — and
    // only the older ones are looked up (a character rare enough to leave the page short has
    // small doclists to merge).
    const walked = await walkPass(executor, {
      where: { ...where, contains: [...where.contains, ...query.terms.map(encodeCompact)] },
      walkRows,
      limit,
    });
    if (walked.length >= limit) return walked;
    const below = (await walkEdge(executor, walkRows - 1))[0]?.key;
    if (below === undefined) return walked;
    return [
      ...walked,
      ...(await ftsPass(executor, {
        fts: 'search_fts',
        expr: lookup.expr,
        where,
        below,
        limit: limit - walked.length,
      })),
    ];
  },
  // The re-check text lives in search_texts (migration 0041), keyed by rank_key, not in
  // search_documents (whose text column is '' here): a row of 2–4 KB fills a 4 KB page, so with
  // the text in it every metadata row that a lookup joins (up to 501 a pass) was a page to read;
  // apart, the metadata rows are small and dense and the text is read only by a re-check or a walk.
  // It is in a compact byte code (compact-text.ts, migration 0040: 3.05 against 4.39 KB a
  // document of the bench corpus), self-synchronising like UTF-8: instr() of two BLOBs compares
  // bytes (no decoding), and the code of the text contains the code of the term exactly when the
  // text contains the term.
  storedText: () => '',
  checkValue: encodeCompact,
  contains,
  titleContains,
};
