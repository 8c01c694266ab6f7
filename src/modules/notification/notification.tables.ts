import type { Generated } from 'kysely';

export type NotificationStatus = 'stored' | 'pending' | 'sent' | 'failed';

export interface NotificationsTable {
  id: Generated<number>;
  agencyId: number | null;
  recipientUserId: number | null;
  /** E-mail address, or '' when the message is only shown in the console. */
  toAddress: string;
  recipientName: string;
  subject: string;
  body: string;
  relatedType: string;
  relatedId: string;
  status: NotificationStatus;
  attempts: number;
  lastError: string;
  nextAttemptAt: string | null;
  sentAt: string | null;
  createdAt: string;
}

export interface NotificationTables {
  notifications: NotificationsTable;
}
