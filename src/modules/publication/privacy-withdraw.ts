// Withdrawing a released publication for correction from the retroactive scan (issue #18 point 4;
// 条例 第十五条): when personal data is found in something already public, the 保密审查 reviewer,
// the signer or the admin (a county admin for every agency below it) takes it down in one action.
// It is the workflow's own withdrawal — the state, the reason on the record, the notice the public
// reads at the old address (410 「该信息已撤回」), gone from lists, search and feeds — followed by an
// audit event naming the findings that caused it.
import type { Actor } from '../../platform/auth/actor.ts';
import { authorize } from '../../platform/auth/policy.ts';
import { recordEvent, type AuditContext } from '../../platform/audit.ts';
import { AppError, ValidationError } from '../../platform/errors.ts';
import type { Trx } from '../../platform/transaction.ts';
import { listFindings, placeOf } from './privacy-guard.ts';
import { findPublicationById } from './publication.repository.ts';
import { withdraw } from './publication.service.ts';
import { bookTitle } from '../../platform/book-title.ts';

/** The withdrawal's reason on the record (the staff page's 撤回原因): no personal data in it. */
export const CORRECTION_REASON = '该信息含有需要处理的个人信息，已撤回更正。';

/**
 * Withdraws publication `pubId` for correction. `confirmed` is the staff member's explicit
 * confirmation (the box on the form): a withdrawal cannot be undone, the item must be released
 * again. Refused with a sentence when the item is not (or no longer) public or has no open finding.
 */
export async function withdrawForCorrection(
  trx: Trx,
  ctx: AuditContext,
  by: Actor,
  pubId: number,
  confirmed: boolean,
): Promise<{ title: string }> {
  const pub = await findPublicationById(trx, pubId);
  if (!pub) throw new AppError('notFound');
  authorize(by, 'publication.privacyWithdraw', pub);
  if (pub.state === 'withdrawn') throw new AppError('conflict', `${bookTitle(pub.title)}已经撤回，无需再次撤回。`);
  if (pub.state !== 'published')
    throw new AppError('conflict', `${bookTitle(pub.title)}尚未发布，请在信息页面处理个人信息，不需要撤回。`);
  const open = await listFindings(trx, pub.id, ['open']);
  if (open.length === 0)
    throw new AppError('conflict', `${bookTitle(pub.title)}已没有待处理的个人信息，无需撤回；请刷新页面。`);
  if (!confirmed) throw new ValidationError({ confirm: '请勾选“确认撤回”：撤回后不能恢复，更正后需重新发布。' });
  // The role for this step was checked above ('publication.privacyWithdraw'); the workflow's step
  // itself is the signer's, so it is taken here on the staff member's behalf (the audit context
  // names them) and records 'publication.withdrawn' with the reason, as a signer's withdrawal does.
  await withdraw(trx, ctx, 'system', pub.id, CORRECTION_REASON);
  await recordEvent(
    trx,
    ctx,
    'publication.privacyWithdrawn',
    { type: 'publication', id: pub.id, agencyId: pub.agencyId },
    {
      after: { findings: open.map((f) => ({ id: f.id, kind: f.kind, masked: f.masked, place: placeOf(f) })) },
      note: CORRECTION_REASON,
    },
  );
  return { title: pub.title };
}
