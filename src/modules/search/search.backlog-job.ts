// The search backlog built by the running site (issue #16 point 3, docs/ARCHITECTURE.md "Bulk
// import"): a large embedded import stopped with Ctrl+C, failed or killed leaves its rows published
// but without their search entries (search.backlog.ts). Without this job they waited for the next
// run of the import or the next start of a process; now the job `search.backlog` (jobs/runner.ts,
// run by the web process or `npx gongkai worker`, one process at a time) builds them while the site
// answers:
// - never while an import holds the import lock (db/import-lock.ts): it does not start then, and it
//   asks the lock again after each committed chunk, so an import started during the build wins at
//   the next chunk (the import builds the backlog itself);
// - on a thread with its own connection (search.backlog-thread.ts), in chunks of SITE_CHUNK_ROWS,
//   each its own short transaction: the site's reads never wait for it, its writes for one chunk;
// - at most RUN_MS a run (the other jobs of the tick wait meanwhile; the next run goes on);
// - stopped after the current chunk when the process shuts down (the job's signal).
// The import's FTS5 settings (bulk()) are not taken: they take the import lock, which would hide an
// import that starts; the chunks are written with FTS5's usual merges, as releases are.
// PostgreSQL has no backlog (its import writes the entries in the batches): nothing to do there.
import { databaseFile } from '../../db/database-file.ts';
import { runOnThread } from '../../platform/thread-pool.ts';
import type { Db } from '../../platform/transaction.ts';
import { engineOf, searchIndexFor } from './search-index.ts';
import { backlogPending } from './search.backlog.ts';
import type { SiteBuild, ThreadInput } from './search.backlog-thread.ts';

/** Entries a transaction of the site's build (the import's own build writes BUILD_ROWS). */
export const SITE_CHUNK_ROWS = 200;

/** The longest a run of the job builds before it lets the tick's other jobs run. */
export const RUN_MS = 60_000;

export interface SiteBuildOptions {
  /** Aborted when the process shuts down: the build stops after its current chunk. */
  signal?: AbortSignal;
  /** Entries a transaction (SITE_CHUNK_ROWS unless set: tests). */
  chunk?: number;
  /** How long the run may build (RUN_MS unless set). */
  runMs?: number;
}

/**
 * One run of the build in the running site, on a thread; null where there is nothing to do now
 * (PostgreSQL, an empty backlog, an import holding the lock, the process shutting down).
 */
export async function buildBacklogInSite(db: Db, o: SiteBuildOptions = {}): Promise<SiteBuild | null> {
  if (engineOf(db) !== 'embedded' || o.signal?.aborted || !(await backlogPending(db))) return null;
  const file = await databaseFile(db);
  if (!file) return null;
  // What a killed import left in search_fts (its merge settings, level 0) is tidied first, as a
  // process's start does: the chunks are then written with FTS5's usual merges.
  await searchIndexFor('embedded').settleInterruptedBulk(db);
  return runOnThread<Omit<ThreadInput, 'stop'>, SiteBuild>(
    new URL('./search.backlog-thread.ts', import.meta.url).href,
    { file, chunk: o.chunk ?? SITE_CHUNK_ROWS, runMs: o.runMs ?? RUN_MS },
    o.signal,
  );
}
