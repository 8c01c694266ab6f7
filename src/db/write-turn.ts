// A write transaction waits for another connection's long write without stopping its process.
// better-sqlite3 waits for SQLite's write lock inside BEGIN IMMEDIATE synchronously (the busy
// timeout, database.ts): while another connection held the lock — a large import's index built
// again by the running site (publication.bulk-indexes-job.ts), seconds an index — one clerk's save
// stood the whole event loop still, every request of the process with it (at 100,000
// publications: /healthz 0.8–4.2 s beside each save, docs/PERFORMANCE.md "The date indexes a killed
// import left, created by the running site"). So before a transaction begins, inTransaction asks a
// second connection of the same process whether the lock is free — BEGIN IMMEDIATE with no busy
// timeout, then ROLLBACK: nothing written, data_version unchanged — and while another connection
// holds it waits on a timer, up to WRITE_WAIT_MS; the BEGIN IMMEDIATE that follows then takes the
// lock at once. A transaction of the process's own connection (the driver runs one at a time, and
// the next one queues behind it in Kysely) is not waited for here.
import type SQLite from 'better-sqlite3';

/** The longest a write transaction waits here for another connection's write; then the busy timeout's. */
export const WRITE_WAIT_MS = 60_000;

const turns = new WeakMap<object, { wait: () => Promise<void>; free: () => boolean }>();

/**
 * Registers `db`'s wait (openDatabase: the embedded engine on a file): `main` is its connection,
 * `side` a second one to the same file that only asks for the lock. Returns what closes `side`.
 */
export function registerWriteTurn(
  db: object,
  main: SQLite.Database,
  side: SQLite.Database,
  waitMs = WRITE_WAIT_MS,
): () => void {
  side.pragma('busy_timeout = 0');
  const begin = side.prepare('BEGIN IMMEDIATE');
  const rollback = side.prepare('ROLLBACK');
  const free = () => {
    try {
      begin.run();
    } catch (err) {
      if ((err as { code?: string }).code === 'SQLITE_BUSY') return false;
      throw err;
    }
    rollback.run();
    return true;
  };
  turns.set(db, {
    wait: async () => {
      const until = Date.now() + waitMs;
      for (let ms = 5; !main.inTransaction && !free(); ms = Math.min(100, ms * 2)) {
        // Past the wait the save is answered 「数据库正忙」 at once (error-handler.tsx) instead of
        // waiting the busy timeout as well, in the busy handler, with the whole process.
        if (Date.now() >= until) throw Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
        await new Promise((resolve) => setTimeout(resolve, ms));
      }
    },
    free: () => main.inTransaction || free(),
  });
  return () => {
    turns.delete(db);
    side.close();
  };
}

/** Waits (on a timer) while another connection holds the write lock of `db`'s file; nothing elsewhere. */
export async function writeTurn(db: object): Promise<void> {
  await turns.get(db)?.wait();
}

/**
 * Whether a write of `db` would get the lock now (always on PostgreSQL and in memory). For the
 * writes that can be left to the next time — a job's claim at the next tick, a session's touch at
 * the next request —: one statement outside a transaction waits for the lock in SQLite's busy
 * handler, synchronously, up to the busy timeout (10 s), and the whole process with it. While an
 * import's index build held the lock, the jobs runner's claims alone (one statement a job a tick)
 * kept the site's event loop stopped: a clerk's save reached its route 90 s after it was sent
 * (docs/PERFORMANCE.md "Writes left to the next time while another process holds the lock").
 */
export function writeLockFree(db: object): boolean {
  return turns.get(db)?.free() ?? true;
}
