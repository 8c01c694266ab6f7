// Public forms accepted once (platform/public-submissions.ts): one row per accepted submission,
// keyed by the form's one-time token, with the client's keyed hash for the per-minute limit and
// where the receipt is.
import type { MigrationDb } from '../migration-kit.ts';

export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .createTable('public_submissions')
    .addColumn('token', 'text', (c) => c.primaryKey())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('client_key', 'text', (c) => c.notNull())
    .addColumn('location', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('public_submissions_client_idx')
    .on('public_submissions')
    .columns(['client_key', 'created_at'])
    .execute();
  await db.schema.createIndex('public_submissions_created_idx').on('public_submissions').column('created_at').execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropTable('public_submissions').execute();
}
