// Migration 20261206_0043_publication_related_index on the engine of GK_TEST_ENGINE: up indexes
// related_id, so that "has this item related items" (publication_id = ? OR related_id = ?) is two
// index lookups; down drops the index.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { createTestEnv, type TestEnv } from '../support/test-app.ts';
import { migrateDownThrough } from '../support/migrations.ts';

let env: TestEnv;
before(async () => {
  env = await createTestEnv();
});
after(() => env.close());

async function relatedIndexes(): Promise<string[]> {
  const db = env.database.db;
  const rows =
    env.database.engine === 'postgres'
      ? (
          await sql<{ name: string }>`SELECT indexname AS name FROM pg_indexes
            WHERE tablename = 'publication_related' AND indexdef LIKE '%(related_id)%'`.execute(db)
        ).rows
      : (
          await sql<{ name: string }>`SELECT name FROM sqlite_master
            WHERE type = 'index' AND tbl_name = 'publication_related' AND sql LIKE '%"related_id"%'`.execute(db)
        ).rows;
  return rows.map((r) => r.name);
}

test('up indexes publication_related.related_id; down drops the index', async () => {
  assert.deepEqual(await relatedIndexes(), ['publication_related_related']);
  await migrateDownThrough(env.database, '20261206_0043_publication_related_index');
  assert.deepEqual(await relatedIndexes(), []);
  await migrateToLatest(env.database);
  assert.deepEqual(await relatedIndexes(), ['publication_related_related']);
});
