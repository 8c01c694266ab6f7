// The creation of the indexes a killed import left missing, on a thread of its own with a database
// connection of its own (publication.bulk-indexes-job.ts starts it through platform/thread-pool.ts):
// stopped after the index during which an import took the import lock or the process began to shut
// down.
import { openDatabase } from '../../db/database.ts';
import { importRunning } from '../../db/import-lock.ts';
import { stopRequested } from '../../platform/thread-pool.ts';
import { restoreDeferredIndexes, type Restored } from './publication.bulk-indexes.ts';

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
      return await restoreDeferredIndexes(database.db, () => stopping() || importRunning(file));
    } finally {
      await database.close();
    }
  };
}
