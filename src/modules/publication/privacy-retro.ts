// The retroactive scan of what is already public (issue #18 point 4): every published publication
// (of one agency and those below it, or all; released since a date, or ever) scanned by the guard —
// title, summary, body and each attachment's text; images and scanned pages are queued for OCR
// (job privacy.ocr). A run is a row of privacy_scan_runs that keeps the last publication id it
// finished, so a run that was interrupted (the process ended, the CLI was stopped) resumes where it
// stopped: starting the same scan again continues the unfinished run instead of starting over.
import { sql } from 'kysely';
import type { FileStore } from '../../platform/storage/file-store.ts';
import { inTransaction, type Db, type Executor } from '../../platform/transaction.ts';
import { sniffFileKind } from './file-type.ts';
import { scanTextFields } from './privacy-guard.ts';
import { readAttachmentText, storeAttachmentScan, type AttachmentTextScan } from './privacy-file-scan.ts';

export interface RetroScope {
  /** The agency and those below it (materialised path), or every agency. */
  agencyId: number | null;
  /** Released on or after this date (YYYY-MM-DD), or ever. */
  since: string | null;
}

async function scopeQuery(db: Executor, scope: RetroScope) {
  let q = db.selectFrom('publications').where('publications.state', '=', 'published');
  if (scope.agencyId !== null) {
    const a = await db.selectFrom('agencies').select('path').where('id', '=', scope.agencyId).executeTakeFirstOrThrow();
    q = q.where('agencyId', 'in', db.selectFrom('agencies').select('id').where('path', 'like', `${a.path}%`));
  }
  if (scope.since) q = q.where('publishedOn', '>=', scope.since);
  return q;
}

/** The unfinished run of this scope, or a new one (its total counted now). */
export async function startOrResumeRun(db: Db, scope: RetroScope, by: number | null, at: string): Promise<number> {
  let q = db.selectFrom('privacyScanRuns').select('id').where('state', '=', 'running');
  q = scope.agencyId === null ? q.where('agencyId', 'is', null) : q.where('agencyId', '=', scope.agencyId);
  q = scope.since === null ? q.where('since', 'is', null) : q.where('since', '=', scope.since);
  const open = await q.orderBy('id', 'desc').executeTakeFirst();
  if (open) return open.id;
  const total = await (await scopeQuery(db, scope)).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  const r = await db
    .insertInto('privacyScanRuns')
    .values({
      agencyId: scope.agencyId,
      since: scope.since,
      state: 'running',
      lastPublicationId: 0,
      total: Number(total.n),
      done: 0,
      findings: 0,
      startedBy: by,
      startedAt: at,
      finishedAt: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

/**
 * Scans up to `batch` more publications of a run (in id order after the last one finished), each in
 * its own transaction with the run's position; returns whether the run is finished.
 */
export async function continueRun(
  db: Db,
  store: FileStore,
  runId: number,
  at: () => string,
  batch = 200,
): Promise<boolean> {
  const run = await db.selectFrom('privacyScanRuns').selectAll().where('id', '=', runId).executeTakeFirstOrThrow();
  if (run.state === 'done') return true;
  const rows = await (
    await scopeQuery(db, { agencyId: run.agencyId, since: run.since })
  )
    .select(['publications.id', 'publications.agencyId'])
    .where('publications.id', '>', run.lastPublicationId)
    .orderBy('publications.id')
    .limit(batch)
    .execute();
  for (const pub of rows) {
    const attachments = await db
      .selectFrom('attachments')
      .select(['id', 'sha256', 'fileName'])
      .where('publicationId', '=', pub.id)
      .execute();
    // Files are read and scanned before the transaction (no write lock held while parsing).
    const files: Array<{ a: (typeof attachments)[number]; scan: AttachmentTextScan }> = [];
    for (const a of attachments) {
      const data = await store.get(a.sha256);
      const kind = data ? sniffFileKind(data) : null;
      files.push({ a, scan: await readAttachmentText(db, kind ?? 'unknown', data ?? Buffer.alloc(0)) });
    }
    await inTransaction(db, async (trx) => {
      await scanTextFields(trx, pub.id, at());
      for (const { a, scan } of files) await storeAttachmentScan(trx, pub, a, scan, at());
      const open = await trx
        .selectFrom('privacyFindings')
        .select(sql<number>`count(*)`.as('n'))
        .where('publicationId', '=', pub.id)
        .where('state', '=', 'open')
        .executeTakeFirstOrThrow();
      await trx
        .updateTable('privacyScanRuns')
        .set((eb) => ({
          lastPublicationId: pub.id,
          done: eb('done', '+', 1),
          findings: eb('findings', '+', Number(open.n)),
        }))
        .where('id', '=', runId)
        .execute();
    });
  }
  if (rows.length < batch) {
    await db.updateTable('privacyScanRuns').set({ state: 'done', finishedAt: at() }).where('id', '=', runId).execute();
    return true;
  }
  return false;
}

/** The background job: a batch of each running run. */
export async function continueRuns(db: Db, store: FileStore, at: () => string, batch = 200): Promise<number> {
  const runs = await db
    .selectFrom('privacyScanRuns')
    .select('id')
    .where('state', '=', 'running')
    .orderBy('id')
    .execute();
  for (const r of runs) await continueRun(db, store, r.id, at, batch);
  return runs.length;
}

export interface AgencyFindings {
  agencyId: number;
  agencyName: string;
  publications: number;
  open: number;
}

/** Open findings on the published items of the given agencies, with the item and its agency joined. */
function openFindingsOnPublished(db: Executor, agencyIds: readonly number[]) {
  return db
    .selectFrom('privacyFindings')
    .innerJoin('publications', 'publications.id', 'privacyFindings.publicationId')
    .innerJoin('agencies', 'agencies.id', 'publications.agencyId')
    .where('privacyFindings.state', '=', 'open')
    .where('publications.state', '=', 'published')
    .where('publications.agencyId', 'in', agencyIds);
}

/** Open findings on published items, per agency (of the given agencies). */
export async function openFindingsByAgency(db: Executor, agencyIds: readonly number[]): Promise<AgencyFindings[]> {
  if (agencyIds.length === 0) return [];
  const rows = await openFindingsOnPublished(db, agencyIds)
    .select([
      'agencies.id as agencyId',
      'agencies.name as agencyName',
      sql<number>`count(distinct publications.id)`.as('publications'),
      sql<number>`count(*)`.as('open'),
    ])
    .groupBy(['agencies.id', 'agencies.name', 'agencies.sortOrder'])
    .orderBy('agencies.sortOrder')
    .execute();
  return rows.map((r) => ({ ...r, publications: Number(r.publications), open: Number(r.open) }));
}

export interface PublishedWithFindings {
  id: number;
  agencyId: number;
  title: string;
  agencyName: string;
  open: number;
  kinds: string;
}

/** Published items with open findings (newest first). */
export async function publishedWithFindings(
  db: Executor,
  agencyIds: readonly number[],
  limit = 200,
): Promise<PublishedWithFindings[]> {
  if (agencyIds.length === 0) return [];
  const rows = await openFindingsOnPublished(db, agencyIds)
    .select([
      'publications.id',
      'publications.agencyId',
      'publications.title',
      'agencies.name as agencyName',
      sql<number>`count(*)`.as('open'),
    ])
    .groupBy(['publications.id', 'publications.agencyId', 'publications.title', 'agencies.name'])
    .orderBy('publications.id', 'desc')
    .limit(limit)
    .execute();
  const kinds = await db
    .selectFrom('privacyFindings')
    .select(['publicationId', 'kind'])
    .distinct()
    .where('state', '=', 'open')
    .where('publicationId', 'in', rows.map((r) => r.id).concat([0]))
    .execute();
  return rows.map((r) => ({
    ...r,
    open: Number(r.open),
    kinds: kinds
      .filter((k) => k.publicationId === r.id)
      .map((k) => k.kind)
      .join(','),
  }));
}

export async function latestRuns(db: Executor, limit = 5) {
  return db.selectFrom('privacyScanRuns').selectAll().orderBy('id', 'desc').limit(limit).execute();
}
