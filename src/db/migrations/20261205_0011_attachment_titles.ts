// 附件名称 (issue #11 point 4e): an attachment has a public title of its own, separate from the
// file's name (which stays the download name). Attachments stored before were shown by their
// file name, so that is their title.
import { sql } from 'kysely';
import type { MigrationDb } from '../migration-kit.ts';

export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .alterTable('attachments')
    .addColumn('title', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await sql`update attachments set title = file_name`.execute(db);
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.alterTable('attachments').dropColumn('title').execute();
}
