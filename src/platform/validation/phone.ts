// Contact details printed on the 指南 and the annual report (office phone, postcode, e-mail) and
// entered by applicants: mainland Chinese mobile and landline numbers, 6-digit postcodes, e-mail.
//
// Input is form input: it is NFKC-normalised (full-width digits become half-width) and trimmed.
// Phone numbers may be written with spaces, hyphens and parentheses, a +86/0086 prefix, and a
// landline extension (转/分机/ext/x/#, or a last hyphen-separated group). A landline needs its area
// code so that the number works from outside the city; short service numbers (12345 hotline)
// and 400/800 numbers are not contact numbers of an office and are rejected.

const MOBILE = /^1[3-9]\d{9}$/;
// 010 and 02x are the large cities with 8-digit local numbers; other area codes have 4 digits
// (0 + 3) and 7- or 8-digit local numbers. Local numbers never start with 0 or 1.
const LANDLINE = /^(?:0(?:10|2\d)[2-9]\d{7}|0[3-9]\d{2}[2-9]\d{6,7})$/;
const EXTENSION = /^(.*?)\s*(?:转|分机|ext\.?|x|#)\s*\d{1,6}$/iu;
const HYPHEN_EXTENSION = /^(.*\d)\s*-\s*\d{1,6}$/u;
const NUMBER_CHARS = /^\+?[\d\s()-]+$/u;

function prepare(input: string): string {
  return input.normalize('NFKC').trim();
}

/** Digits of a number without extension, with the +86 / 0086 country prefix resolved. */
function nationalDigits(number: string): string | null {
  if (!NUMBER_CHARS.test(number)) return null;
  if ((number.match(/\(/g) ?? []).length !== (number.match(/\)/g) ?? []).length) return null;
  const plus = number.startsWith('+');
  const digits = number.replace(/\D/g, '');
  if (plus || digits.startsWith('0086')) {
    const rest = plus ? (digits.startsWith('86') ? digits.slice(2) : null) : digits.slice(4);
    if (rest === null || rest === '') return null;
    // Abroad the area code is dialled without its leading 0.
    return MOBILE.test(rest) ? rest : rest.startsWith('0') ? null : `0${rest}`;
  }
  if (digits.length === 13 && digits.startsWith('86') && MOBILE.test(digits.slice(2))) return digits.slice(2);
  return digits;
}

/** A mainland mobile number (11 digits starting 13–19), optionally with +86. */
export function isValidMobile(input: string): boolean {
  const digits = nationalDigits(prepare(input));
  return digits !== null && MOBILE.test(digits);
}

function isLandlineNumber(number: string): boolean {
  const digits = nationalDigits(number);
  return digits !== null && LANDLINE.test(digits);
}

/** A landline number with area code (0571-87654321, (010) 6655 8899, 0571-87654321转8001). */
export function isValidLandline(input: string): boolean {
  const value = prepare(input);
  const marked = EXTENSION.exec(value);
  if (marked !== null) return isLandlineNumber(marked[1] as string);
  if (isLandlineNumber(value)) return true;
  // 0571-87654321-8001: the whole string is too long to be a number, the last group is the
  // extension.
  const hyphenated = HYPHEN_EXTENSION.exec(value);
  return hyphenated !== null && isLandlineNumber(hyphenated[1] as string);
}

/** A mobile or a landline number. */
export function isValidPhone(input: string): boolean {
  return isValidMobile(input) || isValidLandline(input);
}

/** A 邮政编码: exactly six digits. */
export function isValidPostcode(input: string): boolean {
  return /^\d{6}$/.test(prepare(input));
}

const LOCAL_PART = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const DOMAIN_LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
const TOP_LEVEL = /^(?:[A-Za-z]{2,63}|xn--[A-Za-z0-9-]{1,59})$/;

/**
 * An e-mail address that can receive mail on the internet: dot-atom local part (no quoted
 * forms), a domain with at least two labels and an alphabetic (or punycode) top-level label.
 */
export function isValidEmail(input: string): boolean {
  const value = prepare(input);
  if (value.length > 254) return false;
  const at = value.lastIndexOf('@');
  if (at <= 0) return false;
  const local = value.slice(0, at);
  const labels = value.slice(at + 1).split('.');
  if (local.length > 64 || !LOCAL_PART.test(local)) return false;
  if (labels.length < 2 || !labels.every((label) => DOMAIN_LABEL.test(label))) return false;
  return TOP_LEVEL.test(labels[labels.length - 1] as string);
}
