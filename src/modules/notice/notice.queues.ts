// The 公示 queue for the 工作台 (issue #11 point 1): published notices whose publicity period ends
// this week (today through Sunday), so staff prepare the result or the objections' answers. The
// condition is shared with the list behind the count (/admin/notices?queue=ending).
import type { ExpressionBuilder } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { countRowsByAgency, type WorkQueue } from '../../platform/work-queue.ts';

export function endingThisWeek(d: { today: string; weekEnd: string }) {
  return (eb: ExpressionBuilder<DB, 'notices'>) =>
    eb.and([
      eb('notices.state', '=', 'published'),
      eb('notices.endDate', '>=', d.today),
      eb('notices.endDate', '<=', d.weekEnd),
    ]);
}

export const noticeQueues: readonly WorkQueue[] = [
  {
    key: 'notice.ending',
    group: '公示',
    label: '本周结束的公示',
    short: '公示本周结束',
    tone: 'soon',
    order: 40,
    act: ['notice.manage'],
    view: 'notice.view',
    href: (agencyId) => `/admin/notices?queue=ending${agencyId ? `&agency=${agencyId}` : ''}`,
    countByAgency: async (ctx) => countRowsByAgency(ctx, 'notices', endingThisWeek(ctx)),
  },
];
