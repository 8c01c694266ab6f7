// 收到申请之日 by intake channel — 条例（国务院令第711号）第三十一条 (RULES.md §1.3, rules 1–4).
// The receipt date starts every statutory clock of an application, so a missing date is an
// error, never a guess; and an ordinary letter confirmed later than the day it arrived is
// flagged, because 第三十一条第（二）项 requires the confirmation on the arrival day itself.
import { parseIsoDate, type IsoDate } from '../../calendar/index.ts';
import { InfoRequestRuleError, MissingReceiptDateError } from './errors.ts';

export type IntakeChannel = 'inPerson' | 'signedPost' | 'ordinaryPost' | 'online' | 'fax';

export const INTAKE_CHANNELS: readonly IntakeChannel[] = ['inPerson', 'signedPost', 'ordinaryPost', 'online', 'fax'];

export const intakeChannelLabels: Readonly<Record<IntakeChannel, string>> = {
  inPerson: '当面提交',
  signedPost: '邮寄（需签收）',
  ordinaryPost: '平常信函等无需签收的邮件',
  online: '互联网渠道',
  fax: '传真',
};

export interface ReceiptDates {
  /** 当面提交: the day the application was handed in. */
  handedInOn?: IsoDate;
  /** 邮寄 requiring a signature: the day the agency signed for it (not the posting date). */
  signedForOn?: IsoDate;
  /** 平常信函: the day the letter arrived at the agency. */
  arrivedOn?: IsoDate;
  /** 平常信函: the day the office confirmed with the applicant; 互联网/传真: the day both sides confirmed. */
  confirmedOn?: IsoDate;
}

export interface ReceiptInput extends ReceiptDates {
  channel: IntakeChannel;
}

export type ReceiptWarningCode = 'confirmationAfterArrival';

export interface ReceiptWarning {
  code: ReceiptWarningCode;
  message: string;
}

export interface ReceiptResult {
  channel: IntakeChannel;
  receivedOn: IsoDate;
  /** Which date was taken and why, in Chinese (shown on the case and in the reply letter file). */
  basis: string;
  warnings: ReceiptWarning[];
}

type DateField = keyof ReceiptDates;

const fieldLabels: Record<DateField, string> = {
  handedInOn: '递交日期',
  signedForOn: '签收日期',
  arrivedOn: '信件到达日期',
  confirmedOn: '确认日期',
};

function requireDate(input: ReceiptInput, field: DateField): IsoDate {
  const value = input[field];
  if (value === undefined || value === null || value.trim() === '') {
    throw new MissingReceiptDateError(
      field,
      `通过“${intakeChannelLabels[input.channel]}”提交的申请须填写${fieldLabels[field]}，才能确定收到申请之日（条例第三十一条）。`,
    );
  }
  return parseIsoDate(value);
}

/** 收到申请之日 for one application (条例 第三十一条). */
export function determineReceivedOn(input: ReceiptInput): ReceiptResult {
  const { channel } = input;
  switch (channel) {
    case 'inPerson': {
      const receivedOn = requireDate(input, 'handedInOn');
      return {
        channel,
        receivedOn,
        basis: '当面提交的，以提交之日为收到申请之日（条例第三十一条第（一）项）。',
        warnings: [],
      };
    }
    case 'signedPost': {
      const receivedOn = requireDate(input, 'signedForOn');
      return {
        channel,
        receivedOn,
        basis: '以邮寄方式提交的，以行政机关签收之日为收到申请之日（条例第三十一条第（二）项）。',
        warnings: [],
      };
    }
    case 'ordinaryPost':
      return ordinaryPost(input);
    case 'online':
    case 'fax': {
      const receivedOn = requireDate(input, 'confirmedOn');
      const via = channel === 'online' ? '通过互联网渠道' : '通过政府信息公开工作机构的传真';
      return {
        channel,
        receivedOn,
        basis: `${via}提交的，以双方确认之日为收到申请之日（条例第三十一条第（三）项）。`,
        warnings: [],
      };
    }
    default: {
      const unknown: never = channel;
      throw new InfoRequestRuleError('receipt.unknownChannel', `未知的申请提交渠道“${String(unknown)}”。`, {
        channel: '请选择申请的提交渠道。',
      });
    }
  }
}

function ordinaryPost(input: ReceiptInput): ReceiptResult {
  const arrivedOn = requireDate(input, 'arrivedOn');
  const receivedOn = requireDate(input, 'confirmedOn');
  if (receivedOn < arrivedOn) {
    const message = `确认日期（${receivedOn}）不能早于信件到达日期（${arrivedOn}）。`;
    throw new InfoRequestRuleError('receipt.inconsistentDates', message, { confirmedOn: message });
  }
  const warnings: ReceiptWarning[] = [];
  if (receivedOn > arrivedOn) {
    warnings.push({
      code: 'confirmationAfterArrival',
      message: `平常信函于${arrivedOn}到达，但与申请人确认的日期为${receivedOn}；条例第三十一条第（二）项要求在收到信函当日与申请人确认。`,
    });
  }
  return {
    channel: 'ordinaryPost',
    receivedOn,
    basis:
      '以平常信函等无需签收的邮寄方式提交的，以政府信息公开工作机构与申请人确认之日为收到申请之日（条例第三十一条第（二）项）。',
    warnings,
  };
}
