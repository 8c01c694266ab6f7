// Annual reports (政府信息公开工作年度报告): one per agency per year in a format, with its
// narrative sections, the figures staff enter where no module records them (each with a source
// note), the last consistency-check results, the workflow timestamps, the frozen data published,
// and past reports imported from their text (with the figures extracted from it).
import type { Engine } from '../migration-kit.ts';
import { withId, type MigrationDb } from '../migration-kit.ts';

export async function up(db: MigrationDb, engine: Engine): Promise<void> {
  await withId(db.schema.createTable('annual_reports'), engine)
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('narratives', 'text', (c) => c.notNull())
    .addColumn('figures', 'text', (c) => c.notNull())
    .addColumn('check_results', 'text', (c) => c.notNull())
    .addColumn('checked_at', 'text')
    .addColumn('override_reason', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text')
    .addColumn('approved_at', 'text')
    .addColumn('published_at', 'text')
    .addColumn('publication_id', 'integer')
    .addColumn('published_data', 'text')
    .addColumn('imported_text', 'text', (c) => c.notNull())
    .addColumn('extracted', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('annual_reports_agency_year', ['agency_id', 'year'])
    .execute();
  await db.schema.createIndex('annual_reports_state').on('annual_reports').columns(['state', 'year']).execute();

  await withId(db.schema.createTable('annual_report_comments'), engine)
    .addColumn('report_id', 'integer', (c) => c.notNull().references('annual_reports.id').onDelete('cascade'))
    .addColumn('author_user_id', 'integer')
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('annual_report_comments_report')
    .on('annual_report_comments')
    .column('report_id')
    .execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropTable('annual_report_comments').execute();
  await db.schema.dropTable('annual_reports').execute();
}
