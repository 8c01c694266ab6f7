// Tests of importing a year use a year that really was published: the next year's State Council
// notice cannot be fetched here and is never invented. They take a bundled year (2026, from the
// 国务院办公厅 notice, in src/modules/calendar/data/cn-calendar.json) out of the calendar, create
// the provisional records, then import that same real arrangement back in the import format.
import type { Executor } from '../../src/platform/transaction.ts';
import { bundledCalendarYears } from '../../src/modules/calendar/bundled-calendar.ts';
import type { CalendarImport } from '../../src/modules/calendar/calendar.service.ts';

/** A bundled year as `gongkai calendar import` and the admin 工作日历 screen take it. */
export function bundledYearImport(year: number): CalendarImport {
  const y = bundledCalendarYears().find((c) => c.year === year);
  if (!y) throw new Error(`${year} is not in the bundled calendar`);
  const pick = (kind: 'holiday' | 'adjustedWorkday') =>
    y.days.filter((d) => d.kind === kind).map(({ date, name }) => ({ date, name }));
  return {
    year,
    source: `${y.source}（随系统发布的${year}年安排，测试中重新导入）`,
    holidays: pick('holiday'),
    adjustedWorkdays: pick('adjustedWorkday'),
  };
}

/** Takes a year out of the stored calendar, as if its notice had not been imported yet. */
export async function removeCalendarYear(db: Executor, year: number): Promise<void> {
  await db.deleteFrom('calendarDays').where('year', '=', year).execute();
  await db.deleteFrom('calendarYears').where('year', '=', year).execute();
}
