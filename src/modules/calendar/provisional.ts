// Provisional working days for a year whose State Council arrangement is not yet published
// (RULES.md §5.1–5.2). Statutory deadlines must never vanish because next year's 国务院办公厅
// notice comes out in November or December: when a computation reaches an unconfirmed year, it
// is repeated on a calendar that assumes only what the law itself fixes —
//   - 周六、周日 are rest days (国务院关于职工工作时间的规定 第七条);
//   - the statutory holidays of 《全国年节及纪念日放假办法》 as revised on 2024-11-10 (in force
//     2025-01-01), on their own calendar dates: 元旦 1 day, 春节 4 days (除夕 to 正月初三), 清明节
//     1 day (the 清明 solar term), 劳动节 2 days (5月1日、2日), 端午节 1 day (五月初五), 中秋节 1 day
//     (八月十五), 国庆节 3 days (10月1日至3日) (第二条);
//   - no 补休 for a holiday falling on a weekend (第六条) and no 调休上班日 (第七条): those are only
//     known from the yearly notice.
// The answer is flagged provisional and is never stored or shown without that flag. Lunar dates
// are converted with lunar-typescript (a maintained, time-zone-independent lunar calendar).
import { Lunar, Solar } from 'lunar-typescript';
import {
  addCalendarDays,
  addWorkingDays,
  CalendarYearNotConfirmedError,
  isWorkingDay,
  parseIsoDate,
  yearOf,
  type CalendarDay,
  type IsoDate,
  type WorkCalendar,
  type WorkingDayResult,
} from './working-days.ts';

/** The first year the 2024 revision governs; earlier unconfirmed years are never guessed. */
export const FIRST_PROVISIONAL_YEAR = 2025;
/** How many years past the first missing one a provisional calendar covers (1000 working days < 5 years). */
const HORIZON_YEARS = 5;

export const PROVISIONAL_RULE = '《全国年节及纪念日放假办法》（2024年11月10日修订）';

/** One line for staff and applicants next to a provisional date. */
export function provisionalReason(years: readonly number[]): string {
  const y = years.length ? years.map((n) => `${n}年`).join('、') : '下一年';
  return `${y}节假日安排尚未公布，按周末和法定节假日暂算，未计补休和调休，公布后自动重算。`;
}

/** The wording letters use after a provisional date. */
export const PROVISIONAL_LETTER_NOTE = '（暂定，以国务院办公厅公布的节假日安排为准）';

/** The assumptions of a provisional computation, listed by the API and the calculator. */
export const PROVISIONAL_ASSUMPTIONS: readonly string[] = [
  '周六、周日为休息日（《国务院关于职工工作时间的规定》第七条）。',
  `法定节假日按${PROVISIONAL_RULE}第二条在当日放假：元旦1天（1月1日），春节4天（农历除夕至正月初三），清明节1天（清明节气当日），劳动节2天（5月1日、2日），端午节1天（农历五月初五），中秋节1天（农历八月十五），国庆节3天（10月1日至3日）；农历日期已换算为公历。`,
  '未计入节假日逢周末的补休（第六条）和调休安排、调休上班日（第七条），这些只在国务院办公厅公布当年节假日安排后才能确定。',
  '该年节假日安排导入后，所有暂定期限自动重算。',
];

function solar(lunar: Lunar): IsoDate {
  return lunar.getSolar().toYmd();
}

/** The statutory holidays of one Gregorian year on their own dates (第二条 of the 2024 revision). */
export function statutoryHolidays(year: number): CalendarDay[] {
  if (!Number.isInteger(year) || year < FIRST_PROVISIONAL_YEAR || year > 2099) {
    throw new RangeError(`${year}年不适用${PROVISIONAL_RULE}的暂定计算。`);
  }
  const days: CalendarDay[] = [];
  const add = (date: IsoDate, name: string) => {
    if (yearOf(date) === year) days.push({ date, kind: 'holiday', name });
  };
  add(`${year}-01-01`, '元旦');
  // 春节: 除夕 (the day before 正月初一) to 初三; 正月初一 falls between Jan 21 and Feb 20.
  const springFestival = solar(Lunar.fromYmd(year, 1, 1));
  for (let i = -1; i <= 2; i++) add(addCalendarDays(springFestival, i), '春节');
  const qingming = Solar.fromYmd(year, 4, 1).getLunar().getJieQiTable()['清明'];
  if (qingming) add(qingming.toYmd(), '清明节');
  add(`${year}-05-01`, '劳动节');
  add(`${year}-05-02`, '劳动节');
  add(solar(Lunar.fromYmd(year, 5, 5)), '端午节');
  add(solar(Lunar.fromYmd(year, 8, 15)), '中秋节');
  for (const d of ['10-01', '10-02', '10-03']) add(`${year}-${d}`, '国庆节');
  // 中秋 can fall on 10月1日–3日 (2028-10-03, 2031-10-01): one entry per date, both names.
  const byDate = new Map<IsoDate, CalendarDay>();
  for (const d of days) {
    const seen = byDate.get(d.date);
    byDate.set(d.date, seen ? { ...seen, name: `${seen.name}、${d.name}` } : d);
  }
  return [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

export interface ProvisionalWorkCalendar extends WorkCalendar {
  /** Years answered from the statutory rule, not from a State Council notice. */
  provisionalYears: ReadonlySet<number>;
}

/**
 * The calendar with every unconfirmed year from FIRST_PROVISIONAL_YEAR through `throughYear`
 * filled in from the statutory holidays. Confirmed years are untouched.
 */
export function provisionalCalendar(cal: WorkCalendar, throughYear: number): ProvisionalWorkCalendar {
  const provisionalYears = new Set<number>();
  const days = new Map(cal.days);
  const confirmed = new Set(cal.confirmedYears);
  for (let y = FIRST_PROVISIONAL_YEAR; y <= Math.min(throughYear, 2099); y++) {
    if (confirmed.has(y)) continue;
    provisionalYears.add(y);
    confirmed.add(y);
    for (const d of statutoryHolidays(y)) days.set(d.date, d);
  }
  return { confirmedYears: confirmed, days, provisionalYears };
}

export interface ProvisionalOutcome<T> {
  value: T;
  /** True when any day of an unconfirmed year was consulted. */
  provisional: boolean;
  /** The unconfirmed years that were consulted, ascending. */
  provisionalYears: number[];
}

/**
 * Runs a calendar computation strictly; when it reaches an unconfirmed year (from 2025 on) it is
 * repeated on the provisional calendar and the years actually consulted are reported. Any other
 * error, and an unconfirmed year before 2025, propagate unchanged.
 */
export function withProvisionalFallback<T>(cal: WorkCalendar, compute: (c: WorkCalendar) => T): ProvisionalOutcome<T> {
  try {
    return { value: compute(cal), provisional: false, provisionalYears: [] };
  } catch (err) {
    if (!(err instanceof CalendarYearNotConfirmedError) || err.year < FIRST_PROVISIONAL_YEAR) throw err;
    const base = provisionalCalendar(cal, err.year + HORIZON_YEARS);
    const consulted = new Set<number>();
    // Record which provisional years the computation looks at (describeDay asks confirmedYears).
    const tracking = new (class extends Set<number> {
      override has(year: number): boolean {
        if (base.provisionalYears.has(year)) consulted.add(year);
        return base.confirmedYears.has(year);
      }
    })();
    const value = compute({ confirmedYears: tracking, days: base.days });
    const provisionalYears = [...consulted].sort((a, b) => a - b);
    return { value, provisional: provisionalYears.length > 0, provisionalYears };
  }
}

export interface ProvisionalWorkingDayResult extends WorkingDayResult {
  provisional: boolean;
  provisionalYears: number[];
}

/** addWorkingDays that answers provisionally instead of refusing an unconfirmed year. */
export function addWorkingDaysProvisional(cal: WorkCalendar, from: IsoDate, n: number): ProvisionalWorkingDayResult {
  parseIsoDate(from);
  const r = withProvisionalFallback(cal, (c) => addWorkingDays(c, from, n));
  return { ...r.value, provisional: r.provisional, provisionalYears: r.provisionalYears };
}

/**
 * The year an admin should import now, or null: this year if it is still not confirmed, else from
 * November 1 (the State Council's notice for the next year usually comes out in November or
 * December) the next year while it is not confirmed.
 */
export function calendarYearToImport(cal: Pick<WorkCalendar, 'confirmedYears'>, today: IsoDate): number | null {
  const year = yearOf(today);
  if (!cal.confirmedYears.has(year)) return year;
  return today.slice(5) >= '11-01' && !cal.confirmedYears.has(year + 1) ? year + 1 : null;
}

/**
 * The end of a "due within n working days" window starting today (工作台 queues, the 依申请公开
 * and service-hall lists). When it reaches a year whose holidays are not imported, the days are
 * counted provisionally like the stored due dates they are compared with (weekends and statutory
 * holidays, e.g. 元旦); before 2025, where nothing is assumed, as n + 2 calendar days per week.
 */
export function workingDaysAhead(cal: WorkCalendar, today: IsoDate, n: number): IsoDate {
  try {
    return addWorkingDaysProvisional(cal, today, n).date;
  } catch (err) {
    if (!(err instanceof CalendarYearNotConfirmedError)) throw err;
    return addCalendarDays(today, n + 2 * Math.ceil(n / 5));
  }
}

/**
 * The latest day D with D + n working days on or before today (n = 0: today): "released at least
 * n working days ago" is `releasedOn <= workingDaysBefore(cal, today, n)`. It is the day before
 * the n-th working day counted back from the last working day on or before today (that one
 * counting as the first), so a release on a holiday counts from the next working day like any
 * due date. A year without holidays counts weekends and the statutory holidays (provisionally);
 * before 2025, where nothing is assumed, n + 2 calendar days a week.
 */
export function workingDaysBefore(cal: WorkCalendar, today: IsoDate, n: number): IsoDate {
  if (n <= 0) return today;
  try {
    return withProvisionalFallback(cal, (c) => {
      let d = today;
      for (let guard = 0; !isWorkingDay(c, d) && guard < 60; guard++) d = addCalendarDays(d, -1);
      for (let left = n - 1; left > 0;) {
        d = addCalendarDays(d, -1);
        if (isWorkingDay(c, d)) left--;
      }
      return addCalendarDays(d, -1);
    }).value;
  } catch (err) {
    if (!(err instanceof CalendarYearNotConfirmedError)) throw err;
    return addCalendarDays(today, -(n + 2 * Math.ceil(n / 5)));
  }
}
