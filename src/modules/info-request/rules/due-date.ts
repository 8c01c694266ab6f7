// Shared helpers for statutory periods counted in working days ("N 个工作日内"). A due date is
// returned as data together with the days that explain it (STYLE practice 10), so that staff can
// see why a deadline falls where it does and the value can be stored on the case.
import {
  addCalendarDays,
  addWorkingDays,
  describeDay,
  parseIsoDate,
  reasonText,
  type IsoDate,
  type SkippedDay,
  type WorkCalendar,
} from '../../calendar/index.ts';

export interface DueDate {
  /** The day the period is counted from; it is itself not counted (民法典 第二百零一条). */
  from: IsoDate;
  workingDays: number;
  dueOn: IsoDate;
  /** Non-working days passed over, with a Chinese reason. */
  skipped: SkippedDay[];
  /** Weekend days that counted because they were 调休上班日. */
  adjustedWorkdays: SkippedDay[];
  /** One Chinese sentence, e.g. "自2025-01-20的次日起算第20个工作日为2025-02-21". */
  explanation: string;
}

/** The `workingDays`-th working day after `from`, with its explanation. */
export function workingDayDeadline(cal: WorkCalendar, from: IsoDate, workingDays: number, what: string): DueDate {
  const r = addWorkingDays(cal, parseIsoDate(from), workingDays);
  return {
    from,
    workingDays,
    dueOn: r.date,
    skipped: r.skipped,
    adjustedWorkdays: r.adjustedWorkdays,
    explanation: `${what}：自${from}的次日起算第${workingDays}个工作日为${r.date}。`,
  };
}

/** Non-working days and counted 调休上班日 in the half-open interval (from, to]. */
export function calendarNotesBetween(
  cal: WorkCalendar,
  from: IsoDate,
  to: IsoDate,
): { skipped: SkippedDay[]; adjustedWorkdays: SkippedDay[] } {
  const skipped: SkippedDay[] = [];
  const adjustedWorkdays: SkippedDay[] = [];
  for (let d = addCalendarDays(from, 1); d <= to; d = addCalendarDays(d, 1)) {
    const info = describeDay(cal, d);
    if (!info.working) skipped.push({ date: d, reason: reasonText(info) });
    else if (info.reason === 'adjustedWorkday') adjustedWorkdays.push({ date: d, reason: reasonText(info) });
  }
  return { skipped, adjustedWorkdays };
}
