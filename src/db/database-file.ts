// The file of an embedded database's connection, which the import lock (import-lock.ts) and a
// worker thread's own connection (read-only.ts, the jobs' threads) are keyed by.
import { sql } from 'kysely';
import type { Executor } from '../platform/transaction.ts';

/** The file of the connection's main database ('' in memory). */
export async function databaseFile(executor: Executor): Promise<string> {
  const { rows } = await sql<{ file: string }>`SELECT file FROM pragma_database_list WHERE name = 'main'`.execute(
    executor,
  );
  return rows[0]?.file ?? '';
}
