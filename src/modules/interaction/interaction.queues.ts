// Work queues of the public channels for the 工作台 (issue #11 point 1): 咨询, 投诉, 领导信箱 and
// 公示异议 not yet answered, and those past their agency's answer period (the due date stored on
// each case from the agency's setting). The condition is shared with the list behind the count
// (/admin/interaction?queue=…).
import type { ExpressionBuilder } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { countRowsByAgency, type QueueContext, type WorkQueue } from '../../platform/work-queue.ts';

/** States in which a case still waits for its answer. */
export const OPEN_CASE_STATES = ['received', 'assigned', 'handling'] as const;

export const INTERACTION_QUEUE_VIEWS = ['open', 'overdue'] as const;
export type InteractionQueueView = (typeof INTERACTION_QUEUE_VIEWS)[number];

export function interactionQueueCondition(view: InteractionQueueView, d: { today: string }) {
  return (eb: ExpressionBuilder<DB, 'interactionCases'>) =>
    view === 'open'
      ? eb('interactionCases.state', 'in', [...OPEN_CASE_STATES])
      : eb.and([
          eb('interactionCases.state', 'in', [...OPEN_CASE_STATES]),
          eb('interactionCases.dueDate', '<', d.today),
        ]);
}

const countQueue = (view: InteractionQueueView) => (ctx: QueueContext) =>
  countRowsByAgency(ctx, 'interactionCases', interactionQueueCondition(view, ctx));

const href = (view: InteractionQueueView) => (agencyId?: number) =>
  `/admin/interaction?queue=${view}${agencyId ? `&agency=${agencyId}` : ''}`;

const GROUP = '咨询、投诉和来信';

export const interactionQueues: readonly WorkQueue[] = [
  {
    key: 'interaction.overdue',
    group: GROUP,
    label: '超过答复期限仍未答复的来信、咨询和投诉',
    short: '来信超期',
    tone: 'overdue',
    order: 30,
    act: ['interaction.handle'],
    view: 'interaction.view',
    href: href('overdue'),
    countByAgency: countQueue('overdue'),
  },
  {
    key: 'interaction.open',
    group: GROUP,
    label: '尚未答复的来信、咨询和投诉',
    short: '来信待答复',
    tone: 'todo',
    order: 30,
    act: ['interaction.handle'],
    view: 'interaction.view',
    href: href('open'),
    countByAgency: countQueue('open'),
  },
];
