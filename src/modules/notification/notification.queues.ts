// The outbox's queue for the 工作台 (issue #11 point 1): e-mail that could not be delivered after
// its retries. Only admins see it; it is worded for a person, not as a delivery status.
import { countRowsByAgency, type WorkQueue } from '../../platform/work-queue.ts';

export const notificationQueues: readonly WorkQueue[] = [
  {
    key: 'notification.failed',
    group: '消息',
    label: '没能发出的邮件（请核对收件地址或邮件服务器）',
    short: '邮件未发出',
    tone: 'todo',
    order: 90,
    act: ['settings.manage'],
    view: 'notification.view',
    adminOnly: true,
    href: (agencyId) => `/admin/notifications?status=failed${agencyId ? `&agency=${agencyId}` : ''}`,
    countByAgency: async (ctx) =>
      countRowsByAgency(ctx, 'notifications', (eb) => eb('notifications.status', '=', 'failed')),
  },
];
