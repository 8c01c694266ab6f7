// The 工作台's queues of record amendment requests (条例 第四十一条 on the 第三十三条 clock): past the
// due date, due within 5 working days, online requests to confirm. Each condition is written once
// and used by the count and by the list behind it (/admin/record-amendments?view=…&agency=…).
import type { ExpressionBuilder } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { countRowsByAgency, type QueueContext, type WorkQueue } from '../../platform/work-queue.ts';

export const AMENDMENT_QUEUE_VIEWS = ['overdue', 'soon', 'confirm'] as const;
export type AmendmentQueueView = (typeof AMENDMENT_QUEUE_VIEWS)[number];

export function amendmentQueueCondition(view: AmendmentQueueView, d: { today: string; soonLimit: string }) {
  return (eb: ExpressionBuilder<DB, 'recordAmendments'>) => {
    switch (view) {
      case 'confirm':
        return eb('recordAmendments.state', '=', 'submitted');
      case 'soon':
        return eb.and([
          eb('recordAmendments.state', '=', 'processing'),
          eb('recordAmendments.dueOn', '>=', d.today),
          eb('recordAmendments.dueOn', '<=', d.soonLimit),
        ]);
      case 'overdue':
        return eb.and([eb('recordAmendments.state', '=', 'processing'), eb('recordAmendments.dueOn', '<', d.today)]);
    }
  };
}

const countQueue = (view: AmendmentQueueView) => (ctx: QueueContext) =>
  countRowsByAgency(ctx, 'recordAmendments', amendmentQueueCondition(view, ctx));

const href = (view: AmendmentQueueView) => (agencyId?: number) =>
  `/admin/record-amendments?view=${view}${agencyId ? `&agency=${agencyId}` : ''}`;

const GROUP = '更正个人信息记录';
const ACT = ['infoRequest.process', 'infoRequest.intake', 'infoRequest.reply'] as const;

export const recordAmendmentQueues: readonly WorkQueue[] = [
  {
    key: 'recordAmendment.overdue',
    group: GROUP,
    label: '已超过答复期限的更正申请',
    short: '更正已超期',
    tone: 'overdue',
    order: 15,
    act: ACT,
    view: 'infoRequest.view',
    href: href('overdue'),
    countByAgency: countQueue('overdue'),
  },
  {
    key: 'recordAmendment.soon',
    group: GROUP,
    label: '5个工作日内到期的更正申请',
    short: '更正即将到期',
    tone: 'soon',
    order: 15,
    act: ACT,
    view: 'infoRequest.view',
    href: href('soon'),
    countByAgency: countQueue('soon'),
  },
  {
    key: 'recordAmendment.confirm',
    group: GROUP,
    label: '待确认收到的网上更正申请',
    short: '更正待确认收到',
    tone: 'todo',
    order: 15,
    act: ['infoRequest.intake'],
    view: 'infoRequest.view',
    href: href('confirm'),
    countByAgency: countQueue('confirm'),
  },
];
