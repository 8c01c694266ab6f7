// Working-day arithmetic on the Chinese public calendar (RULES.md §5).
//
// A day is a working day iff it is Monday–Friday and not an announced holiday, or it is an
// announced 调休上班日 (adjusted working day) on a weekend (国务院关于职工工作时间的规定 第七条;
// 《全国年节及纪念日放假办法》; the yearly 国务院办公厅 notice). Periods are counted from the day
// after the start day (民法典 第二百零一条). Every function here is pure: it takes the calendar as
// data and refuses, with CalendarYearNotConfirmedError, to answer for a year whose State Council
// arrangement has not been confirmed, because a guess there silently moves statutory deadlines.
import { AppError } from '../../platform/errors.ts';

export type IsoDate = string;

export type CalendarDayKind = 'holiday' | 'adjustedWorkday';

export interface CalendarDay {
  date: IsoDate;
  kind: CalendarDayKind;
  name: string;
}

export interface WorkCalendar {
  confirmedYears: ReadonlySet<number>;
  days: ReadonlyMap<IsoDate, CalendarDay>;
}

export type DayReason = 'weekday' | 'weekend' | 'holiday' | 'adjustedWorkday';

export interface DayInfo {
  date: IsoDate;
  working: boolean;
  reason: DayReason;
  /** Holiday name (春节…) for holidays and adjusted working days. */
  name?: string;
}

export interface SkippedDay {
  date: IsoDate;
  reason: string;
}

export interface WorkingDayResult {
  from: IsoDate;
  days: number;
  date: IsoDate;
  /** Non-working days passed over while counting, with a Chinese reason. */
  skipped: SkippedDay[];
  /** Weekend days that counted because they were 调休上班日. */
  adjustedWorkdays: SkippedDay[];
}

/** A 422 (catalogue: calendarYearNotConfirmed) naming the year to import. */
export class CalendarYearNotConfirmedError extends AppError {
  readonly year: number;
  constructor(year: number) {
    super(
      'calendarYearNotConfirmed',
      `${year}年的节假日安排尚未确认，无法计算工作日。请管理员先导入国务院办公厅公布的${year}年节假日安排。`,
    );
    this.name = 'CalendarYearNotConfirmedError';
    this.year = year;
  }
}

/** A 400 (catalogue: badRequest) naming the value. */
export class InvalidDateError extends AppError {
  constructor(value: string) {
    super('badRequest', `日期“${value}”无效，应为 YYYY-MM-DD 格式的有效日期。`);
    this.name = 'InvalidDateError';
  }
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses and validates a YYYY-MM-DD calendar date; throws InvalidDateError otherwise. */
export function parseIsoDate(value: string): IsoDate {
  const m = ISO_DATE.exec(value);
  if (!m) throw new InvalidDateError(value);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== mo - 1 || t.getUTCDate() !== d) {
    throw new InvalidDateError(value);
  }
  return value;
}

export function isValidIsoDate(value: string): boolean {
  try {
    parseIsoDate(value);
    return true;
  } catch {
    return false;
  }
}

function toUtc(date: IsoDate): Date {
  return new Date(`${date}T00:00:00Z`);
}

/** Calendar arithmetic: the date n days after (or before, for negative n) the given date. */
export function addCalendarDays(date: IsoDate, n: number): IsoDate {
  const t = toUtc(date);
  t.setUTCDate(t.getUTCDate() + n);
  return t.toISOString().slice(0, 10);
}

/** The `n` months (YYYY-MM) ending with `month`, oldest first: the window of a monthly chart. */
export function monthsEndingWith(month: string, n: number): string[] {
  let [y, m] = month.split('-').map(Number) as [number, number];
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    out.unshift(`${y}-${String(m).padStart(2, '0')}`);
    if (--m === 0) [y, m] = [y - 1, 12];
  }
  return out;
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: IsoDate): number {
  return toUtc(date).getUTCDay();
}

export function yearOf(date: IsoDate): number {
  return Number(date.slice(0, 4));
}

/** Today's date in Asia/Shanghai, where every legal day of the platform is counted. */
export function todayInShanghai(now: Date = new Date()): IsoDate {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

function requireConfirmed(cal: WorkCalendar, date: IsoDate): void {
  const year = yearOf(date);
  if (!cal.confirmedYears.has(year)) throw new CalendarYearNotConfirmedError(year);
}

export function describeDay(cal: WorkCalendar, date: IsoDate): DayInfo {
  parseIsoDate(date);
  requireConfirmed(cal, date);
  const entry = cal.days.get(date);
  if (entry?.kind === 'holiday') return { date, working: false, reason: 'holiday', name: entry.name };
  if (entry?.kind === 'adjustedWorkday') return { date, working: true, reason: 'adjustedWorkday', name: entry.name };
  const wd = weekdayOf(date);
  return wd === 0 || wd === 6
    ? { date, working: false, reason: 'weekend' }
    : { date, working: true, reason: 'weekday' };
}

export function isWorkingDay(cal: WorkCalendar, date: IsoDate): boolean {
  return describeDay(cal, date).working;
}

export function reasonText(info: DayInfo): string {
  switch (info.reason) {
    case 'holiday':
      return `法定节假日（${info.name}）`;
    case 'weekend':
      return weekdayOf(info.date) === 0 ? '周日' : '周六';
    case 'adjustedWorkday':
      return `调休上班日（${info.name}）`;
    case 'weekday':
      return '工作日';
  }
}

const MAX_DAYS = 3660;

/**
 * The n-th working day after `from` (the start day is not counted: 民法典 第二百零一条).
 * n = 0 returns `from` unchanged. Used for every statutory "N 个工作日内" period.
 */
export function addWorkingDays(cal: WorkCalendar, from: IsoDate, n: number): WorkingDayResult {
  parseIsoDate(from);
  if (!Number.isInteger(n) || n < 0 || n > 1000) {
    throw new RangeError('工作日天数应为 0 到 1000 之间的整数。');
  }
  const skipped: SkippedDay[] = [];
  const adjustedWorkdays: SkippedDay[] = [];
  let date = from;
  let counted = 0;
  for (let guard = 0; counted < n; guard++) {
    if (guard > MAX_DAYS) throw new RangeError('工作日计算超出范围。');
    date = addCalendarDays(date, 1);
    const info = describeDay(cal, date);
    if (info.working) {
      counted++;
      if (info.reason === 'adjustedWorkday') adjustedWorkdays.push({ date, reason: reasonText(info) });
    } else {
      skipped.push({ date, reason: reasonText(info) });
    }
  }
  return { from, days: n, date, skipped, adjustedWorkdays };
}

/**
 * Working days in the half-open interval (from, to]: the number of working days that pass
 * when moving from `from` to `to`. Negative when `to` is before `from`; 0 when equal.
 * This is the measure of a clock pause (条例 第三十三条第三款).
 */
export function workingDaysBetween(cal: WorkCalendar, from: IsoDate, to: IsoDate): number {
  parseIsoDate(from);
  parseIsoDate(to);
  if (to < from) return -workingDaysBetween(cal, to, from);
  let count = 0;
  let date = from;
  for (let guard = 0; date < to; guard++) {
    if (guard > MAX_DAYS * 10) throw new RangeError('工作日计算超出范围。');
    date = addCalendarDays(date, 1);
    if (isWorkingDay(cal, date)) count++;
  }
  return count;
}

/** The first working day on or after `date` (民法典 第二百零三条: a period ending on a holiday moves on). */
export function nextWorkingDayOnOrAfter(cal: WorkCalendar, date: IsoDate): IsoDate {
  let d = date;
  for (let guard = 0; !isWorkingDay(cal, d); guard++) {
    if (guard > 60) throw new RangeError('工作日计算超出范围。');
    d = addCalendarDays(d, 1);
  }
  return d;
}

/** Builds a WorkCalendar from plain rows (as stored in the database or a fixture). */
export function buildWorkCalendar(confirmedYears: Iterable<number>, days: Iterable<CalendarDay>): WorkCalendar {
  const map = new Map<IsoDate, CalendarDay>();
  for (const d of days) map.set(d.date, d);
  return { confirmedYears: new Set(confirmedYears), days: map };
}

/** The Sunday ending the (Monday-first) week of `date`. */
export function weekEndOf(date: IsoDate): IsoDate {
  return addCalendarDays(date, (7 - weekdayOf(date)) % 7);
}
