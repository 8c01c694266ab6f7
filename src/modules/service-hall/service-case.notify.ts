// Messages about a case: to the applicant (by e-mail, with where to follow the case) and the
// window's copy in the agency's outbox.
import type { AuditContext } from '../../platform/audit.ts';
import type { Trx } from '../../platform/transaction.ts';
import { queueNotification } from '../notification/index.ts';
import { findWindowById, type ServiceCaseRow } from './service-hall.repository.ts';

export async function notifyApplicant(
  trx: Trx,
  ctx: AuditContext,
  c: ServiceCaseRow,
  subject: string,
  body: string,
): Promise<void> {
  await queueNotification(
    trx,
    {
      agencyId: c.agencyId,
      toAddress: c.applicantEmail,
      recipientName: c.applicantName,
      subject,
      body: `${c.applicantName}：\n${body}\n可凭办件编号 ${c.caseNumber} 和查询码在政务服务办件查询页面查看进度。`,
      relatedType: 'serviceCase',
      relatedId: c.id,
    },
    ctx.at,
  );
}

/** The window's copy of a message, kept in the agency's outbox (windows have no mailbox of their own). */
export async function notifyWindow(
  trx: Trx,
  ctx: AuditContext,
  c: ServiceCaseRow,
  subject: string,
  body: string,
): Promise<void> {
  const window = c.windowId ? await findWindowById(trx, c.windowId) : undefined;
  await queueNotification(
    trx,
    {
      agencyId: c.agencyId,
      toAddress: '',
      recipientName: window?.name ?? '办理窗口',
      subject,
      body,
      relatedType: 'serviceCase',
      relatedId: c.id,
    },
    ctx.at,
  );
}
