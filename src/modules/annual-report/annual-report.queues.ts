// Annual report queues for the 工作台 (issue #11 point 1; RULES.md §1.14 rule 14): an agency's
// report for last year not yet published, due by 1月31日 (departments; towns by the county's
// setting, default 01-31) or 3月31日 (the governments above the town) — overdue once that day has passed
// (shown in red) — and, from 60 days before its due date, this year's report. Both queues are
// counted from one query (sharedRead): the agencies with a report not yet done, with the state of
// both reports as columns, and the towns' due-date settings (each government's, the platform's).
import { countsOf, isWideScope, sharedRead, type QueueContext, type WorkQueue } from '../../platform/work-queue.ts';
import { annualReportDueDate, REPORT_DUE_WINDOW_DAYS, townDeadlineOf } from './deadlines.ts';
import type { AgencyKind } from './report-data.ts';
import { townDueSettings } from './annual-report.service.ts';

const DONE = ['published', 'imported'] as const;
const isDone = (state: string | null) => state === 'published' || state === 'imported';

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

interface ReportQueueCounts {
  overdue: Map<number, number>;
  due: Map<number, number>;
}

/**
 * Per agency: how many of its reports are overdue and how many are due, both from ONE read of the
 * agencies and their two reports (the two queues share it through sharedRead). Only agencies with
 * a report not yet done are read (in December most of last year's reports are published), and a
 * due date depends only on the agency's kind, so each kind's two dates are computed once.
 */
async function readReportStatus(ctx: QueueContext): Promise<ReportQueueCounts> {
  const lastYear = Number(ctx.today.slice(0, 4)) - 1;
  const thisYear = lastYear + 1;
  // Both reports joined (one row per agency: a report is unique per agency and year), not read by
  // a subquery per agency: PostgreSQL hashes the joins (bench/workbench.ts: 2,000 agencies).
  const rows = await ctx.db
    .selectFrom('agencies as a')
    .leftJoin('annualReports as l', (j) => j.onRef('l.agencyId', '=', 'a.id').on('l.year', '=', lastYear))
    .leftJoin('annualReports as t', (j) => j.onRef('t.agencyId', '=', 'a.id').on('t.year', '=', thisYear))
    .select(['a.id', 'a.kind', 'a.parentId', 'l.state as lastState', 't.state as thisState'])
    .$if(!isWideScope(ctx), (q) => q.where('a.id', 'in', [...ctx.agencyIds]))
    .where('a.active', '=', 1)
    .where((eb) =>
      eb.or([
        eb('l.state', 'is', null),
        eb('l.state', 'not in', DONE),
        eb('t.state', 'is', null),
        eb('t.state', 'not in', DONE),
      ]),
    )
    .execute();
  const townDue = await townDueSettings(ctx.db);
  const dates = new Map<string, { last: string; dueSoon: boolean }>();
  const datesOf = (kind: AgencyKind, parentId: number | null) => {
    const settings = townDeadlineOf(townDue, parentId);
    const key = `${kind} ${settings.townDueMonthDay ?? ''}`;
    let d = dates.get(key);
    if (!d) {
      d = {
        last: annualReportDueDate(kind, lastYear, settings),
        dueSoon: daysBetween(ctx.today, annualReportDueDate(kind, thisYear, settings)) <= REPORT_DUE_WINDOW_DAYS,
      };
      dates.set(key, d);
    }
    return d;
  };
  const overdue: { agencyId: number; n: number }[] = [];
  const due: { agencyId: number; n: number }[] = [];
  for (const r of rows) {
    const d = datesOf(r.kind, r.parentId);
    let o = 0;
    let n = 0;
    if (!isDone(r.lastState)) {
      if (ctx.today > d.last) o += 1;
      else n += 1;
    }
    if (d.dueSoon && !isDone(r.thisState)) n += 1;
    if (o) overdue.push({ agencyId: r.id, n: o });
    if (n) due.push({ agencyId: r.id, n });
  }
  return { overdue: countsOf(overdue, ctx.agencyIds), due: countsOf(due, ctx.agencyIds) };
}

const reportStatus = (ctx: QueueContext) => sharedRead(ctx, 'annualReport', () => readReportStatus(ctx));

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
    href: () => '/admin/annual-reports?queue=overdue',
    countByAgency: async (ctx) => (await reportStatus(ctx)).overdue,
  },
  {
    key: 'annualReport.due',
    group: GROUP,
    label: '即将到期的年度报告（部门1月31日前，县级以上人民政府3月31日前）',
    short: '年报待发布',
    tone: 'soon',
    order: 60,
    act: ['annualReport.edit'],
    view: 'annualReport.view',
    href: () => '/admin/annual-reports',
    countByAgency: async (ctx) => (await reportStatus(ctx)).due,
  },
];
