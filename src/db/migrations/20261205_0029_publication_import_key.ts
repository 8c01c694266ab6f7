// The import key of a publication loaded by `gongkai import publications` (issue #16 point 3): the
// identity of its row in the source file (publication.import-key.ts), unique per agency, so that
// a second run of an interrupted import skips what is already in (INSERT … ON CONFLICT DO
// NOTHING). NULL for every publication made any other way (NULLs never collide).
import type { MigrationDb } from '../migration-kit.ts';

export async function up(db: MigrationDb): Promise<void> {
  await db.schema.alterTable('publications').addColumn('import_key', 'text').execute();
  await db.schema
    .createIndex('publications_import_key')
    .unique()
    .on('publications')
    .columns(['agency_id', 'import_key'])
    .execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropIndex('publications_import_key').execute();
  await db.schema.alterTable('publications').dropColumn('import_key').execute();
}
