// The personal-data guard's reading of attachments (issue #18 point 2). Reading a file (Word,
// Excel, a PDF's text layer) and running the detectors over its text happen before any database
// transaction opens — readAttachmentText — so that parsing a large spreadsheet never holds the
// embedded engine's write lock; the transaction that stores the attachment only stores what was
// found (storeAttachmentScan). Images and scanned PDF pages are queued for OCR, run in the
// background (job privacy.ocr) or before 保密审查通过 and 签发, also outside any transaction.
import {
  DEFAULT_OCR_LIMITS,
  ocrSegments,
  textSegments,
  type OcrLimits,
  type ScanOutcome,
} from '../../platform/privacy/extract.ts';
import type { KnownPublicData } from '../../platform/privacy/personal-data.ts';
import type { FileStore } from '../../platform/storage/file-store.ts';
import type { Db, Executor, Trx } from '../../platform/transaction.ts';
import { inTransaction } from '../../platform/transaction.ts';
import type { FileKind } from './file-type.ts';
import { sniffFileKind } from './file-type.ts';
import { findInSegments, knownPublicData, reconcile, type Located } from './privacy-guard.ts';
import type { FileScanState } from './privacy.tables.ts';

/** What the text of one attachment holds, read before the transaction that stores it. */
export interface AttachmentTextScan {
  status: ScanOutcome['status'];
  note: string;
  /** Pages (or 1 for an image) waiting for OCR. */
  ocrPages: number;
  /** Pages read from the text layer. */
  pages: number;
  found: Located[];
}

/**
 * Reads an attachment's text (PDF text layer, .docx, .xlsx, .csv) and finds the personal data in
 * it. Call it outside any transaction: `db` is only read (the agencies' own public numbers).
 */
export async function readAttachmentText(
  db: Executor,
  kind: FileKind | string,
  data: Buffer,
): Promise<AttachmentTextScan> {
  return scanOf(await textSegments(kind, data), await knownPublicData(db));
}

function scanOf(outcome: ScanOutcome, known: KnownPublicData): AttachmentTextScan {
  const found = findInSegments(outcome.segments, known);
  const pages = outcome.segments.filter((s) => s.page !== null).length;
  const ocrPages = outcome.status === 'needsOcr' ? (outcome.ocrPages === 'image' ? 1 : outcome.ocrPages.length) : 0;
  return { status: outcome.status, note: outcome.note, ocrPages, pages, found };
}

async function setFileScan(
  trx: Executor,
  attachmentId: number,
  publicationId: number,
  state: FileScanState,
  note: string,
  at: string,
  pages: { total: number; done: number } = { total: 0, done: 0 },
): Promise<void> {
  await trx
    .insertInto('privacyFileScans')
    .values({ attachmentId, publicationId, state, note, updatedAt: at, pagesTotal: pages.total, pagesDone: pages.done })
    .onConflict((oc) =>
      oc
        .column('attachmentId')
        .doUpdateSet({ state, note, updatedAt: at, pagesTotal: pages.total, pagesDone: pages.done }),
    )
    .execute();
}

/** Stores what readAttachmentText found, in the transaction that stores (or replaces) the attachment. */
export async function storeAttachmentScan(
  trx: Trx,
  pub: { id: number; agencyId: number },
  att: { id: number; fileName: string },
  scan: AttachmentTextScan,
  at: string,
): Promise<void> {
  await reconcile(trx, pub, 'attachment', { id: att.id, name: att.fileName }, scan.found, at);
  if (scan.status === 'needsOcr')
    await setFileScan(trx, att.id, pub.id, 'queued', `等待文字识别（OCR）：${scan.ocrPages} 页`, at, {
      total: scan.ocrPages,
      done: 0,
    });
  else await setFileScan(trx, att.id, pub.id, scan.status, scan.note, at, { total: scan.pages, done: scan.pages });
}

/** Reads a stored attachment and stores its findings (files uploaded before the guard, the retroactive scan). */
export async function scanStoredAttachment(
  db: Db,
  store: FileStore,
  pub: { id: number; agencyId: number },
  att: { id: number; fileName: string; sha256: string },
  at: () => string,
): Promise<AttachmentTextScan> {
  const data = await store.get(att.sha256);
  const kind = data ? sniffFileKind(data) : null;
  const scan = await readAttachmentText(db, kind ?? 'unknown', data ?? Buffer.alloc(0));
  await inTransaction(db, (trx) => storeAttachmentScan(trx, pub, att, scan, at()));
  return scan;
}

/**
 * OCR of one queued attachment, outside any transaction (it may take a while), then its findings
 * stored. The text-layer findings of the file stay; the OCR ones are added next to them.
 */
export async function ocrAttachment(
  db: Db,
  store: FileStore,
  attachmentId: number,
  at: () => string,
  limits: OcrLimits = DEFAULT_OCR_LIMITS,
): Promise<FileScanState | null> {
  const att = await db
    .selectFrom('attachments')
    .innerJoin('publications', 'publications.id', 'attachments.publicationId')
    .select([
      'attachments.id',
      'attachments.sha256',
      'attachments.fileName',
      'publications.id as publicationId',
      'publications.agencyId',
    ])
    .where('attachments.id', '=', attachmentId)
    .executeTakeFirst();
  if (!att) return null;
  const pub = { id: att.publicationId, agencyId: att.agencyId };
  const data = await store.get(att.sha256);
  const kind = data ? sniffFileKind(data) : null;
  if (!data || !kind) {
    await setFileScan(db, att.id, att.publicationId, 'notScanned', '文件无法读取，未扫描', at());
    return 'notScanned';
  }
  const text = await textSegments(kind, data);
  if (text.status !== 'needsOcr') {
    const scan = scanOf(text, await knownPublicData(db));
    await inTransaction(db, (trx) => storeAttachmentScan(trx, pub, att, scan, at()));
    return scan.status === 'done' ? 'done' : 'notScanned';
  }
  const ocr = await ocrSegments(data, text.ocrPages, limits);
  const total = text.ocrPages === 'image' ? 1 : text.ocrPages.length;
  const state: FileScanState = ocr.complete ? 'done' : 'notScanned';
  const found = findInSegments([...text.segments, ...ocr.segments], await knownPublicData(db));
  await inTransaction(db, async (trx) => {
    await reconcile(trx, pub, 'attachment', { id: att.id, name: att.fileName }, found, at());
    await setFileScan(trx, att.id, att.publicationId, state, ocr.note, at(), { total, done: ocr.segments.length });
  });
  return state;
}

/** The background job: OCR of queued attachments, oldest first, `max` files a run. */
export async function runQueuedOcr(
  db: Db,
  store: FileStore,
  at: () => string,
  max = 5,
  limits?: OcrLimits,
): Promise<number> {
  const queued = await db
    .selectFrom('privacyFileScans')
    .select('attachmentId')
    .where('state', '=', 'queued')
    .orderBy('updatedAt')
    .limit(max)
    .execute();
  for (const q of queued) await ocrAttachment(db, store, q.attachmentId, at, limits);
  return queued.length;
}

/** Runs the OCR of a publication's queued files now (before 保密审查通过 or 签发). */
export async function finishQueuedScans(db: Db, store: FileStore, pubId: number, at: () => string): Promise<void> {
  const queued = await db
    .selectFrom('privacyFileScans')
    .select('attachmentId')
    .where('publicationId', '=', pubId)
    .where('state', '=', 'queued')
    .execute();
  for (const q of queued) await ocrAttachment(db, store, q.attachmentId, at);
}
