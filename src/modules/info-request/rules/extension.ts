// Extension of the answer period — 条例（国务院令第711号）第三十三条第二款 (RULES.md §1.6, rule 6):
// "需要延长答复期限的，应当经政府信息公开工作机构负责人同意并告知申请人，延长的期限最长不得超过
// 20个工作日". An extension without the approver or without the notice to the applicant is not an
// extension in law, so it is refused rather than stored with a warning.
import { isValidIsoDate, type IsoDate } from '../../calendar/index.ts';
import type { FieldErrors } from './errors.ts';

/** 延长的期限最长不得超过20个工作日. */
export const MAX_EXTENSION_WORKING_DAYS = 20;

export interface ExtensionInput {
  /** Working days added to the answer period, 1–20. */
  workingDays: number;
  /** Name of the 政府信息公开工作机构负责人 who consented. */
  approvedBy: string;
  approvedOn: IsoDate;
  /** The day the applicant was told of the extension. */
  applicantNotifiedOn: IsoDate;
}

export type ExtensionField = keyof ExtensionInput;

function blank(value: string | undefined | null): boolean {
  return value === undefined || value === null || value.trim() === '';
}

/**
 * Checks an extension against 第三十三条第二款. Returns field-keyed Chinese messages; an empty
 * object means the extension is valid. Accepts a partial object because it validates form input.
 */
export function validateExtension(ext: Partial<ExtensionInput>): FieldErrors<ExtensionField> {
  const errors: FieldErrors<ExtensionField> = {};
  const days = ext.workingDays;
  if (days === undefined || days === null || !Number.isInteger(days) || days < 1) {
    errors.workingDays = '请填写延长的工作日天数（1至20之间的整数）。';
  } else if (days > MAX_EXTENSION_WORKING_DAYS) {
    errors.workingDays = `延长的期限最长不得超过${MAX_EXTENSION_WORKING_DAYS}个工作日（条例第三十三条第二款），当前填写为${days}个工作日。`;
  }
  if (blank(ext.approvedBy)) {
    errors.approvedBy = '延长答复期限须经政府信息公开工作机构负责人同意，请填写批准人。';
  }
  if (blank(ext.approvedOn)) {
    errors.approvedOn = '请填写政府信息公开工作机构负责人同意延期的日期。';
  } else if (!isValidIsoDate(ext.approvedOn as string)) {
    errors.approvedOn = '同意延期的日期无效，应为 YYYY-MM-DD 格式。';
  }
  if (blank(ext.applicantNotifiedOn)) {
    errors.applicantNotifiedOn = '延长答复期限须告知申请人，请填写告知申请人的日期。';
  } else if (!isValidIsoDate(ext.applicantNotifiedOn as string)) {
    errors.applicantNotifiedOn = '告知申请人的日期无效，应为 YYYY-MM-DD 格式。';
  } else if (!errors.approvedOn && (ext.applicantNotifiedOn as string) < (ext.approvedOn as string)) {
    errors.applicantNotifiedOn = '告知申请人延期的日期不能早于负责人同意延期的日期。';
  }
  return errors;
}
