// Login throttling per account + address (#12.9) replaces the per-account lockout: failures are
// counted per typed username and client IP (whether or not the account exists), so a stranger's
// failures delay only that stranger, and an unknown name behaves as a real one.
import { sql } from 'kysely';
import type { MigrationDb } from '../migration-kit.ts';

export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .createTable('login_failures')
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('ip', 'text', (c) => c.notNull())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('last_failure_at', 'text', (c) => c.notNull())
    .addColumn('blocked_until', 'text')
    .addPrimaryKeyConstraint('login_failures_pk', ['username', 'ip'])
    .execute();
  await db.schema.createIndex('login_failures_last').on('login_failures').column('last_failure_at').execute();
  await db.schema.alterTable('users').dropColumn('failed_logins').execute();
  await db.schema.alterTable('users').dropColumn('locked_until').execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema
    .alterTable('users')
    .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('users').addColumn('locked_until', 'text').execute();
  await sql`DROP TABLE login_failures`.execute(db);
}
