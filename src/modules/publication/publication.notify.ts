// Messages to staff as a publication moves through the workflow (queued in the outbox, in the
// same transaction): submitted → the agency's reviewers; passed → its signers; returned → the
// clerk who drafted it. Staff without an e-mail address see them under 消息 only.
import type { Trx } from '../../platform/transaction.ts';
import { listActiveStaffWithRoles } from '../account/index.ts';
import { queueNotification } from '../notification/index.ts';
import type { PublicationRow } from './publication.repository.ts';

export async function notifyWorkflow(
  trx: Trx,
  at: string,
  pub: PublicationRow,
  step: 'submitted' | 'reviewed' | 'returned',
  comment = '',
): Promise<void> {
  const link = `/admin/publications/${pub.id}`;
  const send = (u: { id: number; email: string; displayName: string }, subject: string, body: string) =>
    queueNotification(
      trx,
      {
        agencyId: pub.agencyId,
        recipientUserId: u.id,
        toAddress: u.email,
        recipientName: u.displayName,
        relatedType: 'publication',
        relatedId: pub.id,
        subject,
        body,
      },
      at,
    );
  if (step === 'returned') {
    if (!pub.createdBy) return;
    const u = await trx
      .selectFrom('users')
      .select(['id', 'displayName', 'email'])
      .where('id', '=', pub.createdBy)
      .executeTakeFirst();
    if (!u) return;
    await send(
      u,
      `信息被退回：${pub.title}`,
      `您起草的“${pub.title}”被退回修改。\n\n退回意见：${comment}\n\n请登录处理：${link}`,
    );
    return;
  }
  const role = step === 'submitted' ? 'reviewer' : 'signer';
  const what = step === 'submitted' ? '保密审查' : '签发';
  for (const u of await listActiveStaffWithRoles(trx, pub.agencyId, [role])) {
    await send(
      u,
      `待${what}：${pub.title}`,
      `“${pub.title}”等待您${what}。应于 ${pub.dueOn}${pub.dueProvisional ? '（暂定）' : ''} 前发布（成文后 20 个工作日）。\n\n请登录处理：${link}`,
    );
  }
}
