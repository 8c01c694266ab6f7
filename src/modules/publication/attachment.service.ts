// Attachments of a publication: type checked by content, stored by SHA-256, audited. A clerk
// changes them on a draft; after release only a signer may (the change is part of a revision).
import type { Actor } from '../../platform/auth/actor.ts';
import { authorize } from '../../platform/auth/policy.ts';
import { AppError, ValidationError } from '../../platform/errors.ts';
import type { Executor, Trx } from '../../platform/transaction.ts';
import { recordEvent, type AuditContext } from '../../platform/audit.ts';
import { bytesOf, type FileSource, type FileStore } from '../../platform/storage/file-store.ts';
import { checkUpload, extractText, type FileKind } from './file-type.ts';
import { publicationEvents } from '../../platform/publication-events.ts';
import { withImageUrls, type DocxImage } from './docx-import.ts';
import { sanitizeBody } from './sanitize.ts';
import { markAttachmentReplaced } from './privacy-resolve.ts';
import { readAttachmentText, storeAttachmentScan, type AttachmentTextScan } from './privacy-file-scan.ts';
import {
  deleteAttachment,
  findAttachment,
  findPublicationById,
  insertAttachment,
  listAttachments,
  updateAttachmentTitle,
  updatePublication,
  updateRevisionBody,
  type PublicationRow,
} from './publication.repository.ts';

const MAX_ATTACHMENTS = 30;

/** Who may change a publication's attachments now (also checked before an upload is read). */
export function authorizeAttachmentChange(by: Actor | 'system', pub: PublicationRow): void {
  if (pub.state === 'draft') {
    if (by !== 'system') authorize(by, 'publication.draft', { agencyId: pub.agencyId });
  } else if (pub.state === 'published') {
    if (by !== 'system') authorize(by, 'publication.signOff', { agencyId: pub.agencyId });
  } else {
    throw new AppError('conflict', '信息在审查或签发中，不能修改附件；如需修改，请先退回。');
  }
}

/** Shown for a name too long or with path parts; the original Chinese name is kept otherwise. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  return base
    .replace(/[\u0000-\u001f\u007f]/g, '') // eslint-disable-line no-control-regex
    .trim()
    .slice(-120);
}

const MAX_TITLE = 200;

/** 附件名称 as typed, or the file name without its extension when none was typed. */
export function attachmentTitle(typed: string, fileName: string, field = 'title'): string {
  const t = typed.replace(/\s+/g, ' ').trim();
  if ([...t].length > MAX_TITLE) throw new ValidationError({ [field]: `附件名称不能超过 ${MAX_TITLE} 个字。` });
  return t || cleanFileName(fileName).replace(/\.[A-Za-z0-9]{1,8}$/, '');
}

/**
 * An uploaded file read before the transaction that stores it: its type checked by content, its
 * text for search and what the personal-data guard finds in it. Parsing a large .docx or .xlsx
 * here, outside the transaction, keeps the embedded engine's write lock short.
 */
export interface PreparedUpload {
  prepared: true;
  name: string;
  source: FileSource;
  kind: { kind: FileKind; mime: string };
  extractedText: string;
  scan: AttachmentTextScan;
}

/** Reads an upload (outside any transaction; `db` is only read). `field` names the form field of an error. */
export async function prepareUpload(
  db: Executor,
  fileName: string,
  source: FileSource,
  field = 'file',
): Promise<PreparedUpload> {
  const name = cleanFileName(fileName);
  if (!name) throw new ValidationError({ [field]: '请选择要上传的文件。' });
  const data = await bytesOf(source);
  const kind = checkUpload(name, data, field);
  const scan = await readAttachmentText(db, kind.kind, data);
  return { prepared: true, name, source, kind, extractedText: extractText(kind.kind, data), scan };
}

const isPrepared = (s: FileSource | PreparedUpload): s is PreparedUpload => 'prepared' in s;

/**
 * Adds an attachment. Routes pass a PreparedUpload read before their transaction; a plain source
 * (pictures of a Word body, the demo, tests) is read here.
 */
export async function addAttachment(
  trx: Trx,
  ctx: AuditContext,
  by: Actor | 'system',
  store: FileStore,
  publicationId: number,
  fileName: string,
  upload: FileSource | PreparedUpload,
  typedTitle = '',
): Promise<number> {
  const pub = await findPublicationById(trx, publicationId);
  if (!pub) throw new AppError('notFound');
  authorizeAttachmentChange(by, pub);
  const file = isPrepared(upload) ? upload : await prepareUpload(trx, fileName, upload);
  const { name, kind, source } = file;
  const title = attachmentTitle(typedTitle, name);
  const existing = await listAttachments(trx, publicationId);
  if (existing.length >= MAX_ATTACHMENTS)
    throw new ValidationError({ file: `每条信息最多 ${MAX_ATTACHMENTS} 个附件。` });
  const { sha256, size } = await store.put(source);
  const id = await insertAttachment(trx, {
    publicationId,
    sha256,
    size,
    mime: kind.mime,
    fileName: name,
    title,
    sortOrder: existing.length,
    extractedText: file.extractedText,
    uploadedBy: by === 'system' ? null : by.userId,
    createdAt: ctx.at,
  });
  // What the personal-data guard found in the file (read before the transaction); OCR is queued.
  await storeAttachmentScan(trx, pub, { id, fileName: name }, file.scan, ctx.at);
  await recordEvent(
    trx,
    ctx,
    'publication.attachmentAdded',
    { type: 'publication', id: publicationId, agencyId: pub.agencyId },
    { after: { fileName: name, title, sha256, size, mime: kind.mime } },
  );
  if (pub.state === 'published') await publicationEvents.emit(trx, publicationId);
  return id;
}

/** The publication and one of its attachments, or 404 when either is missing or they do not belong together. */
async function ownedAttachment(trx: Trx, publicationId: number, attachmentId: number) {
  const pub = await findPublicationById(trx, publicationId);
  const att = await findAttachment(trx, attachmentId);
  if (!pub || !att || att.publicationId !== pub.id) throw new AppError('notFound');
  return { pub, att };
}

export async function removeAttachment(
  trx: Trx,
  ctx: AuditContext,
  by: Actor | 'system',
  publicationId: number,
  attachmentId: number,
): Promise<void> {
  const { pub, att } = await ownedAttachment(trx, publicationId, attachmentId);
  authorizeAttachmentChange(by, pub);
  await deleteAttachment(trx, attachmentId);
  await recordEvent(
    trx,
    ctx,
    'publication.attachmentRemoved',
    { type: 'publication', id: publicationId, agencyId: pub.agencyId },
    { before: { fileName: att.fileName, sha256: att.sha256 } },
  );
  if (pub.state === 'published') await publicationEvents.emit(trx, publicationId);
}

/** Renames an attachment's public title (附件名称); the file and its name stay. */
export async function renameAttachment(
  trx: Trx,
  ctx: AuditContext,
  by: Actor | 'system',
  publicationId: number,
  attachmentId: number,
  typedTitle: string,
): Promise<void> {
  const { pub, att } = await ownedAttachment(trx, publicationId, attachmentId);
  authorizeAttachmentChange(by, pub);
  if (!typedTitle.trim()) throw new ValidationError({ [`title-${attachmentId}`]: '请填写附件名称。' });
  const title = attachmentTitle(typedTitle, att.fileName, `title-${attachmentId}`);
  if (title === att.title) return;
  await updateAttachmentTitle(trx, attachmentId, title);
  await recordEvent(
    trx,
    ctx,
    'publication.attachmentRenamed',
    { type: 'publication', id: publicationId, agencyId: pub.agencyId },
    { before: { title: att.title }, after: { title } },
  );
  if (pub.state === 'published') await publicationEvents.emit(trx, publicationId);
}

/**
 * The images of a body imported from Word (docx-import.ts): each is stored as an attachment and
 * the body (and, after release, its current revision) is rewritten to point at it.
 */
export async function storeBodyImages(
  trx: Trx,
  ctx: AuditContext,
  by: Actor | 'system',
  store: FileStore,
  publicationId: number,
  images: readonly DocxImage[],
): Promise<void> {
  if (!images.length) return;
  const ids = new Map<string, number>();
  for (const img of images)
    ids.set(img.placeholder, await addAttachment(trx, ctx, by, store, publicationId, img.fileName, img.data));
  const pub = await findPublicationById(trx, publicationId);
  if (!pub) throw new AppError('notFound');
  const body = sanitizeBody(withImageUrls(pub.body, ids));
  await updatePublication(trx, publicationId, { body });
  if (pub.revision > 0) await updateRevisionBody(trx, publicationId, pub.revision, body);
  if (pub.state === 'published') await publicationEvents.emit(trx, publicationId);
}

/** Who may resolve personal-data findings now: the clerk on a draft, the reviewer at 保密审查, the signer at 签发 or after release. */
export function privacyActionFor(
  state: PublicationRow['state'],
): 'publication.draft' | 'publication.review' | 'publication.signOff' {
  if (state === 'draft') return 'publication.draft';
  if (state === 'submitted') return 'publication.review';
  if (state === 'reviewed' || state === 'published') return 'publication.signOff';
  throw new AppError('conflict', '该信息已撤回或不公开，不能处理个人信息检查结果。');
}

/**
 * Replaces an attachment's file (the same 附件名称 and place), e.g. with a redacted copy: allowed
 * to whoever resolves findings in the publication's state (privacyActionFor). The old file's open
 * findings are resolved as 'replaced' and the new file is scanned; audited with both hashes.
 */
export async function replaceAttachmentFile(
  trx: Trx,
  ctx: AuditContext,
  by: Actor,
  store: FileStore,
  publicationId: number,
  attachmentId: number,
  fileName: string,
  upload: FileSource | PreparedUpload,
): Promise<void> {
  const { pub, att } = await ownedAttachment(trx, publicationId, attachmentId);
  authorize(by, privacyActionFor(pub.state), { agencyId: pub.agencyId });
  if (!isPrepared(upload) && !cleanFileName(fileName)) throw new ValidationError({ file: '请选择用来替换的文件。' });
  const file = isPrepared(upload) ? upload : await prepareUpload(trx, fileName, upload);
  const { name, kind, source } = file;
  const { sha256, size } = await store.put(source);
  await trx
    .updateTable('attachments')
    .set({ sha256, size, mime: kind.mime, fileName: name, extractedText: file.extractedText })
    .where('id', '=', att.id)
    .execute();
  const resolved = await markAttachmentReplaced(trx, att.id, by, ctx.at);
  await storeAttachmentScan(trx, pub, { id: att.id, fileName: name }, file.scan, ctx.at);
  await recordEvent(
    trx,
    ctx,
    'publication.attachmentReplaced',
    { type: 'publication', id: pub.id, agencyId: pub.agencyId },
    {
      before: { fileName: att.fileName, sha256: att.sha256 },
      after: { fileName: name, sha256, size, mime: kind.mime, findingsResolved: resolved },
    },
  );
  if (pub.state === 'published') await publicationEvents.emit(trx, publicationId);
}
