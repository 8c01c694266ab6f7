// Annual report queues for the 工作台 (issue #11 point 1; RULES.md §1.14 rule 14): an agency's
// report for last year not yet published, due by 1月31日 (departments; towns by the county's
// setting, default 01-31) or 3月31日 (the county government) — overdue once that day has passed
// (shown in red) — and, from 60 days before its due date, this year's report. Each queue is one
// query: the agencies with the state of both reports and the towns' due-date setting as columns.
import { countsOf, isWideScope, type QueueContext, type WorkQueue } from '../../platform/work-queue.ts';
import { annualReportDueDate } from './deadlines.ts';
import type { AgencyKind } from './report-data.ts';
import { TOWN_DUE_SETTING } from './annual-report.service.ts';

/** This year's report joins the "due" queue this many days before its due date. */
export const REPORT_DUE_WINDOW_DAYS = 60;

const DONE = ['published', 'imported'];

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Per agency: how many of its reports are overdue / due, by one query. */
async function reportStatus(ctx: QueueContext, which: 'overdue' | 'due'): Promise<Map<number, number>> {
  const lastYear = Number(ctx.today.slice(0, 4)) - 1;
  const thisYear = lastYear + 1;
  // Both reports joined (one row per agency: a report is unique per agency and year), not read by
  // a subquery per agency: PostgreSQL hashes the joins (bench/workbench.ts: 2,000 agencies).
  const rows = await ctx.db
    .selectFrom('agencies as a')
    .leftJoin('annualReports as l', (j) => j.onRef('l.agencyId', '=', 'a.id').on('l.year', '=', lastYear))
    .leftJoin('annualReports as t', (j) => j.onRef('t.agencyId', '=', 'a.id').on('t.year', '=', thisYear))
    .select((eb) => [
      'a.id',
      'a.kind',
      'l.state as lastState',
      't.state as thisState',
      eb
        .selectFrom('settings as s')
        .select('s.value')
        .where('s.agencyId', '=', 0)
        .where('s.key', '=', TOWN_DUE_SETTING)
        .limit(1)
        .as('townDue'),
    ])
    .$if(!isWideScope(ctx), (q) => q.where('a.id', 'in', [...ctx.agencyIds]))
    .where('a.active', '=', 1)
    .execute();
  const out: { agencyId: number; n: number }[] = [];
  for (const r of rows) {
    let townDueMonthDay: string | undefined;
    try {
      const v = r.townDue ? (JSON.parse(r.townDue) as unknown) : undefined;
      townDueMonthDay = typeof v === 'string' ? v : undefined;
    } catch {
      townDueMonthDay = undefined;
    }
    const settings = townDueMonthDay ? { townDueMonthDay } : {};
    const kind = r.kind as AgencyKind;
    let n = 0;
    if (!DONE.includes(r.lastState ?? '')) {
      const late = ctx.today > annualReportDueDate(kind, lastYear, settings);
      if (late === (which === 'overdue')) n += 1;
    }
    if (which === 'due' && !DONE.includes(r.thisState ?? '')) {
      if (daysBetween(ctx.today, annualReportDueDate(kind, thisYear, settings)) <= REPORT_DUE_WINDOW_DAYS) n += 1;
    }
    if (n) out.push({ agencyId: r.id, n });
  }
  return countsOf(out, ctx.agencyIds);
}

const GROUP = '年度报告';

export const annualReportQueues: readonly WorkQueue[] = [
  {
    key: 'annualReport.overdue',
    group: GROUP,
    label: '已过发布期限仍未发布的年度报告',
    short: '年报逾期',
    tone: 'overdue',
    order: 60,
    act: ['annualReport.edit'],
    view: 'annualReport.view',
    href: () => '/admin/annual-reports',
    countByAgency: (ctx) => reportStatus(ctx, 'overdue'),
  },
  {
    key: 'annualReport.due',
    group: GROUP,
    label: '即将到期的年度报告（1月31日前，县政府3月31日前）',
    short: '年报待发布',
    tone: 'soon',
    order: 60,
    act: ['annualReport.edit'],
    view: 'annualReport.view',
    href: () => '/admin/annual-reports',
    countByAgency: (ctx) => reportStatus(ctx, 'due'),
  },
];
