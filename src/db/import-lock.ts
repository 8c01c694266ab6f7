// Whether a bulk import is running on an embedded database, asked by another process (the server
// starting, another command): the import holds an exclusive SQLite lock on a small file beside the
// database (`gongkai.db-import`) for as long as it runs. The operating system lets go of the lock
// when the process ends in any way — kill -9 too — so a lock that can be taken means that no
// import runs, whatever the database's stored settings say (search/fts-structure.ts).
import { existsSync } from 'node:fs';
import SQLite from 'better-sqlite3';

const lockFile = (databaseFile: string) => `${databaseFile}-import`;

/**
 * Takes the lock of the database file `databaseFile` for a bulk import; returns what lets it go.
 * Another import holding it already (two imports at once) is not an error: this one goes on
 * without it, and nothing is held.
 */
export function holdImportLock(databaseFile: string): () => void {
  const handle = new SQLite(lockFile(databaseFile));
  try {
    handle.pragma('busy_timeout = 0');
    handle.exec('BEGIN EXCLUSIVE');
  } catch (err) {
    handle.close();
    if ((err as { code?: string }).code === 'SQLITE_BUSY') return () => {};
    throw err;
  }
  return () => {
    handle.exec('ROLLBACK');
    handle.close();
  };
}

/** Whether a bulk import holds the lock of the database file `databaseFile` now. */
export function importRunning(databaseFile: string): boolean {
  if (!existsSync(lockFile(databaseFile))) return false;
  const handle = new SQLite(lockFile(databaseFile), { fileMustExist: true });
  try {
    handle.pragma('busy_timeout = 0');
    handle.exec('BEGIN IMMEDIATE');
    handle.exec('ROLLBACK');
    return false;
  } catch (err) {
    if ((err as { code?: string }).code === 'SQLITE_BUSY') return true;
    throw err;
  } finally {
    handle.close();
  }
}
