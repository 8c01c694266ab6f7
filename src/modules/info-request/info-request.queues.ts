// Work queues of 依申请公开 for the 工作台 (issue #11 point 1). Each queue's condition is written
// once here and used by both the count (grouped by agency) and the filtered list behind it
// (/admin/info-requests?view=…), so a count and its list never disagree.
//
// Due-soon and overdue read the stored due date (due_on) of cases whose clock runs. A provisional
// due date (issue #11 point 3, computed while next year's holidays are unpublished) is stored in
// the same column, so it counts here without a change.
import type { ExpressionBuilder } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { countRowsByAgency, type QueueContext, type WorkQueue } from '../../platform/work-queue.ts';
import { OPEN_STATES } from './info-request.states.ts';

export const INFO_REQUEST_QUEUE_VIEWS = ['confirm', 'soon', 'overdue', 'applicant', 'corrections'] as const;
export type InfoRequestQueueView = (typeof INFO_REQUEST_QUEUE_VIEWS)[number];

export interface QueueDates {
  today: string;
  soonLimit: string;
}

/** An online 补正 of the application waits for staff (correction.service.ts). */
function correctionWaiting(eb: ExpressionBuilder<DB, 'infoRequests'>) {
  return eb.exists(
    eb
      .selectFrom('infoRequestCorrections as c')
      .select('c.id')
      .whereRef('c.infoRequestId', '=', 'infoRequests.id')
      .where('c.state', '=', 'pending'),
  );
}

/** The condition of one queue, on `info_requests` (joins allowed). */
export function infoRequestQueueCondition(view: InfoRequestQueueView, d: QueueDates) {
  return (eb: ExpressionBuilder<DB, 'infoRequests'>) => {
    switch (view) {
      case 'confirm':
        return eb('infoRequests.state', '=', 'submitted');
      case 'applicant':
        // Waiting for the applicant: not once the applicant has answered online.
        return eb.and([
          eb('infoRequests.state', 'in', ['awaitingCorrection', 'feePending']),
          eb.not(correctionWaiting(eb)),
        ]);
      case 'corrections':
        return eb.and([eb('infoRequests.state', '=', 'awaitingCorrection'), correctionWaiting(eb)]);
      case 'soon':
        return eb.and([
          eb('infoRequests.state', 'in', [...OPEN_STATES]),
          eb('infoRequests.clockStatus', '=', 'running'),
          eb('infoRequests.dueOn', '>=', d.today),
          eb('infoRequests.dueOn', '<=', d.soonLimit),
        ]);
      case 'overdue':
        return eb.and([
          eb('infoRequests.state', 'in', [...OPEN_STATES]),
          eb('infoRequests.clockStatus', '=', 'running'),
          eb('infoRequests.dueOn', '<', d.today),
        ]);
    }
  };
}

const countQueue = (view: InfoRequestQueueView) => (ctx: QueueContext) =>
  countRowsByAgency(ctx, 'infoRequests', infoRequestQueueCondition(view, ctx));

const href = (view: InfoRequestQueueView) => (agencyId?: number) =>
  `/admin/info-requests?view=${view}${agencyId ? `&agency=${agencyId}` : ''}`;

const GROUP = '依申请公开';
const ACT = ['infoRequest.process', 'infoRequest.intake', 'infoRequest.reply'] as const;

export const infoRequestQueues: readonly WorkQueue[] = [
  {
    key: 'infoRequest.overdue',
    group: GROUP,
    label: '已超过答复期限的申请',
    short: '申请已超期',
    tone: 'overdue',
    order: 10,
    act: ACT,
    view: 'infoRequest.view',
    href: href('overdue'),
    countByAgency: countQueue('overdue'),
  },
  {
    key: 'infoRequest.soon',
    group: GROUP,
    label: '5个工作日内到期的申请',
    short: '申请即将到期',
    tone: 'soon',
    order: 10,
    act: ACT,
    view: 'infoRequest.view',
    href: href('soon'),
    countByAgency: countQueue('soon'),
  },
  {
    key: 'infoRequest.confirm',
    group: GROUP,
    label: '待确认收到的网上申请',
    short: '待确认收到',
    tone: 'todo',
    order: 10,
    act: ['infoRequest.intake'],
    view: 'infoRequest.view',
    href: href('confirm'),
    countByAgency: countQueue('confirm'),
  },
  {
    key: 'infoRequest.corrections',
    group: GROUP,
    label: '申请人已在线补正、待审查的申请',
    short: '在线补正待审查',
    tone: 'todo',
    order: 10,
    act: ['infoRequest.process'],
    view: 'infoRequest.view',
    href: href('corrections'),
    countByAgency: countQueue('corrections'),
  },
  {
    key: 'infoRequest.applicant',
    group: GROUP,
    label: '等待申请人补正或缴费的申请',
    short: '待申请人补正/缴费',
    tone: 'waiting',
    order: 10,
    act: ACT,
    view: 'infoRequest.view',
    href: href('applicant'),
    countByAgency: countQueue('applicant'),
  },
];
