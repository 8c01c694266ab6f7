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
//   half a batch behind.
import { createHash } from 'node:crypto';
import { recordEvents, type AuditContext } from '../../platform/audit.ts';
import { ValidationError } from '../../platform/errors.ts';
import { takeBlock } from '../../platform/counters.ts';
import { publicationEvents } from '../../platform/publication-events.ts';
import type { Db, Executor, Trx } from '../../platform/transaction.ts';
import { todayInShanghai, type WorkCalendar } from '../calendar/index.ts';
import { findAgencyById } from '../agency/index.ts';
import { formatIndexNumber, listCategories } from '../catalog/index.ts';
import type { KnownPublicData } from '../../platform/privacy/personal-data.ts';
import { contentColumns, dueOn } from './publication.content.ts';
import { BORROWED_TEXT } from './publication.repository.ts';
import { knownPublicData, storeNewTextFindings, textFieldFindings } from './privacy-guard.ts';
import type { CheckedInput } from './publication.input.ts';
import { isLateRelease } from './publication.rules.ts';
import type { NumberedRow, TransferRow } from './publication.transfer-file.ts';
import { categoryResolver, checkRow, type RowProblem } from './publication.transfer.ts';

/**
 * The identity of a row of an imported file, stored as publications.import_key (unique per
 * agency): the file's 导入标识 (importKey) column as written when it has one; else `索引号:` and
 * its 索引号; else `#` and a hash of 标题 + 文号 + 成文日期 — two rows that agree on all three are
 * taken for the same publication. An export writes the stored key into 导入标识, so that
 * importing the export again finds every row already in.
 */
export function importKeyOf(v: TransferRow): string {
  const explicit = (v.importKey ?? '').trim();
  if (explicit) return explicit.slice(0, 200);
  const index = (v.indexNumber ?? '').trim();
  if (index) return `索引号:${index}`;
  const h = createHash('sha256')
    .update(`${(v.title ?? '').trim()}\u0000${(v.documentNumber ?? '').trim()}\u0000${(v.formedOn ?? '').trim()}`)
    .digest('hex');
  return `#${h.slice(0, 32)}`;
}

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
}

interface Ready {
  row: number;
  key: string;
  cols: ReturnType<typeof contentColumns>;
  links: Pick<CheckedInput, 'categoryIds' | 'channels'>;
  due: ReturnType<typeof dueOn>;
  indexNumber: string;
  publishedOn: string;
}

const CHUNK = 200;

function chunks<T>(xs: readonly T[], n = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
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
  const resolve = categoryResolver(await listCategories(db, agencyId, { activeOnly: true }));
  const known = await knownPublicData(db);
  const today = todayInShanghai(new Date(ctx.at));
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

  async function runBatch(batch: NumberedRow[]): Promise<void> {
    // ---- checks that need no transaction ----
    const byKey = new Map<string, Ready>();
    for (const r of batch) {
      if (r.problem) {
        problem([{ row: r.row, column: '', message: r.problem }]);
        continue;
      }
      const c = checkRow(r, resolve, today);
      if (Array.isArray(c)) {
        problem(c);
        continue;
      }
      const { checked } = c;
      let due: Ready['due'];
      try {
        due = dueOf(checked.formedOn);
      } catch (err) {
        if (!(err instanceof ValidationError)) throw err;
        problem([{ row: r.row, column: '成文日期', message: Object.values(err.fields ?? {}).join('；') }]);
        continue;
      }
      const key = importKeyOf(r.values);
      if (byKey.has(key)) {
        stats.skipped++;
        continue;
      }
      byKey.set(key, {
        row: r.row,
        key,
        cols: contentColumns(checked),
        links: { categoryIds: checked.categoryIds, channels: checked.channels },
        due,
        indexNumber: c.indexNumber,
        publishedOn: c.publishedOn,
      });
    }
    const there = new Set<string>();
    for (const part of chunks([...byKey.keys()], 500)) {
      const found = await db
        .selectFrom('publications')
        .select('importKey')
        .where('agencyId', '=', agencyId)
        .where('importKey', 'in', part)
        .execute();
      for (const f of found) if (f.importKey) there.add(f.importKey);
    }
    let ready = [...byKey.values()].filter((r) => !there.has(r.key));
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
    // ---- one transaction: the batch is in, or none of it ----
    stats.imported += await db.transaction().execute(async (trx) => {
      await allocateIndexNumbers(trx, agencyId, ready, format);
      return insertBatch(trx, ctx, agencyId, ready, known, o.fileName ?? '');
    });
  }

  let batch: NumberedRow[] = [];
  for await (const r of rows) {
    stats.read++;
    batch.push(r);
    if (batch.length < batchSize) continue;
    await runBatch(batch);
    batch = [];
    o.onBatch?.({ ...stats });
    // A turn of the event loop: rows parsed from a chunk already read and queries of the embedded
    // engine resolve as microtasks, so a signal handler would otherwise wait for the whole file.
    await new Promise((done) => setImmediate(done));
    if (o.shouldStop?.()) return { ...stats, stopped: true };
  }
  if (batch.length) {
    await runBatch(batch);
    o.onBatch?.({ ...stats });
  }
  return { ...stats, stopped: false };
}

async function indexNumbersTaken(db: Executor, numbers: string[]): Promise<Set<string>> {
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
async function allocateIndexNumbers(
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
      const y = Number(r.cols.formedOn.slice(0, 4));
      byYear.set(y, [...(byYear.get(y) ?? []), r]);
    }
    const candidates: Ready[] = [];
    for (const [year, list] of byYear) {
      const seqs = await takeBlock(trx, { kind: 'indexNumber', agencyId, year }, list.length);
      list.forEach((r, i) => {
        r.indexNumber = format(r.cols.formedOn, seqs[i] as number);
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
async function insertBatch(
  trx: Trx,
  ctx: AuditContext,
  agencyId: number,
  ready: Ready[],
  known: KnownPublicData,
  fileName: string,
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
            ...r.cols,
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
  // row, stored in multi-row statements (a new publication has no findings stored yet).
  await storeNewTextFindings(
    trx,
    inserted
      .map(({ id, r }) => ({ pub: { id, agencyId }, found: textFieldFindings(r.cols, known) }))
      .filter(({ found }) => found.some(([, fs]) => fs.length > 0)),
    ctx.at,
  );
  await publicationEvents.emitMany(
    trx,
    inserted.map((i) => i.id),
  );
  return inserted.length;
}
