// The embedded engine's re-check text moved out of search_documents into search_texts (rank_key
// INTEGER PRIMARY KEY, text BLOB in the compact code of migration 0040), issue #16 point 3,
// docs/ARCHITECTURE.md "Search index". With the text in the compact code a row of
// search_documents was 2–4 KB, under the 4,061 bytes a 4 KB page keeps in the row itself, so each
// row took a page of its own and every metadata row a lookup joins (up to 501 a pass) cost a page
// (migration 0008 had put the text last so that those reads stopped before its overflow pages).
// Apart, the metadata rows are dense again and the text is read only by a re-check or a walk.
// search_documents.text stays (the portable table; PostgreSQL's re-check reads it) and is '' on
// SQLite. Down puts the code back into search_documents.text. PostgreSQL: nothing.
import { sql } from 'kysely';
import type { Engine, MigrationDb } from '../migration-kit.ts';

const COLUMNS = sql.raw('rank_key, publication_id, agency_id, year, validity, published_at, category_ids, indexed_at');

export async function up(db: MigrationDb, engine: Engine): Promise<void> {
  if (engine !== 'embedded') return;
  // One transaction (a migration on SQLite has none of its own): the rows wait in temp tables.
  // Emptied and filled again rather than updated to '': an UPDATE leaves every small row alone on
  // its page (SQLite does not merge the pages), and the file would hold both copies of the text.
  // Emptying frees search_documents' pages first; its rows and search_texts reuse them.
  await sql`BEGIN IMMEDIATE`.execute(db);
  try {
    await sql`CREATE TEMP TABLE gk_0041_rows AS SELECT ${COLUMNS} FROM search_documents`.execute(db);
    await sql`CREATE TEMP TABLE gk_0041_texts AS SELECT rank_key, text FROM search_documents`.execute(db);
    await sql`DELETE FROM search_documents`.execute(db);
    await sql`INSERT INTO search_documents (${COLUMNS}, text) SELECT ${COLUMNS}, '' FROM temp.gk_0041_rows ORDER BY rank_key`.execute(
      db,
    );
    await sql`CREATE TABLE search_texts (rank_key INTEGER PRIMARY KEY, text BLOB NOT NULL)`.execute(db);
    await sql`INSERT INTO search_texts (rank_key, text) SELECT rank_key, text FROM temp.gk_0041_texts ORDER BY rank_key`.execute(
      db,
    );
    await sql`DROP TABLE temp.gk_0041_rows`.execute(db);
    await sql`DROP TABLE temp.gk_0041_texts`.execute(db);
    await sql`COMMIT`.execute(db);
  } catch (e) {
    await sql`ROLLBACK`.execute(db);
    throw e;
  }
}

export async function down(db: MigrationDb, engine: Engine): Promise<void> {
  if (engine !== 'embedded') return;
  await sql`UPDATE search_documents SET text = coalesce((SELECT t.text FROM search_texts t WHERE t.rank_key = search_documents.rank_key), '')`.execute(
    db,
  );
  await sql`DROP TABLE search_texts`.execute(db);
}
