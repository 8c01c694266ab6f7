// When an application is deemed abandoned (视为放弃申请) — 条例（国务院令第711号）第三十条
// (no 补正 within the period without good reason) and 国办函〔2020〕109号 as restated by the 四川
// implementing notice (fee not paid within 20 working days of receiving the 收费通知); RULES.md
// §1.4, §4 and rule 26. The outcome keys are the table 三 rows （六）1 and （六）2 (outcomes.ts).
// A period runs to the end of its last day, so "abandoned" starts the day after it (today > last day).
import { nextWorkingDayOnOrAfter, parseIsoDate, type IsoDate, type WorkCalendar } from '../../calendar/index.ts';
import { feePaymentDueOn } from './fees.ts';
import type { OutcomeKey } from './outcomes.ts';

export type AbandonmentState = 'pending' | 'fulfilled' | 'excused' | 'abandoned';

export interface AbandonmentDecision {
  state: AbandonmentState;
  abandoned: boolean;
  /** The table 三 row to count the application in when abandoned; null otherwise. */
  outcomeKey: Extract<OutcomeKey, 'otherOutcome.noCorrection' | 'otherOutcome.feeUnpaid'> | null;
  /** Last day on which the applicant could still act. */
  lastDayOn: IsoDate;
  message: string;
}

export interface MissingCorrectionInput {
  /** The last day of the correction period set in the 补正 notice. */
  correctionDueOn: IsoDate;
  correctedReceivedOn?: IsoDate | null;
  /** Staff accepted the applicant's good reason (正当理由) for not correcting in time. */
  goodReasonAccepted?: boolean;
  today: IsoDate;
}

export interface MissingCorrectionSettings {
  /**
   * Whether a correction period that ends on a non-working day runs on to the next working day
   * (民法典 第二百零三条, applied by analogy; RULES.md §5.1 marks its formal applicability UNCONFIRMED).
   */
  rollForwardFromNonWorkingDay: boolean;
}

/** 第三十条: 申请人无正当理由逾期不补正的，视为放弃申请 — table 三 （六）1. */
export function closeForMissingCorrection(
  cal: WorkCalendar,
  input: MissingCorrectionInput,
  settings: MissingCorrectionSettings = { rollForwardFromNonWorkingDay: true },
): AbandonmentDecision {
  const dueOn = parseIsoDate(input.correctionDueOn);
  const today = parseIsoDate(input.today);
  const lastDayOn = settings.rollForwardFromNonWorkingDay ? nextWorkingDayOnOrAfter(cal, dueOn) : dueOn;
  const corrected = input.correctedReceivedOn ? parseIsoDate(input.correctedReceivedOn) : null;
  const keep = (state: AbandonmentState, message: string): AbandonmentDecision => ({
    state,
    abandoned: false,
    outcomeKey: null,
    lastDayOn,
    message,
  });

  if (corrected !== null && corrected <= lastDayOn) {
    return keep(
      'fulfilled',
      `申请人已于${corrected}在补正期限内补正，答复期限自收到补正申请之日起计算（条例第三十条）。`,
    );
  }
  if (corrected === null && today <= lastDayOn) {
    return keep('pending', `补正期限至${lastDayOn}，尚未届满。`);
  }
  if (input.goodReasonAccepted) {
    return keep('excused', `申请人未在补正期限（${lastDayOn}）内补正，但有正当理由，不视为放弃申请（条例第三十条）。`);
  }
  const late = corrected === null ? '逾期未补正' : `逾期至${corrected}才补正`;
  return {
    state: 'abandoned',
    abandoned: true,
    outcomeKey: 'otherOutcome.noCorrection',
    lastDayOn,
    message: `申请人无正当理由${late}（补正期限至${lastDayOn}），视为放弃申请，行政机关不再处理该政府信息公开申请（条例第三十条）。`,
  };
}

export interface UnpaidFeeInput {
  /** The day the applicant received the 收费通知. */
  noticeReceivedOn: IsoDate;
  paidOn?: IsoDate | null;
  today: IsoDate;
}

/**
 * Fee not paid within 20 working days after the day the 收费通知 was received ⇒ deemed abandoned,
 * table 三 （六）2. A payment after the last day does not revive the application: the rule ties
 * the consequence to the lapse of the period, and any money received late is to be refunded.
 */
export function closeForUnpaidFee(cal: WorkCalendar, input: UnpaidFeeInput): AbandonmentDecision {
  const today = parseIsoDate(input.today);
  const lastDayOn = feePaymentDueOn(cal, input.noticeReceivedOn).dueOn;
  const paidOn = input.paidOn ? parseIsoDate(input.paidOn) : null;
  if (paidOn !== null && paidOn <= lastDayOn) {
    return {
      state: 'fulfilled',
      abandoned: false,
      outcomeKey: null,
      lastDayOn,
      message: `申请人已于${paidOn}按收费通知缴纳信息处理费。`,
    };
  }
  if (paidOn === null && today <= lastDayOn) {
    return {
      state: 'pending',
      abandoned: false,
      outcomeKey: null,
      lastDayOn,
      message: `信息处理费缴纳期限至${lastDayOn}，尚未届满。`,
    };
  }
  const late = paidOn === null ? '逾期未缴纳' : `逾期至${paidOn}才缴纳`;
  return {
    state: 'abandoned',
    abandoned: true,
    outcomeKey: 'otherOutcome.feeUnpaid',
    lastDayOn,
    message: `申请人${late}信息处理费（缴纳期限至${lastDayOn}），视为放弃申请，行政机关不再处理该政府信息公开申请。`,
  };
}
