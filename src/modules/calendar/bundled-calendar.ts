// The calendar shipped with Gongkai: 2008–2026, generated from chinese-days@1.5.7 by
// scripts/build-calendar-data.mjs and checked against RULES.md §5.3 in the tests. It seeds the
// database on first start; from then on the database is the source of truth, and admins add
// each new year from the State Council notice (admin screen or `gongkai calendar import`).
import { readFileSync } from 'node:fs';
import { buildWorkCalendar, type CalendarDay, type WorkCalendar } from './working-days.ts';

interface BundledFile {
  source: string;
  years: Record<string, { holidays: [string, string][]; workdays: [string, string][] }>;
}

export interface CalendarYearData {
  year: number;
  source: string;
  days: CalendarDay[];
}

let cached: CalendarYearData[] | undefined;

export function bundledCalendarYears(): CalendarYearData[] {
  if (cached) return cached;
  const file = JSON.parse(readFileSync(new URL('./data/cn-calendar.json', import.meta.url), 'utf8')) as BundledFile;
  cached = Object.entries(file.years).map(([year, v]) => ({
    year: Number(year),
    source: file.source,
    days: [
      ...v.holidays.map(([date, name]): CalendarDay => ({ date, kind: 'holiday', name })),
      ...v.workdays.map(([date, name]): CalendarDay => ({ date, kind: 'adjustedWorkday', name })),
    ],
  }));
  return cached;
}

/** A WorkCalendar of the bundled years, for pure tests and tools that have no database. */
export function bundledWorkCalendar(): WorkCalendar {
  const years = bundledCalendarYears();
  return buildWorkCalendar(
    years.map((y) => y.year),
    years.flatMap((y) => y.days),
  );
}
