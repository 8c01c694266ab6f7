// The annual report's messages to staff (the deadline reminders, a submitted report for the
// supervising agency's admins): one outbox message to each person, addressed to them.
import type { Executor } from '../../platform/transaction.ts';
import { queueNotification, type NewNotification } from '../notification/index.ts';

export interface StaffRecipient {
  id: number;
  email: string;
  displayName: string;
}

/** Queues `message` to each of `staff` (of agency `agencyId`); returns how many were queued. */
export async function notifyStaff(
  db: Executor,
  agencyId: number,
  staff: readonly StaffRecipient[],
  message: Pick<NewNotification, 'subject' | 'body' | 'relatedType' | 'relatedId'>,
  at: string,
): Promise<number> {
  for (const u of staff)
    await queueNotification(
      db,
      { agencyId, recipientUserId: u.id, toAddress: u.email, recipientName: u.displayName, ...message },
      at,
    );
  return staff.length;
}
