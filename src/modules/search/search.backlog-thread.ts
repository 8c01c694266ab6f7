// The build of the search backlog in the running site, on a thread of its own with a database
// connection of its own (search.backlog-job.ts starts it through platform/thread-pool.ts). The site's
// process has one connection and one event loop: a build on them held both for each chunk's
// transaction and a page's every await behind it waited for the next chunk — ~450 ms a request
// under load with chunks of 200 (docs/PERFORMANCE.md "The search backlog built by the running
// site"). Here the chunks' reads, tokenising and writes run beside the site: its reads never wait
// (WAL), its writes wait for the current chunk's transaction at most (busy_timeout), and a site's
// change to a publication whose text was read ahead shows in `PRAGMA data_version` (another
// connection), so buildBacklog makes that chunk at its write.
import { openDatabase } from '../../db/database.ts';
import { importRunning } from '../../db/import-lock.ts';
import { stopRequested } from '../../platform/thread-pool.ts';
import type { Db } from '../../platform/transaction.ts';
import { sql } from 'kysely';
import { backlogSize, buildBacklog } from './search.backlog.ts';
import { syncPublications } from './search.sync.ts';

export interface SiteBuild {
  built: number;
  left: number;
  /** Why the run ended with entries left. */
  stoppedBy?: 'import' | 'shutdown' | 'time';
}

export interface ChunkedBuildOptions {
  /** Entries a transaction. */
  chunk: number;
  /** How long the run may build. */
  runMs: number;
  /** True once the process shuts down: the build stops after its current chunk. */
  stopping: () => boolean;
  /** After each committed chunk: entries written so far (tests). */
  progress?: (built: number) => void;
}

/**
 * The backlog of the database file `file` built on `db` (a connection that the site does not use)
 * in chunks, the text tokenised on this thread; stopped after the chunk during which an import took
 * the import lock, the process began to shut down, or the run's time ran out.
 */
export async function buildInChunks(db: Db, file: string, o: ChunkedBuildOptions): Promise<SiteBuild> {
  const started = Date.now();
  let stoppedBy: SiteBuild['stoppedBy'];
  const { built } = await buildBacklog(db, {
    chunk: o.chunk,
    workers: 0,
    shouldStop: () => {
      if (o.stopping()) stoppedBy = 'shutdown';
      else if (importRunning(file)) stoppedBy = 'import';
      else if (Date.now() - started >= o.runMs) stoppedBy = 'time';
      return stoppedBy !== undefined;
    },
    ...(o.progress ? { progress: o.progress } : {}),
    write: (trx, ids, prepared) => syncPublications(trx, ids, undefined, prepared),
  });
  const left = await backlogSize(db);
  if (!left) {
    // The planner's statistics of search_documents, taken by the stopped import without these rows.
    await sql`PRAGMA analysis_limit = 1000`.execute(db);
    await sql`ANALYZE search_documents`.execute(db);
  }
  return { built, left, ...(left && stoppedBy ? { stoppedBy } : {}) };
}

export interface ThreadInput {
  file: string;
  chunk: number;
  runMs: number;
  /** platform/thread-pool.ts runOnThread's: 1 once the process shuts down (read here between chunks). */
  stop: SharedArrayBuffer;
}

/** The thread's task (platform/thread-pool.ts): one run of the build on a connection of its own. */
export function createTask(): (input: ThreadInput) => Promise<SiteBuild> {
  return async ({ file, chunk, runMs, stop }) => {
    const database = openDatabase({ sqliteFile: file });
    try {
      return await buildInChunks(database.db, file, { chunk, runMs, stopping: stopRequested(stop) });
    } finally {
      await database.close();
    }
  };
}
