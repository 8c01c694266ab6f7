// The embedded search index's backlog (issue #16 point 3, docs/ARCHITECTURE.md "Bulk import"): a
// large bulk import does not write the search entries of its rows batch by batch — each entry
// took a random leaf of search_documents, search_texts and FTS5's _docsize tables, all keyed by
// rank_key, while the rows come in any date order — but notes each publication here in the
// batch's transaction, and the entries are built after the load in rank_key order
// (search.backlog.ts). So which publications still lack their entry is committed data: an import
// stopped or killed leaves its rows here, and the next process builds them. `publication_id` is
// the key (a batch appends its ids), `rank_key` the order of the build. PostgreSQL writes its
// entries in the batches (nothing here).
import { sql } from 'kysely';
import type { Engine, MigrationDb } from '../migration-kit.ts';

export async function up(db: MigrationDb, engine: Engine): Promise<void> {
  if (engine !== 'embedded') return;
  await sql`CREATE TABLE IF NOT EXISTS search_backlog (publication_id INTEGER PRIMARY KEY, rank_key INTEGER NOT NULL)`.execute(
    db,
  );
}

export async function down(db: MigrationDb, engine: Engine): Promise<void> {
  if (engine !== 'embedded') return;
  await sql`DROP TABLE IF EXISTS search_backlog`.execute(db);
}
