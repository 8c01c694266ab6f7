// Resolving a finding of the personal-data guard (privacy-guard.ts): masking it in the text with
// one click, a reviewer's override with a written reason (条例 第十五条's exceptions), or the
// attachment replaced — each audited; the guard then scans the text fields again.
import type { Actor } from '../../platform/auth/actor.ts';
import { recordEvent, type AuditContext } from '../../platform/audit.ts';
import { AppError, ValidationError } from '../../platform/errors.ts';
import { htmlText, maskHtml } from '../../platform/privacy/html-text.ts';
import { applyMasks, detectPersonalData, type PersonalDataFinding } from '../../platform/privacy/personal-data.ts';
import { publicationEvents } from '../../platform/publication-events.ts';
import { findRow } from '../../platform/rows.ts';
import type { Trx } from '../../platform/transaction.ts';
import { knownPublicData, scanTextFields, type FindingRow } from './privacy-guard.ts';
import { keepRevisionText } from './publication.repository.ts';

async function loadFinding(trx: Trx, pubId: number, findingId: number): Promise<FindingRow> {
  const f = await findRow(trx, 'privacyFindings', { id: findingId, publicationId: pubId });
  if (!f) throw new AppError('notFound');
  if (f.state !== 'open') throw new AppError('conflict', '该条个人信息已处理，请刷新页面。');
  return f;
}

const auditSubject = (pub: { id: number; agencyId: number }) => ({
  type: 'publication',
  id: pub.id,
  agencyId: pub.agencyId,
});

/**
 * One click: masks the finding wherever the same text stands in its field (title, summary or body)
 * and marks it 'masked'. The text as written is found again by scanning the field now.
 */
export async function maskFinding(
  trx: Trx,
  ctx: AuditContext,
  by: Actor,
  pubId: number,
  findingId: number,
): Promise<void> {
  const f = await loadFinding(trx, pubId, findingId);
  if (f.source === 'attachment')
    throw new AppError('conflict', '附件中的个人信息不能在此遮盖：请替换附件，或填写理由确认可以公开。');
  const pub = await trx
    .selectFrom('publications')
    .select(['id', 'agencyId', 'state', 'title', 'summary', 'body', 'documentNumber', 'revision'])
    .where('id', '=', pubId)
    .executeTakeFirstOrThrow();
  const known = await knownPublicData(trx);
  const same = (g: PersonalDataFinding) => g.kind === f.kind && g.masked === f.masked;
  // The same text is masked in the title, the summary (often made from the body) and the body.
  const changed: Partial<{ title: string; summary: string; body: string }> = {};
  const t = htmlText(pub.body);
  const bodyHits = detectPersonalData(t.text, known).filter(same);
  if (bodyHits.length) changed.body = maskHtml(pub.body, t, bodyHits);
  for (const field of ['title', 'summary'] as const) {
    const hits = detectPersonalData(pub[field], known).filter(same);
    if (hits.length) changed[field] = applyMasks(pub[field], hits);
  }
  if (Object.keys(changed).length === 0) throw new AppError('conflict', '正文中已找不到该条个人信息，请刷新页面。');
  // A released revision keeps the text it was released with.
  await keepRevisionText(trx, pub);
  await trx
    .updateTable('publications')
    .set({ ...changed, updatedAt: ctx.at })
    .where('id', '=', pubId)
    .execute();
  await trx
    .updateTable('privacyFindings')
    .set({ state: 'masked', resolvedBy: by.userId, resolvedAt: ctx.at, resolutionNote: '' })
    .where('publicationId', '=', pubId)
    .where('state', '=', 'open')
    .where('source', 'in', ['title', 'summary', 'body'])
    .where('kind', '=', f.kind)
    .where('masked', '=', f.masked)
    .execute();
  await recordEvent(trx, ctx, 'publication.privacyMasked', auditSubject(pub), {
    after: { finding: f.id, kind: f.kind, fields: Object.keys(changed), masked: f.masked },
  });
  await scanTextFields(trx, pubId, ctx.at);
  // Released: the search index, the public page cache and the API must lose the text now (in this
  // transaction), or a search for the ID number would still find the item it was masked in.
  if (pub.state === 'published') await publicationEvents.emit(trx, pubId);
}

/** The reviewer judges the finding may be published (a written reason, 第十五条's exceptions). */
export async function overrideFinding(
  trx: Trx,
  ctx: AuditContext,
  by: Actor,
  pubId: number,
  findingId: number,
  reason: string,
): Promise<void> {
  const note = reason.replace(/\s+/gu, ' ').trim();
  if ([...note].length < 5)
    throw new ValidationError({
      reason: '请写明可以公开的理由（至少 5 个字），例如“本人书面同意公开”“为公共利益必须公开”。',
    });
  if ([...note].length > 500) throw new ValidationError({ reason: '理由不能超过 500 个字。' });
  const f = await loadFinding(trx, pubId, findingId);
  await trx
    .updateTable('privacyFindings')
    .set({ state: 'overridden', resolvedBy: by.userId, resolvedAt: ctx.at, resolutionNote: note })
    .where('id', '=', f.id)
    .execute();
  await recordEvent(trx, ctx, 'publication.privacyOverridden', auditSubject({ id: pubId, agencyId: f.agencyId }), {
    after: {
      finding: f.id,
      kind: f.kind,
      masked: f.masked,
      where: f.source,
      attachment: f.attachmentName,
      page: f.page,
      cell: f.cell,
    },
    note,
  });
}

/** The findings of a replaced attachment are resolved as 'replaced' (called when the file is swapped). */
export async function markAttachmentReplaced(
  trx: Trx,
  attachmentId: number,
  by: Actor | 'system',
  at: string,
): Promise<number> {
  const r = await trx
    .updateTable('privacyFindings')
    .set({ state: 'replaced', resolvedBy: by === 'system' ? null : by.userId, resolvedAt: at })
    .where('attachmentId', '=', attachmentId)
    .where('state', '=', 'open')
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}
