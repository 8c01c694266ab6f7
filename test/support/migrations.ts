// The tests of one migration start from the schema before it: every later migration undone, then
// that one, on the env's database (either engine).
import assert from 'node:assert/strict';
import type { Database } from '../../src/db/database.ts';
import { migrateDown } from '../../src/db/migrate.ts';

/** Undoes the migrations from the latest back to `name`, `name` included; asserts that `name` was undone. */
export async function migrateDownThrough(database: Database, name: string): Promise<void> {
  let undone: string | undefined;
  do undone = await migrateDown(database);
  while (undone && undone !== name);
  assert.equal(undone, name);
}
