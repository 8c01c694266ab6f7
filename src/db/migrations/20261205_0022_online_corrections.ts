// Online 补正 (issue #14 point 6, 条例 第三十条): what an applicant sends from the tracking page in
// answer to a 补正告知书 — the corrected description and its files — kept apart from the
// application until a member of staff accepts it (the clock restarts from that receipt) or asks
// again. Files are named by their SHA-256 in the content-addressed store, like the other uploads.
import { sql } from 'kysely';
import { withId, type MigrationDb } from '../migration-kit.ts';
import type { Engine } from '../migration-kit.ts';

export async function up(db: MigrationDb, engine: Engine): Promise<void> {
  await withId(db.schema.createTable('info_request_corrections'), engine)
    .addColumn('info_request_id', 'integer', (c) => c.notNull().references('info_requests.id').onDelete('cascade'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    .addColumn('submitted_on', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text')
    .addColumn('decided_by', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('decision_note', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema
    .createIndex('info_request_corrections_case')
    .on('info_request_corrections')
    .columns(['info_request_id', 'state'])
    .execute();
  await withId(db.schema.createTable('info_request_correction_files'), engine)
    .addColumn('correction_id', 'integer', (c) =>
      c.notNull().references('info_request_corrections.id').onDelete('cascade'),
    )
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('info_request_correction_files_correction')
    .on('info_request_correction_files')
    .column('correction_id')
    .execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await sql`DROP TABLE info_request_correction_files`.execute(db);
  await sql`DROP TABLE info_request_corrections`.execute(db);
}
