// Pure rules of the 基层政务公开标准目录 (issue #17 point 2): reading a catalogue's 公开时限 into a
// computable shape, the due dates it gives, and completeness — for each item due in a period,
// whether something was published in the agency's bound categories on time, late, or not at all.
//
// 公开时限 in the published catalogues (RULES.md §6.4) is most often 「信息形成或者变更之日起20个
// 工作日内」 (条例 第二十六条), sometimes 10 working days, 「批复后20日内」 (预算法 第十四条: calendar
// days), or a yearly date (年度报告: 「每年1月31日前」, 条例 第四十九条). Working days are counted
// with the calendar module (民法典 第二百零一条: the start day is not counted), provisionally for a
// year whose State Council arrangement is not yet imported.
import { TOWN_KINDS } from '../../platform/agency-kinds.ts';
import { addCalendarDays, addWorkingDaysProvisional, type WorkCalendar } from '../calendar/index.ts';
import type { DayUnit, ItemLevel, ItemMode, TimingKind } from './standard-catalogue.tables.ts';

export interface Timing {
  kind: TimingKind;
  /** change: days after formation/change; quarterly/monthly: days after the period's end. */
  days: number;
  unit: DayUnit;
  /** yearly: MM-DD. */
  date: string;
}

const NUM = '(\\d{1,3})';
const UNIT = '(个工作日|个?自然日|日|天)';

/** Reads 公开时限 as written into a Timing, or null when the text has no shape we can compute. */
export function parseTimeLimit(text: string): Timing | null {
  const t = text.replace(/\s+/g, '').replace(/（/g, '(').replace(/）/g, ')');
  let m = /每年(\d{1,2})月(\d{1,2})日(?:前|之前|以前)/.exec(t);
  if (m) {
    const month = Number(m[1]);
    const day = Number(m[2]);
    if (month < 1 || month > 12 || day < 1 || day > new Date(Date.UTC(2001, month, 0)).getUTCDate()) return null;
    return { kind: 'yearly', days: 0, unit: 'calendar', date: `${pad(month)}-${pad(day)}` };
  }
  m = new RegExp(`(每季度|每月)(?:结束|终了)?后${NUM}${UNIT}内`).exec(t);
  if (m) return { kind: m[1] === '每月' ? 'monthly' : 'quarterly', days: Number(m[2]), unit: unitOf(m[3]!), date: '' };
  m = new RegExp(`${NUM}${UNIT}内`).exec(t);
  if (m) {
    const days = Number(m[1]);
    if (days < 1 || days > 365) return null;
    return { kind: 'change', days, unit: unitOf(m[2]!), date: '' };
  }
  if (/实时|即时|及时/.test(t)) return { kind: 'change', days: 20, unit: 'working', date: '' };
  return null;
}

/** What an import says when 公开时限 cannot be read. */
export const TIME_LIMIT_HELP =
  '公开时限无法识别，请写成「信息形成或者变更之日起20个工作日内」「批复后20日内」「每年1月31日前」「每季度结束后10个工作日内」或「每月结束后5个工作日内」这样的形式。';

function unitOf(u: string): DayUnit {
  return u === '个工作日' ? 'working' : 'calendar';
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** The timing said back in words (for pages and exports of an item without its own text). */
export function timingText(t: Timing): string {
  const unit = t.unit === 'working' ? '个工作日' : '日';
  switch (t.kind) {
    case 'change':
      return `信息形成或者变更之日起${t.days}${unit}内`;
    case 'yearly':
      return `每年${Number(t.date.slice(0, 2))}月${Number(t.date.slice(3))}日前`;
    case 'quarterly':
      return `每季度结束后${t.days}${unit}内`;
    case 'monthly':
      return `每月结束后${t.days}${unit}内`;
  }
}

/** `from` + n days of the timing's unit (working days provisionally past the imported years). */
export function addDays(cal: WorkCalendar, from: string, n: number, unit: DayUnit): string {
  return unit === 'working' ? addWorkingDaysProvisional(cal, from, n).date : addCalendarDays(from, n);
}

// ——— Periods ———

export interface Period {
  /** 2026 or 2026-Q3. */
  key: string;
  label: string;
  start: string;
  end: string;
}

/** A period from its key: a year (「2026」) or a quarter (「2026-Q3」); null when malformed. */
export function parsePeriod(key: string): Period | null {
  const m = /^(\d{4})(?:-Q([1-4]))?$/.exec(key.trim());
  if (!m) return null;
  const year = Number(m[1]);
  if (year < 2000 || year > 2100) return null;
  if (!m[2]) return { key: String(year), label: `${year}年`, start: `${year}-01-01`, end: `${year}-12-31` };
  const q = Number(m[2]);
  const start = `${year}-${pad(q * 3 - 2)}-01`;
  const end = monthEnd(year, q * 3);
  return { key: `${year}-Q${q}`, label: `${year}年第${'一二三四'[q - 1]}季度`, start, end };
}

/** The quarter containing a day. */
export function quarterOf(day: string): Period {
  return parsePeriod(`${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`)!;
}

function monthEnd(year: number, month: number): string {
  return `${year}-${pad(month)}-${pad(new Date(Date.UTC(year, month, 0)).getUTCDate())}`;
}

/**
 * One release an item owes: due by `dueOn`, counted if published from `windowStart` on — for a
 * quarter or month the day after it ends (the release reports on a finished cycle), for a yearly
 * date the day after last year's date.
 */
export interface Occurrence {
  windowStart: string;
  dueOn: string;
}

/**
 * The periodic releases of a timing that fall in a period: each cycle (quarter, month) inside the
 * period, due its days after the cycle ends; a yearly item once for each of its dates in the period.
 * A `change` item has no fixed dates (see itemStatus).
 */
export function occurrences(cal: WorkCalendar, t: Timing, period: Period): Occurrence[] {
  const out: Occurrence[] = [];
  const y0 = Number(period.start.slice(0, 4));
  const y1 = Number(period.end.slice(0, 4));
  if (t.kind === 'yearly') {
    for (let y = y0; y <= y1; y++) {
      const dueOn = `${y}-${t.date}`;
      if (dueOn >= period.start && dueOn <= period.end)
        out.push({ windowStart: addCalendarDays(`${y - 1}-${t.date}`, 1), dueOn });
    }
  } else if (t.kind === 'quarterly' || t.kind === 'monthly') {
    const step = t.kind === 'quarterly' ? 3 : 1;
    const m0 = Number(period.start.slice(5, 7));
    for (let y = y0; y <= y1; y++) {
      for (let m = 1; m <= 12; m += step) {
        const start = `${y}-${pad(m)}-01`;
        if (start < period.start || start > period.end) continue;
        if (y === y0 && m < m0) continue;
        const end = monthEnd(y, m + step - 1);
        out.push({ windowStart: addCalendarDays(end, 1), dueOn: addDays(cal, end, t.days, t.unit) });
      }
    }
  }
  return out;
}

// ——— Completeness ———

export type ItemStatus = 'onTime' | 'late' | 'missing' | 'notDue';

export const STATUS_LABELS: Record<ItemStatus, string> = {
  onTime: '按时',
  late: '逾期',
  missing: '缺失',
  notDue: '未到期',
};

export interface CompletenessItem extends Timing {
  id: number;
  areaKey: string;
  mode: ItemMode;
  level: ItemLevel;
}

export interface CompletenessPublication {
  id: number;
  /** 成文日期 / the day the information was formed or changed. */
  formedOn: string;
  publishedOn: string;
  categoryIds: readonly number[];
}

export interface AgencyCatalogue {
  agencyId: number;
  /** A town (乡级 items apply) or a county-level agency (县级 items). */
  tier: 'county' | 'town';
  /** itemId → the agency's categories bound to it. */
  bindings: ReadonlyMap<number, readonly number[]>;
  /** Areas declared 未涉及. */
  exempt: ReadonlySet<string>;
}

export interface ItemResult {
  itemId: number;
  areaKey: string;
  status: ItemStatus;
  /** The release it was judged on: a periodic due date, or '' for a change item. */
  dueOn: string;
  /** True when no category of the agency is bound to the item. */
  unbound: boolean;
  /** The publications the status rests on. */
  publicationIds: number[];
}

/**
 * An agency's tier in the catalogue (国办发〔2019〕54号 is a catalogue for 县乡): a town, township
 * or sub-district owes the 乡级 items; every other agency the 县级 items of the areas it has bound —
 * a county's departments, and a prefecture's or province's government or department, which owe
 * nothing until they bind a category (they are not towns).
 */
export function catalogueTier(kind: string): AgencyCatalogue['tier'] {
  return TOWN_KINDS.has(kind) ? 'town' : 'county';
}

/**
 * Which items an agency owes: proactive ones (依申请公开 items are answered on request, never
 * "missing") of its tier, in areas it has not declared 未涉及. A town owes every area it has items
 * for; a county-level agency (a department) only the areas where it has bound a category — the
 * 民政局 owes 社会救助, not 义务教育.
 */
export function owedItems(items: readonly CompletenessItem[], agency: AgencyCatalogue): CompletenessItem[] {
  const boundAreas = new Set<string>();
  for (const it of items) if ((agency.bindings.get(it.id) ?? []).length) boundAreas.add(it.areaKey);
  return items.filter(
    (it) =>
      it.mode === 'proactive' &&
      (it.level === 'both' || it.level === agency.tier) &&
      !agency.exempt.has(it.areaKey) &&
      (agency.tier === 'town' || boundAreas.has(it.areaKey)),
  );
}

/**
 * The status of one item of one agency in a period, judged on `today`:
 * - periodic items (yearly/quarterly/monthly): one result per release due in the period — 按时 if
 *   something appeared in a bound category between the release's window start and its due date,
 *   逾期 if only after the due date (up to today), 缺失 if nothing and the due date has passed,
 *   未到期 if nothing yet and it is not yet due;
 * - change items (N days from the information's formation or change): the information must be on
 *   the portal — 缺失 if nothing was ever published in a bound category up to the period's end (or
 *   today); else 逾期 if any publication released in the period came out later than its 成文日期 +
 *   N days, 按时 otherwise (something published in an earlier period and still standing counts).
 */
export function itemResults(
  cal: WorkCalendar,
  item: CompletenessItem,
  agency: AgencyCatalogue,
  publications: readonly CompletenessPublication[],
  period: Period,
  today: string,
): ItemResult[] {
  const cats = new Set(agency.bindings.get(item.id) ?? []);
  const unbound = cats.size === 0;
  const upTo = today < period.end ? today : period.end;
  const bound = publications
    .filter((p) => p.categoryIds.some((c) => cats.has(c)) && p.publishedOn <= today)
    .sort((a, b) => (a.publishedOn < b.publishedOn ? -1 : a.publishedOn > b.publishedOn ? 1 : a.id - b.id));
  const base = { itemId: item.id, areaKey: item.areaKey, unbound };
  if (item.kind === 'change') {
    const standing = bound.filter((p) => p.publishedOn <= upTo);
    if (!standing.length)
      return [{ ...base, status: period.start > today ? 'notDue' : 'missing', dueOn: '', publicationIds: [] }];
    const inPeriod = standing.filter((p) => p.publishedOn >= period.start);
    const late = inPeriod.filter((p) => p.publishedOn > addDays(cal, p.formedOn, item.days, item.unit));
    if (late.length) return [{ ...base, status: 'late', dueOn: '', publicationIds: late.map((p) => p.id) }];
    const shown = inPeriod.length ? inPeriod : standing.slice(-1);
    return [{ ...base, status: 'onTime', dueOn: '', publicationIds: shown.map((p) => p.id) }];
  }
  // A publication answers one release only. First every release takes the earliest free
  // publication inside its window (按时); then, in order, each release past due and still without
  // one takes the earliest free publication after its due date and by the next release's due date
  // (逾期; later than that it is the next release's). The releases just before and after the
  // period take part, so a late one of last quarter is not counted as this quarter's.
  const occ = occurrences(cal, item, period);
  const span = [
    ...occurrences(cal, item, adjacentPeriod(period, -1)),
    ...occ,
    ...occurrences(cal, item, adjacentPeriod(period, 1)),
  ];
  const taken = new Map<Occurrence, { id: number; late: boolean }>();
  const used = new Set<number>();
  for (const o of span) {
    const p = bound.find((x) => !used.has(x.id) && x.publishedOn >= o.windowStart && x.publishedOn <= o.dueOn);
    if (p) {
      used.add(p.id);
      taken.set(o, { id: p.id, late: false });
    }
  }
  span.forEach((o, i) => {
    if (taken.has(o) || o.dueOn >= today) return;
    const nextDue = span[i + 1]?.dueOn ?? '9999-12-31';
    const p = bound.find((x) => !used.has(x.id) && x.publishedOn > o.dueOn && x.publishedOn <= nextDue);
    if (p) {
      used.add(p.id);
      taken.set(o, { id: p.id, late: true });
    }
  });
  return occ.map((o) => {
    const t = taken.get(o);
    const status: ItemStatus = t ? (t.late ? 'late' : 'onTime') : o.dueOn < today ? 'missing' : 'notDue';
    return { ...base, status, dueOn: o.dueOn, publicationIds: t ? [t.id] : [] };
  });
}

/** The period of the same length just before (-1) or after (1) `period`. */
function adjacentPeriod(period: Period, step: -1 | 1): Period {
  const [y, q] = period.key.split('-Q');
  if (!q) return parsePeriod(String(Number(y) + step))!;
  const n = Number(y) * 4 + Number(q) - 1 + step;
  return parsePeriod(`${Math.floor(n / 4)}-Q${(n % 4) + 1}`)!;
}

export interface StatusCounts {
  onTime: number;
  late: number;
  missing: number;
  notDue: number;
}

export function emptyCounts(): StatusCounts {
  return { onTime: 0, late: 0, missing: 0, notDue: 0 };
}

/** Every owed item's results for one agency in a period, and their counts per area. */
export function agencyCompleteness(
  cal: WorkCalendar,
  items: readonly CompletenessItem[],
  agency: AgencyCatalogue,
  publications: readonly CompletenessPublication[],
  period: Period,
  today: string,
): { results: ItemResult[]; byArea: Map<string, StatusCounts>; total: StatusCounts } {
  const results = owedItems(items, agency).flatMap((it) => itemResults(cal, it, agency, publications, period, today));
  const byArea = new Map<string, StatusCounts>();
  const total = emptyCounts();
  for (const r of results) {
    let c = byArea.get(r.areaKey);
    if (!c) byArea.set(r.areaKey, (c = emptyCounts()));
    c[r.status]++;
    total[r.status]++;
  }
  return { results, byArea, total };
}
