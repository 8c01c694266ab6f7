// Migration 20261207_0044_search_backlog on the engine of GK_TEST_ENGINE, on the test county's
// populated database: up makes the embedded engine's search_backlog (a large bulk import's rows
// that wait for their search entries, search.backlog.ts), empty — no publication waits, the
// index is whole —; down drops it; PostgreSQL has no such table either way.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { systemContext } from '../../src/bootstrap.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { bulkImport } from '../../src/modules/publication/publication.bulk-import.ts';
import type { NumberedRow } from '../../src/modules/publication/publication.transfer-file.ts';
import { importRow } from '../support/import-rows.ts';
import { createTestEnv, type TestEnv } from '../support/test-app.ts';
import { migrateDownThrough } from '../support/migrations.ts';

let env: TestEnv;
before(async () => {
  env = await createTestEnv();
});
after(() => env.close());

async function backlogTables(): Promise<string[]> {
  const db = env.database.db;
  const rows =
    env.database.engine === 'postgres'
      ? (
          await sql<{
            name: string;
          }>`SELECT tablename AS name FROM pg_tables WHERE tablename = 'search_backlog'`.execute(db)
        ).rows
      : (
          await sql<{
            name: string;
          }>`SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'search_backlog'`.execute(db)
        ).rows;
  return rows.map((r) => r.name);
}

test('up makes the embedded engine’s search_backlog, empty on a populated database; down drops it', async () => {
  const embedded = env.database.engine === 'embedded';
  const r = await bulkImport(
    env.database.db,
    systemContext(env.clock),
    await env.deps.calendar.get(),
    env.county.agencyIds['mzj']!,
    (async function* () {
      for (let i = 1; i <= 5; i++)
        yield { row: i, values: importRow(i, '迁移', { subject: '积压表', detail: '迁移测试' }) } satisfies NumberedRow;
    })(),
    { workers: 0 },
  );
  assert.equal(r.imported, 5);
  const indexed = async () =>
    Number((await sql<{ n: number }>`SELECT count(*) AS n FROM search_documents`.execute(env.database.db)).rows[0]?.n);
  const before = await indexed();
  assert.ok(before >= 5);
  assert.deepEqual(await backlogTables(), embedded ? ['search_backlog'] : []);
  if (embedded)
    assert.equal(
      Number((await sql<{ n: number }>`SELECT count(*) AS n FROM search_backlog`.execute(env.database.db)).rows[0]?.n),
      0,
    );
  await migrateDownThrough(env.database, '20261207_0044_search_backlog');
  assert.deepEqual(await backlogTables(), []);
  assert.equal(await indexed(), before);
  await migrateToLatest(env.database);
  assert.deepEqual(await backlogTables(), embedded ? ['search_backlog'] : []);
  assert.equal(await indexed(), before);
});
