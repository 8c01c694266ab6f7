// The outbox: every message to staff or the public is stored first (and shown in the admin
// console); when SMTP is configured a job delivers e-mail with retries and records the result.
// Claiming a row before sending makes delivery safe to run in several processes at once.
import type { Transporter } from 'nodemailer';
import type { Executor } from '../../platform/transaction.ts';

export interface NewNotification {
  agencyId: number | null;
  recipientUserId?: number | null;
  toAddress: string;
  recipientName: string;
  subject: string;
  body: string;
  relatedType: string;
  relatedId: string | number;
}

export async function queueNotification(db: Executor, n: NewNotification, at: string): Promise<number> {
  const row = await db
    .insertInto('notifications')
    .values({
      agencyId: n.agencyId,
      recipientUserId: n.recipientUserId ?? null,
      toAddress: n.toAddress.trim(),
      recipientName: n.recipientName,
      subject: n.subject,
      body: n.body,
      relatedType: n.relatedType,
      relatedId: String(n.relatedId),
      status: n.toAddress.trim() ? 'pending' : 'stored',
      attempts: 0,
      lastError: '',
      nextAttemptAt: n.toAddress.trim() ? at : null,
      sentAt: null,
      createdAt: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export const MAX_ATTEMPTS = 5;
const BACKOFF_MINUTES = [1, 5, 30, 120, 720];
const CLAIM_MINUTES = 10;

export interface DeliveryReport {
  sent: number;
  failed: number;
  retried: number;
}

export async function deliverPendingNotifications(
  db: Executor,
  transport: Pick<Transporter, 'sendMail'>,
  opts: { now: Date; from: string; batchSize?: number },
): Promise<DeliveryReport> {
  const nowIso = opts.now.toISOString();
  const due = await db
    .selectFrom('notifications')
    .selectAll()
    .where('status', '=', 'pending')
    .where('nextAttemptAt', '<=', nowIso)
    .orderBy('id')
    .limit(opts.batchSize ?? 50)
    .execute();
  const report: DeliveryReport = { sent: 0, failed: 0, retried: 0 };
  for (const n of due) {
    const claimUntil = new Date(opts.now.getTime() + CLAIM_MINUTES * 60_000).toISOString();
    const claimed = await db
      .updateTable('notifications')
      .set({ nextAttemptAt: claimUntil })
      .where('id', '=', n.id)
      .where('status', '=', 'pending')
      .where('nextAttemptAt', '=', n.nextAttemptAt)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) continue;
    try {
      await transport.sendMail({ from: opts.from, to: n.toAddress, subject: n.subject, text: n.body });
      await db
        .updateTable('notifications')
        .set({ status: 'sent', sentAt: nowIso, attempts: n.attempts + 1, lastError: '', nextAttemptAt: null })
        .where('id', '=', n.id)
        .execute();
      report.sent++;
    } catch (err) {
      const attempts = n.attempts + 1;
      const final = attempts >= MAX_ATTEMPTS;
      const wait = BACKOFF_MINUTES[Math.min(attempts - 1, BACKOFF_MINUTES.length - 1)] ?? 720;
      await db
        .updateTable('notifications')
        .set({
          status: final ? 'failed' : 'pending',
          attempts,
          lastError: (err instanceof Error ? err.message : String(err)).slice(0, 500),
          nextAttemptAt: final ? null : new Date(opts.now.getTime() + wait * 60_000).toISOString(),
        })
        .where('id', '=', n.id)
        .execute();
      if (final) report.failed++;
      else report.retried++;
    }
  }
  return report;
}

export function listNotifications(
  db: Executor,
  opts: {
    agencyIds: number[];
    userId: number;
    limit: number;
    beforeId?: number | undefined;
    /** Only e-mail that could not be delivered, of these agencies (the 工作台's queue). */
    failedOnly?: boolean;
  },
) {
  let q = db.selectFrom('notifications').selectAll().orderBy('id', 'desc').limit(opts.limit);
  const agencyIds = opts.agencyIds.length ? opts.agencyIds : [-1];
  q = opts.failedOnly
    ? q.where('agencyId', 'in', agencyIds).where('status', '=', 'failed')
    : q.where((eb) => eb.or([eb('agencyId', 'in', agencyIds), eb('recipientUserId', '=', opts.userId)]));
  if (opts.beforeId) q = q.where('id', '<', opts.beforeId);
  return q.execute();
}
