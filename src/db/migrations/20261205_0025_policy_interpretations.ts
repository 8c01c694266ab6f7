// 政策解读 (issue #17 point 1): a publication may be the 解读 of a policy document — its form
// (文字解读, 图片/图表解读, 音视频, 专家解读, 新闻发布会), the policy it explains and, for 音视频, a
// link to where the recording is published. Every other publication keeps '' / null.
import type { MigrationDb } from '../migration-kit.ts';

export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .alterTable('publications')
    .addColumn('interpretation_form', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema
    .alterTable('publications')
    .addColumn('interprets_id', 'integer', (c) => c.references('publications.id'))
    .execute();
  await db.schema
    .alterTable('publications')
    .addColumn('media_url', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.createIndex('publications_interprets').on('publications').column('interprets_id').execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropIndex('publications_interprets').execute();
  await db.schema.alterTable('publications').dropColumn('media_url').execute();
  await db.schema.alterTable('publications').dropColumn('interprets_id').execute();
  await db.schema.alterTable('publications').dropColumn('interpretation_form').execute();
}
