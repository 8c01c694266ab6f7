// The calendar as stored data: seeded from the bundled years on first start, extended by an
// admin each year from the State Council notice, cached in memory for the pure functions.
import { ValidationError } from '../../platform/errors.ts';
import { findRow } from '../../platform/rows.ts';
import type { Db, Executor, Trx } from '../../platform/transaction.ts';
import { recordEvent, type AuditContext } from '../../platform/audit.ts';
import { bundledCalendarYears } from './bundled-calendar.ts';
import {
  buildWorkCalendar,
  isValidIsoDate,
  weekdayOf,
  yearOf,
  type CalendarDay,
  type WorkCalendar,
} from './working-days.ts';

export interface CalendarImport {
  year: number;
  source: string;
  holidays: { date: string; name: string }[];
  adjustedWorkdays: { date: string; name: string }[];
}

const CACHE_MS = 60_000;

declare module '../../platform/http/types.ts' {
  interface AppDeps {
    /** The working-day calendar of the request path (built at start by bootstrap.ts / the test app). */
    calendar: CalendarStore;
  }
}

/** Holds the calendar for the request path; reloads after a change or a minute at most. */
export class CalendarStore {
  private cached: { cal: WorkCalendar; at: number } | undefined;
  constructor(
    private readonly db: Db,
    private readonly nowMs: () => number = Date.now,
  ) {}

  async get(): Promise<WorkCalendar> {
    if (this.cached && this.nowMs() - this.cached.at < CACHE_MS) return this.cached.cal;
    const cal = await loadWorkCalendar(this.db);
    this.cached = { cal, at: this.nowMs() };
    return cal;
  }

  invalidate(): void {
    this.cached = undefined;
  }
}

export async function loadWorkCalendar(db: Executor): Promise<WorkCalendar> {
  const [years, days] = await Promise.all([
    db.selectFrom('calendarYears').select('year').execute(),
    db.selectFrom('calendarDays').select(['date', 'kind', 'name']).execute(),
  ]);
  return buildWorkCalendar(
    years.map((y) => y.year),
    days.map((d): CalendarDay => ({ date: d.date, kind: d.kind, name: d.name })),
  );
}

export function listCalendarYears(db: Executor) {
  return db.selectFrom('calendarYears').selectAll().orderBy('year', 'desc').execute();
}

export function listCalendarDays(db: Executor, year: number) {
  return db.selectFrom('calendarDays').selectAll().where('year', '=', year).orderBy('date').execute();
}

function entries(value: unknown, field: string, errors: Record<string, string>): { date: string; name: string }[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    errors[field] = `${field} 应为数组。`;
    return [];
  }
  return value.map((e, i) => {
    const obj = (e ?? {}) as Record<string, unknown>;
    const date = typeof obj.date === 'string' ? obj.date : '';
    const name = typeof obj.name === 'string' ? obj.name.trim() : '';
    if (!isValidIsoDate(date)) errors[`${field}[${i}]`] = `第 ${i + 1} 项的日期“${date}”无效。`;
    else if (!name) errors[`${field}[${i}]`] = `第 ${i + 1} 项（${date}）缺少节日名称。`;
    return { date, name };
  });
}

/** Validates an import file's content; every problem is a Chinese message keyed by field. */
export function parseCalendarImport(input: unknown): CalendarImport {
  const errors: Record<string, string> = {};
  const obj = (input && typeof input === 'object' ? input : {}) as Record<string, unknown>;
  const year = typeof obj.year === 'number' ? obj.year : Number.NaN;
  if (!Number.isInteger(year) || year < 2000 || year > 2100) errors.year = 'year 应为 2000 到 2100 之间的年份。';
  const source = typeof obj.source === 'string' ? obj.source.trim() : '';
  if (!source) errors.source = '请注明依据（如国务院办公厅关于该年部分节假日安排的通知文号）。';
  const holidays = entries(obj.holidays, 'holidays', errors);
  const adjustedWorkdays = entries(obj.adjustedWorkdays, 'adjustedWorkdays', errors);
  if (!holidays.length && !errors.holidays) errors.holidays = '至少需要一个法定节假日。';
  const seen = new Set<string>();
  for (const d of [...holidays, ...adjustedWorkdays]) {
    if (!isValidIsoDate(d.date)) continue;
    if (yearOf(d.date) !== year) errors[d.date] = `${d.date} 不在 ${year} 年内。`;
    if (seen.has(d.date)) errors[d.date] = `${d.date} 出现了不止一次。`;
    seen.add(d.date);
  }
  for (const d of adjustedWorkdays) {
    if (isValidIsoDate(d.date) && ![0, 6].includes(weekdayOf(d.date))) {
      errors[d.date] = `${d.date} 不是周末，不能作为调休上班日。`;
    }
  }
  if (Object.keys(errors).length) throw new ValidationError(errors, '节假日安排数据有误，未导入任何内容。');
  return { year, source, holidays, adjustedWorkdays };
}

/** Stores (or replaces) one year's arrangement and marks the year confirmed. */
export async function importCalendarYear(
  trx: Trx,
  ctx: AuditContext,
  data: CalendarImport,
): Promise<{ replaced: boolean }> {
  const existing = await findRow(trx, 'calendarYears', { year: data.year });
  const beforeCount = existing
    ? (
        await trx
          .selectFrom('calendarDays')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('year', '=', data.year)
          .executeTakeFirstOrThrow()
      ).n
    : 0;
  await trx.deleteFrom('calendarDays').where('year', '=', data.year).execute();
  await trx.deleteFrom('calendarYears').where('year', '=', data.year).execute();
  const rows = [
    ...data.holidays.map((d) => ({ date: d.date, year: data.year, kind: 'holiday' as const, name: d.name })),
    ...data.adjustedWorkdays.map((d) => ({
      date: d.date,
      year: data.year,
      kind: 'adjustedWorkday' as const,
      name: d.name,
    })),
  ];
  if (rows.length) await trx.insertInto('calendarDays').values(rows).execute();
  await trx
    .insertInto('calendarYears')
    .values({ year: data.year, source: data.source, confirmedAt: ctx.at, confirmedBy: ctx.actorName })
    .execute();
  await recordEvent(
    trx,
    ctx,
    existing ? 'calendar.yearReplaced' : 'calendar.yearImported',
    { type: 'calendarYear', id: data.year, agencyId: null },
    {
      before: existing ? { source: existing.source, days: beforeCount } : undefined,
      after: { source: data.source, holidays: data.holidays.length, adjustedWorkdays: data.adjustedWorkdays.length },
    },
  );
  return { replaced: existing !== undefined };
}

/** First start: the bundled 2008–2026 years, unless the calendar already has data. */
export async function seedBundledCalendar(db: Db, ctx: AuditContext): Promise<number> {
  const any = await db.selectFrom('calendarYears').select('year').limit(1).executeTakeFirst();
  if (any) return 0;
  const years = bundledCalendarYears();
  await db.transaction().execute(async (trx) => {
    for (const y of years) {
      await importCalendarYear(trx, ctx, {
        year: y.year,
        source: `${y.source}（随系统发布）`,
        holidays: y.days.filter((d) => d.kind === 'holiday').map(({ date, name }) => ({ date, name })),
        adjustedWorkdays: y.days.filter((d) => d.kind === 'adjustedWorkday').map(({ date, name }) => ({ date, name })),
      });
    }
  });
  return years.length;
}
