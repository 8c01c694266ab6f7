// The service hall's queue for the 工作台 (issue #11 point 1): accepted cases whose clock runs and
// whose stored time limit ends within 5 working days or has passed (suspended cases are paused and
// not counted). The condition is shared with the list behind the count (/admin/service-hall?queue=near).
import type { ExpressionBuilder } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { countRowsByAgency, type WorkQueue } from '../../platform/work-queue.ts';

export function nearTimeLimit(d: { soonLimit: string }) {
  return (eb: ExpressionBuilder<DB, 'serviceCases'>) =>
    eb.and([eb('serviceCases.status', 'in', ['accepted', 'inProcess']), eb('serviceCases.dueOn', '<=', d.soonLimit)]);
}

export const serviceHallQueues: readonly WorkQueue[] = [
  {
    key: 'serviceCase.near',
    group: '政务服务',
    label: '5个工作日内到期或已超时的办件',
    short: '办件临近时限',
    tone: 'soon',
    order: 50,
    act: ['serviceCase.handle', 'serviceCase.decide'],
    view: 'serviceCase.view',
    href: (agencyId) => `/admin/service-hall?queue=near${agencyId ? `&agency=${agencyId}` : ''}`,
    countByAgency: async (ctx) => countRowsByAgency(ctx, 'serviceCases', nearTimeLimit(ctx)),
  },
];
