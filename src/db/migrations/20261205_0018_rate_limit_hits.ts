// The per-route rate limits (@fastify/rate-limit on login, tracking lookups and the public forms)
// count in this table instead of each process's memory (#16 point 4), so that several web
// processes share one counter per client and route. The key is a keyed hash of route and address.
import type { MigrationDb } from '../migration-kit.ts';

export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .createTable('rate_limit_hits')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('hits', 'integer', (c) => c.notNull())
    .addColumn('window_ends', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('rate_limit_hits_window_ends').on('rate_limit_hits').column('window_ends').execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropTable('rate_limit_hits').execute();
}
