// 更正个人政府信息记录 (条例 第四十一条; issue #17 point 7): record amendment requests, their
// evidence files and their letters. The clock columns (received_on, due_on) are read by the
// 工作台's due-soon / overdue queues, hence the index on (state, due_on, agency_id).
import { withId, type Engine, type MigrationDb } from '../migration-kit.ts';

export async function up(db: MigrationDb, engine: Engine): Promise<void> {
  await withId(db.schema.createTable('record_amendments'), engine)
    .addColumn('agency_id', 'integer', (c) => c.notNull())
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('query_code_hash', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('applicant_name', 'text', (c) => c.notNull())
    .addColumn('id_document_type', 'text', (c) => c.notNull())
    .addColumn('id_document_number', 'text', (c) => c.notNull())
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('postal_address', 'text', (c) => c.notNull())
    .addColumn('record_concerned', 'text', (c) => c.notNull())
    .addColumn('what_is_wrong', 'text', (c) => c.notNull())
    .addColumn('should_read', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    .addColumn('received_on', 'text')
    .addColumn('receipt_basis', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text')
    .addColumn('due_explanation', 'text', (c) => c.notNull())
    .addColumn('extension_days', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('extension_approved_by', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('extension_notified_on', 'text')
    .addColumn('decision', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('refusal_ground', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('decision_text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('amended_record', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('competent_agency', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('decided_on', 'text')
    .addColumn('decided_by', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('staff_note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('record_amendments_clock')
    .on('record_amendments')
    .columns(['state', 'due_on', 'agency_id'])
    .execute();
  await db.schema
    .createIndex('record_amendments_agency')
    .on('record_amendments')
    .columns(['agency_id', 'received_on'])
    .execute();
  await withId(db.schema.createTable('record_amendment_files'), engine)
    .addColumn('amendment_id', 'integer', (c) => c.notNull().references('record_amendments.id').onDelete('cascade'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('record_amendment_files_amendment')
    .on('record_amendment_files')
    .columns(['amendment_id'])
    .execute();
  await withId(db.schema.createTable('record_amendment_letters'), engine)
    .addColumn('amendment_id', 'integer', (c) => c.notNull().references('record_amendments.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('data_json', 'text', (c) => c.notNull())
    .addColumn('issued_on', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('record_amendment_letters_amendment')
    .on('record_amendment_letters')
    .columns(['amendment_id'])
    .execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropTable('record_amendment_letters').execute();
  await db.schema.dropTable('record_amendment_files').execute();
  await db.schema.dropTable('record_amendments').execute();
}
