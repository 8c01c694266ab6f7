// 统一社会信用代码 (unified social credit code), GB 32100-2015: 18 characters from the 31-character
// set 0-9 A-H J-N P-R T-U W-Y (no I, O, S, V, Z), the last being a check character computed over
// the first 17 with weights 3^i mod 31: check = 31 − (Σ value × weight mod 31), where 31 becomes 0.
// Only the character set and the check character are verified: the embedded region and
// organisation codes follow other standards and real codes are not always consistent with them.

const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const FIRST_17 = /^[0-9A-HJ-NP-RTUW-Y]{17}$/;
const FULL_CODE = /^[0-9A-HJ-NP-RTUW-Y]{18}$/;

/**
 * Form input in the shape the validators expect: NFKC (full-width characters to half-width),
 * uppercase, spaces and hyphens removed.
 */
export function normaliseCreditCode(input: string): string {
  return input.normalize('NFKC').toUpperCase().replace(/[\s-]/gu, '');
}

/** The check character for the first 17 characters; throws RangeError on any other input. */
export function creditCodeCheckChar(first17: string): string {
  if (!FIRST_17.test(first17)) {
    throw new RangeError(`统一社会信用代码前17位“${first17}”格式不正确：应为17位数字或大写字母（不含I、O、S、V、Z）。`);
  }
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += CHARSET.indexOf(first17[i] as string) * (WEIGHTS[i] as number);
  const check = 31 - (sum % 31);
  return CHARSET[check === 31 ? 0 : check] as string;
}

/** Whether `code` is a well-formed 18-character code with a correct check character (exact case). */
export function isValidCreditCode(code: string): boolean {
  if (!FULL_CODE.test(code)) return false;
  return creditCodeCheckChar(code.slice(0, 17)) === code[17];
}

/** Completes 17 characters with their check character (for demo and test data). */
export function makeCreditCode(first17: string): string {
  return first17 + creditCodeCheckChar(first17);
}
