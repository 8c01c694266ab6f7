// Detectors of personal numbers in free text: resident ID numbers (18 characters with the
// ISO 7064 MOD 11-2 check character and a real birth date, and the old 15-digit form), mainland
// mobile numbers, landline numbers with their area code, and bank card numbers (16–19 digits
// passing the Luhn check). Pure functions, no I/O: used to mask 公示 tables whatever a column is
// declared as, to refuse publishing tables that would still show such numbers, and by the privacy
// scan of every public page (and later of attachments).
//
// How a number is found. The text is cut into runs of digit groups: a group is a maximal run of
// digits (an ID number's last group may end in X); two groups belong to one run when only a short
// separator stands between them (spaces, a dash, parentheses: "138 1234 5678", "(0571) 8765-4321",
// "110101 19900307 123X"). Every stretch of whole consecutive groups is then classified; the longest
// stretch that is a personal number wins. So a number is never found inside a longer digit group
// (4413812345678 is no mobile number), but it is found next to another number written apart from it
// ("2025 13812345678"). A group touching a decimal point or a thousands comma ("13812345678.00",
// "1,234") is part of an amount and never part of a personal number. Full-width digits, X and
// separators are read as their ASCII forms, character by character, so positions stay those of the
// original text.
//
// Deliberate limits: a landline without its area code (8765 4321) looks like any 8-digit figure and
// is not detected; the 15-digit form has no check character, so a 15-digit figure with a valid region
// and date is taken for an ID number (fail closed).

export type PersonalNumberKind = 'idNumber' | 'mobile' | 'landline' | 'bankCard';

export const PERSONAL_NUMBER_LABELS: Record<PersonalNumberKind, string> = {
  idNumber: '身份证号码',
  mobile: '手机号码',
  landline: '固定电话号码',
  bankCard: '银行卡号',
};

export interface PersonalNumberFinding {
  kind: PersonalNumberKind;
  /** The number as written in the text (with its separators). */
  text: string;
  /** Offsets in the original text (UTF-16 code units), end exclusive. */
  start: number;
  end: number;
}

// Province-level codes (GB/T 2260) that begin every resident ID number; 71/81/82/83 are the numbers
// of residence permits for people from Taiwan, Hong Kong and Macao.
const PROVINCES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63,
  64, 65, 71, 81, 82, 83,
]);

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const days = [
    31,
    year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28,
    31,
    30,
    31,
    30,
    31,
    31,
    30,
    31,
    30,
    31,
  ];
  return day <= (days[month - 1] as number);
}

/** The ISO 7064 MOD 11-2 check character of the first 17 digits of an 18-character ID number. */
export function residentIdCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (ID_WEIGHTS[i] as number);
  return ID_CHECK[sum % 11] as string;
}

/**
 * An 18-character resident ID number (GB 11643): a known province code, a birth date between 1900
 * and 2099 that exists, and the right check character. Foreigners' permanent residence cards of
 * 2023 start with 9 followed by the province code and share the layout.
 */
export function isResidentId18(value: string): boolean {
  const id = value.toUpperCase();
  if (!/^\d{17}[\dX]$/u.test(id)) return false;
  const province = Number(id[0] === '9' ? id.slice(1, 3) : id.slice(0, 2));
  if (!PROVINCES.has(province)) return false;
  const year = Number(id.slice(6, 10));
  if (year < 1900 || year > 2099 || !isRealDate(year, Number(id.slice(10, 12)), Number(id.slice(12, 14)))) return false;
  return residentIdCheckCharacter(id) === id[17];
}

/** A 15-digit resident ID number of the first generation: province code and a real date 19YYMMDD. */
export function isResidentId15(value: string): boolean {
  if (!/^\d{15}$/u.test(value)) return false;
  if (!PROVINCES.has(Number(value.slice(0, 2)))) return false;
  return isRealDate(1900 + Number(value.slice(6, 8)), Number(value.slice(8, 10)), Number(value.slice(10, 12)));
}

/** A mainland mobile number: 1[3-9] and 9 more digits, optionally after the country code 86. */
export function isMobileNumber(digits: string): boolean {
  return /^(?:0{0,2}86)?1[3-9]\d{9}$/u.test(digits);
}

/**
 * A landline number with its area code: 010 and 02X have 3 digits, every other area code 0[3-9]XX
 * has 4; the local number has 7 or 8 digits and does not start with 0 or 1.
 */
export function isLandlineNumber(digits: string): boolean {
  const area = /^(?:010|02\d)/u.test(digits) ? 3 : /^0[3-9]\d\d/u.test(digits) ? 4 : 0;
  return area > 0 && /^[2-9]\d{6,7}$/u.test(digits.slice(area));
}

/** The Luhn check (ISO/IEC 7812) over a string of digits. */
export function passesLuhn(digits: string): boolean {
  if (!/^\d+$/u.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** A bank card number: 16 to 19 digits, not starting with 0, passing the Luhn check. */
export function isBankCardNumber(digits: string): boolean {
  return /^[1-9]\d{15,18}$/u.test(digits) && passesLuhn(digits);
}

const within = (boundaries: readonly number[], allowed: readonly number[]) =>
  boundaries.every((b) => allowed.includes(b));

/**
 * What a compact run of digits (an ID number may end in X) is, if it is a personal number.
 * `boundaries` are the offsets in `compact` where the writer put a separator: they must fall where
 * people split that kind of number (ID 6-8-4, 6-4-4-4 or in fours as typed into a card-number field,
 * mobile 3-4-4, landline area code | local number, cards in fours), so that a date written before a
 * number does not make a longer one.
 */
export function classifyDigits(compact: string, boundaries: readonly number[] = []): PersonalNumberKind | null {
  if (
    compact.length === 18 &&
    isResidentId18(compact) &&
    (within(boundaries, [6, 10, 14]) || boundaries.every((b) => b % 4 === 0))
  )
    return 'idNumber';
  if (compact.length === 15 && isResidentId15(compact) && within(boundaries, [6, 12])) return 'idNumber';
  if (/[Xx]/u.test(compact)) return null;
  if (isMobileNumber(compact)) {
    const prefix = compact.length - 11;
    if (within(boundaries, [prefix, prefix + 3, prefix + 7])) return 'mobile';
  }
  if (isLandlineNumber(compact)) {
    const area = /^(?:010|02\d)/u.test(compact) ? 3 : 4;
    if (within(boundaries, [area, area + 3, area + 4])) return 'landline';
  }
  if (isBankCardNumber(compact) && boundaries.every((b) => b % 4 === 0)) return 'bankCard';
  return null;
}

/** Full-width digits, X and separators read as ASCII, one character for one, so offsets stay. */
function asciiFold(text: string): string {
  return text.replace(/[\uFF08\uFF09\uFF0D\uFF0E\uFF0C\uFF10-\uFF19\uFF38\uFF58\u3000\u2010-\u2015\u2212]/gu, (ch) => {
    const code = ch.charCodeAt(0);
    if (code >= 0xff01 && code <= 0xff5e) return String.fromCharCode(code - 0xfee0);
    if (ch === '\u3000') return ' ';
    return '-';
  });
}

interface Group {
  start: number;
  end: number;
  digits: string;
}

// A digit group, or an ID number's last group ending in X (not followed by a letter).
const GROUP = /\d+(?:[Xx](?![A-Za-z]))?/gu;
// What may stand between two groups of one number: up to 3 spaces, dashes or parentheses (around an
// area code). A dot is never a separator: it is a decimal point.
const SEPARATOR = /^[ \t\u00a0()-]{1,3}$/u;

function groupsOf(text: string): Group[][] {
  const folded = asciiFold(text);
  const runs: Group[][] = [];
  let current: Group[] = [];
  let previousEnd = -1;
  for (const m of folded.matchAll(GROUP)) {
    const start = m.index;
    const end = start + m[0].length;
    // Part of an amount or a version number: 1,234 / 13812345678.00 / 3.5
    const amount = /[.,]$/u.test(folded.slice(Math.max(0, start - 1), start)) && /\d/u.test(folded[start - 2] ?? '');
    const amountAfter = /^[.,]\d/u.test(folded.slice(end, end + 2));
    const joined =
      current.length > 0 && !/[Xx]$/u.test(current.at(-1)!.digits) && SEPARATOR.test(folded.slice(previousEnd, start));
    if (!joined && current.length) {
      runs.push(current);
      current = [];
    }
    if (amount || amountAfter) {
      // The group belongs to a figure: it ends the run before it and starts none.
      if (current.length) runs.push(current);
      current = [];
      previousEnd = -1;
      continue;
    }
    current.push({ start, end, digits: m[0] });
    previousEnd = end;
  }
  if (current.length) runs.push(current);
  return runs;
}

/** Every personal number in `text`, in order, none overlapping. */
export function findPersonalNumbers(text: string): PersonalNumberFinding[] {
  const findings: PersonalNumberFinding[] = [];
  for (const run of groupsOf(text)) {
    let i = 0;
    while (i < run.length) {
      let best: { j: number; kind: PersonalNumberKind } | null = null;
      let compact = '';
      const boundaries: number[] = [];
      for (let j = i; j < run.length; j++) {
        if (j > i) boundaries.push(compact.length);
        compact += run[j]!.digits;
        if (compact.length > 21) break;
        const kind = classifyDigits(compact, boundaries);
        if (kind) best = { j, kind };
      }
      if (best) {
        const start = run[i]!.start;
        const end = run[best.j]!.end;
        findings.push({ kind: best.kind, text: text.slice(start, end), start, end });
        i = best.j + 1;
      } else i++;
    }
  }
  return findings;
}

/** True when `text` holds at least one personal number. */
export function containsPersonalNumber(text: string): boolean {
  return findPersonalNumbers(text).length > 0;
}

/**
 * One finding masked as 公示 tables mask that kind of value: an ID number keeps its first 6 and last 4
 * characters, a phone number or a bank card only its last 4 digits; separators stay where they are.
 */
export function maskFinding(finding: Pick<PersonalNumberFinding, 'kind' | 'text'>): string {
  const chars = Array.from(finding.text);
  const positions = chars.flatMap((ch, i) => (/[\dXx\uFF10-\uFF19\uFF38\uFF58]/u.test(ch) ? [i] : []));
  const keepFirst = finding.kind === 'idNumber' ? 6 : 0;
  const keepLast = 4;
  positions.forEach((at, n) => {
    if (n >= keepFirst && n < positions.length - keepLast) chars[at] = '*';
  });
  return chars.join('');
}

/** `text` with every personal number masked (see maskFinding); other text unchanged. */
export function maskPersonalNumbers(text: string): string {
  let out = '';
  let at = 0;
  for (const f of findPersonalNumbers(text)) {
    out += text.slice(at, f.start) + maskFinding(f);
    at = f.end;
  }
  return out + text.slice(at);
}
