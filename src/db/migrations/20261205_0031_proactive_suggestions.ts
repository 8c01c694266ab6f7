// 依申请公开转主动公开 (issue #17 point 6, 条例 第四十四条): suggestions to publish proactively what
// several applicants asked for and received, with the applications each rests on.
import { withId, type Engine, type MigrationDb } from '../migration-kit.ts';

export async function up(db: MigrationDb, engine: Engine): Promise<void> {
  await withId(db.schema.createTable('proactive_suggestions'), engine)
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('open'))
    .addColumn('information_name', 'text', (c) => c.notNull())
    .addColumn('applicant_note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('publication_id', 'integer', (c) => c.references('publications.id'))
    .addColumn('dismiss_reason', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('decided_by', 'integer')
    .addColumn('decided_at', 'text')
    .addColumn('decided_on', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_on', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('proactive_suggestions_agency')
    .on('proactive_suggestions')
    .columns(['agency_id', 'state'])
    .execute();
  await db.schema
    .createTable('proactive_suggestion_requests')
    .addColumn('suggestion_id', 'integer', (c) =>
      c.notNull().references('proactive_suggestions.id').onDelete('cascade'),
    )
    .addColumn('info_request_id', 'integer', (c) => c.notNull().references('info_requests.id'))
    .addPrimaryKeyConstraint('proactive_suggestion_requests_pk', ['suggestion_id', 'info_request_id'])
    .execute();
  await db.schema
    .createIndex('proactive_suggestion_requests_request')
    .on('proactive_suggestion_requests')
    .column('info_request_id')
    .execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropTable('proactive_suggestion_requests').execute();
  await db.schema.dropTable('proactive_suggestions').execute();
}
