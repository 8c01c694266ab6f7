// Service hall (政务服务大厅): windows, service items with their guides, cases (办件) with the
// stored due date, and the pauses of a case's clock.
import type { Engine } from '../migration-kit.ts';
import { withId, type MigrationDb } from '../migration-kit.ts';

export async function up(db: MigrationDb, engine: Engine): Promise<void> {
  await withId(db.schema.createTable('service_windows'), engine)
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('location', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('service_windows_agency').on('service_windows').column('agency_id').execute();

  await withId(db.schema.createTable('service_items'), engine)
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('window_id', 'integer', (c) => c.references('service_windows.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('legal_basis', 'text', (c) => c.notNull())
    .addColumn('conditions', 'text', (c) => c.notNull())
    .addColumn('materials', 'text', (c) => c.notNull())
    .addColumn('statutory_days', 'integer', (c) => c.notNull())
    .addColumn('promised_days', 'integer', (c) => c.notNull())
    .addColumn('fees', 'text', (c) => c.notNull())
    .addColumn('deemed_approval', 'integer', (c) => c.notNull())
    .addColumn('deemed_approval_basis', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('service_items_agency_name', ['agency_id', 'name'])
    .execute();

  await withId(db.schema.createTable('service_cases'), engine)
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('item_id', 'integer', (c) => c.notNull().references('service_items.id'))
    .addColumn('window_id', 'integer', (c) => c.references('service_windows.id'))
    .addColumn('case_number', 'text', (c) => c.notNull().unique())
    .addColumn('query_code', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('item_kind', 'text', (c) => c.notNull())
    .addColumn('deemed_approval', 'integer', (c) => c.notNull())
    .addColumn('time_limit_days', 'integer', (c) => c.notNull())
    .addColumn('applicant_name', 'text', (c) => c.notNull())
    .addColumn('applicant_phone', 'text', (c) => c.notNull())
    .addColumn('applicant_email', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('received_on', 'text', (c) => c.notNull())
    .addColumn('accepted_on', 'text')
    .addColumn('not_accepted_reason', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text')
    .addColumn('due_explanation', 'text', (c) => c.notNull())
    .addColumn('correction_used', 'integer', (c) => c.notNull())
    .addColumn('decision', 'text')
    .addColumn('decision_reason', 'text', (c) => c.notNull())
    .addColumn('decided_on', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('deemed', 'integer', (c) => c.notNull())
    .addColumn('delivered_on', 'text')
    .addColumn('rating', 'text')
    .addColumn('rating_comment', 'text', (c) => c.notNull())
    .addColumn('rated_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('service_cases_agency_received')
    .on('service_cases')
    .columns(['agency_id', 'received_on'])
    .execute();
  // The deemed-approval job's scan: running cases by due date.
  await db.schema.createIndex('service_cases_status_due').on('service_cases').columns(['status', 'due_on']).execute();
  await db.schema
    .createIndex('service_cases_decided')
    .on('service_cases')
    .columns(['agency_id', 'decided_on'])
    .execute();

  await withId(db.schema.createTable('service_case_pauses'), engine)
    .addColumn('case_id', 'integer', (c) => c.notNull().references('service_cases.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('materials', 'text', (c) => c.notNull())
    .addColumn('started_on', 'text', (c) => c.notNull())
    .addColumn('ended_on', 'text')
    .addColumn('working_days', 'integer')
    .addColumn('resume_status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('service_case_pauses_case').on('service_case_pauses').column('case_id').execute();
}

export async function down(db: MigrationDb): Promise<void> {
  for (const t of ['service_case_pauses', 'service_cases', 'service_items', 'service_windows']) {
    await db.schema.dropTable(t).execute();
  }
}
