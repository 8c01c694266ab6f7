// Migration 20261205_0012_password_history on the engine of GK_TEST_ENGINE: down drops the table,
// up creates it and starts the history of each user whose current password is their own choice
// (not of users who still hold a one-time password).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { createTestEnv, type TestEnv } from '../support/test-app.ts';
import { migrateDownThrough } from '../support/migrations.ts';

let env: TestEnv;
before(async () => {
  env = await createTestEnv();
});
after(() => env.close());

test('up seeds the history with the current password of users who chose theirs; down drops it', async () => {
  const own = await env.user('own.password', 'lingxi', ['clerk']);
  const otp = await env.user('one.time', 'lingxi', ['clerk'], { mustChange: true });
  await migrateDownThrough(env.database, '20261205_0012_password_history');
  await assert.rejects(env.database.db.selectFrom('passwordHistory').selectAll().execute());
  await migrateToLatest(env.database);
  const rows = await env.database.db.selectFrom('passwordHistory').selectAll().execute();
  const users = await env.database.db.selectFrom('users').select(['id', 'passwordHash']).execute();
  const hashOf = new Map(users.map((u) => [u.id, u.passwordHash]));
  assert.deepEqual(
    rows.filter((r) => r.userId === own).map((r) => r.passwordHash),
    [hashOf.get(own)],
  );
  assert.equal(rows.filter((r) => r.userId === otp).length, 0);
});
