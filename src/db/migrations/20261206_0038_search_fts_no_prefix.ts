// The embedded engine's search_fts without its one-character prefix index (issue #16 point 3,
// docs/ARCHITECTURE.md "Search index"): the prefix index (migration 20261126_0008, prefix='1')
// repeated every token under its first character with its positions — 3.6 of the ~22 KB an
// imported publication took, and half the CPU of an FTS5 insert. A one-character prefix
// (`"镇"*`, `"第 9"*`) is now answered by FTS5 from the tokens it starts. The table is made
// again (FTS5 has no ALTER) and refilled from search_documents.text, in rowid order with the
// 32 MB hashsize of migration 20261205_0033, then merged; down puts the prefix index back the
// same way. PostgreSQL has no FTS5 tables.
//
// Frozen (issue #13 point 6): the tokenizer below is this migration's own copy of
// search/bigram.ts (documentForIndex and what it uses) as it stood when it was written.
import { sql } from 'kysely';
import type { Engine, MigrationDb } from '../migration-kit.ts';

// --- Frozen copy of search/bigram.ts (documentForIndex and what it uses) ---

const MAX_WORD_LENGTH = 100;
const CJK_CHAR = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;
const FORMAT_CHAR = /\p{Cf}/u;
const COMBINING_MARK = /\p{M}/u;
const SIMPLE_CHAR = /[a-z0-9 \u4e00-\u9fff]/;

type Segment = { kind: 'cjk' | 'word'; text: string };

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
    if (current !== null && (current.kind === kind || COMBINING_MARK.test(ch))) current.text += ch;
    else {
      current = { kind, text: ch };
      out.push(current);
    }
  }
  return out;
}

function documentForIndex(text: string): string {
  const out: string[] = [];
  for (const segment of segments(normaliseText(text))) {
    const cps = Array.from(segment.text);
    if (segment.kind === 'cjk') {
      for (let i = 0; i + 1 < cps.length; i += 1) out.push((cps[i] as string) + (cps[i + 1] as string));
      out.push(cps[cps.length - 1] as string);
    } else {
      const word = cps.slice(0, MAX_WORD_LENGTH);
      for (let i = 0; i < word.length; i += 1) out.push(word.slice(i).join(''));
    }
  }
  return out.join(' ');
}

// --- The migration ---

const FTS_TOKENIZER = `tokenize="unicode61 remove_diacritics 0 categories 'L* N* Co M*'"`;
const BATCH = 500;

async function remake(db: MigrationDb, prefix: boolean): Promise<void> {
  await sql`DROP TABLE search_fts`.execute(db);
  await sql
    .raw(
      `CREATE VIRTUAL TABLE search_fts USING fts5(title, body, content='', contentless_delete=1, ${prefix ? "prefix='1', " : ''}${FTS_TOKENIZER})`,
    )
    .execute(db);
  await sql.raw(`INSERT INTO search_fts (search_fts, rank) VALUES ('hashsize', ${32 * 1024 * 1024})`).execute(db);
  // In rowid order, a batch at a time (rank_key is search_documents' rowid): each batch is one
  // FTS5 segment, merged at the end.
  let after: string | null = null;
  for (;;) {
    const batch: Array<{ key: string; text: string }> = (
      await sql<{ key: string; text: string }>`SELECT CAST(rank_key AS TEXT) AS key, text FROM search_documents
        ${after === null ? sql`` : sql`WHERE rank_key > CAST(${after} AS INTEGER)`} ORDER BY rank_key LIMIT ${BATCH}`.execute(
        db,
      )
    ).rows;
    if (!batch.length) break;
    const rows = batch.map((d) => {
      // The first line is normaliseText(title), the rest normaliseText(body) (search/text.ts);
      // normalising again changes nothing, so the tokens are those the search code wrote.
      const cut = d.text.indexOf('\n');
      return sql`(CAST(${d.key} AS INTEGER), ${documentForIndex(cut < 0 ? d.text : d.text.slice(0, cut))}, ${documentForIndex(cut < 0 ? '' : d.text.slice(cut + 1))})`;
    });
    await sql`INSERT INTO search_fts (rowid, title, body) VALUES ${sql.join(rows)}`.execute(db);
    after = (batch[batch.length - 1] as { key: string }).key;
  }
  await sql`INSERT INTO search_fts (search_fts) VALUES ('optimize')`.execute(db);
}

export async function up(db: MigrationDb, engine: Engine): Promise<void> {
  if (engine === 'embedded') await remake(db, false);
}

export async function down(db: MigrationDb, engine: Engine): Promise<void> {
  if (engine === 'embedded') await remake(db, true);
}
