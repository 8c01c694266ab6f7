// The personal-data guard (issue #18): what the scan found in a publication's title, summary,
// body and attachments (stored masked, never as written), how each finding was resolved, the scan
// state of each attachment (OCR runs in the background), and the runs of the retroactive scan of
// what is already published (resumable: the run keeps the last publication id it finished).
import { sql } from 'kysely';
import { withId, type MigrationDb } from '../migration-kit.ts';
import type { Engine } from '../migration-kit.ts';

export async function up(db: MigrationDb, engine: Engine): Promise<void> {
  await withId(db.schema.createTable('privacy_findings'), engine)
    .addColumn('publication_id', 'integer', (c) => c.notNull().references('publications.id').onDelete('cascade'))
    .addColumn('agency_id', 'integer', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('attachment_id', 'integer')
    .addColumn('attachment_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('page', 'integer')
    .addColumn('cell', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('masked', 'text', (c) => c.notNull())
    .addColumn('context', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('confidence', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('resolution_note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('resolved_by', 'integer')
    .addColumn('resolved_at', 'text')
    .addColumn('found_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('privacy_findings_publication')
    .on('privacy_findings')
    .columns(['publication_id', 'state'])
    .execute();
  await db.schema
    .createIndex('privacy_findings_agency')
    .on('privacy_findings')
    .columns(['agency_id', 'state'])
    .execute();
  await db.schema
    .createTable('privacy_file_scans')
    .addColumn('attachment_id', 'integer', (c) => c.primaryKey().references('attachments.id').onDelete('cascade'))
    .addColumn('publication_id', 'integer', (c) => c.notNull().references('publications.id').onDelete('cascade'))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('pages_total', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('pages_done', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('privacy_file_scans_state').on('privacy_file_scans').columns(['state']).execute();
  await withId(db.schema.createTable('privacy_scan_runs'), engine)
    .addColumn('agency_id', 'integer')
    .addColumn('since', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('last_publication_id', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('total', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('done', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('findings', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('started_by', 'integer')
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await sql`DROP TABLE privacy_scan_runs`.execute(db);
  await sql`DROP TABLE privacy_file_scans`.execute(db);
  await sql`DROP TABLE privacy_findings`.execute(db);
}
