// The clock of a service case (办件时限), pure. The time limit runs in working days from the day
// of acceptance (行政许可法 第四十二条: 自受理行政许可申请之日起二十日内作出决定; 第八十二条: 期限以
// 工作日计算，不含法定节假日); the acceptance day itself is not counted (民法典 第二百零一条).
// Time the applicant spends on a 补齐补正 notice after acceptance, and the time of expert review,
// hearing or inspection (第四十五条: 听证、检验、检测、鉴定和专家评审所需时间不计算在期限内), is
// not counted either: each pause adds the working days it spanned, (start, end], to the limit.
// The result is stored on the case with the segments below that explain it.
import {
  addWorkingDays,
  todayInShanghai,
  workingDaysBetween,
  type IsoDate,
  type WorkCalendar,
} from '../calendar/index.ts';
import type { PauseKind } from './service-hall.tables.ts';

export const PAUSE_LABELS: Record<PauseKind, string> = {
  correction: '补齐补正',
  expertReview: '专家评审',
  hearing: '听证',
  inspection: '检验检测',
};

export interface ClockPause {
  kind: PauseKind;
  startedOn: IsoDate;
  /** Null while the pause is running: the due date cannot be known until it ends. */
  endedOn: IsoDate | null;
}

export interface DueSegment {
  kind: 'start' | 'pause' | 'due';
  text: string;
}

export interface CaseClock {
  /** Null while a pause is open (the clock is stopped). */
  dueOn: IsoDate | null;
  pausedWorkingDays: number;
  segments: DueSegment[];
}

/**
 * The due date of a case accepted on `acceptedOn` with a limit of `limitDays` working days and
 * the given pauses. Pauses before acceptance (a 补齐补正 notice at the window) do not touch the
 * clock: it has not started yet.
 */
export function computeCaseClock(
  cal: WorkCalendar,
  acceptedOn: IsoDate,
  limitDays: number,
  pauses: readonly ClockPause[],
): CaseClock {
  const segments: DueSegment[] = [
    { kind: 'start', text: `${acceptedOn} 受理，时限 ${limitDays} 个工作日，自受理次日起算` },
  ];
  let paused = 0;
  for (const p of pauses) {
    if (p.startedOn < acceptedOn) continue;
    if (p.endedOn === null) {
      segments.push({ kind: 'pause', text: `${p.startedOn} 起${PAUSE_LABELS[p.kind]}，计时暂停，尚未恢复` });
      return { dueOn: null, pausedWorkingDays: paused, segments };
    }
    const days = workingDaysBetween(cal, p.startedOn, p.endedOn);
    paused += days;
    segments.push({
      kind: 'pause',
      text: `${p.startedOn} 至 ${p.endedOn} ${PAUSE_LABELS[p.kind]}，不计入时限 ${days} 个工作日`,
    });
  }
  const r = addWorkingDays(cal, acceptedOn, limitDays + paused);
  const skipped = r.skipped.filter((s) => !s.reason.startsWith('周')).map((s) => `${s.date} ${s.reason}`);
  const adjusted = r.adjustedWorkdays.map((s) => `${s.date} ${s.reason}`);
  let text = `截止日期 ${r.date}`;
  if (skipped.length) text += `；跳过节假日：${skipped.join('、')}`;
  if (adjusted.length) text += `；计入调休上班日：${adjusted.join('、')}`;
  segments.push({ kind: 'due', text });
  return { dueOn: r.date, pausedWorkingDays: paused, segments };
}

/**
 * Has the time limit ended at `now`? The limit ends at the close of its last day (Asia/Shanghai):
 * a case due on 3 March is still in time all of 3 March and overdue from 4 March 00:00.
 */
export function limitHasEnded(dueOn: IsoDate, now: Date): boolean {
  return todayInShanghai(now) > dueOn;
}

/** The time limit a case runs on: the promised one (承诺时限) when the agency set one, else the statutory one. */
export function caseLimitDays(item: { statutoryDays: number; promisedDays: number }): number {
  return item.promisedDays > 0 ? Math.min(item.promisedDays, item.statutoryDays) : item.statutoryDays;
}
