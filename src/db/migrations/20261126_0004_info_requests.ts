// Disclosure on application (依申请公开): cases with their stored clock, consultations, letters,
// released documents, the applicant timeline, reconsideration/lawsuit records, reminders and
// catalogue-first suggestion follows.
import type { Engine } from '../migration-kit.ts';
import { withId, type MigrationDb } from '../migration-kit.ts';

const TEXT_COLUMNS = [
  'channel',
  'applicant_kind',
  'applicant_name',
  'id_document_type',
  'id_document_number',
  'phone',
  'email',
  'postal_address',
  'postcode',
  'fax',
  'information_name',
  'document_number',
  'feature_description',
  'requested_form',
  'delivery_way',
  'suggestions_shown',
  'flags',
  'receipt_basis',
  'correction_items',
  'corrected_text',
  'extension_approved_by',
  'extension_reason',
  'clock_status',
  'clock_json',
  'legal_basis',
  'reply_text',
  'delivery_method',
  'archive_reference',
] as const;

const DATE_COLUMNS = [
  'handed_in_on',
  'signed_for_on',
  'arrived_on',
  'confirmed_on',
  'received_on',
  'correction_notice_sent_on',
  'correction_due_on',
  'corrected_received_on',
  'extension_approved_on',
  'extension_notified_on',
  'fee_notice_received_on',
  'fee_payment_due_on',
  'fee_paid_on',
  'due_on',
  'replied_on',
  'concluded_on',
  'delivered_on',
  'archived_on',
] as const;

export async function up(db: MigrationDb, engine: Engine): Promise<void> {
  let t = withId(db.schema.createTable('info_requests'), engine)
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('query_code_hash', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull());
  for (const col of TEXT_COLUMNS) t = t.addColumn(col, 'text', (c) => c.notNull());
  for (const col of DATE_COLUMNS) t = t.addColumn(col, 'text');
  await t
    .addColumn('extension_working_days', 'integer')
    .addColumn('fee_method', 'text')
    .addColumn('fee_quantity', 'integer')
    .addColumn('fee_amount', 'integer')
    .addColumn('fee_paid_amount', 'integer')
    .addColumn('outcome_key', 'text')
    .addColumn('assignee_user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('info_requests_agency_state')
    .on('info_requests')
    .columns(['agency_id', 'state'])
    .execute();
  await db.schema.createIndex('info_requests_due').on('info_requests').columns(['state', 'due_on']).execute();
  await db.schema
    .createIndex('info_requests_received')
    .on('info_requests')
    .columns(['agency_id', 'received_on'])
    .execute();
  await db.schema.createIndex('info_requests_applicant').on('info_requests').column('id_document_number').execute();

  await withId(db.schema.createTable('info_request_consultations'), engine)
    .addColumn('info_request_id', 'integer', (c) => c.notNull().references('info_requests.id').onDelete('cascade'))
    .addColumn('party', 'text', (c) => c.notNull())
    .addColumn('party_name', 'text', (c) => c.notNull())
    .addColumn('letter_sent_on', 'text', (c) => c.notNull())
    .addColumn('letter_received_on', 'text')
    .addColumn('reply_due_on', 'text')
    .addColumn('replied_on', 'text')
    .addColumn('reply', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('ended_on', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('info_request_consultations_case')
    .on('info_request_consultations')
    .column('info_request_id')
    .execute();

  await withId(db.schema.createTable('info_request_letters'), engine)
    .addColumn('info_request_id', 'integer', (c) => c.notNull().references('info_requests.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('template_version', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('data_json', 'text', (c) => c.notNull())
    .addColumn('issued_on', 'text', (c) => c.notNull())
    .addColumn('for_applicant', 'integer', (c) => c.notNull())
    .addColumn('delivered_on', 'text')
    .addColumn('delivery_method', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('info_request_letters_case')
    .on('info_request_letters')
    .column('info_request_id')
    .execute();

  await withId(db.schema.createTable('info_request_attachments'), engine)
    .addColumn('info_request_id', 'integer', (c) => c.notNull().references('info_requests.id').onDelete('cascade'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('info_request_attachments_case')
    .on('info_request_attachments')
    .column('info_request_id')
    .execute();

  await withId(db.schema.createTable('info_request_events'), engine)
    .addColumn('info_request_id', 'integer', (c) => c.notNull().references('info_requests.id').onDelete('cascade'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('on_date', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('public_text', 'text', (c) => c.notNull())
    .addColumn('staff_note', 'text', (c) => c.notNull())
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('info_request_events_case')
    .on('info_request_events')
    .columns(['info_request_id', 'id'])
    .execute();

  await withId(db.schema.createTable('info_request_appeals'), engine)
    .addColumn('info_request_id', 'integer', (c) => c.notNull().references('info_requests.id').onDelete('cascade'))
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('after_reconsideration', 'integer', (c) => c.notNull())
    .addColumn('filed_on', 'text', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('concluded_on', 'text')
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('info_request_appeals_agency')
    .on('info_request_appeals')
    .columns(['agency_id', 'filed_on'])
    .execute();

  await db.schema
    .createTable('info_request_reminders')
    .addColumn('info_request_id', 'integer', (c) => c.notNull().references('info_requests.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('info_request_reminders_pk', ['info_request_id', 'kind', 'due_on'])
    .execute();

  await withId(db.schema.createTable('info_request_suggestion_follows'), engine)
    .addColumn('agency_id', 'integer', (c) => c.notNull())
    .addColumn('publication_id', 'integer', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: MigrationDb): Promise<void> {
  for (const t of [
    'info_request_suggestion_follows',
    'info_request_reminders',
    'info_request_appeals',
    'info_request_events',
    'info_request_attachments',
    'info_request_letters',
    'info_request_consultations',
    'info_requests',
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
