// Consultation of third parties and co-producing agencies — 条例（国务院令第711号）第三十二条、
// 第三十四条, with 第三十三条第三款 for the clock (RULES.md §1.5, rules 9–10).
// Both consulted parties have 15 working days from receiving the letter; what silence means
// differs, and that difference is the point of this file:
// - a third party (第三十二条) that stays silent leaves the decision to the agency;
// - a co-producing agency (第三十四条) that stays silent is recorded as consenting.
// A reply that arrives after the 15 days is kept on record but has the effect of silence: the law
// ties the consequence to "逾期未提出意见", and the agency may still take the late view into account.
import { parseIsoDate, type IsoDate, type WorkCalendar } from '../../calendar/index.ts';
import type { ClockPause } from './clock.ts';
import { workingDayDeadline, type DueDate } from './due-date.ts';
import { InfoRequestRuleError } from './errors.ts';

/** 第三十二条、第三十四条: 自收到征求意见书之日起15个工作日内提出意见. */
export const CONSULTATION_REPLY_WORKING_DAYS = 15;

export type ConsultedParty = 'thirdParty' | 'coProducer';

export const consultedPartyLabels: Readonly<Record<ConsultedParty, string>> = {
  thirdParty: '第三方',
  coProducer: '共同制作政府信息的行政机关',
};

export type ConsultationReply = 'consent' | 'objection';

export interface ConsultationInput {
  party: ConsultedParty;
  /** The day the agency sent the written request for views (the clock pause starts here). */
  letterSentOn: IsoDate;
  /** The day the consulted party received it; the 15 working days run from the day after. */
  letterReceivedOn?: IsoDate | null;
  repliedOn?: IsoDate | null;
  reply?: ConsultationReply | null;
}

export type ConsultationState =
  'awaitingDelivery' | 'awaitingReply' | 'consented' | 'objected' | 'noReplyAgencyDecides' | 'deemedConsent';

export interface ConsultationResolution {
  state: ConsultationState;
  replyDue: DueDate | null;
  /** A reply was recorded, but after the 15 working days. */
  lateReply: boolean;
  /** The day the consultation ended for the answer clock; null while it is still running. */
  endedOn: IsoDate | null;
  /** The pause to put on the answer clock (第三十三条第三款). */
  pause: ClockPause;
  /** What follows, in Chinese, citing the article. */
  message: string;
}

/** The last day for the consulted party's views: 15 working days after it received the letter. */
export function consultationReplyDueOn(cal: WorkCalendar, letterReceivedOn: IsoDate): DueDate {
  return workingDayDeadline(cal, letterReceivedOn, CONSULTATION_REPLY_WORKING_DAYS, '征求意见答复期限');
}

type ActiveState = Exclude<ConsultationState, 'noReplyAgencyDecides' | 'deemedConsent'>;

const messages: Record<ActiveState, Record<ConsultedParty, string>> = {
  awaitingDelivery: {
    thirdParty: '征求意见书尚未送达第三方，答复期限暂停计算（条例第三十三条第三款）。',
    coProducer: '征求意见书尚未送达相关行政机关，答复期限暂停计算（条例第三十三条第三款）。',
  },
  awaitingReply: {
    thirdParty: '正在等待第三方提出意见，答复期限暂停计算（条例第三十三条第三款）。',
    coProducer: '正在等待相关行政机关提出意见，答复期限暂停计算（条例第三十三条第三款）。',
  },
  consented: {
    thirdParty: '第三方同意公开。',
    coProducer: '被征求意见机关同意公开。',
  },
  objected: {
    thirdParty:
      '第三方不同意公开。有合理理由的，行政机关不予公开；行政机关认为不公开可能对公共利益造成重大影响的，可以决定予以公开，并将决定公开的政府信息内容和理由书面告知第三方（条例第三十二条）。',
    coProducer: '被征求意见机关不同意公开，由牵头制作的行政机关依照条例的规定决定是否公开。',
  },
};

function messageFor(state: ConsultationState, party: ConsultedParty): string {
  if (state === 'noReplyAgencyDecides')
    return '第三方逾期未提出意见，由行政机关依照本条例的规定决定是否公开（条例第三十二条）。';
  if (state === 'deemedConsent') return '被征求意见机关逾期未提出意见，视为同意公开（条例第三十四条）。';
  return messages[state][party];
}

function silenceState(party: ConsultedParty): ConsultationState {
  return party === 'coProducer' ? 'deemedConsent' : 'noReplyAgencyDecides';
}

/** The consultation record's dates or reply do not fit together; `field` is the one to correct. */
function inconsistentConsultation(field: 'letterReceivedOn' | 'repliedOn' | 'reply', message: string) {
  return new InfoRequestRuleError('consultation.inconsistentInput', message, { [field]: message });
}

/** Where a consultation stands on `today`, what its silence or reply means, and its clock pause. */
export function resolveConsultation(
  cal: WorkCalendar,
  input: ConsultationInput,
  today: IsoDate,
): ConsultationResolution {
  const { party } = input;
  const sentOn = parseIsoDate(input.letterSentOn);
  parseIsoDate(today);
  const pauseKind = party === 'thirdParty' ? 'thirdParty' : 'otherAgency';
  const build = (
    state: ConsultationState,
    replyDue: DueDate | null,
    endedOn: IsoDate | null,
    lateReply = false,
  ): ConsultationResolution => {
    const late = lateReply
      ? `（意见于${input.repliedOn}才收到，已超过${CONSULTATION_REPLY_WORKING_DAYS}个工作日的期限，按逾期未提出意见处理，行政机关可以参考。）`
      : '';
    return {
      state,
      replyDue,
      lateReply,
      endedOn,
      pause: { kind: pauseKind, startOn: sentOn, endOn: endedOn },
      message: messageFor(state, party) + late,
    };
  };

  if ((input.repliedOn && !input.reply) || (!input.repliedOn && input.reply)) {
    throw inconsistentConsultation(
      input.repliedOn ? 'reply' : 'repliedOn',
      '记录征求意见的回复时，须同时填写回复日期和回复意见（同意或不同意公开）。',
    );
  }
  if (!input.letterReceivedOn) {
    if (input.repliedOn) {
      throw inconsistentConsultation(
        'letterReceivedOn',
        '已收到回复，请填写对方收到征求意见书的日期，以便核对15个工作日的期限。',
      );
    }
    return build('awaitingDelivery', null, null);
  }
  const receivedOn = parseIsoDate(input.letterReceivedOn);
  if (receivedOn < sentOn) {
    throw inconsistentConsultation(
      'letterReceivedOn',
      `对方收到征求意见书的日期（${receivedOn}）不能早于发出日期（${sentOn}）。`,
    );
  }
  const replyDue = consultationReplyDueOn(cal, receivedOn);
  if (input.repliedOn && input.reply) {
    const repliedOn = parseIsoDate(input.repliedOn);
    if (repliedOn < sentOn) {
      throw inconsistentConsultation('repliedOn', `回复日期（${repliedOn}）不能早于征求意见书发出日期（${sentOn}）。`);
    }
    if (repliedOn <= replyDue.dueOn)
      return build(input.reply === 'consent' ? 'consented' : 'objected', replyDue, repliedOn);
    return build(silenceState(party), replyDue, replyDue.dueOn, true);
  }
  if (today <= replyDue.dueOn) return build('awaitingReply', replyDue, null);
  return build(silenceState(party), replyDue, replyDue.dueOn);
}
