// The date indexes a killed import left missing, created again by the running site (issue #16
// point 3, docs/ARCHITECTURE.md "Bulk import"): a large embedded import drops five indexes of
// `publications` and creates them at its end (publication.bulk-indexes.ts); killed with -9, it left
// them missing until the next start of a process, and every list, queue and 工作台 by date scanned
// and sorted the whole table meanwhile (seconds a page at 1,000,000 rows). The job
// `publications.indexes` (jobs/runner.ts, in the web process or `npx gongkai worker`, one process at
// a time) creates them as the import's end does — the same definitions, in the migrations' order,
// their statistics refreshed —:
// - never while an import holds the import lock (db/import-lock.ts): it does not start then, and it
//   asks the lock again after each index, so an import started meanwhile (which creates them at its
//   own end) wins at the next index;
// - on a thread with its own connection (publication.bulk-indexes-thread.ts): CREATE INDEX reads
//   and sorts the whole table (seconds an index at 1,000,000 rows), which on the site's connection
//   would stop its event loop; the site's reads go on beside it (WAL), its writes wait for the
//   index being created (one transaction an index; db/write-turn.ts waits up to 60 s on a timer);
// - stopped after the current index when the process shuts down (the job's signal).
// PostgreSQL never drops them: nothing to do there.
import { databaseFile } from '../../db/database-file.ts';
import { importRunning } from '../../db/import-lock.ts';
import { runOnThread } from '../../platform/thread-pool.ts';
import type { Db } from '../../platform/transaction.ts';
import { indexesMissing, type Restored } from './publication.bulk-indexes.ts';
import type { IndexThreadInput } from './publication.bulk-indexes-thread.ts';

/**
 * One run of the job: the missing indexes created on a thread; null where there is nothing to do
 * now (PostgreSQL or in memory, none missing, an import holding the lock, the process shutting down).
 */
export async function restoreIndexesInSite(db: Db, signal?: AbortSignal): Promise<Restored | null> {
  if (signal?.aborted || !(await indexesMissing(db))) return null;
  const file = await databaseFile(db);
  if (!file || importRunning(file)) return null;
  return runOnThread<Omit<IndexThreadInput, 'stop'>, Restored>(
    new URL('./publication.bulk-indexes-thread.ts', import.meta.url).href,
    { file },
    signal,
  );
}
