// Work queues of 主动公开 for the 工作台 (issue #11 point 1): 待保密审查, 待签发, returned to the
// drafter, and not yet released past the 20-working-day due date (条例 第二十六条). The condition
// of each is written once and used by the count and by the filtered list behind it
// (/admin/publications?queue=…), so the two never disagree.
import type { ExpressionBuilder } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { countGrouped, isWideScope, type QueueContext, type WorkQueue } from '../../platform/work-queue.ts';
import { interpretationDays, missingInterpretationCondition } from './interpretation.repository.ts';
import { attributeReviewMonths } from './disclosure.service.ts';
import { attributeReviewCutoff } from './disclosure.rules.ts';

export const PUBLICATION_QUEUE_VIEWS = [
  'review',
  'signOff',
  'returned',
  'late',
  'noInterpretation',
  'attributeReview',
] as const;
export type PublicationQueueView = (typeof PUBLICATION_QUEUE_VIEWS)[number];

/**
 * A released publication whose revision draft is in this state (migration 0045): the partial
 * index publication_revisions_pending holds the few rows not yet released, and the condition
 * repeats its WHERE so that SQLite's planner may use it.
 */
function revisionIn(eb: ExpressionBuilder<DB & { p: DB['publications'] }, 'p'>, state: 'submitted' | 'reviewed') {
  return eb(
    'p.id',
    'in',
    eb
      .selectFrom('publicationRevisions as r')
      .select('r.publicationId')
      .where('r.state', '<>', 'released')
      .where('r.state', '=', state),
  );
}

/**
 * The condition of one queue on `publications as p`; `returned` is the given user's;
 * `noInterpretation` takes the last release day that is already past the 解读 setting.
 */
export function publicationQueueCondition(
  view: PublicationQueueView,
  d: { today: string; userId: number; interpretationReleasedBy?: string; attributeDecidedBy?: string },
) {
  return (eb: ExpressionBuilder<DB & { p: DB['publications'] }, 'p'>) => {
    switch (view) {
      case 'review':
        return eb.or([eb('p.state', '=', 'submitted'), revisionIn(eb, 'submitted')]);
      case 'signOff':
        return eb.or([eb('p.state', '=', 'reviewed'), revisionIn(eb, 'reviewed')]);
      case 'returned':
        return eb.and([eb('p.state', '=', 'draft'), eb('p.reviewComment', '<>', ''), eb('p.createdBy', '=', d.userId)]);
      case 'late':
        return eb.and([eb('p.state', 'in', ['draft', 'submitted', 'reviewed']), eb('p.dueOn', '<', d.today)]);
      case 'noInterpretation':
        return missingInterpretationCondition(d.interpretationReleasedBy ?? d.today)(eb);
      case 'attributeReview':
        // 条例 第十八条: recorded (依申请公开 / 不予公开) and last decided a whole interval ago.
        return eb.and([
          eb('p.state', '=', 'recorded'),
          eb('p.attributeDecidedOn', '<=', d.attributeDecidedBy ?? attributeReviewCutoff(d.today, 12)),
        ]);
    }
  };
}

function countQueue(view: PublicationQueueView) {
  return async (ctx: QueueContext) => {
    const interpretationReleasedBy =
      view === 'noInterpretation' ? ctx.workingDaysBefore(await interpretationDays(ctx.db)) : ctx.today;
    const attributeDecidedBy =
      view === 'attributeReview' ? attributeReviewCutoff(ctx.today, await attributeReviewMonths(ctx.db)) : ctx.today;
    return countGrouped(
      ctx,
      ctx.db
        .selectFrom('publications as p')
        .select((eb) => ['p.agencyId', eb.fn.countAll<number>().as('n')])
        .$if(!isWideScope(ctx), (q) => q.where('p.agencyId', 'in', [...ctx.agencyIds]))
        .where(publicationQueueCondition(view, { ...ctx, interpretationReleasedBy, attributeDecidedBy }))
        .groupBy('p.agencyId'),
    );
  };
}

const href = (view: PublicationQueueView) => (agencyId?: number) =>
  `/admin/publications?queue=${view}${agencyId ? `&agency=${agencyId}` : ''}`;

const GROUP = '主动公开';

export const publicationQueues: readonly WorkQueue[] = [
  {
    key: 'publication.late',
    group: GROUP,
    label: '超过20个工作日仍未发布的信息',
    short: '信息逾期未发布',
    tone: 'overdue',
    order: 20,
    act: ['publication.draft', 'publication.review', 'publication.signOff'],
    view: 'publication.view',
    href: href('late'),
    countByAgency: countQueue('late'),
  },
  {
    key: 'publication.noInterpretation',
    group: GROUP,
    label: '已发布但仍缺少政策解读的规范性文件',
    short: '缺少政策解读',
    tone: 'overdue',
    order: 21,
    act: ['publication.draft', 'publication.signOff'],
    view: 'publication.view',
    href: href('noInterpretation'),
    countByAgency: countQueue('noInterpretation'),
  },
  {
    key: 'publication.attributeReview',
    group: GROUP,
    label: '到期需复核公开属性的不公开文件',
    short: '公开属性复核',
    tone: 'todo',
    order: 23,
    act: ['publication.review'],
    view: 'publication.view',
    href: href('attributeReview'),
    countByAgency: countQueue('attributeReview'),
  },
  {
    key: 'publication.returned',
    group: GROUP,
    label: '退回给我修改的信息',
    short: '退回给我',
    tone: 'todo',
    order: 20,
    act: ['publication.draft'],
    view: 'publication.draft',
    href: href('returned'),
    countByAgency: countQueue('returned'),
  },
  {
    key: 'publication.review',
    group: GROUP,
    label: '待保密审查的信息',
    short: '待保密审查',
    tone: 'todo',
    order: 21,
    act: ['publication.review'],
    view: 'publication.view',
    href: href('review'),
    countByAgency: countQueue('review'),
  },
  {
    key: 'publication.signOff',
    group: GROUP,
    label: '待签发的信息',
    short: '待签发',
    tone: 'todo',
    order: 22,
    act: ['publication.signOff'],
    view: 'publication.view',
    href: href('signOff'),
    countByAgency: countQueue('signOff'),
  },
];
