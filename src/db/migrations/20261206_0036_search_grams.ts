// PostgreSQL search at province scale (issue #16 point 1, docs/ARCHITECTURE.md "Search index"):
// search_documents gets gram_tsv — every 3-gram of a run of letters/digits/CJK, and every 2-gram
// that is not two CJK characters (search/grams.ts) — with its GIN index, and gram_full (false when
// a document's grams would pass a tsvector's size and it holds the lexeme '~' instead). The
// normalised text is compressed with lz4 where the server has it (a substring re-check
// decompresses it; lz4 is several times faster to decompress than pglz); rows written before keep
// their pglz text until they are written again. The embedded engine has no such column.
//
// Frozen (issue #13 point 6): the normalisation and the grams below are this migration's own copy
// of search/bigram.ts and search/grams.ts as they stood when it was written. Do not "fix" them here.
import { sql } from 'kysely';
import type { Engine, MigrationDb } from '../migration-kit.ts';

// --- Frozen copy of search/bigram.ts normaliseText and search/grams.ts ---

const COMBINING_MARK = /\p{M}/u;
const FORMAT_CHAR = /\p{Cf}/u;
const SIMPLE_CHAR = /[a-z0-9 \u4e00-\u9fff]/;
const CJK_CHAR = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const RUN_CHAR = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{L}\p{N}\p{M}]/u;
const OVERFLOW = '~';
const GRAM_BYTES = 600_000;

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

function gramLexemes(text: string): { lexemes: string[]; complete: boolean } {
  const grams = new Set<string>();
  const add = (run: string[]) => {
    for (let i = 0; i + 1 < run.length; i += 1) {
      const a = run[i] as string;
      const b = run[i + 1] as string;
      if (!(CJK_CHAR.test(a) && CJK_CHAR.test(b))) grams.add(a + b);
      if (i + 2 < run.length) grams.add(a + b + (run[i + 2] as string));
    }
  };
  let run: string[] = [];
  for (const ch of normaliseText(text)) {
    if (RUN_CHAR.test(ch)) run.push(ch);
    else {
      add(run);
      run = [];
    }
  }
  add(run);
  let bytes = 0;
  for (const g of grams) bytes += Buffer.byteLength(g) + 1;
  return bytes > GRAM_BYTES ? { lexemes: [OVERFLOW], complete: false } : { lexemes: [...grams], complete: true };
}

// --- The migration ---

const BATCH = 500;

export async function up(db: MigrationDb, engine: Engine): Promise<void> {
  if (engine !== 'postgres') return;
  // Until a row is filled it is a candidate of every gram query, decided by the re-check.
  await sql`ALTER TABLE search_documents ADD COLUMN gram_tsv tsvector NOT NULL DEFAULT '~'::tsvector,
    ADD COLUMN gram_full boolean NOT NULL DEFAULT false`.execute(db);
  let after = 0;
  for (;;) {
    const docs = (
      await sql<{
        id: number;
        text: string;
      }>`SELECT publication_id AS id, text FROM search_documents WHERE publication_id > ${after}
        ORDER BY publication_id LIMIT ${BATCH}`.execute(db)
    ).rows;
    if (!docs.length) break;
    const values = docs.map((d) => {
      const g = gramLexemes(d.text);
      return sql`(${d.id}::integer, ${g.lexemes.join(' ')}::text, ${g.complete}::boolean)`;
    });
    await sql`UPDATE search_documents AS s SET gram_tsv = array_to_tsvector(string_to_array(v.g, ' ')), gram_full = v.f
      FROM (VALUES ${sql.join(values)}) AS v(id, g, f) WHERE s.publication_id = v.id`.execute(db);
    after = (docs[docs.length - 1] as { id: number }).id;
  }
  await sql`CREATE INDEX search_documents_grams ON search_documents USING gin (gram_tsv)`.execute(db);
  // lz4 exists from PostgreSQL 14 when the server was built with it; else the text stays pglz.
  await sql`DO $$ BEGIN
      ALTER TABLE search_documents ALTER COLUMN text SET COMPRESSION lz4;
    EXCEPTION WHEN OTHERS THEN
      RAISE WARNING 'search_documents.text: lz4 compression unavailable (%), pglz kept', SQLERRM;
    END $$`.execute(db);
}

export async function down(db: MigrationDb, engine: Engine): Promise<void> {
  if (engine !== 'postgres') return;
  await sql`DROP INDEX search_documents_grams`.execute(db);
  await sql`ALTER TABLE search_documents DROP COLUMN gram_tsv, DROP COLUMN gram_full`.execute(db);
  await sql`DO $$ BEGIN
      ALTER TABLE search_documents ALTER COLUMN text SET COMPRESSION pglz;
    EXCEPTION WHEN OTHERS THEN
      NULL;
    END $$`.execute(db);
}
