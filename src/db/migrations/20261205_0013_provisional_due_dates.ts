// Provisional due dates (issue #11 point 3): when a deadline reaches a year whose State Council
// holiday arrangement is not imported yet, the date is computed from weekends and the statutory
// holidays and stored with this flag (1 = provisional), so that every page, letter and queue can
// say 「暂定」 and the import of the year can find and recompute exactly these rows.
import type { MigrationDb } from '../migration-kit.ts';

const TABLES = ['info_requests', 'interaction_cases', 'service_cases', 'publications'] as const;

export async function up(db: MigrationDb): Promise<void> {
  for (const table of TABLES) {
    await db.schema
      .alterTable(table)
      .addColumn('due_provisional', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema.createIndex(`${table}_due_provisional`).on(table).column('due_provisional').execute();
  }
}

export async function down(db: MigrationDb): Promise<void> {
  for (const table of TABLES) {
    await db.schema.dropIndex(`${table}_due_provisional`).execute();
    await db.schema.alterTable(table).dropColumn('due_provisional').execute();
  }
}
