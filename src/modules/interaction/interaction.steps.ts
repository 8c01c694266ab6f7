// A public-channel case after intake (split from interaction.service.ts, #13 point 3):
// assignment, handling, the reply, the agency's publication decision on a letter, the writer's
// rating (社会评议), and the daily reminder of cases due soon. Every step is a move of
// case.states.ts, audited in the same transaction.
import { ValidationError } from '../../platform/errors.ts';
import type { Executor, Trx } from '../../platform/transaction.ts';
import { recordEvent, type AuditContext } from '../../platform/audit.ts';
import { todayInShanghai } from '../calendar/index.ts';
import { queueNotification } from '../notification/index.ts';
import { assertMove, isAnswered, takeCaseStep } from './case.states.ts';
import { listCasesToRemind, updateCase, type CaseRow } from './interaction.repository.ts';
import type { Rating } from './interaction.tables.ts';
import { KIND_LABELS } from './interaction.service.ts';
import { publicationFindings } from './interaction.privacy.ts';

export async function assignCase(trx: Trx, ctx: AuditContext, row: CaseRow, userId: number): Promise<void> {
  assertMove(row.kind, row.state, 'assigned');
  await updateCase(trx, row.id, { state: 'assigned', assignedUserId: userId, updatedAt: ctx.at });
  await takeCaseStep(trx, ctx, row, 'assigned', {
    before: { state: row.state, assignedUserId: row.assignedUserId },
    after: { state: 'assigned', assignedUserId: userId },
  });
  await queueNotification(
    trx,
    {
      agencyId: row.agencyId,
      recipientUserId: userId,
      toAddress: '',
      recipientName: '',
      subject: `${KIND_LABELS[row.kind]} ${row.receiptNumber} 已分派给您`,
      body: `请在 ${row.dueDate ?? '规定期限'}${row.dueProvisional ? '（暂定）' : ''} 前答复。`,
      relatedType: row.kind,
      relatedId: row.id,
    },
    ctx.at,
  );
}

export async function startHandling(trx: Trx, ctx: AuditContext, row: CaseRow): Promise<void> {
  assertMove(row.kind, row.state, 'handling');
  await updateCase(trx, row.id, { state: 'handling', updatedAt: ctx.at });
  await takeCaseStep(trx, ctx, row, 'handling', { before: { state: row.state }, after: { state: 'handling' } });
}

export async function replyCase(trx: Trx, ctx: AuditContext, row: CaseRow, replyText: string): Promise<void> {
  const text = replyText.trim();
  if (!text) throw new ValidationError({ replyText: '请填写答复内容。' });
  if ([...text].length > 5000) throw new ValidationError({ replyText: '答复内容不能超过 5000 个字符。' });
  assertMove(row.kind, row.state, 'replied');
  await updateCase(trx, row.id, { state: 'replied', replyText: text, repliedAt: ctx.at, updatedAt: ctx.at });
  await takeCaseStep(trx, ctx, row, 'replied', { before: { state: row.state }, after: { state: 'replied' } });
  if (row.writerEmail) {
    await queueNotification(
      trx,
      {
        agencyId: row.agencyId,
        toAddress: row.writerEmail,
        recipientName: row.writerName,
        subject: `您的${KIND_LABELS[row.kind]}（${row.receiptNumber}）已答复`,
        body: '请凭受理编号和查询码在网站“办理进度查询”中查看答复并评价。',
        relatedType: row.kind,
        relatedId: row.id,
      },
      ctx.at,
    );
  }
}

/** The agency's decision on a consented letter: publish in 留言选登, or decline. */
export async function decidePublication(trx: Trx, ctx: AuditContext, row: CaseRow, publish: boolean): Promise<void> {
  if (row.kind !== 'letter' || row.publishConsent !== 1)
    throw new ValidationError({ publication: '来信人未同意公开，不能公开。' });
  if (publish && !isAnswered(row.state)) throw new ValidationError({ publication: '答复后才能公开。' });
  const publication = publish ? 'published' : 'declined';
  await updateCase(trx, row.id, { publication, updatedAt: ctx.at });
  await recordEvent(
    trx,
    ctx,
    `letter.${publication}`,
    { type: 'letter', id: row.id, agencyId: row.agencyId },
    // What 留言选登 masks is recorded (masked) with the decision.
    {
      before: { publication: row.publication },
      after: { publication, ...(publish ? { masked: publicationFindings(row) } : {}) },
    },
  );
}

/** The writer's rating of the reply: the 社会评议 figures. Closes the case. */
export async function rateCase(
  trx: Trx,
  ctx: AuditContext,
  row: CaseRow,
  rating: Rating,
  comment: string,
): Promise<void> {
  if (row.rating) throw new ValidationError({ rating: '您已评价过该答复。' });
  assertMove(row.kind, row.state, 'closed');
  await updateCase(trx, row.id, {
    state: 'closed',
    rating,
    ratingComment: comment.slice(0, 500),
    ratedAt: ctx.at,
    updatedAt: ctx.at,
  });
  await takeCaseStep(trx, ctx, row, 'rated', { before: { state: row.state }, after: { state: 'closed', rating } });
}

/** Reminder job: one message a day per open case due within `withinDays` calendar days or overdue. */
export async function sendDueReminders(db: Executor, now: Date, withinDays = 3): Promise<number> {
  const today = todayInShanghai(now);
  const until = todayInShanghai(new Date(now.getTime() + withinDays * 86_400_000));
  const rows = await listCasesToRemind(db, until, today, 100);
  let n = 0;
  for (const row of rows) {
    const overdue = (row.dueDate ?? '') < today;
    await queueNotification(
      db,
      {
        agencyId: row.agencyId,
        recipientUserId: row.assignedUserId,
        toAddress: '',
        recipientName: '',
        subject: `${overdue ? '已超期' : '即将到期'}：${KIND_LABELS[row.kind]} ${row.receiptNumber}`,
        body: `答复期限为 ${row.dueDate}${row.dueProvisional ? '（暂定）' : ''}，请及时答复。`,
        relatedType: row.kind,
        relatedId: row.id,
      },
      now.toISOString(),
    );
    await updateCase(db, row.id, { remindedOn: today });
    n++;
  }
  return n;
}
