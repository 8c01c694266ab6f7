// Service-hall query codes are stored hashed, like the query codes of applications (issue #12
// point 10): a copy of the database no longer lets anyone read a case's status and rate it. Every
// existing code is hashed (SHA-256 of "gk-query-code:" + the code in upper case, the construction of
// info-request's hashQueryCode; a copy here because migrations import no live code), then the
// plaintext column is dropped. Down cannot bring plaintext back: it restores the column empty, which
// matches no code, so applicants of those cases need a new code from the window.
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { MigrationDb } from '../migration-kit.ts';

const hash = (code: string) => createHash('sha256').update(`gk-query-code:${code.trim().toUpperCase()}`).digest('hex');

export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .alterTable('service_cases')
    .addColumn('query_code_hash', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  const rows = await sql<{ id: number; code: string }>`SELECT id, query_code AS code FROM service_cases`.execute(db);
  for (const r of rows.rows)
    await sql`UPDATE service_cases SET query_code_hash = ${hash(r.code)} WHERE id = ${r.id}`.execute(db);
  await db.schema.alterTable('service_cases').dropColumn('query_code').execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema
    .alterTable('service_cases')
    .addColumn('query_code', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.alterTable('service_cases').dropColumn('query_code_hash').execute();
}
