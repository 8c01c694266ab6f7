// 意见征集 / 重大决策预公开 (issue #17 point 4): a comment period on a draft (its text, 起草说明
// and attachments), the public's comments on it with the agency's verdict on each (采纳 / 部分采纳 /
// 未采纳 with a reason), and the published 意见采纳情况反馈.
import { withId, type Engine, type MigrationDb } from '../migration-kit.ts';

export async function up(db: MigrationDb, engine: Engine): Promise<void> {
  await withId(db.schema.createTable('comment_periods'), engine)
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('draft_text', 'text', (c) => c.notNull())
    .addColumn('explanation', 'text', (c) => c.notNull())
    .addColumn('major_decision', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('opens_on', 'text', (c) => c.notNull())
    .addColumn('closes_on', 'text', (c) => c.notNull())
    .addColumn('shortened_reason', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('post_address', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('email', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('name_rule', 'text', (c) => c.notNull().defaultTo('optional'))
    .addColumn('phone_rule', 'text', (c) => c.notNull().defaultTo('optional'))
    .addColumn('published_at', 'text')
    .addColumn('feedback_text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('feedback_published_at', 'text')
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('comment_periods_agency')
    .on('comment_periods')
    .columns(['agency_id', 'published_at'])
    .execute();
  await withId(db.schema.createTable('comment_period_files'), engine)
    .addColumn('comment_period_id', 'integer', (c) => c.notNull().references('comment_periods.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('comment_period_files_period')
    .on('comment_period_files')
    .column('comment_period_id')
    .execute();
  await withId(db.schema.createTable('public_comments'), engine)
    .addColumn('comment_period_id', 'integer', (c) => c.notNull().references('comment_periods.id'))
    .addColumn('channel', 'text', (c) => c.notNull().defaultTo('online'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('commenter_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('commenter_phone', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('commenter_email', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('publish_consent', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('verdict', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('verdict_reason', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('tagged_by', 'integer')
    .addColumn('tagged_at', 'text')
    .execute();
  await db.schema
    .createIndex('public_comments_period')
    .on('public_comments')
    .columns(['comment_period_id', 'verdict'])
    .execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropTable('public_comments').execute();
  await db.schema.dropTable('comment_period_files').execute();
  await db.schema.dropTable('comment_periods').execute();
}
