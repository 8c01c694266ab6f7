// A large bulk import on the embedded engine builds the date-keyed indexes of `publications` after
// its rows instead of row by row (docs/PERFORMANCE.md "Embedded bulk import: the date indexes built
// after the load"). The bench corpus's rows come in random date order, so each of these five
// indexes took one random leaf a row — read, changed, written to the WAL at the commit and again by
// the checkpoint —, a cost a row that grew with the table; built at the end, CREATE INDEX sorts the
// keys once and writes each leaf once. The UNIQUE indexes (import key, 索引号) stay: the import's
// own checks read them.
//
// While they are missing the site's lists and queues by date scan and sort (an import of this size
// runs for minutes, and an operator starts it at a quiet time). Crash safety: the import drops them
// in one transaction while it holds the import lock (db/import-lock.ts) and creates them again —
// with the indexes the migrations made after them, so that the order is the migrations' — before it
// lets the lock go, whether it ran to its end, stopped on SIGINT or failed; after kill -9
// the next process that starts (bootstrap's prepare()) creates whichever is missing, unless an
// import holds the lock.
import { PostgresAdapter, sql } from 'kysely';
import { databaseFile } from '../../db/database-file.ts';
import type { Db, Executor } from '../../platform/transaction.ts';

/**
 * Every index of `publications` the migrations made (but SQLite's own for the 索引号's UNIQUE), in
 * their order in `sqlite_master`, each with its definition exactly as stored there (a test compares
 * them with a freshly migrated database). The order matters: where two indexes cost the planner the
 * same, it takes the one created later, so indexes created again in another order changed the plans
 * of 4 of the 24 statements of the lists and the 工作台 (same statistics, same definitions).
 */
export const PUBLICATION_INDEXES: readonly { name: string; sql: string }[] = [
  {
    name: 'publications_agency_state',
    sql: 'CREATE INDEX "publications_agency_state" on "publications" ("agency_id", "state", "id")',
  },
  {
    name: 'publications_agency_published',
    sql: 'CREATE INDEX "publications_agency_published" on "publications" ("agency_id", "state", "published_at", "id")',
  },
  {
    name: 'publications_published',
    sql: 'CREATE INDEX "publications_published" on "publications" ("state", "published_at", "id")',
  },
  {
    name: 'publications_due_provisional',
    sql: 'CREATE INDEX "publications_due_provisional" on "publications" ("due_provisional")',
  },
  {
    name: 'publications_agency_queue',
    sql: 'CREATE INDEX "publications_agency_queue" on "publications" ("agency_id", "state", "due_on")',
  },
  {
    name: 'publications_queue',
    sql: 'CREATE INDEX "publications_queue" on "publications" ("state", "due_on", "agency_id")',
  },
  {
    name: 'publications_author_queue',
    sql: 'CREATE INDEX "publications_author_queue" on "publications" ("created_by", "state", "agency_id")',
  },
  {
    name: 'publications_interprets',
    sql: 'CREATE INDEX "publications_interprets" on "publications" ("interprets_id")',
  },
  {
    name: 'publications_normative_queue',
    sql: 'CREATE INDEX "publications_normative_queue" on "publications" ("doc_kind", "state", "validity", "interpretation_form", "published_on", "agency_id")',
  },
  {
    name: 'publications_import_key',
    sql: 'CREATE UNIQUE INDEX "publications_import_key" on "publications" ("agency_id", "import_key")',
  },
  {
    name: 'publications_attribute_review',
    sql: 'CREATE INDEX "publications_attribute_review" on "publications" ("state", "attribute_decided_on", "agency_id")',
  },
];

/** The indexes an import builds after its rows: the five keyed by a date. */
export const DEFERRED_INDEXES: ReadonlySet<string> = new Set([
  'publications_agency_published',
  'publications_published',
  'publications_agency_queue',
  'publications_queue',
  'publications_normative_queue',
]);

/**
 * The fewest rows a file must be expected to hold for an import to build the indexes after its
 * rows, and at least half the publications there are: building the five indexes costs ~2.6 s of
 * CPU at 120,000 publications (a sort of the whole table), saving ~0.1–0.2 ms a row imported.
 */
export const DEFER_INDEX_ROWS = 50_000;

/** Whether an import of about `expectedRows` rows onto `publications` publications builds the indexes after its rows. */
export function defersIndexes(expectedRows: number, publications: number): boolean {
  return expectedRows >= DEFER_INDEX_ROWS && expectedRows * 2 >= publications;
}

const lockOf = () => import('../../db/import-lock.ts');

/** The names of publications' listed indexes, in the order of `sqlite_master`. */
async function indexOrder(executor: Executor): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`SELECT name FROM sqlite_master
    WHERE type = 'index' AND tbl_name = 'publications' ORDER BY rowid`.execute(executor);
  const listed = new Set(PUBLICATION_INDEXES.map((i) => i.name));
  return rows.map((r) => r.name).filter((n) => listed.has(n));
}

/** Embedded engine: whether one of publications' listed indexes is missing (a killed import's). */
export async function indexesMissing(executor: Executor): Promise<boolean> {
  if (executor.getExecutor().adapter instanceof PostgresAdapter) return false;
  const order = await indexOrder(executor);
  return PUBLICATION_INDEXES.some((i) => !order.includes(i.name));
}

export interface Restored {
  /** The names of the indexes that were missing, when they have all been created. */
  built: string[];
  /** Some left missing: an import holds the lock, or `shouldStop` said so after an index. */
  stopped?: boolean;
}

/**
 * Creates publications' listed indexes that are missing, in the migrations' order: every index from
 * the first one out of place on is dropped and created again, and its statistics refreshed — one
 * transaction an index (dropped, created, analysed), so that another connection's write waits for
 * one index's build at most, never for all ten (~20 s of one core at 1,000,000 rows, beyond the
 * 10-s busy timeout). Each index moves to the end of `sqlite_master` as it is created, so after the
 * last one the order is the migrations' again; one stopped half-way (`shouldStop`, awaited after
 * each index but the last, or a kill) leaves every index whole, the order fixed by the next call.
 */
async function createMissing(db: Db, shouldStop?: () => boolean | Promise<boolean>): Promise<Restored> {
  const order = await indexOrder(db);
  const missing = PUBLICATION_INDEXES.filter((i) => !order.includes(i.name)).map((i) => i.name);
  if (!missing.length) return { built: [] };
  let k = 0;
  while (order[k] === PUBLICATION_INDEXES[k]?.name) k++;
  const again = PUBLICATION_INDEXES.slice(k);
  for (const [n, i] of again.entries()) {
    await db.transaction().execute(async (trx) => {
      await sql`DROP INDEX IF EXISTS ${sql.id(i.name)}`.execute(trx);
      await sql.raw(i.sql).execute(trx);
      await sql`PRAGMA analysis_limit = 1000`.execute(trx);
      await sql`ANALYZE ${sql.id(i.name)}`.execute(trx);
    });
    if (n < again.length - 1 && (await shouldStop?.())) return { built: [], stopped: true };
  }
  return { built: missing };
}

/**
 * Embedded engine: drops the deferred indexes (one transaction) for a bulk import, which holds the
 * import lock meanwhile; returns what creates them again and lets the lock go (to call in a
 * `finally`, before the import's end). PostgreSQL: nothing.
 */
export async function deferIndexes(db: Db, engine: 'embedded' | 'postgres'): Promise<() => Promise<void>> {
  if (engine !== 'embedded') return async () => {};
  const file = await databaseFile(db);
  // The search index's bulk() holds the lock already during an import (then this is a no-op).
  const release = file ? (await lockOf()).holdImportLock(file) : () => {};
  try {
    await db.transaction().execute(async (trx) => {
      for (const name of DEFERRED_INDEXES) await sql`DROP INDEX IF EXISTS ${sql.id(name)}`.execute(trx);
    });
  } catch (err) {
    release();
    throw err;
  }
  return async () => {
    try {
      await createMissing(db);
    } finally {
      release();
    }
  };
}

/**
 * The deferred indexes that an import killed with -9 (or a second Ctrl+C) left missing are created
 * again, unless an import runs now: by a process that starts (bootstrap's prepare()), and by the
 * running site's job on a thread of its own (publication.bulk-indexes-job.ts, which stops it with
 * `shouldStop`). Their names.
 */
export async function restoreDeferredIndexes(db: Db, shouldStop?: () => boolean | Promise<boolean>): Promise<Restored> {
  if (!(await indexesMissing(db))) return { built: [] };
  const file = await databaseFile(db);
  if (file && (await lockOf()).importRunning(file)) return { built: [], stopped: true };
  return createMissing(db, shouldStop);
}
