// Provisional dates become confirmed ones (issue #11 point 3). A due date computed while a year's
// holidays were not imported is stored with `due_provisional = 1` by the module that owns it
// (applications, 咨询/投诉/信箱 cases, service-hall cases, publications). When the year is
// imported, every such date is recomputed on the now-confirmed calendar in the same transaction as
// the import; each changed record gets an audit event and an entry on its own timeline, written by
// its owner. The calendar module knows the owners only through this interface: the composition
// roots (modules/provisional-dates.ts) hand it the list, so no cycle runs back into calendar.
import type { AuditContext, AuditSummary } from '../../platform/audit.ts';
import type { Trx } from '../../platform/transaction.ts';
import { importCalendarYear, loadWorkCalendar, type CalendarImport } from './calendar.service.ts';
import type { WorkCalendar } from './working-days.ts';

/** One stored date that the recomputation changed (its value, its flag or both). */
export interface ProvisionalDateChange {
  /** The owner's key (ProvisionalDateOwner.key). */
  owner: string;
  id: number;
  /** How staff call the record: the application number, the receipt number, the title. */
  label: string;
  before: { date: string | null; provisional: boolean };
  after: { date: string | null; provisional: boolean };
}

/** A module that stores provisional dates and can recompute them. */
export interface ProvisionalDateOwner {
  key: string;
  /** What the dates are, for messages: 「依申请公开答复期限」. */
  label: string;
  /**
   * Recomputes every stored date flagged provisional on `cal` (the calendar after the import) and,
   * for each one whose date or flag changed, stores it and writes an audit event and a timeline
   * entry through `ctx`. Returns the changes.
   */
  recompute(trx: Trx, ctx: AuditContext, cal: WorkCalendar, importedYear: number): Promise<ProvisionalDateChange[]>;
}

const mark = (s: { date: string | null; provisional: boolean }): string =>
  s.date ? `${s.date}${s.provisional ? '（暂定）' : ''}` : '无';

/**
 * The sentence a timeline shows for a recomputed date (staff and, for applications, the applicant):
 * 「2027年节假日安排已导入，答复期限由2027-01-05（暂定）重新计算为2027-01-06。」
 */
export function recomputedDateNote(
  year: number,
  what: string,
  before: { date: string | null; provisional: boolean },
  after: { date: string | null; provisional: boolean },
): string {
  const head = `${year}年节假日安排已导入，${what}`;
  if (before.date === after.date) {
    return after.provisional
      ? `${head}仍为${mark(after)}（所需的以后年份尚未公布）。`
      : `${head}${after.date ?? ''}不变，不再是暂定日期。`;
  }
  return `${head}由${mark(before)}重新计算为${mark(after)}。`;
}

/** True when recomputing changed anything worth recording. */
export function isDateChange(
  before: { date: string | null; provisional: boolean },
  after: { date: string | null; provisional: boolean },
): boolean {
  return before.date !== after.date || before.provisional !== after.provisional;
}

/** What an owner's `record` is handed for one changed date. */
export interface RecomputedDate<Outcome extends DateState = DateState> {
  before: DateState;
  after: Outcome;
  note: string;
  year: number;
}

/**
 * The audit summary of a recomputed date, named by the owner's two columns (the date and its
 * provisional flag), with the owner's further fields after them:
 * `{ before: { dueOn, dueProvisional: true }, after: { dueOn, dueProvisional, calendarYear }, note }`.
 */
export function recomputedDateSummary(
  { before, after, note, year }: RecomputedDate,
  columns: { date: string; flag: string },
  more: { before?: Record<string, unknown>; after?: Record<string, unknown> } = {},
): AuditSummary {
  return {
    before: { [columns.date]: before.date, [columns.flag]: true, ...more.before },
    after: { [columns.date]: after.date, [columns.flag]: after.provisional, ...more.after, calendarYear: year },
    note,
  };
}

export interface CalendarImportOutcome {
  replaced: boolean;
  changes: ProvisionalDateChange[];
}

/**
 * Imports one year's arrangement and, in the same transaction, recomputes every stored provisional
 * date of every owner on the calendar as it now stands.
 */
export async function importCalendarYearAndRecompute(
  trx: Trx,
  ctx: AuditContext,
  data: CalendarImport,
  owners: readonly ProvisionalDateOwner[],
): Promise<CalendarImportOutcome> {
  const { replaced } = await importCalendarYear(trx, ctx, data);
  const cal = await loadWorkCalendar(trx);
  const changes: ProvisionalDateChange[] = [];
  for (const owner of owners) changes.push(...(await owner.recompute(trx, ctx, cal, data.year)));
  return { replaced, changes };
}

/** 「已重新计算 3 个暂定期限（依申请公开答复期限 2，主动公开发布期限 1）。」 */
export function recomputeSummary(changes: readonly ProvisionalDateChange[], owners: readonly ProvisionalDateOwner[]) {
  if (!changes.length) return '没有需要重新计算的暂定期限。';
  const parts = owners
    .map((o) => [o.label, changes.filter((c) => c.owner === o.key).length] as const)
    .filter(([, n]) => n > 0)
    .map(([label, n]) => `${label} ${n}`);
  return `已重新计算 ${changes.length} 个暂定期限（${parts.join('，')}）。`;
}

type DateState = { date: string | null; provisional: boolean };

/**
 * The recompute loop every owner shares: read the rows flagged provisional (in id order),
 * recompute each on the confirmed calendar, skip those where nothing changed, and let the owner
 * store the new date and write its own audit event / timeline entry (whose payload stays its own).
 */
export function provisionalDateOwner<Row extends { id: number }, Outcome extends DateState>(spec: {
  key: string;
  label: string;
  /** What the date is called in the recorded sentence: 「答复期限」. */
  what: string;
  /** The rows whose stored date is flagged provisional, in id order. */
  flagged(trx: Trx): Promise<Row[]>;
  /** The stored date before recomputing. */
  storedDate(row: Row): string | null;
  /** How staff call the record (the number, the title). */
  name(row: Row): string;
  /** The date on `cal`, or null to leave the row alone. */
  recompute(trx: Trx, cal: WorkCalendar, row: Row): Promise<Outcome | null> | Outcome | null;
  /** Stores a changed date and writes the audit event (and timeline entry) for it. */
  record(trx: Trx, ctx: AuditContext, row: Row, change: RecomputedDate<Outcome>): Promise<void>;
}): ProvisionalDateOwner {
  return {
    key: spec.key,
    label: spec.label,
    async recompute(trx, ctx, cal, year) {
      const changes: ProvisionalDateChange[] = [];
      for (const row of await spec.flagged(trx)) {
        const before = { date: spec.storedDate(row), provisional: true };
        const outcome = await spec.recompute(trx, cal, row);
        if (!outcome) continue;
        const after = { date: outcome.date, provisional: outcome.provisional };
        if (!isDateChange(before, after)) continue;
        const note = recomputedDateNote(year, spec.what, before, after);
        await spec.record(trx, ctx, row, { before, after: outcome, note, year });
        changes.push({ owner: spec.key, id: row.id, label: spec.name(row), before, after });
      }
      return changes;
    },
  };
}
