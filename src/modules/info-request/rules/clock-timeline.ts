// The timeline walker behind computeDeadline (条例 第三十三条第二款、第三款): runs the answer
// clock from its start day through the 20-day period and the extension, stepping over the
// consultation (and, if so configured, fee-pending) pauses, and records one segment per stretch so
// a stored due date always carries its explanation. Conventions are documented in clock.ts.
import { addWorkingDays, workingDaysBetween, type IsoDate, type WorkCalendar } from '../../calendar/index.ts';
import type { ClockPause, DeadlineSegment, PauseKind } from './clock.ts';
import { calendarNotesBetween } from './due-date.ts';

export const pauseKindLabels: Readonly<Record<PauseKind, string>> = {
  thirdParty: '征求第三方意见',
  otherAgency: '征求其他机关意见',
  feePending: '等待申请人缴纳信息处理费',
};

export interface PauseSpan {
  start: IsoDate;
  end: IsoDate | null;
  kinds: PauseKind[];
}

export interface Phase {
  kind: 'answerPeriod' | 'extension';
  days: number;
}

const phaseLabels: Record<Phase['kind'], string> = {
  answerPeriod: '答复期限（条例第三十三条第二款）',
  extension: '延长答复期限（条例第三十三条第二款）',
};

/** Sorts the pauses and merges overlapping or touching ones, so no day is excluded twice. */
export function mergePauses(pauses: readonly ClockPause[]): PauseSpan[] {
  const sorted = [...pauses].sort((a, b) => (a.startOn < b.startOn ? -1 : a.startOn > b.startOn ? 1 : 0));
  const spans: PauseSpan[] = [];
  for (const p of sorted) {
    const end = p.endOn ?? null;
    const last = spans[spans.length - 1];
    if (last && (last.end === null || p.startOn <= last.end)) {
      if (!last.kinds.includes(p.kind)) last.kinds.push(p.kind);
      last.end = last.end === null || end === null ? null : end > last.end ? end : last.end;
    } else {
      spans.push({ start: p.startOn, end, kinds: [p.kind] });
    }
  }
  return spans;
}

export function pauseLabel(kinds: readonly PauseKind[]): string {
  const names = kinds.map((k) => pauseKindLabels[k]).join('、');
  const bases: string[] = [];
  if (kinds.some((k) => k !== 'feePending')) bases.push('条例第三十三条第三款');
  if (kinds.includes('feePending')) bases.push('按本机关设置，等待缴费期间暂停计算');
  return `${names}：不计入答复期限（${bases.join('；')}）`;
}

export interface WalkResult {
  segments: DeadlineSegment[];
  phaseEnds: IsoDate[];
  stoppedAt: PauseSpan | null;
  remaining: number;
  paused: number;
  unused: PauseSpan[];
}

// Runs the clock from `start` through the phases (20 days, then the extension), stepping over
// the pauses, and records one segment per stretch so the result explains itself.
export function walk(
  cal: WorkCalendar,
  start: IsoDate,
  phases: readonly Phase[],
  spans: readonly PauseSpan[],
): WalkResult {
  const segments: DeadlineSegment[] = [];
  const phaseEnds: IsoDate[] = [];
  let cursor = start;
  let next = 0;
  let counted = 0;
  let paused = 0;
  const running = (kind: Phase['kind'], to: IsoDate, n: number): void => {
    segments.push({
      kind,
      label: `${phaseLabels[kind]}：第${counted + 1}至第${counted + n}个工作日`,
      from: cursor,
      to,
      workingDays: n,
      counted: true,
      ...calendarNotesBetween(cal, cursor, to),
    });
    counted += n;
  };
  for (const [p, phase] of phases.entries()) {
    let need = phase.days;
    while (need > 0) {
      const span = spans[next];
      const available = span ? workingDaysBetween(cal, cursor, span.start) : Number.POSITIVE_INFINITY;
      if (!span || available >= need) {
        const to = addWorkingDays(cal, cursor, need).date;
        running(phase.kind, to, need);
        cursor = to;
        break;
      }
      if (available > 0) running(phase.kind, span.start, available);
      need -= available;
      if (span.end === null) {
        segments.push({
          kind: 'pause',
          label: pauseLabel(span.kinds),
          from: span.start,
          to: null,
          workingDays: 0,
          counted: false,
          skipped: [],
          adjustedWorkdays: [],
        });
        const later = phases.slice(p + 1).reduce((sum, ph) => sum + ph.days, 0);
        return { segments, phaseEnds, stoppedAt: span, remaining: need + later, paused, unused: [] };
      }
      const excluded = workingDaysBetween(cal, span.start, span.end);
      segments.push({
        kind: 'pause',
        label: pauseLabel(span.kinds),
        from: span.start,
        to: span.end,
        workingDays: excluded,
        counted: false,
        ...calendarNotesBetween(cal, span.start, span.end),
      });
      paused += excluded;
      cursor = span.end;
      next++;
    }
    phaseEnds.push(cursor);
  }
  return { segments, phaseEnds, stoppedAt: null, remaining: 0, paused, unused: spans.slice(next) };
}
