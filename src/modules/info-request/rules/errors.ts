// Typed errors of the 依申请公开 rule functions. Each is a ValidationError whose code is in the one
// error catalogue (platform/errors.ts: status 422 and a default Chinese message), with a
// Simplified Chinese message that can be shown to staff as is and the field it concerns, so a form
// re-renders next to that field and anything else goes to the one error handler; no service or
// route translates them by hand.
import { ValidationError, type ErrorCode } from '../../../platform/errors.ts';

/** Field name → Chinese message. An empty object means "no problems". */
export type FieldErrors<F extends string = string> = Partial<Record<F, string>>;

export type InfoRequestRuleErrorCode = Extract<
  ErrorCode,
  | 'receipt.missingDate'
  | 'receipt.inconsistentDates'
  | 'receipt.unknownChannel'
  | 'clock.inconsistentDates'
  | 'extension.rejected'
  | 'consultation.inconsistentInput'
  | 'fee.invalidQuantity'
  | 'fee.methodConflict'
>;

export class InfoRequestRuleError extends ValidationError {
  declare readonly code: InfoRequestRuleErrorCode;
  readonly fieldErrors: FieldErrors;

  /** `fieldErrors`: the message per field; at least one, so a form can show it where it belongs. */
  constructor(code: InfoRequestRuleErrorCode, message: string, fieldErrors: FieldErrors) {
    super(fieldErrors as Record<string, string>, message, code);
    this.name = 'InfoRequestRuleError';
    this.fieldErrors = fieldErrors;
  }
}

/** A date that 第三十一条 needs for the chosen channel was not supplied. */
export class MissingReceiptDateError extends InfoRequestRuleError {
  readonly field: string;

  constructor(field: string, message: string) {
    super('receipt.missingDate', message, { [field]: message });
    this.name = 'MissingReceiptDateError';
    this.field = field;
  }
}

/** An extension that 第三十三条第二款 does not allow (too long, no approver, applicant not told). */
export class ExtensionRejectedError extends InfoRequestRuleError {
  constructor(fieldErrors: FieldErrors) {
    const details = Object.values(fieldErrors).join('');
    super('extension.rejected', `延长答复期限不符合条例第三十三条第二款的规定：${details}`, fieldErrors);
    this.name = 'ExtensionRejectedError';
  }
}

/** 国办函〔2020〕109号 第三条: one application, one charging method. */
export class FeeMethodConflictError extends InfoRequestRuleError {
  constructor() {
    const message =
      '同一件申请只能选择按件计收或按量计收中的一种标准收取信息处理费，不得同时按照两种标准重复计算（国办函〔2020〕109号第三条）。';
    super('fee.methodConflict', message, { feeMethod: message });
    this.name = 'FeeMethodConflictError';
  }
}
