// The 工作台's queue of 意见征集: consultations whose period has ended and whose 意见采纳情况反馈 is
// not yet published (tag every comment, then a signer publishes it). One grouped count; the list
// behind it is /admin/comment-periods?queue=feedbackDue with the same condition.
import { countRowsByAgency, type QueueContext, type WorkQueue } from '../../platform/work-queue.ts';
import { feedbackDueCondition } from './comment-period.repository.ts';

export const commentPeriodQueues: readonly WorkQueue[] = [
  {
    key: 'commentPeriod.feedbackDue',
    group: '意见征集',
    label: '征集已结束、待发布意见采纳情况反馈的意见征集',
    short: '待反馈采纳情况',
    tone: 'todo',
    order: 40,
    act: ['commentPeriod.manage', 'commentPeriod.publish'],
    view: 'commentPeriod.view',
    href: (agencyId?: number) => `/admin/comment-periods?queue=feedbackDue${agencyId ? `&agency=${agencyId}` : ''}`,
    countByAgency: (ctx: QueueContext) => countRowsByAgency(ctx, 'commentPeriods', feedbackDueCondition(ctx.today)),
  },
];
