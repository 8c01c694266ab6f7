// Provisional end dates of 公示 (issue #11 point 3): a period in working days that reaches a year
// whose holidays are not imported gets its last day from weekends and the statutory holidays,
// stored with this flag (1 = provisional) so pages say 「暂定」 and the year's import recomputes it.
import type { MigrationDb } from '../migration-kit.ts';

export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .alterTable('notices')
    .addColumn('end_provisional', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.alterTable('notices').dropColumn('end_provisional').execute();
}
