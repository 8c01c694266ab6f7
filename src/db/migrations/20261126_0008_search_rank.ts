// Search that stops early (issue #3): every search_documents row gets rank_key (rank-key.ts: sorts
// like published_at, then id) and the SQLite FTS5 table is keyed by it, so a query reads the
// index newest first and stops after the hits it needs instead of ranking every hit.
//
// SQLite: search_documents is rebuilt with rank_key as its INTEGER PRIMARY KEY (the rowid: the
// FTS rowid joins it without a second index) and the long text as the last column (reading the
// facet columns never touches its overflow pages); search_fts is recreated, search_title_fts
// (the titles alone, for the title group of 'relevance') created, and both filled
// from search_documents.text, whose first line is the title (search.service: searchableText).
// It keeps positions (detail=full): terms are looked up as phrases (bigram.ts: toFts5Lookup).
// PostgreSQL: a bigint rank_key column with a unique btree index, and title_tsv (the title's
// tokens, GIN-indexed); the tsvector of the whole text stays.
// Both: indexes (agency_id, rank_key) and (year, rank_key) for searches scoped to an agency or a
// year, which walk the scope in rank order.
//
// Frozen (issue #13 point 6): the tokenizer and the rank key below are this migration's own copy
// of search/bigram.ts and search/rank-key.ts as they stood when it was written, so that a later
// change to the live search code never changes what this migration does. Do not "fix" them here.
import { sql } from 'kysely';
import type { Engine } from '../migration-kit.ts';
import type { MigrationDb } from '../migration-kit.ts';

// --- Frozen copy of search/rank-key.ts (rankKeyOf) ---

const RANK_ID_BITS = 24n;

/** floor(epoch seconds of published_at) × 2^24 + (id mod 2^24), as a decimal string. */
function rankKeyOf(publishedAt: string, id: number): string {
  const ms = Date.parse(publishedAt);
  if (!Number.isFinite(ms)) throw new Error(`rankKeyOf: not a timestamp: ${publishedAt}`);
  if (!Number.isSafeInteger(id) || id < 1) throw new Error(`rankKeyOf: not a publication id: ${id}`);
  const seconds = BigInt(Math.floor(ms / 1000));
  return ((seconds << RANK_ID_BITS) + (BigInt(id) % (1n << RANK_ID_BITS))).toString();
}

// --- Frozen copy of search/bigram.ts (indexTokens, documentForIndex and what they use) ---

const MAX_WORD_LENGTH = 100;
const CJK_CHAR = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;
const FORMAT_CHAR = /\p{Cf}/u;
const COMBINING_MARK = /\p{M}/u;
const SIMPLE_CHAR = /[a-z0-9 \u4e00-\u9fff]/;

type Segment = { kind: 'cjk' | 'word'; text: string };

/** NFKC, lowercase, format characters removed; a base character with its combining marks at a time. */
function normaliseText(input: string): string {
  const chars = Array.from(input);
  let text = '';
  let i = 0;
  while (i < chars.length) {
    let j = i + 1;
    while (j < chars.length && COMBINING_MARK.test(chars[j] as string)) j += 1;
    const chunk = chars.slice(i, j).join('');
    if (j === i + 1 && SIMPLE_CHAR.test(chunk)) text += chunk;
    else if (j === i + 1 && FORMAT_CHAR.test(chunk)) text += '';
    else text += chunk.normalize('NFKC').toLowerCase().normalize('NFKC');
    i = j;
  }
  return text;
}

function segments(normalised: string): Segment[] {
  const out: Segment[] = [];
  let current: Segment | null = null;
  for (const ch of normalised) {
    const kind = CJK_CHAR.test(ch) ? 'cjk' : WORD_CHAR.test(ch) ? 'word' : null;
    if (kind === null) {
      current = null;
      continue;
    }
    if (current !== null && (current.kind === kind || COMBINING_MARK.test(ch))) {
      current.text += ch;
    } else {
      current = { kind, text: ch };
      out.push(current);
    }
  }
  return out;
}

function cutWord(word: string): string {
  const cps = Array.from(word);
  return cps.length > MAX_WORD_LENGTH ? cps.slice(0, MAX_WORD_LENGTH).join('') : word;
}

function wordSuffixes(word: string): string[] {
  const cps = Array.from(word);
  return cps.map((_, i) => cps.slice(i).join(''));
}

function cjkIndexTokens(run: string): string[] {
  const cps = Array.from(run);
  const last = cps[cps.length - 1] as string;
  if (cps.length === 1) return [last];
  const out: string[] = [];
  for (let i = 0; i + 1 < cps.length; i += 1) out.push((cps[i] as string) + (cps[i + 1] as string));
  out.push(last);
  return out;
}

/** The tokens stored in the index for a text, in text order, duplicates kept. */
function indexTokens(text: string): string[] {
  const out: string[] = [];
  for (const segment of segments(normaliseText(text))) {
    if (segment.kind === 'cjk') out.push(...cjkIndexTokens(segment.text));
    else out.push(...wordSuffixes(cutWord(segment.text)));
  }
  return out;
}

/** The string stored in FTS5. */
function documentForIndex(text: string): string {
  return indexTokens(text).join(' ');
}

// --- The migration ---

const FTS_TOKENIZER = `tokenize="unicode61 remove_diacritics 0 categories 'L* N* Co M*'"`;
const BATCH = 500;

async function keys(db: MigrationDb): Promise<Array<{ id: number; key: string }>> {
  const rows = await sql<{
    id: number;
    publishedAt: string;
  }>`SELECT publication_id AS id, published_at AS "publishedAt" FROM search_documents ORDER BY publication_id`.execute(
    db,
  );
  return rows.rows.map((r) => ({ id: r.id, key: rankKeyOf(r.publishedAt, r.id) }));
}

/**
 * Refills search_fts from the stored text: its first line is normaliseText(title), the rest
 * normaliseText(body); indexTokens() normalises again, which changes nothing (the normalisation
 * is idempotent), so the tokens are those search.service wrote. `rowid` names the
 * search_documents column that becomes the FTS rowid.
 */
async function refillFts(db: MigrationDb, ids: number[], rowid: 'rank_key' | 'publication_id'): Promise<void> {
  for (let i = 0; i < ids.length; i += BATCH) {
    const docs = await sql<{
      id: number;
      text: string;
    }>`SELECT publication_id AS id, text FROM search_documents WHERE publication_id IN (${sql.join(ids.slice(i, i + BATCH))})`.execute(
      db,
    );
    for (const d of docs.rows) {
      const cut = d.text.indexOf('\n');
      const title = cut < 0 ? d.text : d.text.slice(0, cut);
      const body = cut < 0 ? '' : d.text.slice(cut + 1);
      await sql`INSERT INTO search_fts (rowid, title, body) SELECT ${sql.ref(rowid)}, ${documentForIndex(title)}, ${documentForIndex(body)} FROM search_documents WHERE publication_id = ${d.id}`.execute(
        db,
      );
      if (rowid === 'rank_key')
        await sql`INSERT INTO search_title_fts (rowid, title) SELECT rank_key, ${documentForIndex(title)} FROM search_documents WHERE publication_id = ${d.id}`.execute(
          db,
        );
    }
  }
}

export async function up(db: MigrationDb, engine: Engine): Promise<void> {
  const all = await keys(db);
  if (engine === 'postgres') {
    await sql`ALTER TABLE search_documents ADD COLUMN rank_key bigint`.execute(db);
    for (let i = 0; i < all.length; i += BATCH) {
      const slice = all.slice(i, i + BATCH);
      await sql`UPDATE search_documents AS s SET rank_key = v.k FROM (VALUES ${sql.join(slice.map((r) => sql`(${r.id}::integer, ${r.key}::bigint)`))}) AS v(id, k) WHERE s.publication_id = v.id`.execute(
        db,
      );
    }
    await sql`ALTER TABLE search_documents ALTER COLUMN rank_key SET NOT NULL`.execute(db);
    // The title's tokens apart: the title group of 'relevance' reads a small inline vector
    // instead of the whole text's (TOASTed) one.
    await sql`ALTER TABLE search_documents ADD COLUMN title_tsv tsvector NOT NULL DEFAULT ''::tsvector`.execute(db);
    for (let i = 0; i < all.length; i += BATCH) {
      const ids = all.slice(i, i + BATCH).map((r) => r.id);
      const docs = await sql<{
        id: number;
        text: string;
      }>`SELECT publication_id AS id, text FROM search_documents WHERE publication_id IN (${sql.join(ids)})`.execute(
        db,
      );
      for (const d of docs.rows) {
        const cut = d.text.indexOf('\n');
        const tokens = [...new Set(indexTokens(cut < 0 ? d.text : d.text.slice(0, cut)))];
        await sql`UPDATE search_documents SET title_tsv = array_to_tsvector(${tokens}::text[]) WHERE publication_id = ${d.id}`.execute(
          db,
        );
      }
    }
    await sql`CREATE INDEX search_documents_title_tsv ON search_documents USING gin (title_tsv)`.execute(db);
    await sql`CREATE UNIQUE INDEX search_documents_rank ON search_documents (rank_key)`.execute(db);
    await sql`DROP INDEX search_documents_agency`.execute(db);
    await sql`DROP INDEX search_documents_published`.execute(db);
  } else {
    await sql`CREATE TABLE search_documents_ranked (
      rank_key INTEGER PRIMARY KEY,
      publication_id integer NOT NULL UNIQUE,
      agency_id integer NOT NULL,
      year integer NOT NULL,
      validity text NOT NULL,
      published_at text NOT NULL,
      category_ids text NOT NULL,
      indexed_at text NOT NULL,
      text text NOT NULL)`.execute(db);
    for (let i = 0; i < all.length; i += BATCH) {
      const slice = all.slice(i, i + BATCH);
      await sql`WITH v(id, k) AS (VALUES ${sql.join(slice.map((r) => sql`(${r.id}, CAST(${r.key} AS INTEGER))`))})
        INSERT INTO search_documents_ranked (rank_key, publication_id, agency_id, year, validity, published_at, category_ids, indexed_at, text)
        SELECT v.k, d.publication_id, d.agency_id, d.year, d.validity, d.published_at, d.category_ids, d.indexed_at, d.text
        FROM v JOIN search_documents d ON d.publication_id = v.id`.execute(db);
    }
    await sql`DROP TABLE search_documents`.execute(db);
    await sql`ALTER TABLE search_documents_ranked RENAME TO search_documents`.execute(db);
    await sql`DROP TABLE search_fts`.execute(db);
    // prefix='1': a one-character prefix (a lone CJK character, a digit ending a term such as
    // 第9) reads one doclist instead of merging every token it starts.
    await sql
      .raw(
        `CREATE VIRTUAL TABLE search_fts USING fts5(title, body, content='', contentless_delete=1, prefix='1', ${FTS_TOKENIZER})`,
      )
      .execute(db);
    await sql
      .raw(
        `CREATE VIRTUAL TABLE search_title_fts USING fts5(title, content='', contentless_delete=1, ${FTS_TOKENIZER})`,
      )
      .execute(db);
    await refillFts(
      db,
      all.map((r) => r.id),
      'rank_key',
    );
    await sql`INSERT INTO search_fts (search_fts) VALUES ('optimize')`.execute(db);
    await sql`INSERT INTO search_title_fts (search_title_fts) VALUES ('optimize')`.execute(db);
  }
  await sql`CREATE INDEX search_documents_agency_rank ON search_documents (agency_id, rank_key)`.execute(db);
  await sql`CREATE INDEX search_documents_year_rank ON search_documents (year, rank_key)`.execute(db);
}

export async function down(db: MigrationDb, engine: Engine): Promise<void> {
  await sql`DROP INDEX search_documents_agency_rank`.execute(db);
  await sql`DROP INDEX search_documents_year_rank`.execute(db);
  if (engine === 'postgres') {
    await sql`DROP INDEX search_documents_rank`.execute(db);
    await sql`DROP INDEX search_documents_title_tsv`.execute(db);
    await sql`ALTER TABLE search_documents DROP COLUMN rank_key`.execute(db);
    await sql`ALTER TABLE search_documents DROP COLUMN title_tsv`.execute(db);
    await sql`CREATE INDEX search_documents_agency ON search_documents (agency_id, published_at)`.execute(db);
    await sql`CREATE INDEX search_documents_published ON search_documents (published_at)`.execute(db);
    return;
  }
  // Back to the 0003 shape (publication id as rowid, positions for bm25).
  const ids = (await keys(db)).map((r) => r.id);
  await sql`CREATE TABLE search_documents_by_id (
    publication_id integer PRIMARY KEY, agency_id integer NOT NULL, year integer NOT NULL, validity text NOT NULL,
    published_at text NOT NULL, category_ids text NOT NULL, text text NOT NULL, indexed_at text NOT NULL)`.execute(db);
  await sql`INSERT INTO search_documents_by_id SELECT publication_id, agency_id, year, validity, published_at, category_ids, text, indexed_at FROM search_documents`.execute(
    db,
  );
  await sql`DROP TABLE search_documents`.execute(db);
  await sql`ALTER TABLE search_documents_by_id RENAME TO search_documents`.execute(db);
  await sql`CREATE INDEX search_documents_agency ON search_documents (agency_id, published_at)`.execute(db);
  await sql`CREATE INDEX search_documents_published ON search_documents (published_at)`.execute(db);
  await sql`DROP TABLE search_fts`.execute(db);
  await sql`DROP TABLE search_title_fts`.execute(db);
  await sql
    .raw(`CREATE VIRTUAL TABLE search_fts USING fts5(title, body, content='', contentless_delete=1, ${FTS_TOKENIZER})`)
    .execute(db);
  await refillFts(db, ids, 'publication_id');
}
