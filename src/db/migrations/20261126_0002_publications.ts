// Proactive disclosure (主动公开): publications and their released revisions, the per-agency
// category taxonomy, release channels, content-addressed attachments, related publications and
// the per-agency, per-year index-number sequences (索引号 never reused).
import type { Engine } from '../migration-kit.ts';
import { withId, type MigrationDb } from '../migration-kit.ts';

export async function up(db: MigrationDb, engine: Engine): Promise<void> {
  await withId(db.schema.createTable('categories'), engine)
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('parent_id', 'integer', (c) => c.references('categories.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('column_key', 'text', (c) => c.notNull())
    .addColumn('depth', 'integer', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('categories_agency_code', ['agency_id', 'code'])
    .execute();
  await db.schema
    .createIndex('categories_parent')
    .on('categories')
    .columns(['agency_id', 'parent_id', 'sort_order'])
    .execute();

  await withId(db.schema.createTable('publications'), engine)
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('formed_on', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text')
    .addColumn('published_on', 'text')
    .addColumn('is_late', 'integer', (c) => c.notNull())
    .addColumn('document_number', 'text', (c) => c.notNull())
    .addColumn('validity', 'text', (c) => c.notNull())
    .addColumn('effective_on', 'text')
    .addColumn('invalid_on', 'text')
    .addColumn('repealed_on', 'text')
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('keywords', 'text', (c) => c.notNull())
    .addColumn('disclosure_mode', 'text', (c) => c.notNull())
    .addColumn('index_number', 'text', (c) => c.unique())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('doc_kind', 'text', (c) => c.notNull())
    .addColumn('issued_on', 'text')
    .addColumn('doc_repealed_on', 'text')
    .addColumn('withdrawn_at', 'text')
    .addColumn('withdrawn_reason', 'text', (c) => c.notNull())
    .addColumn('review_comment', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('publications_agency_state')
    .on('publications')
    .columns(['agency_id', 'state', 'id'])
    .execute();
  await db.schema
    .createIndex('publications_agency_published')
    .on('publications')
    .columns(['agency_id', 'state', 'published_at', 'id'])
    .execute();
  await db.schema
    .createIndex('publications_published')
    .on('publications')
    .columns(['state', 'published_at', 'id'])
    .execute();

  await withId(db.schema.createTable('publication_revisions'), engine)
    .addColumn('publication_id', 'integer', (c) => c.notNull().references('publications.id'))
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('document_number', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('released_at', 'text', (c) => c.notNull())
    .addColumn('released_by', 'integer', (c) => c.references('users.id'))
    .addUniqueConstraint('publication_revisions_rev', ['publication_id', 'revision'])
    .execute();

  await db.schema
    .createTable('publication_categories')
    .addColumn('publication_id', 'integer', (c) => c.notNull().references('publications.id').onDelete('cascade'))
    .addColumn('category_id', 'integer', (c) => c.notNull().references('categories.id'))
    .addPrimaryKeyConstraint('publication_categories_pk', ['publication_id', 'category_id'])
    .execute();
  await db.schema
    .createIndex('publication_categories_category')
    .on('publication_categories')
    .columns(['category_id', 'publication_id'])
    .execute();

  await db.schema
    .createTable('publication_channels')
    .addColumn('publication_id', 'integer', (c) => c.notNull().references('publications.id').onDelete('cascade'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('publication_channels_pk', ['publication_id', 'channel'])
    .execute();

  await withId(db.schema.createTable('attachments'), engine)
    .addColumn('publication_id', 'integer', (c) => c.notNull().references('publications.id'))
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .addColumn('extracted_text', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('attachments_publication')
    .on('attachments')
    .columns(['publication_id', 'sort_order'])
    .execute();
  await db.schema.createIndex('attachments_sha256').on('attachments').column('sha256').execute();

  await db.schema
    .createTable('publication_related')
    .addColumn('publication_id', 'integer', (c) => c.notNull().references('publications.id').onDelete('cascade'))
    .addColumn('related_id', 'integer', (c) => c.notNull().references('publications.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('publication_related_pk', ['publication_id', 'related_id'])
    .execute();

  await db.schema
    .createTable('index_number_sequences')
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('last_seq', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('index_number_sequences_pk', ['agency_id', 'year'])
    .execute();
}

export async function down(db: MigrationDb): Promise<void> {
  for (const t of [
    'index_number_sequences',
    'publication_related',
    'attachments',
    'publication_channels',
    'publication_categories',
    'publication_revisions',
    'publications',
    'categories',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
