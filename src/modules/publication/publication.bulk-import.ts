// `gongkai import publications` at province scale (issue #16 point 3). Rows come from a streaming
// reader (publication.transfer-stream.ts) and are written in batches, one transaction per batch:
// - each row is checked on its own (publication.transfer.ts: checkRow); a bad row is reported by
//   row and column and left out, the good rows of the file are imported all the same;
// - each row has an import key (importKeyOf) stored with the publication, unique per agency; rows
//   whose key is already in are skipped, so a second run of an interrupted import carries on
//   where the first stopped (INSERT … ON CONFLICT DO NOTHING guards against a concurrent run);
// - a batch is released as the workflow would (state published, 索引号 from the agency's series
//   or the file, due date, revision 1 「首次发布」, one audit event per publication), with
//   multi-row statements: the index numbers in one counter statement per year, the search index
//   in a few statements (publicationEvents.emitMany → search.sync's batch path), the
//   personal-data scan's findings in multi-row statements;
// - a batch is committed whole or not at all: an interruption (SIGINT, or kill -9) never leaves
//   half a batch behind;
// - the per-row pure work (checks, import key, the stored columns, the personal-data detectors,
//   the search text and tokens without the 索引号: publication.import-prepare.ts) runs on worker
//   threads for batch N+1 while the main thread writes batch N; the main thread alone writes, in
//   the file's order (docs/ARCHITECTURE.md "Bulk import").
import { availableParallelism } from 'node:os';
import { PostgresAdapter } from 'kysely';
import type { AuditContext } from '../../platform/audit.ts';
import { ValidationError } from '../../platform/errors.ts';
import { publicationEvents } from '../../platform/publication-events.ts';
import { startThreadPool, type ThreadPool } from '../../platform/thread-pool.ts';
import type { Db, Executor } from '../../platform/transaction.ts';
import { todayInShanghai, type WorkCalendar } from '../calendar/index.ts';
import { findAgencyById } from '../agency/index.ts';
import { formatIndexNumber, listCategories } from '../catalog/index.ts';
import { dueOn } from './publication.content.ts';
import {
  importKeyOf,
  INDEX_KEY,
  rowPreparer,
  type PrepareContext,
  type PreparedResult,
  type PreparedRow,
  type RowToPrepare,
} from './publication.import-prepare.ts';
import {
  allocateIndexNumbers,
  bulkCache,
  chunks,
  indexNumbersTaken,
  insertBatch,
  refreshStatistics,
  STATISTICS_ROWS,
  statisticsRows,
  statisticsStale,
  type Ready,
} from './publication.bulk-import-write.ts';
import { deferIndexes, defersIndexes } from './publication.bulk-indexes.ts';
import { knownPublicData } from './privacy-guard.ts';
import type { NumberedRow } from './publication.transfer-file.ts';
import type { RowProblem } from './publication.transfer.ts';

export { importKeyOf };

export interface BulkImportStats {
  /** Rows read from the file so far. */
  read: number;
  imported: number;
  /** Rows whose import key was already in (an earlier run, or an earlier row of the file). */
  skipped: number;
  bad: number;
}

export interface BulkImportOptions {
  /** Rows per transaction (default 1000). */
  batchSize?: number;
  /** Called for each problem of a bad row (the row is left out). */
  onProblem?: (p: RowProblem) => void;
  /** Called after each committed batch. */
  onBatch?: (s: BulkImportStats) => void;
  /** Asked after each committed batch: true stops the import there (SIGINT). */
  shouldStop?: () => boolean;
  /** Named in each publication's audit event. */
  fileName?: string;
  /**
   * Worker threads for the per-row work (default: one fewer than the cores, at most 4; 0: all in
   * the main thread). A file of one batch or less is prepared in the main thread.
   */
  workers?: number;
  /**
   * Told when the workers cannot start (the import then goes on in the main thread), and when the
   * date indexes are being built at the end.
   */
  onNotice?: (message: string) => void;
  /**
   * The share of the file read so far (0–1): with the first batch's rows it says how many rows the
   * file holds, and so whether the date indexes are built after the load (publication.bulk-indexes.ts).
   */
  fileShare?: () => number;
}

/** The default number of worker threads: the main thread keeps a core for the writes. */
export function defaultWorkers(): number {
  return Math.min(4, availableParallelism() - 1);
}

/** Imports the rows in batches; returns when the rows are read or shouldStop() said so. */
export async function bulkImport(
  db: Db,
  ctx: AuditContext,
  cal: WorkCalendar,
  agencyId: number,
  rows: AsyncIterable<NumberedRow>,
  o: BulkImportOptions = {},
): Promise<BulkImportStats & { stopped: boolean }> {
  const batchSize = Math.max(1, o.batchSize ?? 1000);
  const agency = await findAgencyById(db, agencyId);
  if (!agency) throw new ValidationError({ agency: '找不到该机关。' });
  const context: PrepareContext = {
    categories: await listCategories(db, agencyId, { activeOnly: true }),
    known: await knownPublicData(db),
    today: todayInShanghai(new Date(ctx.at)),
    engine: db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'embedded',
    preparers: publicationEvents.preparers(),
  };
  // The main thread's own preparation: no listener's `prepare` (the listeners then compute their
  // part at the write, as for any release). Used without workers, for the first batch while the
  // workers start, and for a row sent as "check only" whose key turned out not to be in.
  const prepareHere = rowPreparer(context, []);
  const stats: BulkImportStats = { read: 0, imported: 0, skipped: 0, bad: 0 };
  const problem = (ps: RowProblem[]) => {
    stats.bad++;
    for (const p of ps) o.onProblem?.(p);
  };
  const format = (formedOn: string, seq: number) =>
    formatIndexNumber(agency.indexPattern, {
      creditCode: agency.creditCode,
      shortCode: agency.slug,
      year: Number(formedOn.slice(0, 4)),
      month: Number(formedOn.slice(5, 7)),
      seq,
    });

  // dueOn() of each 成文日期 once (a pure function of the calendar and the date: the working-day
  // walk was ~0.16 ms a row, and a file has a few thousand distinct dates): its result or its error.
  const dues = new Map<string, Ready['due'] | ValidationError>();
  const dueOf = (formedOn: string): Ready['due'] => {
    let d = dues.get(formedOn);
    if (d === undefined) {
      try {
        d = dueOn(cal, formedOn);
      } catch (err) {
        if (!(err instanceof ValidationError)) throw err;
        d = err;
      }
      dues.set(formedOn, d);
    }
    if (d instanceof ValidationError) throw d;
    return d;
  };

  async function keysIn(executor: Executor, keys: string[]): Promise<Set<string>> {
    const there = new Set<string>();
    for (const part of chunks(keys, 500)) {
      const found = await executor
        .selectFrom('publications')
        .select('importKey')
        .where('agencyId', '=', agencyId)
        .where('importKey', 'in', part)
        .execute();
      for (const f of found) if (f.importKey) there.add(f.importKey);
    }
    // A row keyed by its 索引号 is in when the agency has a publication with that 索引号, imported
    // or not: an export of publications made through the site (they have no import key) imports
    // again as rows already in, not as 索引号 in use.
    const byIndex = keys.filter((k) => k.startsWith(INDEX_KEY) && !there.has(k));
    for (const part of chunks(byIndex, 500)) {
      const found = await executor
        .selectFrom('publications')
        .select('indexNumber')
        .where('agencyId', '=', agencyId)
        .where(
          'indexNumber',
          'in',
          part.map((k) => k.slice(INDEX_KEY.length)),
        )
        .execute();
      for (const f of found) if (f.indexNumber) there.add(`${INDEX_KEY}${f.indexNumber}`);
    }
    return there;
  }

  async function runBatch(prepared: PreparedResult[]): Promise<void> {
    // ---- checks that need no transaction (the rows' own checks were made ahead) ----
    const byKey = new Map<string, PreparedRow>();
    for (const r of prepared) {
      if ('problems' in r) {
        problem(r.problems);
        continue;
      }
      let due: Ready['due'];
      try {
        due = dueOf(r.formedOn);
      } catch (err) {
        if (!(err instanceof ValidationError)) throw err;
        problem([{ row: r.row, column: '成文日期', message: Object.values(err.fields ?? {}).join('；') }]);
        continue;
      }
      if (byKey.has(r.key)) {
        stats.skipped++;
        continue;
      }
      byKey.set(r.key, Object.assign(r, { due }));
    }
    const there = await keysIn(db, [...byKey.keys()]);
    let ready = [...byKey.values()].filter((r) => !there.has(r.key)) as (PreparedRow & { due: Ready['due'] })[];
    stats.skipped += byKey.size - ready.length;
    const given = ready.filter((r) => r.indexNumber);
    const taken = await indexNumbersTaken(
      db,
      given.map((r) => r.indexNumber),
    );
    const seen = new Set<string>();
    ready = ready.filter((r) => {
      if (!r.indexNumber) return true;
      const dup = seen.has(r.indexNumber);
      seen.add(r.indexNumber);
      if (!dup && !taken.has(r.indexNumber)) return true;
      const message = dup ? `索引号 ${r.indexNumber} 在文件中重复` : `索引号 ${r.indexNumber} 已被使用`;
      problem([{ row: r.row, column: '索引号', message }]);
      return false;
    });
    if (!ready.length) return;
    // The date indexes dropped before the first row written (a second run skips the rows already
    // in without them); created again at the end.
    if (indexes.defer && !indexes.build) indexes.build = await deferIndexes(db, context.engine);
    // A row sent as "check only" (its key was in when the batch was sent) whose publication has
    // gone since: prepared here.
    const full = ready.map((r) =>
      r.full ? r : Object.assign(r, { full: (prepareHere(rowOf(r)) as PreparedRow).full }),
    );
    // ---- one transaction: the batch is in, or none of it ----
    const imported = await db.transaction().execute(async (trx) => {
      await allocateIndexNumbers(trx, agencyId, full as Ready[], format);
      return insertBatch(
        trx,
        ctx,
        agencyId,
        full as Ready[],
        context.preparers,
        o.fileName ?? '',
        indexes.defer && context.engine === 'embedded',
      );
    });
    stats.imported += imported;
    // A row whose key came in after the check (another import of the same rows at once) is skipped.
    stats.skipped += full.length - imported;
  }

  // Whether the date indexes are built after the load, and what builds them (once dropped).
  const indexes: { defer: boolean; build?: () => Promise<void> } = { defer: false };

  // The rows of each batch, kept until it is written (a "check only" row may need them again).
  const rowsOf = new Map<number, NumberedRow>();
  const rowOf = (r: PreparedRow) => rowsOf.get(r.row) as NumberedRow;

  /**
   * Sends a batch to the workers (started now if need be); the rows whose key is in already are
   * only checked there. Returns the batch's preparation, awaited when the batch is written.
   */
  let pool: Promise<ThreadPool<RowToPrepare, PreparedResult> | null> | null = null;
  const workers = Math.max(0, Math.floor(o.workers ?? defaultWorkers()));
  async function send(batch: NumberedRow[], first: boolean, last: boolean): Promise<() => Promise<PreparedResult[]>> {
    for (const r of batch) rowsOf.set(r.row, r);
    if (workers === 0 || (first && last)) return async () => batch.map((r) => prepareHere(r));
    if (!pool)
      pool = startThreadPool<RowToPrepare, PreparedResult>(
        new URL('./publication.import-prepare.ts', import.meta.url).href,
        context,
        workers,
      ).catch((err: unknown) => {
        o.onNotice?.(
          `无法启动工作线程，改在主线程中处理（${err instanceof Error ? err.message.split('\n')[0] : String(err)}）。`,
        );
        return null;
      });
    // The first batch in the main thread while the workers load their modules.
    if (first) return async () => batch.map((r) => prepareHere(r));
    const there = await keysIn(
      db,
      batch.map((r) => importKeyOf(r.values)),
    );
    const running = pool.then((p) =>
      p
        ? p.run(batch.map((row) => ({ row, checkOnly: there.has(importKeyOf(row.values)) })))
        : batch.map((r) => prepareHere(r)),
    );
    // Awaited after the batch before it is written: a failure is not "unhandled" meanwhile.
    running.catch(() => {});
    return () => running;
  }

  const source = rows[Symbol.asyncIterator]();
  let done = false;
  async function readBatch(): Promise<NumberedRow[]> {
    const batch: NumberedRow[] = [];
    while (!done && batch.length < batchSize) {
      const r = await source.next();
      if (r.done) done = true;
      else batch.push(r.value);
    }
    return batch;
  }

  const publicationsBefore = Number(
    (
      await db
        .selectFrom('publications')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  // The row count the planner's statistics know, refreshed as the table grows (statisticsStale).
  let statisticsAt = await statisticsRows(db, context.engine);
  // The listeners' settings for a bulk load (the embedded search index's merges), until the end.
  const endCache = await bulkCache(db, context.engine);
  const endBulk = await publicationEvents
    .bulk(db, {
      workers: Math.max(0, Math.floor(o.workers ?? defaultWorkers())),
      ...(o.onNotice ? { notice: o.onNotice } : {}),
      ...(o.shouldStop ? { shouldStop: o.shouldStop } : {}),
    })
    .catch(async (err: unknown) => {
      await endCache();
      throw err;
    });
  let completed = false;
  let ended = false; // the rows read, or stopped between batches (not failed)
  try {
    let batch = await readBatch();
    const share = done ? 1 : (o.fileShare?.() ?? 0);
    indexes.defer = share > 0 && defersIndexes(batch.length / share, publicationsBefore);
    // The same rule lets the listeners leave their work to the end (the embedded search index is
    // built in rank order after the load, search.backlog.ts): the rows' search text and tokens are
    // then not made ahead on the workers.
    if (indexes.defer && context.engine === 'embedded') context.preparers = [];
    let prepared = batch.length ? await send(batch, true, done) : null;
    while (prepared) {
      // Batch N+1 is read and sent before batch N is written: the workers prepare it meanwhile.
      const next = done ? [] : await readBatch();
      const nextPrepared = next.length ? await send(next, false, done) : null;
      await runBatch(await prepared());
      if (statisticsStale(statisticsAt, publicationsBefore + stats.imported)) {
        await refreshStatistics(db, context.engine);
        statisticsAt = publicationsBefore + stats.imported;
      }
      stats.read += batch.length;
      for (const r of batch) rowsOf.delete(r.row);
      o.onBatch?.({ ...stats });
      // A turn of the event loop: rows parsed from a chunk already read and queries of the embedded
      // engine resolve as microtasks, so a signal handler would otherwise wait for the whole file.
      await new Promise((resolve) => setImmediate(resolve));
      if (nextPrepared && o.shouldStop?.()) {
        ended = true;
        return { ...stats, stopped: true };
      }
      batch = next;
      prepared = nextPrepared;
    }
    completed = ended = true;
    return { ...stats, stopped: false };
  } finally {
    if (!done) await source.return?.();
    const started = pool as Promise<ThreadPool<RowToPrepare, PreparedResult> | null> | null;
    await (await started)?.close();
    try {
      if (indexes.build) {
        o.onNotice?.('正在重建发布日期、办理期限的索引（导入期间暂时删除，以加快写入）……');
        await indexes.build();
      }
    } finally {
      try {
        await endBulk(completed);
      } finally {
        await endCache();
      }
    }
    if (ended && stats.imported >= STATISTICS_ROWS && stats.imported * 10 >= publicationsBefore)
      await refreshStatistics(db, context.engine);
  }
}
