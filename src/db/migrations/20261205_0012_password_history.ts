// Password history (#12.9): the argon2id hashes of the passwords a user chose, newest last, so a
// new password can be refused when it is one of the last five. One-time passwords from an admin
// or the CLI are not kept. Existing users whose current password is their own choice start
// their history with it.
import { sql } from 'kysely';
import type { Engine } from '../migration-kit.ts';
import { withId, type MigrationDb } from '../migration-kit.ts';

export async function up(db: MigrationDb, engine: Engine): Promise<void> {
  await withId(db.schema.createTable('password_history'), engine)
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('password_history_user').on('password_history').columns(['user_id', 'id']).execute();
  await sql`INSERT INTO password_history (user_id, password_hash, created_at)
    SELECT id, password_hash, COALESCE(password_changed_at, updated_at) FROM users
    WHERE must_change_password = 0 ORDER BY id`.execute(db);
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropTable('password_history').execute();
}
