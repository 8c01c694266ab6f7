// The writes of a bulk import's batch (publication.bulk-import.ts), inside the batch's transaction:
// the 索引号 of the rows without one, then the publications, their categories, channels, first
// revisions, audit events, personal-data findings and the listeners' parts (the search index) in
// multi-row statements. Only the main thread calls these, in the file's order.
import { closeSync, fsyncSync, openSync } from 'node:fs';
import { sql } from 'kysely';
import { recordEvents, type AuditContext } from '../../platform/audit.ts';
import { ValidationError } from '../../platform/errors.ts';
import { takeBlock } from '../../platform/counters.ts';
import { publicationEvents } from '../../platform/publication-events.ts';
import type { Db, Executor, Trx } from '../../platform/transaction.ts';
import { todayInShanghai } from '../calendar/index.ts';
import type { dueOn } from './publication.content.ts';
import type { PreparedRow } from './publication.import-prepare.ts';
import { BORROWED_TEXT } from './publication.repository.ts';
import { storeNewTextFindings } from './privacy-guard.ts';
import { isLateRelease } from './publication.rules.ts';

/** The embedded engine's page cache during a bulk import, in KiB (better-sqlite3's default: 16,000). */
export const BULK_CACHE_KIB = 256 * 1024;

/**
 * The WAL pages after which the import's connection checkpoints (SQLite's default: 1,000): ~512 MB,
 * about four batches of the bench corpus at 100,000 rows and more, instead of a checkpoint after
 * every batch.
 */
export const BULK_WAL_PAGES = 131_072;

/**
 * Embedded engine: the import's connection keeps up to BULK_CACHE_KIB of database pages while it
 * runs — a batch dirties ~95 MB of pages (more when FTS5 merges), which a 16 MB cache wrote out to
 * the WAL before the commit and read back again (docs/PERFORMANCE.md "Embedded bulk import: one
 * segment a batch") — and checkpoints the WAL every BULK_WAL_PAGES pages instead of after every
 * batch: the leaves of the date-ordered B-trees that every batch dirties again (docs/PERFORMANCE.md
 * "Embedded bulk import: a stop without a merge left behind, statistics, checkpoints") are copied
 * into the database once for four batches. Its commits do not wait for the disk (`synchronous =
 * NORMAL` instead of FULL): a committed batch is in the WAL, which the operating system holds, so
 * the import's process ending in any way (kill -9 too) loses none; only a power loss or a crash of
 * the machine can take the batches committed since the last checkpoint (the WAL is synced before
 * each checkpoint), and the database stays consistent then — a second run imports those rows again,
 * as it skips only the keys that are in (docs/PERFORMANCE.md "Embedded bulk import: the commit
 * path"). Returns what syncs the WAL to the disk, sets the connection's own settings back and
 * truncates the WAL (else its file would stay at its largest size): once it has run, every batch
 * committed is on the disk. PostgreSQL: nothing.
 */
export async function bulkCache(db: Db, engine: 'embedded' | 'postgres'): Promise<() => Promise<void>> {
  if (engine !== 'embedded') return async () => {};
  // A pragma's one value (its column's name goes through the camel-case plugin).
  const value = async (pragma: 'cache_size' | 'wal_autocheckpoint' | 'synchronous') =>
    Object.values((await sql<Record<string, number>>`PRAGMA ${sql.raw(pragma)}`.execute(db)).rows[0] ?? {})[0];
  const before = await value('cache_size');
  const wal = await value('wal_autocheckpoint');
  const synchronous = await value('synchronous');
  await sql`PRAGMA cache_size = ${sql.lit(-BULK_CACHE_KIB)}`.execute(db);
  await sql`PRAGMA wal_autocheckpoint = ${sql.lit(BULK_WAL_PAGES)}`.execute(db);
  await sql`PRAGMA synchronous = NORMAL`.execute(db);
  return async () => {
    try {
      // The batches committed since the last checkpoint, on the disk before anything else: the
      // checkpoint below syncs them too, but not when another connection's read keeps it from
      // reaching the WAL's end.
      await syncWal(db);
    } finally {
      if (synchronous !== undefined) await sql`PRAGMA synchronous = ${sql.lit(synchronous)}`.execute(db);
      if (before !== undefined) await sql`PRAGMA cache_size = ${sql.lit(before)}`.execute(db);
      if (wal !== undefined) await sql`PRAGMA wal_autocheckpoint = ${sql.lit(wal)}`.execute(db);
    }
    await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(db);
  };
}

/** fsync of the connection's WAL file (the main database file's name and `-wal`), when there is one. */
async function syncWal(db: Db): Promise<void> {
  const { rows } = await sql<{ name: string; file: string }>`PRAGMA database_list`.execute(db);
  const file = rows.find((r) => r.name === 'main')?.file;
  if (file) syncWalFile(file); // else in memory
}

/**
 * fsync of the WAL file of the embedded database `file` (its name and `-wal`), when there is one:
 * what an import that must exit at once (a second Ctrl+C) does last, so that the batches it
 * committed with `synchronous = NORMAL` are on the disk, not only in the operating system's cache.
 */
export function syncWalFile(file: string): void {
  let fd: number;
  try {
    fd = openSync(`${file}-wal`, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** The tables an import writes (the search index's own FTS5 tables have no use for statistics). */
const WRITTEN = [
  'publications',
  'publication_categories',
  'publication_channels',
  'publication_revisions',
  'privacy_findings',
  'audit_events',
  'search_documents',
] as const;

/**
 * The fewest rows after which an import refreshes the query planner's statistics of the tables it
 * wrote (and at least a tenth of the publications there were before, PostgreSQL autovacuum's
 * default share).
 */
export const STATISTICS_ROWS = 1000;

/**
 * Refreshes the planner's statistics of the tables an import wrote: a large import changes what
 * the planner should think of them (at 20,000 imported publications on a folder analysed at 75,
 * the article's has-解读 read went through the state index, 52 ms, until `PRAGMA optimize` ran —
 * on the server's start or hourly, and only for tables grown tenfold). SQLite: ANALYZE with the
 * sample that optimizeSqlite uses (`analysis_limit` 1000 rows an index); PostgreSQL: ANALYZE
 * (autovacuum would, within a minute or so, meanwhile the site's plans are the old ones).
 */
export async function refreshStatistics(db: Db, engine: 'embedded' | 'postgres'): Promise<void> {
  if (engine === 'embedded') {
    await sql`PRAGMA analysis_limit = 1000`.execute(db);
    for (const t of WRITTEN) await sql`ANALYZE ${sql.table(t)}`.execute(db);
  } else await sql`ANALYZE ${sql.join(WRITTEN.map((t) => sql.table(t)))}`.execute(db);
}

/**
 * Embedded engine: the row count of `publications` in the planner's statistics (sqlite_stat1), or
 * undefined where none were taken (the planner then assumes a large table) and on PostgreSQL, whose
 * autovacuum analyses a table that grew by a tenth.
 */
export async function statisticsRows(db: Db, engine: 'embedded' | 'postgres'): Promise<number | undefined> {
  if (engine !== 'embedded') return undefined;
  const { rows: table } = await sql<{
    n: number;
  }>`SELECT count(*) AS n FROM sqlite_master WHERE name = 'sqlite_stat1'`.execute(db);
  if (!Number(table[0]?.n)) return undefined;
  const { rows } = await sql<{
    stat: string;
  }>`SELECT stat FROM sqlite_stat1 WHERE tbl = 'publications' LIMIT 1`.execute(db);
  const n = Number.parseInt(rows[0]?.stat ?? '', 10);
  return Number.isFinite(n) ? n : undefined;
}

/**
 * Whether an import that has `publications` rows in the table now refreshes the statistics taken
 * at `known` rows: once the table doubled (and grew by STATISTICS_ROWS). Statistics of a small
 * table make the planner read a batch's own rows by id with a scan of the whole table, a scan that
 * grows with every batch (docs/PERFORMANCE.md "Embedded bulk import: a small table's statistics
 * during the load").
 */
export function statisticsStale(known: number | undefined, publications: number): boolean {
  return known !== undefined && publications >= 2 * known && publications - known >= STATISTICS_ROWS;
}

/** A row checked and prepared, with its due date: what a batch writes. */
export type Ready = PreparedRow & Required<Pick<PreparedRow, 'full'>> & { due: ReturnType<typeof dueOn> };

const CHUNK = 200;

export function chunks<T>(xs: readonly T[], n = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}

/** The given 索引号 already used by a publication. */
export async function indexNumbersTaken(db: Executor, numbers: string[]): Promise<Set<string>> {
  const taken = new Set<string>();
  for (const part of chunks(numbers, 500)) {
    if (!part.length) continue;
    const rows = await db.selectFrom('publications').select('indexNumber').where('indexNumber', 'in', part).execute();
    for (const r of rows) if (r.indexNumber) taken.add(r.indexNumber);
  }
  return taken;
}

/**
 * 索引号 for the rows without one, from the agency's series of each row's year (the same series
 * and format as a release through the workflow): one counter statement per year and round; a
 * formatted number that is already in use is skipped, as allocateNumber() does.
 */
export async function allocateIndexNumbers(
  trx: Trx,
  agencyId: number,
  rows: Ready[],
  format: (formedOn: string, seq: number) => string,
): Promise<void> {
  for (let round = 0; round < 1000; round++) {
    const open = rows.filter((r) => !r.indexNumber);
    if (!open.length) return;
    const byYear = new Map<number, Ready[]>();
    for (const r of open) {
      const y = Number(r.formedOn.slice(0, 4));
      byYear.set(y, [...(byYear.get(y) ?? []), r]);
    }
    const candidates: Ready[] = [];
    for (const [year, list] of byYear) {
      const seqs = await takeBlock(trx, { kind: 'indexNumber', agencyId, year }, list.length);
      list.forEach((r, i) => {
        r.indexNumber = format(r.formedOn, seqs[i] as number);
        candidates.push(r);
      });
    }
    const taken = await indexNumbersTaken(
      trx,
      candidates.map((r) => r.indexNumber),
    );
    for (const r of candidates) if (taken.has(r.indexNumber)) r.indexNumber = '';
  }
  throw new ValidationError({ indexNumber: '无法生成不重复的索引号，请检查本机关的索引号格式。' });
}

/** Writes a checked batch; returns how many rows were new (the others' keys were in already). */
export async function insertBatch(
  trx: Trx,
  ctx: AuditContext,
  agencyId: number,
  ready: Ready[],
  preparers: readonly string[],
  fileName: string,
  deferred = false,
): Promise<number> {
  const byKey = new Map(ready.map((r) => [r.key, r]));
  const at = (r: Ready) => (r.publishedOn ? `${r.publishedOn}T02:00:00.000Z` : ctx.at);
  const inserted: { id: number; r: Ready }[] = [];
  for (const part of chunks(ready)) {
    const ids = await trx
      .insertInto('publications')
      .values(
        part.map((r) => {
          const publishedOn = r.publishedOn || todayInShanghai(new Date(ctx.at));
          return {
            agencyId,
            ...r.full.cols,
            ...r.due,
            publishedAt: at(r),
            publishedOn,
            isLate: isLateRelease(r.due.dueOn, publishedOn) ? 1 : 0,
            invalidOn: null,
            repealedOn: null,
            disclosureMode: 'proactive' as const,
            indexNumber: r.indexNumber,
            state: 'published' as const,
            docRepealedOn: null,
            withdrawnAt: null,
            withdrawnReason: '',
            reviewComment: '',
            revision: 1,
            importKey: r.key,
            createdBy: null,
            createdAt: at(r),
            updatedAt: at(r),
          };
        }),
      )
      .onConflict((oc) => oc.columns(['agencyId', 'importKey']).doNothing())
      .returning(['id', 'importKey'])
      .execute();
    for (const { id, importKey } of ids) inserted.push({ id, r: byKey.get(importKey ?? '') as Ready });
  }
  if (!inserted.length) return 0;
  for (const part of chunks(inserted)) {
    const cats = part.flatMap(({ id, r }) =>
      r.links.categoryIds.map((categoryId) => ({ publicationId: id, categoryId })),
    );
    if (cats.length) await trx.insertInto('publicationCategories').values(cats).execute();
    const chans = part.flatMap(({ id, r }) =>
      r.links.channels.map((channel) => ({ publicationId: id, channel, note: '' })),
    );
    if (chans.length) await trx.insertInto('publicationChannels').values(chans).execute();
    await trx
      .insertInto('publicationRevisions')
      .values(
        part.map(({ id, r }) => ({
          publicationId: id,
          revision: 1,
          ...BORROWED_TEXT,
          note: '首次发布',
          releasedAt: at(r),
          releasedBy: null,
        })),
      )
      .execute();
  }
  await recordEvents(
    trx,
    ctx,
    'publication.imported',
    inserted.map(({ id, r }) => ({
      entity: { type: 'publication', id, agencyId },
      summary: {
        after: { indexNumber: r.indexNumber, publishedOn: r.publishedOn || todayInShanghai(new Date(ctx.at)) },
        note: `${fileName} 第 ${r.row} 行`,
      },
    })),
  );
  // The personal-data scan of the text fields, as scanTextFields() on release: detected once per
  // row (when it was prepared), stored in multi-row statements (a new publication has no findings
  // stored yet).
  await storeNewTextFindings(
    trx,
    inserted
      .map(({ id, r }) => ({ pub: { id, agencyId }, found: r.full.findings }))
      .filter(({ found }) => found.some(([, fs]) => fs.length > 0)),
    ctx.at,
  );
  // The listeners' parts prepared ahead (the search text and tokens), by listener and id.
  await publicationEvents.emitMany(
    trx,
    inserted.map((i) => i.id),
    (url) => {
      const k = preparers.indexOf(url);
      return k < 0 ? undefined : inserted.map(({ r }) => r.full.prepared[k]);
    },
    deferred,
  );
  return inserted.length;
}
