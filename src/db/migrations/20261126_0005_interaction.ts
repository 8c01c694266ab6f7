// Public interaction and supervision: inquiries, complaints, leader-mailbox letters and notice
// objections as one case table; publicity notices (公示); evaluations, inspections and
// accountability; the staff registry and its training events.
import type { Engine } from '../migration-kit.ts';
import { withId, type MigrationDb } from '../migration-kit.ts';

export async function up(db: MigrationDb, engine: Engine): Promise<void> {
  await withId(db.schema.createTable('interaction_cases'), engine)
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('receipt_number', 'text', (c) => c.notNull().unique())
    .addColumn('query_code_hash', 'text', (c) => c.notNull())
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('complaint_about', 'text')
    .addColumn('notice_id', 'integer')
    .addColumn('writer_name', 'text', (c) => c.notNull())
    .addColumn('writer_phone', 'text', (c) => c.notNull())
    .addColumn('writer_email', 'text', (c) => c.notNull())
    .addColumn('writer_address', 'text', (c) => c.notNull())
    .addColumn('publish_consent', 'integer', (c) => c.notNull())
    .addColumn('publication', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('received_date', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text')
    .addColumn('answer_days', 'integer')
    .addColumn('assigned_user_id', 'integer')
    .addColumn('reply_text', 'text', (c) => c.notNull())
    .addColumn('replied_at', 'text')
    .addColumn('duration_minutes', 'integer')
    .addColumn('rating', 'text')
    .addColumn('rating_comment', 'text', (c) => c.notNull())
    .addColumn('rated_at', 'text')
    .addColumn('reminded_on', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('interaction_cases_agency')
    .on('interaction_cases')
    .columns(['agency_id', 'kind', 'received_date'])
    .execute();
  await db.schema.createIndex('interaction_cases_due').on('interaction_cases').columns(['state', 'due_date']).execute();

  await withId(db.schema.createTable('notices'), engine)
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('table_columns', 'text', (c) => c.notNull())
    .addColumn('table_rows', 'text', (c) => c.notNull())
    .addColumn('period_unit', 'text', (c) => c.notNull())
    .addColumn('period_days', 'integer', (c) => c.notNull())
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('end_date', 'text', (c) => c.notNull())
    .addColumn('objection_contact', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text')
    .addColumn('ended_at', 'text')
    .addColumn('published_from', 'text')
    .addColumn('published_until', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('notices_agency').on('notices').columns(['agency_id', 'state', 'end_date']).execute();

  await withId(db.schema.createTable('evaluations'), engine)
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('held_on', 'text', (c) => c.notNull())
    .addColumn('evaluator_kind', 'text', (c) => c.notNull())
    .addColumn('evaluator', 'text', (c) => c.notNull())
    .addColumn('score', 'integer', (c) => c.notNull())
    .addColumn('remarks', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('evaluations_agency').on('evaluations').columns(['agency_id', 'held_on']).execute();

  await withId(db.schema.createTable('inspections'), engine)
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('inspected_on', 'text', (c) => c.notNull())
    .addColumn('findings', 'text', (c) => c.notNull())
    .addColumn('required_fixes', 'text', (c) => c.notNull())
    .addColumn('fix_deadline', 'text')
    .addColumn('fix_status', 'text', (c) => c.notNull())
    .addColumn('bulletin', 'text', (c) => c.notNull())
    .addColumn('bulletin_published', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('inspections_agency').on('inspections').columns(['agency_id', 'inspected_on']).execute();

  await withId(db.schema.createTable('accountability_records'), engine)
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('person', 'text', (c) => c.notNull())
    .addColumn('failure', 'text', (c) => c.notNull())
    .addColumn('measure', 'text', (c) => c.notNull())
    .addColumn('decided_on', 'text', (c) => c.notNull())
    .addColumn('complaint_id', 'integer', (c) => c.references('interaction_cases.id'))
    .addColumn('inspection_id', 'integer', (c) => c.references('inspections.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('accountability_agency')
    .on('accountability_records')
    .columns(['agency_id', 'decided_on'])
    .execute();

  await withId(db.schema.createTable('staff_members'), engine)
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('employment', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('since', 'text', (c) => c.notNull())
    .addColumn('until', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('staff_members_agency').on('staff_members').column('agency_id').execute();

  await withId(db.schema.createTable('staff_trainings'), engine)
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('held_on', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('hours', 'integer', (c) => c.notNull())
    .addColumn('participants', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('staff_trainings_agency')
    .on('staff_trainings')
    .columns(['agency_id', 'held_on'])
    .execute();
}

export async function down(db: MigrationDb): Promise<void> {
  for (const t of [
    'staff_trainings',
    'staff_members',
    'accountability_records',
    'inspections',
    'evaluations',
    'notices',
    'interaction_cases',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
