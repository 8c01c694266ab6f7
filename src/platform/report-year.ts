// The report year window, in one place: a record falls in report year Y when its date (ISO
// 'YYYY-MM-DD' text) lies between 1 January and 31 December of Y, both days included. Every
// "in the year" condition of the annual report's queries and drill-downs is this one (the
// interaction, supervision and staff modules' report queries still write the same bounds).
import { sql, type Expression, type SqlBool } from 'kysely';

/** Inclusive first and last day of a report year as 'YYYY-MM-DD'. */
export function reportYear(year: number): { from: string; to: string } {
  return { from: `${year}-01-01`, to: `${year}-12-31` };
}

/** `column` (a date column, e.g. 'feePaidOn' or 'infoRequestAppeals.filedOn') falls in report year `year`. */
export function inReportYear(column: string, year: number): Expression<SqlBool> {
  const { from, to } = reportYear(year);
  return sql<SqlBool>`${sql.ref(column)} between ${from} and ${to}`;
}
