// Identity proof (身份证明) of an applicant — 条例（国务院令第711号）第二十九条第二款第（一）项
// (RULES.md §1.2, rule 28). The 2019 text made identity proof a required part of an application.
// Numbers that carry a checksum are checked in full, because a typo here means the agency cannot
// tell who applied: the 居民身份证 (GB 11643-1999: 18 characters with an ISO 7064 MOD 11-2 check
// character, or the legacy 15-digit form), the 港澳台居民居住证 (same scheme) and the 统一社会信用代码
// (GB 32100-2015, MOD 31). Other documents get a plain format check only: their numbering differs
// between issuers and versions, and rejecting a valid passport is worse than accepting a typo.
import { isValidCreditCode, normaliseCreditCode } from '../../../platform/validation/credit-code.ts';
import { isValidIsoDate, type IsoDate } from '../../calendar/index.ts';

export type IdDocumentType =
  | 'residentIdCard'
  | 'residencePermitHkMoTw'
  | 'hkMoPermit'
  | 'twPermit'
  | 'passport'
  | 'foreignPermanentResidentCard'
  | 'unifiedSocialCreditCode'
  | 'otherDocument';

export const idDocumentTypeLabels: Readonly<Record<IdDocumentType, string>> = {
  residentIdCard: '居民身份证',
  residencePermitHkMoTw: '港澳台居民居住证',
  hkMoPermit: '港澳居民来往内地通行证',
  twPermit: '台湾居民来往大陆通行证',
  passport: '护照',
  foreignPermanentResidentCard: '外国人永久居留身份证',
  unifiedSocialCreditCode: '统一社会信用代码',
  otherDocument: '其他有效身份证明',
};

/** Documents a natural person may use; organisations use the credit code or another proof. */
export const PERSONAL_ID_DOCUMENT_TYPES: readonly IdDocumentType[] = [
  'residentIdCard',
  'residencePermitHkMoTw',
  'hkMoPermit',
  'twPermit',
  'passport',
  'foreignPermanentResidentCard',
  'otherDocument',
];

export const ORGANISATION_ID_DOCUMENT_TYPES: readonly IdDocumentType[] = ['unifiedSocialCreditCode', 'otherDocument'];

export function isIdDocumentType(value: string): value is IdDocumentType {
  return Object.hasOwn(idDocumentTypeLabels, value);
}

export type ResidentIdProblem = 'format' | 'birthDate' | 'checksum';

export interface ResidentIdCheck {
  valid: boolean;
  /** Trimmed, without spaces, with a lower-case x upper-cased. */
  normalised: string;
  length: 18 | 15 | null;
  birthDate: IsoDate | null;
  problem: ResidentIdProblem | null;
  /** Chinese message when invalid. */
  message: string | null;
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK_CHARS = '10X98765432';

/** The GB 11643 check character for the first 17 digits of an 18-character number. */
export function residentIdCheckChar(first17: string): string {
  let total = 0;
  for (let i = 0; i < 17; i++) total += Number(first17[i]) * (ID_WEIGHTS[i] as number);
  return ID_CHECK_CHARS[total % 11] as string;
}

function normaliseNumber(value: string): string {
  return value.replace(/\s+/g, '').toUpperCase();
}

/**
 * Checks a mainland 居民身份证 number: 18 characters with a valid birth date and GB 11643 check
 * character, or the legacy 15-digit form (birth year 19YY, no check character). With `today`,
 * a birth date after today is rejected too.
 */
export function checkResidentIdNumber(value: string, options: { today?: IsoDate } = {}): ResidentIdCheck {
  const normalised = normaliseNumber(value);
  const fail = (
    problem: ResidentIdProblem,
    message: string,
    length: 18 | 15 | null = null,
    birthDate: IsoDate | null = null,
  ): ResidentIdCheck => ({
    valid: false,
    normalised,
    length,
    birthDate,
    problem,
    message,
  });
  const long = /^[1-9]\d{5}(\d{4})(\d{2})(\d{2})\d{3}[\dX]$/.exec(normalised);
  const short = long ? null : /^[1-9]\d{5}(\d{2})(\d{2})(\d{2})\d{3}$/.exec(normalised);
  const m = long ?? short;
  if (!m) return fail('format', '居民身份证号码应为18位（最后一位可以是数字或X），或旧版15位数字。');
  const length = long ? 18 : 15;
  const year = long ? (m[1] as string) : `19${m[1] as string}`;
  const birthDate = `${year}-${m[2] as string}-${m[3] as string}`;
  if (!isValidIsoDate(birthDate) || Number(year) < 1900 || (options.today !== undefined && birthDate > options.today)) {
    return fail(
      'birthDate',
      `居民身份证号码中的出生日期（${year}${m[2] as string}${m[3] as string}）无效，请核对。`,
      length,
    );
  }
  if (long && residentIdCheckChar(normalised.slice(0, 17)) !== normalised[17]) {
    return fail('checksum', '居民身份证号码的校验位不正确，请核对号码是否填写有误。', length, birthDate);
  }
  return { valid: true, normalised, length, birthDate, problem: null, message: null };
}

export function isValidResidentIdNumber(value: string, options: { today?: IsoDate } = {}): boolean {
  return checkResidentIdNumber(value, options).valid;
}

/**
 * The Chinese message for an identity-document number that does not fit its type, or null when
 * it fits. Only format is checked: whether the document belongs to the applicant is for staff.
 */
export function idDocumentNumberProblem(
  type: IdDocumentType,
  value: string,
  options: { today?: IsoDate } = {},
): string | null {
  const number = normaliseNumber(value);
  switch (type) {
    case 'residentIdCard':
      return checkResidentIdNumber(number, options).message;
    case 'residencePermitHkMoTw': {
      const check = checkResidentIdNumber(number, options);
      if (!check.valid) return check.message;
      return check.length === 18 && /^8[123]/.test(number)
        ? null
        : '港澳台居民居住证号码应为18位，并以81、82或83开头。';
    }
    case 'unifiedSocialCreditCode':
      return isValidCreditCode(normaliseCreditCode(value)) ? null : '统一社会信用代码应为18位，且校验位正确，请核对。';
    default:
      return /^[A-Z0-9()（）-]{5,30}$/.test(number)
        ? null
        : `${idDocumentTypeLabels[type]}号码格式不正确，应为5至30位字母或数字。`;
  }
}
