// The answer deadline of an application as data with its explanation (STYLE practice 10).
// 条例（国务院令第711号）第三十三条 (20 working days; extension ≤ 20 working days; consultation
// time not counted), 第三十条 (补正 notice within 7 working days; the period restarts from the
// corrected application), RULES.md §1.4–1.6 and rules 5–9. A fee-pending pause is a setting,
// because whether 109号 stops the clock is UNCONFIRMED (RULES.md §4).
//
// Conventions (documented here because every stored due date depends on them):
// - Periods count from the day after the start day (民法典 第二百零一条), as addWorkingDays does.
// - A pause from S to E excludes the working days in (S, E]: the day the consultation letter goes
//   out still counts, the day the answer comes back does not, and counting resumes the day after.
//   The deadline therefore moves by exactly the number of working days paused (rule 9).
//   Overlapping pauses are merged so a day is never excluded twice.
// - While a pause is open (no endOn) the clock is stopped: status 'paused', dueOn null, and
//   remainingWorkingDays says how much of the period is left when it resumes.
// - While a 补正 is awaited the clock is not running either: status 'awaitingCorrection', dueOn null.
// - A pause that begins after the period has already run out does not revive it (warning).
import {
  CalendarYearNotConfirmedError,
  parseIsoDate,
  workingDaysBetween,
  type IsoDate,
  type SkippedDay,
  type WorkCalendar,
} from '../../calendar/index.ts';
import { mergePauses, pauseKindLabels, walk, type PauseSpan, type Phase } from './clock-timeline.ts';
import { calendarNotesBetween, workingDayDeadline } from './due-date.ts';
import { ExtensionRejectedError, InfoRequestRuleError } from './errors.ts';
import { MAX_EXTENSION_WORKING_DAYS, validateExtension, type ExtensionInput } from './extension.ts';

/** 第三十三条第二款: 自收到申请之日起20个工作日内予以答复. */
export const ANSWER_WORKING_DAYS = 20;
/** 第三十条: 自收到申请之日起7个工作日内一次性告知申请人作出补正. */
export const CORRECTION_NOTICE_WORKING_DAYS = 7;

export type PauseKind = 'thirdParty' | 'otherAgency' | 'feePending';

export { pauseKindLabels } from './clock-timeline.ts';

export interface ClockPause {
  kind: PauseKind;
  startOn: IsoDate;
  /** Absent or null while the pause is still open. */
  endOn?: IsoDate | null;
}

export interface CorrectionInput {
  /** The day the 补正 notice was sent to the applicant. */
  noticeSentOn: IsoDate;
  /** The receipt day (第三十一条) of the corrected application, once it has come in. */
  correctedReceivedOn?: IsoDate | null;
  /** The last day of the correction period the agency set (合理的补正期限). */
  correctionDueOn?: IsoDate | null;
}

export interface ClockSettings {
  /** Whether waiting for a fee payment stops the answer clock (RULES.md §4: UNCONFIRMED). */
  pauseWhileFeePending: boolean;
}

export interface DeadlineInput {
  receivedOn: IsoDate;
  correction?: CorrectionInput | null;
  pauses?: readonly ClockPause[];
  extension?: ExtensionInput | null;
  settings: ClockSettings;
}

export type ClockStatus = 'running' | 'awaitingCorrection' | 'paused';
export type SegmentKind = 'answerPeriod' | 'extension' | 'pause' | 'correction';

export interface DeadlineSegment {
  kind: SegmentKind;
  label: string;
  /** Exclusive: the segment covers the days after `from`. */
  from: IsoDate;
  /** Inclusive; null while the segment is open (an open pause, an awaited correction). */
  to: IsoDate | null;
  /** Working days in (from, to]; 0 while open. */
  workingDays: number;
  /** Whether these working days use up the answer period. */
  counted: boolean;
  skipped: SkippedDay[];
  adjustedWorkdays: SkippedDay[];
}

export type ClockWarningCode =
  | 'correctionNoticeLate'
  | 'feePauseNotCounted'
  | 'pauseBeforeClockStart'
  | 'pauseAfterDeadline'
  | 'extensionAfterDeadline';

export interface ClockWarning {
  code: ClockWarningCode;
  message: string;
}

export interface Deadline {
  status: ClockStatus;
  receivedOn: IsoDate;
  /** The day the 20-day period counts from (receivedOn, or the corrected application's receipt day). */
  clockStartOn: IsoDate | null;
  correctionNoticeDueOn: IsoDate;
  correctionDueOn: IsoDate | null;
  /** End of the 20-working-day period including pauses, before any extension. */
  baseDueOn: IsoDate | null;
  dueOn: IsoDate | null;
  /** dueOn as it would be with the maximum extension of 20 working days. */
  maxExtendedDueOn: IsoDate | null;
  extensionWorkingDays: number;
  pausedWorkingDays: number;
  /** Only while paused: working days of the (extended) period still to run. */
  remainingWorkingDays: number | null;
  pausedSince: IsoDate | null;
  segments: DeadlineSegment[];
  warnings: ClockWarning[];
  /**
   * Set when a day of a year whose holidays are not imported was needed: the dates were computed
   * provisionally (calendar/provisional.ts) from these years' statutory holidays.
   */
  provisionalYears?: number[];
}

function inconsistent(field: string, message: string): InfoRequestRuleError {
  return new InfoRequestRuleError('clock.inconsistentDates', message, { [field]: message });
}

function checkInput(input: DeadlineInput): void {
  const receivedOn = parseIsoDate(input.receivedOn);
  const c = input.correction;
  if (c) {
    if (parseIsoDate(c.noticeSentOn) < receivedOn)
      throw inconsistent('noticeSentOn', `补正通知日期（${c.noticeSentOn}）不能早于收到申请之日（${receivedOn}）。`);
    if (c.correctionDueOn && parseIsoDate(c.correctionDueOn) < c.noticeSentOn)
      throw inconsistent(
        'correctionDueOn',
        `补正期限（${c.correctionDueOn}）不能早于补正通知日期（${c.noticeSentOn}）。`,
      );
    if (c.correctedReceivedOn && parseIsoDate(c.correctedReceivedOn) < c.noticeSentOn)
      throw inconsistent(
        'correctedReceivedOn',
        `收到补正申请的日期（${c.correctedReceivedOn}）不能早于补正通知日期（${c.noticeSentOn}）。`,
      );
  }
  for (const p of input.pauses ?? []) {
    if (parseIsoDate(p.startOn) < receivedOn)
      throw inconsistent(
        'startOn',
        `${pauseKindLabels[p.kind]}的开始日期（${p.startOn}）不能早于收到申请之日（${receivedOn}）。`,
      );
    if (p.endOn && parseIsoDate(p.endOn) < p.startOn)
      throw inconsistent(
        'endOn',
        `${pauseKindLabels[p.kind]}的结束日期（${p.endOn}）不能早于开始日期（${p.startOn}）。`,
      );
  }
  if (input.extension) {
    const errors = validateExtension(input.extension);
    if (Object.keys(errors).length > 0) throw new ExtensionRejectedError(errors);
  }
}

/**
 * The answer deadline of one application (条例 第三十条、第三十三条), with the segments that
 * explain it. Throws ExtensionRejectedError for an extension 第三十三条第二款 does not allow,
 * InfoRequestRuleError for dates out of order, and CalendarYearNotConfirmedError when a day to be
 * counted lies in a year whose holiday arrangement has not been confirmed.
 */
export function computeDeadline(cal: WorkCalendar, input: DeadlineInput): Deadline {
  checkInput(input);
  const { receivedOn, correction, extension, settings } = input;
  const warnings: ClockWarning[] = [];
  const correctionNoticeDueOn = workingDayDeadline(
    cal,
    receivedOn,
    CORRECTION_NOTICE_WORKING_DAYS,
    '补正告知期限',
  ).dueOn;
  const result: Deadline = {
    status: 'running',
    receivedOn,
    clockStartOn: null,
    correctionNoticeDueOn,
    correctionDueOn: correction?.correctionDueOn ?? null,
    baseDueOn: null,
    dueOn: null,
    maxExtendedDueOn: null,
    extensionWorkingDays: extension?.workingDays ?? 0,
    pausedWorkingDays: 0,
    remainingWorkingDays: null,
    pausedSince: null,
    segments: [],
    warnings,
  };

  let clockStartOn = receivedOn;
  if (correction) {
    if (correction.noticeSentOn > correctionNoticeDueOn) {
      warnings.push({
        code: 'correctionNoticeLate',
        message: `补正通知于${correction.noticeSentOn}发出，晚于条例第三十条规定的期限（自收到申请之日起7个工作日内，即${correctionNoticeDueOn}前）。`,
      });
    }
    const corrected = correction.correctedReceivedOn ?? null;
    result.segments.push({
      kind: 'correction',
      label: '补正：答复期限自收到补正后的申请之日起重新计算（条例第三十条）',
      from: receivedOn,
      to: corrected,
      workingDays: corrected ? workingDaysBetween(cal, receivedOn, corrected) : 0,
      counted: false,
      ...(corrected ? calendarNotesBetween(cal, receivedOn, corrected) : { skipped: [], adjustedWorkdays: [] }),
    });
    if (!corrected) return { ...result, status: 'awaitingCorrection' };
    clockStartOn = corrected;
  }
  result.clockStartOn = clockStartOn;

  const counting: ClockPause[] = [];
  for (const p of input.pauses ?? []) {
    if (p.kind === 'feePending' && !settings.pauseWhileFeePending) {
      warnings.push({
        code: 'feePauseNotCounted',
        message: `等待缴纳信息处理费期间（自${p.startOn}起）按本机关设置不暂停答复期限。`,
      });
    } else {
      counting.push(p);
    }
  }
  const spans: PauseSpan[] = [];
  for (const span of mergePauses(counting)) {
    if (span.end !== null && span.end <= clockStartOn) {
      warnings.push({
        code: 'pauseBeforeClockStart',
        message: `${span.start}至${span.end}的${span.kinds.map((k) => pauseKindLabels[k]).join('、')}早于答复期限起算日（${clockStartOn}），不影响答复期限。`,
      });
    } else {
      spans.push(span.start < clockStartOn ? { ...span, start: clockStartOn } : span);
    }
  }

  const phases: Phase[] = [{ kind: 'answerPeriod', days: ANSWER_WORKING_DAYS }];
  if (extension) phases.push({ kind: 'extension', days: extension.workingDays });
  const run = walk(cal, clockStartOn, phases, spans);
  result.segments.push(...run.segments);
  result.pausedWorkingDays = run.paused;
  result.baseDueOn = run.phaseEnds[0] ?? null;
  if (run.stoppedAt) {
    return { ...result, status: 'paused', remainingWorkingDays: run.remaining, pausedSince: run.stoppedAt.start };
  }
  result.dueOn = run.phaseEnds[run.phaseEnds.length - 1] ?? null;
  for (const span of run.unused) {
    warnings.push({
      code: 'pauseAfterDeadline',
      message: `${span.kinds.map((k) => pauseKindLabels[k]).join('、')}开始于${span.start}，此时答复期限（${result.dueOn}）已届满，不再顺延。`,
    });
  }
  if (extension && result.baseDueOn) {
    const decidedOn =
      extension.applicantNotifiedOn > extension.approvedOn ? extension.applicantNotifiedOn : extension.approvedOn;
    if (decidedOn > result.baseDueOn) {
      warnings.push({
        code: 'extensionAfterDeadline',
        message: `延期于${decidedOn}才经批准并告知申请人，晚于原答复期限（${result.baseDueOn}）；延长答复期限应在原期限届满前决定并告知。`,
      });
    }
  }
  result.maxExtendedDueOn = maxExtendedDueOn(cal, result, extension, clockStartOn, phases[0] as Phase, spans);
  return result;
}

// Informative only: when the maximum extension would run into a year whose holidays are not yet
// confirmed, the case's own due date still stands; the hypothetical date is then unknown (null).
function maxExtendedDueOn(
  cal: WorkCalendar,
  result: Deadline,
  extension: ExtensionInput | null | undefined,
  clockStartOn: IsoDate,
  first: Phase,
  spans: PauseSpan[],
): IsoDate | null {
  if (extension?.workingDays === MAX_EXTENSION_WORKING_DAYS) return result.dueOn;
  try {
    return (
      walk(cal, clockStartOn, [first, { kind: 'extension', days: MAX_EXTENSION_WORKING_DAYS }], spans).phaseEnds[1] ??
      null
    );
  } catch (err) {
    if (err instanceof CalendarYearNotConfirmedError) return null;
    throw err;
  }
}
