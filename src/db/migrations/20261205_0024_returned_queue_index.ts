// The 工作台's "returned to me" queue (issue #11 point 1): drafts with a reviewer's comment that
// the signed-in user wrote (publication.queues.ts). Without an index on the author, every draft
// of every agency was read from the table to test `created_by` (bench/workbench.ts: 3.9 ms of
// SQLite CPU at 100,000 publications, the same on each 工作台 view); with it, the user's own
// drafts are one seek.
import type { MigrationDb } from '../migration-kit.ts';

export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .createIndex('publications_author_queue')
    .on('publications')
    .columns(['created_by', 'state', 'agency_id'])
    .execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropIndex('publications_author_queue').execute();
}
