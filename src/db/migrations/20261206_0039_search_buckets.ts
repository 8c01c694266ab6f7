// PostgreSQL search at province scale (issue #16 point 1, docs/ARCHITECTURE.md "Search index"):
// each GIN index of search_documents gets the row's time bucket as a second column — rank_key's
// seconds divided by 2^20 (12.1 days), as a tsvector of one lexeme, an index expression (no
// column, no table rewrite, nothing for the code that writes rows to fill). A query names the
// buckets it wants beside its terms and one index scan returns only the rows of those buckets:
// the newest hits of a common term without a bitmap of all its hits (search-index.postgres.ts).
// The expression must stay exactly what search-index.postgres.ts bucketVector() writes.
// coalesce: CREATE INDEX also evaluates row versions its own transaction replaced, and a database
// migrated from before 0008 in one go has versions of every row without rank_key (its up fills it).
//
// The three indexes are built again: on a large database this is the migration's cost (at 200,000
// publications the GIN builds took minutes each, docs/PERFORMANCE.md). The embedded engine has no
// such index.
import { sql } from 'kysely';
import type { Engine, MigrationDb } from '../migration-kit.ts';

const INDEXES = [
  ['search_documents_title_tsv', 'title_tsv'],
  ['search_documents_tsv', 'tsv'],
  ['search_documents_grams', 'gram_tsv'],
] as const;

export async function up(db: MigrationDb, engine: Engine): Promise<void> {
  if (engine !== 'postgres') return;
  for (const [name, column] of INDEXES) {
    // IF EXISTS: a bulk load (bench:catalog --distinct) may have dropped the index to build it later.
    await sql`DROP INDEX IF EXISTS ${sql.id(name)}`.execute(db);
    await sql`CREATE INDEX ${sql.id(name)} ON search_documents
      USING gin (${sql.id(column)}, (array_to_tsvector(ARRAY[coalesce(rank_key >> 44, -1)::text])))`.execute(db);
  }
}

export async function down(db: MigrationDb, engine: Engine): Promise<void> {
  if (engine !== 'postgres') return;
  for (const [name, column] of INDEXES) {
    await sql`DROP INDEX ${sql.id(name)}`.execute(db);
    await sql`CREATE INDEX ${sql.id(name)} ON search_documents USING gin (${sql.id(column)})`.execute(db);
  }
}
