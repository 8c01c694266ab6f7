// What was submitted for 保密审查, each time (issue #11): a publication returned and submitted
// again is shown to its reviewer and signer with what changed since the previous submission, so
// the text of every submission is kept (title, summary, body as they were when submitted).
import type { Engine } from '../migration-kit.ts';
import { withId, type MigrationDb } from '../migration-kit.ts';

export async function up(db: MigrationDb, engine: Engine): Promise<void> {
  await withId(db.schema.createTable('publication_submissions'), engine)
    .addColumn('publication_id', 'integer', (c) => c.notNull().references('publications.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    .addColumn('submitted_by', 'integer', (c) => c.references('users.id'))
    .addUniqueConstraint('publication_submissions_seq', ['publication_id', 'seq'])
    .execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropTable('publication_submissions').execute();
}
