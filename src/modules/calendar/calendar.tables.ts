import type { CalendarDayKind } from './working-days.ts';

export interface CalendarYearsTable {
  year: number;
  /** The State Council notice (or data source) the year was taken from. */
  source: string;
  confirmedAt: string;
  confirmedBy: string;
}

export interface CalendarDaysTable {
  date: string;
  year: number;
  kind: CalendarDayKind;
  name: string;
}

export interface CalendarTables {
  calendarYears: CalendarYearsTable;
  calendarDays: CalendarDaysTable;
}
