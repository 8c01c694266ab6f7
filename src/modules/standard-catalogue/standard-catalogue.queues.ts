// The 工作台's queue of the 基层政务公开标准目录: items of the agency's catalogue that are missing or
// were published late this year so far (completeness judged on today). Not one SQL count: the
// due dates need the calendar, so the count is the pure rules over one read of items, bindings
// and the bound categories' publications; the list behind it is the completeness drill-down.
import type { QueueContext, WorkQueue } from '../../platform/work-queue.ts';
import { parsePeriod } from './standard-catalogue.rules.ts';
import { completenessOf } from './standard-catalogue.completeness.ts';

export const standardCatalogueQueues: readonly WorkQueue[] = [
  {
    key: 'standardCatalogue.gaps',
    group: '基层政务公开标准目录',
    label: '本年度缺失或逾期公开的标准目录事项',
    short: '目录缺失/逾期',
    tone: 'todo',
    order: 45,
    act: ['standardCatalogue.bind'],
    view: 'standardCatalogue.view',
    href: (agencyId?: number) => `/admin/standard-catalogue/completeness${agencyId ? `?agency=${agencyId}` : ''}`,
    countByAgency: async (ctx: QueueContext) => {
      const period = parsePeriod(ctx.today.slice(0, 4))!;
      const out = new Map<number, number>();
      for (const a of await completenessOf(ctx.db, ctx.agencyIds, period, ctx.today))
        if (a.total.missing + a.total.late) out.set(a.agencyId, a.total.missing + a.total.late);
      return out;
    },
  },
];
