// A read-only connection to the embedded database file, for a worker thread that reads beside the
// process's own connection (search.backlog.ts: the build's threads read the publications' text
// themselves while the main thread writes). WAL: its reads never wait for the writer, and it never
// writes, checkpoints or takes the write lock.
import SQLite from 'better-sqlite3';
import { BUSY_TIMEOUT_MS } from './database.ts';

export function openReadOnly(file: string): SQLite.Database {
  const handle = new SQLite(file, { readonly: true, fileMustExist: true });
  handle.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  return handle;
}
