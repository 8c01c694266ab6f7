// 基层政务公开标准目录 (issue #17 point 2; 国办发〔2019〕54号): a county's catalogue items per area
// (一级/二级事项, 公开内容要素, 依据, 时限 with its computable shape, 主体, 渠道, 对象, 方式, 层级,
// source), the binding of an agency's 目录 categories to items (what it publishes each item in),
// and the areas an agency declares 未涉及 with its reason (未涉及领域事项说明).
import { withId, type Engine, type MigrationDb } from '../migration-kit.ts';

export async function up(db: MigrationDb, engine: Engine): Promise<void> {
  await withId(db.schema.createTable('standard_items'), engine)
    .addColumn('area_key', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('level1', 'text', (c) => c.notNull())
    .addColumn('level2', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('elements', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('basis', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('time_limit', 'text', (c) => c.notNull())
    .addColumn('timing_kind', 'text', (c) => c.notNull())
    .addColumn('timing_days', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('timing_unit', 'text', (c) => c.notNull().defaultTo('working'))
    .addColumn('timing_date', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('subject', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('channels', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('audience', 'text', (c) => c.notNull().defaultTo('public'))
    .addColumn('mode', 'text', (c) => c.notNull().defaultTo('proactive'))
    .addColumn('level', 'text', (c) => c.notNull().defaultTo('both'))
    .addColumn('source', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('source_confirmed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('standard_items_key')
    .on('standard_items')
    .columns(['area_key', 'level1', 'level2'])
    .unique()
    .execute();
  await withId(db.schema.createTable('standard_item_bindings'), engine)
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('item_id', 'integer', (c) => c.notNull().references('standard_items.id').onDelete('cascade'))
    .addColumn('category_id', 'integer', (c) => c.notNull().references('categories.id'))
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('standard_item_bindings_key')
    .on('standard_item_bindings')
    .columns(['agency_id', 'item_id', 'category_id'])
    .unique()
    .execute();
  await withId(db.schema.createTable('standard_area_exemptions'), engine)
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('area_key', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('standard_area_exemptions_key')
    .on('standard_area_exemptions')
    .columns(['agency_id', 'area_key'])
    .unique()
    .execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropTable('standard_area_exemptions').execute();
  await db.schema.dropTable('standard_item_bindings').execute();
  await db.schema.dropTable('standard_items').execute();
}
