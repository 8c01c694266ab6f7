// The creation of the indexes a killed import left missing, on a thread of its own with a database
// connection of its own (publication.bulk-indexes-job.ts starts it through platform/thread-pool.ts):
// stopped after the index during which an import took the import lock or the process began to shut
// down, and pausing between two indexes so that a write that waits for the lock gets it.
import { setTimeout as sleep } from 'node:timers/promises';
import { openDatabase } from '../../db/database.ts';
import { importRunning } from '../../db/import-lock.ts';
import { stopRequested } from '../../platform/thread-pool.ts';
import { restoreDeferredIndexes, type Restored } from './publication.bulk-indexes.ts';

/**
 * Between two indexes the write lock is left free this long, for the site's writes that wait for
 * it (db/write-turn.ts asks every 100 ms at most). 300 ms was too short on a loaded machine: a save
 * waited 40 s, past two indexes, at 618,000 publications (load ~10, the server at nice 19).
 */
export const PAUSE_MS = 1000;

export interface IndexThreadInput {
  file: string;
  /** platform/thread-pool.ts runOnThread's: 1 once the process shuts down. */
  stop: SharedArrayBuffer;
}

/** The thread's task (platform/thread-pool.ts): the missing indexes created on a connection of its own. */
export function createTask(): (input: IndexThreadInput) => Promise<Restored> {
  return async ({ file, stop }) => {
    const stopping = stopRequested(stop);
    const database = openDatabase({ sqliteFile: file });
    try {
      return await restoreDeferredIndexes(database.db, async () => {
        // The lock left free a moment: a write of the site waiting for it (db/write-turn.ts polls
        // every 100 ms at most) takes it before the next index.
        await sleep(PAUSE_MS);
        return stopping() || importRunning(file);
      });
    } finally {
      await database.close();
    }
  };
}
