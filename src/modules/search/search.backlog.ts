// The embedded search index built after a large bulk import's rows (issue #16 point 3,
// docs/ARCHITECTURE.md "Bulk import", docs/PERFORMANCE.md "Embedded bulk import: the search index
// built after the load"). Every tree of the index is keyed by rank_key (search_documents and its
// two indexes, search_texts, the FTS5 tables' _docsize), which follows the publication date; the
// rows of an import come in any date order, so each entry written with its batch took a random leaf
// of each of them — read, changed, written to the WAL and copied by the checkpoint —, a cost a row
// that grew with the table. Instead such an import notes each publication in search_backlog
// (migration 0044) in the batch's transaction (deferEntries), and the entries are written here in
// rank_key order, each leaf once: the publications' text read back, each worker thread on a
// read-only connection of its own, and tokenised again there (search.backlog-task.ts, with the
// import's own preparation, search.prepare.ts), the main thread writing chunks of
// BUILD_ROWS in rank order, each chunk's entries and the removal of its backlog rows in one
// transaction — so what still lacks its entry is always the committed backlog, and a build stopped
// anywhere (kill -9 too) goes on where it stopped.
//
// Who builds: an import that ran to its end, before it lets the import lock go (search.sync.ts
// bulk end); else the next process that starts (bootstrap prepare(), buildPendingEntries) unless
// an import holds the lock — so after a Ctrl+C the rows wait for the next run of the import (whose
// own start builds them), or the next start of the server.
import { sql } from 'kysely';
import { databaseFile } from '../../db/database-file.ts';
import { startThreadPool, type ThreadPool } from '../../platform/thread-pool.ts';
import type { Db, Executor } from '../../platform/transaction.ts';
import type { BacklogTaskInit } from './search.backlog-task.ts';
import { prepare, type PreparedEntry } from './search.prepare.ts';
import { rankKeyOf } from './rank-key.ts';

/** Entries a transaction of the build writes: one FTS5 segment each, as an import's batch of 1,000. */
export const BUILD_ROWS = 1000;

const importLock = () => import('../../db/import-lock.ts');

/**
 * Notes the published ones of `ids` (rows of a bulk import's batch) in the backlog, in the caller's
 * transaction, instead of writing their entries.
 */
export async function deferEntries(executor: Executor, ids: readonly number[]): Promise<void> {
  for (let i = 0; i < ids.length; i += 500) {
    const pubs = await executor
      .selectFrom('publications')
      .select(['id', 'state', 'publishedAt'])
      .where('id', 'in', ids.slice(i, i + 500))
      .execute();
    const rows = pubs.filter((p) => p.state === 'published' && p.publishedAt);
    if (rows.length)
      await sql`INSERT INTO search_backlog (publication_id, rank_key) VALUES ${sql.join(
        rows.map((p) => sql`(${p.id}, CAST(${rankKeyOf(p.publishedAt as string, p.id)} AS INTEGER))`),
      )} ON CONFLICT (publication_id) DO UPDATE SET rank_key = excluded.rank_key`.execute(executor);
  }
}

/** How many publications wait for their entry. */
export async function backlogSize(executor: Executor): Promise<number> {
  const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM search_backlog`.execute(executor);
  return Number(rows[0]?.n ?? 0);
}

/** Empties the backlog (a reindex writes every entry). */
export async function clearBacklog(executor: Executor): Promise<void> {
  await sql`DELETE FROM search_backlog`.execute(executor);
}

export interface BuildOptions {
  /** Entries a transaction (BUILD_ROWS unless set: tests). */
  chunk?: number;
  /** Threads that tokenise (0: the main thread does). */
  workers?: number;
  /** Asked after each committed chunk: true stops the build there (the rest stays in the backlog). */
  shouldStop?: () => boolean;
  /** After each committed chunk: entries written so far, of `total`. */
  progress?: (done: number, total: number) => void;
  /**
   * Writes a chunk's entries (the search sync's batch path, search.sync.ts syncPublications, given
   * what the threads prepared; undefined where the text must be read and made at the write).
   */
  write: (trx: Executor, ids: readonly number[], prepared: readonly (PreparedEntry | undefined)[]) => Promise<void>;
}

/** `PRAGMA data_version`: changes when another connection commits. */
async function dataVersion(executor: Executor): Promise<number> {
  // The pragma's one column (its name goes through the camel-case plugin).
  const { rows } = await sql<Record<string, number>>`PRAGMA data_version`.execute(executor);
  const v = Number(Object.values(rows[0] ?? {})[0]);
  if (!Number.isFinite(v)) throw new Error('PRAGMA data_version: no value');
  return v;
}

/** The chunk's text read on the build's own connection and tokenised here (no threads). */
async function readAndPrepare(db: Db, chunk: readonly number[]): Promise<Map<number, PreparedEntry>> {
  const texts = await db
    .selectFrom('publications')
    .select(['id', 'title', 'summary', 'body', 'documentNumber'])
    .where('id', 'in', chunk)
    .execute();
  return new Map(
    texts.map((t) => [
      t.id,
      prepare({ title: t.title, summary: t.summary, body: t.body, documentNumber: t.documentNumber }, 'embedded'),
    ]),
  );
}

/**
 * Writes the entries of every publication in the backlog, in rank_key order, BUILD_ROWS a
 * transaction; returns how many, and how many of them with the text tokenised ahead (the others'
 * chunk met another connection's commit). The caller holds the import lock (or knows that no
 * import runs).
 */
export async function buildBacklog(db: Db, o: BuildOptions): Promise<{ built: number; ahead: number }> {
  const { rows } = await sql<{ id: number }>`SELECT publication_id AS id FROM search_backlog ORDER BY rank_key`.execute(
    db,
  );
  const ids = rows.map((r) => r.id);
  if (!ids.length) return { built: 0, ahead: 0 };
  const workers = Math.max(0, Math.floor(o.workers ?? 0));
  const size = Math.max(1, o.chunk ?? BUILD_ROWS);
  // The threads read the text themselves, each on its own read-only connection to the file (none
  // in memory: then the main thread reads it and tokenises it too).
  const file = workers > 0 && ids.length > size ? await databaseFile(db) : '';
  const init: BacklogTaskInit = { engine: 'embedded', file };
  const pool: ThreadPool<number, PreparedEntry | null> | null = file
    ? await startThreadPool<number, PreparedEntry | null>(
        new URL('./search.backlog-task.ts', import.meta.url).href,
        init,
        workers,
      ).catch(() => null)
    : null;
  // A chunk's text read and tokenised on the threads while the chunk before it is written (the
  // main thread, which is the build's bound, only posts the ids). The text is current at the
  // write when no other connection committed in between: data_version is read before the ids are
  // posted, so every read of the chunk's text begins after it, and compared in the write's
  // transaction; else the chunk is made at the write.
  const send = async (chunk: number[]) => {
    const version = await dataVersion(db);
    const made = pool
      ? pool.run(chunk).then((m) => {
          const byId = new Map<number, PreparedEntry>();
          chunk.forEach((id, k) => {
            const entry = m[k];
            if (entry) byId.set(id, entry);
          });
          return byId;
        })
      : readAndPrepare(db, chunk);
    // Awaited at the chunk's write; a failure is not "unhandled" meanwhile.
    made.catch(() => {});
    return { version, made };
  };
  let done = 0;
  let ahead = 0;
  try {
    // Without the threads the text is read before the write's transaction (one connection: the
    // read would queue behind it); with them, reading and tokenising run beside the write.
    let next = await send(ids.slice(0, size));
    for (let i = 0; i < ids.length; i += size) {
      const chunk = ids.slice(i, i + size);
      const current = next;
      const made = await current.made;
      if (i + size < ids.length) next = await send(ids.slice(i + size, i + 2 * size));
      await db.transaction().execute(async (trx) => {
        const same = (await dataVersion(trx)) === current.version;
        if (same) ahead += made.size;
        await o.write(
          trx,
          chunk,
          chunk.map((id) => (same ? made.get(id) : undefined)),
        );
        await sql`DELETE FROM search_backlog WHERE publication_id IN (${sql.join(chunk)})`.execute(trx);
      });
      done += chunk.length;
      o.progress?.(done, ids.length);
      if (o.shouldStop?.()) break;
    }
  } finally {
    await pool?.close();
  }
  return { built: done, ahead };
}

/**
 * A process starts: whether the backlog has entries to build and no import runs (an import
 * stopped with Ctrl+C, failed or killed left them; a running one builds its own at its end).
 */
export async function backlogPending(db: Db): Promise<boolean> {
  const { rows } = await sql<{ one: number }>`SELECT 1 AS one FROM search_backlog LIMIT 1`.execute(db);
  if (!rows.length) return false;
  const file = await databaseFile(db);
  return !(file && (await importLock()).importRunning(file));
}
