// A database of its own for a test file, on the engine of GK_TEST_ENGINE: a throwaway PostgreSQL
// database, or an embedded file in a temporary folder. `cleanup` closes it and drops or deletes it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Database } from '../../src/db/database.ts';
import { createPgDatabase, ENGINE } from './test-app.ts';

export async function openScratchDatabase(
  prefix: string,
): Promise<{ database: Database; cleanup: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const pgDb = ENGINE === 'postgres' ? await createPgDatabase() : undefined;
  const database = openDatabase({ databaseUrl: pgDb?.url, sqliteFile: join(dir, 'x.db') });
  return {
    database,
    cleanup: async () => {
      await database.close();
      await pgDb?.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
