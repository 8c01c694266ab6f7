// The 工作台's "规范性文件 still without a 解读" queue (issue #17 point 1, publication.queues.ts):
// released, valid 规范性文件 without a released 解读. Without an index that starts at the document
// kind, the count read every released publication of every agency from the table to test
// `doc_kind` (bench/workbench.ts on a quiet machine: 167 ms of the 工作台's 234 ms of server CPU
// at 100,000 publications); with it, only the 规范性文件 are read, from the index alone.
import type { MigrationDb } from '../migration-kit.ts';

export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .createIndex('publications_normative_queue')
    .on('publications')
    .columns(['doc_kind', 'state', 'validity', 'interpretation_form', 'published_on', 'agency_id'])
    .execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropIndex('publications_normative_queue').execute();
}
