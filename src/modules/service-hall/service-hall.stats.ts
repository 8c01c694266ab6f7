// The monthly figures of the service hall (办件公开, window performance): every number is a count
// over the stored cases, computed by the pure countCases below and turned into rates by
// rates.ts. A month's cases are the cases received in it; whether an accepted case is "due" is
// judged at `asOf` (its stored due date has passed, or it was decided).
//
// - completed in time (按时办结): decided by staff on or before the stored due date;
// - overdue (超期): decided by staff after the due date, or still undecided after it;
// - deemed approvals (超时默许) are neither: the agency did not decide, the law did.
import type { Executor } from '../../platform/transaction.ts';
import { casesReceivedBetween, type ServiceCaseRow } from './service-hall.repository.ts';
import { computeRates, formatRate, type CaseCounts, type CaseRates } from './rates.ts';
import type { ServiceRating } from './service-hall.tables.ts';
import { RATINGS } from './service-hall.tables.ts';

export type CountableCase = Pick<ServiceCaseRow, 'status' | 'acceptedOn' | 'dueOn' | 'decidedOn' | 'deemed' | 'rating'>;

const NEVER_ACCEPTED = new Set(['received', 'notAccepted']);

export function countCases(cases: readonly CountableCase[], asOf: string): CaseCounts {
  const counts: CaseCounts = {
    received: 0,
    accepted: 0,
    completedInTime: 0,
    acceptedAndDue: 0,
    overdue: 0,
    deemedApprovals: 0,
  };
  for (const c of cases) {
    counts.received++;
    if (!c.acceptedOn || NEVER_ACCEPTED.has(c.status)) continue;
    counts.accepted++;
    const decided = c.decidedOn !== null;
    if (c.deemed === 1) {
      counts.acceptedAndDue++;
      counts.deemedApprovals++;
    } else if (decided) {
      counts.acceptedAndDue++;
      if (c.dueOn !== null && (c.decidedOn as string) > c.dueOn) counts.overdue++;
      else counts.completedInTime++;
    } else if (c.dueOn !== null && c.dueOn < asOf) {
      counts.acceptedAndDue++;
      counts.overdue++;
    }
  }
  return counts;
}

export interface RatingCounts {
  total: number;
  byRating: Record<ServiceRating, number>;
  /** 满意率: 非常满意 + 满意 + 基本满意 over all ratings; null when nobody rated. */
  satisfaction: number | null;
}

export function countRatings(cases: readonly CountableCase[]): RatingCounts {
  const byRating = Object.fromEntries(RATINGS.map((r) => [r, 0])) as Record<ServiceRating, number>;
  let total = 0;
  for (const c of cases) {
    if (!c.rating) continue;
    byRating[c.rating]++;
    total++;
  }
  const satisfied = byRating.verySatisfied + byRating.satisfied + byRating.fairlySatisfied;
  return { total, byRating, satisfaction: total ? satisfied / total : null };
}

export interface FigureRow {
  key: string;
  label: string;
  counts: CaseCounts;
  rates: CaseRates;
  ratings: RatingCounts;
}

export interface MonthFigures {
  month: string;
  asOf: string;
  total: FigureRow;
  byItem: FigureRow[];
  byWindow: FigureRow[];
}

export function monthBounds(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

function row(key: string, label: string, cases: readonly CountableCase[], asOf: string): FigureRow {
  const counts = countCases(cases, asOf);
  return { key, label, counts, rates: computeRates(counts), ratings: countRatings(cases) };
}

function groupRows<K extends string | number | null>(
  cases: readonly ServiceCaseRow[],
  keyOf: (c: ServiceCaseRow) => K,
  labels: ReadonlyMap<K, string>,
  asOf: string,
  fallback: string,
): FigureRow[] {
  const groups = new Map<K, ServiceCaseRow[]>();
  for (const k of labels.keys()) groups.set(k, []);
  for (const c of cases) {
    const k = keyOf(c);
    const list = groups.get(k) ?? [];
    list.push(c);
    groups.set(k, list);
  }
  return [...groups].map(([k, list]) => row(String(k), labels.get(k) ?? fallback, list, asOf));
}

/** The figures of one month for the given agencies, per item and per window. */
export async function monthFigures(
  db: Executor,
  agencyIds: readonly number[],
  month: string,
  asOf: string,
  labels: { items: ReadonlyMap<number, string>; windows: ReadonlyMap<number | null, string> },
): Promise<MonthFigures> {
  const { from, to } = monthBounds(month);
  const cases = await casesReceivedBetween(db, agencyIds, from, to);
  return {
    month,
    asOf,
    total: row('total', '合计', cases, asOf),
    byItem: groupRows(cases, (c) => c.itemId, labels.items, asOf, '（已停用的事项）'),
    byWindow: groupRows(cases, (c) => c.windowId, labels.windows, asOf, '未指定窗口'),
  };
}

/** Counts per month (cases received in each of `months`, judged at `asOf`), with one query. */
export async function monthlyCounts(
  db: Executor,
  agencyIds: readonly number[],
  months: readonly string[],
  asOf: string,
): Promise<{ month: string; counts: CaseCounts }[]> {
  if (!months.length) return [];
  const from = monthBounds(months[0] as string).from;
  const to = monthBounds(months[months.length - 1] as string).to;
  const byMonth = new Map<string, ServiceCaseRow[]>(months.map((m) => [m, []]));
  for (const c of await casesReceivedBetween(db, agencyIds, from, to)) byMonth.get(c.receivedOn.slice(0, 7))?.push(c);
  return months.map((month) => ({ month, counts: countCases(byMonth.get(month) ?? [], asOf) }));
}

export const rateText = formatRate;
