// Migration 20261205_0015_service_query_code_hash on the engine of GK_TEST_ENGINE: the plaintext
// query codes of existing service-hall cases become SHA-256 hashes that the lookup accepts, the
// plaintext column is gone, and down/up run again.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { Agent } from '../support/agent.ts';
import { makeServiceCase, makeServiceItem } from '../support/factories.ts';
import { createTestEnv, type TestEnv } from '../support/test-app.ts';
import { migrateDownThrough } from '../support/migrations.ts';

let env: TestEnv;
before(async () => {
  env = await createTestEnv({ now: '2025-06-02T02:00:00Z' });
});
after(() => env.close());

const columnsOf = async () =>
  (await env.database.db.introspection.getTables()).find((t) => t.name === 'service_cases')!.columns.map((c) => c.name);

test('existing plaintext codes are hashed, the plaintext column is dropped, and the old codes still open their case', async () => {
  const db = env.database.db;
  const itemId = await makeServiceItem(env, env.county.agencyIds.lingxi as number, { name: '迁移测试事项' });
  const cases = [];
  for (let i = 0; i < 2; i++) cases.push(await makeServiceCase(env, itemId));

  await migrateDownThrough(env.database, '20261205_0015_service_query_code_hash');
  assert.ok((await columnsOf()).includes('query_code'));
  assert.ok(!(await columnsOf()).includes('query_code_hash'));
  // As the code before the migration stored them: the plaintext code.
  for (const c of cases) await sql`UPDATE service_cases SET query_code = ${c.queryCode} WHERE id = ${c.id}`.execute(db);

  await migrateToLatest(env.database);
  const columns = await columnsOf();
  assert.ok(columns.includes('query_code_hash'));
  assert.ok(!columns.includes('query_code'), 'the plaintext column is dropped');
  for (const c of cases) {
    const row = await db.selectFrom('serviceCases').selectAll().where('id', '=', c.id).executeTakeFirstOrThrow();
    assert.equal(row.queryCodeHash, createHash('sha256').update(`gk-query-code:${c.queryCode}`).digest('hex'));
    const a = new Agent(env.app);
    await a.get('/track');
    const found = await a.post('/track', { number: c.caseNumber, code: c.queryCode });
    assert.equal(found.statusCode, 303, 'the code the applicant holds still works');
    assert.equal((await a.get(String(found.headers.location))).statusCode, 200);
  }
});
