// 公开属性源头认定 and dynamic review (issue #17 point 3; 条例 第十三条–第十六条, 第十八条). The
// disclosure attribute (publications.disclosure_mode: proactive / onRequest / withheld) existed
// since 0002 with one value; every publication stored so far is 主动公开 and keeps it. A document
// decided 依申请公开 or 不予公开 carries its legal ground (a key of publication/disclosure.rules.ts)
// and the drafter's explanation, and the day the attribute was last decided (at 签发, then at each
// periodic review): the 工作台 lists it for review when that day is older than the interval. Each
// review is one row of disclosure_reviews (the annual report's 总体情况 counts them).
import { withId, type Engine, type MigrationDb } from '../migration-kit.ts';

export async function up(db: MigrationDb, engine: Engine): Promise<void> {
  await db.schema
    .alterTable('publications')
    .addColumn('disclosure_ground', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema
    .alterTable('publications')
    .addColumn('disclosure_note', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.alterTable('publications').addColumn('attribute_decided_on', 'text').execute();
  await db
    .updateTable('publications')
    .set({ disclosure_mode: 'proactive' })
    .where('disclosure_mode', 'not in', ['proactive', 'onRequest', 'withheld'])
    .execute();
  // The review queue: recorded documents of an agency, oldest decision first.
  await db.schema
    .createIndex('publications_attribute_review')
    .on('publications')
    .columns(['state', 'attribute_decided_on', 'agency_id'])
    .execute();
  await withId(db.schema.createTable('disclosure_reviews'), engine)
    .addColumn('publication_id', 'integer', (c) => c.notNull().references('publications.id').onDelete('cascade'))
    .addColumn('agency_id', 'integer', (c) => c.notNull())
    .addColumn('reviewed_on', 'text', (c) => c.notNull())
    .addColumn('mode_before', 'text', (c) => c.notNull())
    .addColumn('mode_after', 'text', (c) => c.notNull())
    .addColumn('ground_after', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('reviewed_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('disclosure_reviews_agency')
    .on('disclosure_reviews')
    .columns(['agency_id', 'reviewed_on'])
    .execute();
  await db.schema
    .createIndex('disclosure_reviews_publication')
    .on('disclosure_reviews')
    .columns(['publication_id'])
    .execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropTable('disclosure_reviews').execute();
  await db.schema.dropIndex('publications_attribute_review').execute();
  await db.schema.alterTable('publications').dropColumn('attribute_decided_on').execute();
  await db.schema.alterTable('publications').dropColumn('disclosure_note').execute();
  await db.schema.alterTable('publications').dropColumn('disclosure_ground').execute();
}
