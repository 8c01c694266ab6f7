// Masking of personal data on publicity notices (公示), e.g. the list of 低保 households: the public
// sees enough to recognise an entry, not enough to identify or contact a person (条例 第十五条:
// disclosure must not infringe personal privacy).
//
// - Names keep their first character, every other character becomes one `*` (张三 → 张*,
//   欧阳娜娜 → 欧***). Compound surnames (欧阳, 司马, 诸葛 …) also keep only one character: the
//   requirement says "names keep the first character", keeping two would show half of a
//   three-character name (欧阳娜 → 欧阳*), and a surname list cannot tell 欧阳明 from 欧 阳明.
//   Whitespace inside a name (two-character names are often padded with an ideographic space
//   to align with three-character ones) is dropped before masking. A one-character name
//   becomes `*`.
// - ID numbers (15 or 18 characters, X check character) keep the first 6 (region) and last 4.
//   Anything else in an ID column is masked completely.
// - Phone numbers keep only their last 4 digits; other characters (separators, 转) stay. A value
//   with fewer than 7 digits is no real phone number and has all digits masked.
// - Bank card numbers keep only their last 4 digits (fewer than 12 digits: every digit masked).
// - Whatever a column is declared as (also 'plain', and after the masks above), every ID, mobile,
//   landline or bank card number found in a cell by platform/privacy is masked the same way: masking
//   fails closed. Publishing refuses a table where that second pass has anything to do (see
//   noticeFindings in notice/notice.privacy.ts), so that staff declare the column instead.
// - Addresses stop at the village or community: kept through the first 村, 社区, 嘎查, 居委会 or
//   居民委员会 (组, 号, 门牌 and what follows are dropped); without one, through the first 镇, 乡 or
//   街道; without any of these the address is replaced by `***`. A 村 directly followed by 镇, 乡
//   or 街道 belongs to a township's name (李村镇, 曹杨新村街道) and is not the village level; a
//   road named after a village (新村路) is cut at 新村, which shows less, not more.
//
// In platform/ (it imports nothing of the app) because the interaction module masks the numbers
// of published letters' writers the same way, and interaction is below notice (#13 point 1).

export type ColumnKind = 'name' | 'idNumber' | 'phone' | 'bankCard' | 'address' | 'plain';

export type CellValue = string | number | null;

/** What replaces a value that cannot be masked in a structured way. */
export const FULL_MASK = '***';

export function maskName(name: string): string {
  const chars = Array.from(name.normalize('NFKC').replace(/\s/gu, ''));
  if (chars.length === 0) return '';
  if (chars.length === 1) return '*';
  return (chars[0] as string) + '*'.repeat(chars.length - 1);
}

export function maskIdNumber(idNumber: string): string {
  const compact = idNumber.normalize('NFKC').replace(/\s/gu, '').toUpperCase();
  if (/^\d{17}[\dX]$/.test(compact)) return `${compact.slice(0, 6)}${'*'.repeat(8)}${compact.slice(14)}`;
  if (/^\d{15}$/.test(compact)) return `${compact.slice(0, 6)}${'*'.repeat(5)}${compact.slice(11)}`;
  return compact === '' ? '' : FULL_MASK;
}

/** Every digit masked but the last four, which are kept only when there are at least `minDigits` digits. */
function maskDigitsButLastFour(raw: string, minDigits: number): string {
  const value = raw.normalize('NFKC').trim();
  const digitCount = (value.match(/\d/g) ?? []).length;
  const keep = digitCount >= minDigits ? 4 : 0;
  let seen = 0;
  return value.replace(/\d/g, (digit) => {
    seen += 1;
    return seen > digitCount - keep ? digit : '*';
  });
}

export function maskPhone(phone: string): string {
  return maskDigitsButLastFour(phone, 7);
}

export function maskBankCard(card: string): string {
  return maskDigitsButLastFour(card, 12);
}

const VILLAGE_LEVEL = ['居民委员会', '居委会', '社区', '嘎查', '村'];
const TOWNSHIP_LEVEL = ['街道', '镇', '乡'];

const PART_OF_TOWNSHIP_NAME = /^(?:镇|乡|街道)/u;

/** The end (exclusive) of the earliest occurrence of any marker, or -1. */
function endOfFirst(text: string, markers: readonly string[]): number {
  let bestStart = Infinity;
  let bestEnd = -1;
  for (const marker of markers) {
    let at = text.indexOf(marker);
    while (at !== -1 && marker === '村' && PART_OF_TOWNSHIP_NAME.test(text.slice(at + 1)))
      at = text.indexOf(marker, at + 1);
    if (at !== -1 && at < bestStart) {
      bestStart = at;
      bestEnd = at + marker.length;
    }
  }
  return bestEnd;
}

export function maskAddress(address: string): string {
  const value = address.trim();
  if (value === '') return '';
  const village = endOfFirst(value, VILLAGE_LEVEL);
  if (village !== -1) return value.slice(0, village);
  const township = endOfFirst(value, TOWNSHIP_LEVEL);
  if (township !== -1) return value.slice(0, township);
  return FULL_MASK;
}

export function maskValue(value: CellValue, kind: ColumnKind): CellValue {
  if (value === null || kind === 'plain') return value;
  const text = String(value);
  switch (kind) {
    case 'name':
      return maskName(text);
    case 'idNumber':
      return maskIdNumber(text);
    case 'phone':
      return maskPhone(text);
    case 'bankCard':
      return maskBankCard(text);
    case 'address':
      return maskAddress(text);
  }
}

/**
 * Masks one table row. A row is either an array of cells with one kind per column, or a record
 * with kinds by key; columns without a kind are 'plain' and left as they are.
 */
export function maskRow(row: readonly CellValue[], columnKinds: readonly ColumnKind[]): CellValue[];
export function maskRow<R extends Record<string, CellValue>>(
  row: R,
  columnKinds: Partial<Record<keyof R, ColumnKind>>,
): Record<keyof R, CellValue>;
export function maskRow(
  row: readonly CellValue[] | Record<string, CellValue>,
  columnKinds: readonly ColumnKind[] | Partial<Record<string, ColumnKind>>,
): CellValue[] | Record<string, CellValue> {
  if (Array.isArray(row)) {
    const kinds = columnKinds as readonly ColumnKind[];
    return (row as readonly CellValue[]).map((cell, i) => maskValue(cell, kinds[i] ?? 'plain'));
  }
  const kinds = columnKinds as Partial<Record<string, ColumnKind>>;
  const out: Record<string, CellValue> = {};
  for (const [key, cell] of Object.entries(row as Record<string, CellValue>)) {
    out[key] = maskValue(cell, kinds[key] ?? 'plain');
  }
  return out;
}

const HTML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
const INLINE_TAGS = /<\/?(?:mark|b|strong|em|i|u|span|a|small|abbr|wbr)(?:\s[^>]*)?>/giu;

const BLOCK_BREAK = '\u001f';

function visibleText(html: string): string {
  return (
    html
      .replace(INLINE_TAGS, '')
      // Block tags separate cells and paragraphs with a control character that is not whitespace,
      // so `compact` keeps it and <td>张</td><td>三</td> is not read as 张三.
      .replace(/<[^>]*>/gu, BLOCK_BREAK)
      .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/giu, (entity, body: string) => {
        if (body[0] === '#') {
          const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
          return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
        }
        return HTML_ENTITIES[body.toLowerCase()] ?? entity;
      })
      .normalize('NFKC')
  );
}

const compact = (text: string): string => text.replace(/[\s-]/gu, '');

/**
 * For tests that scan rendered pages: the raw personal values (names, ID numbers, phones,
 * addresses as stored) that still appear in `text` (HTML or plain text). Tags are removed (inline
 * ones without a gap, so <mark>张</mark>三 is caught), entities decoded, and spaces and hyphens
 * ignored on both sides (138 1234 5678 is caught for 13812345678). Values shorter than two
 * characters are skipped: a masked one-character name leaves nothing to look for.
 */
export function findUnmaskedPersonalData(text: string, rawValues: readonly string[]): string[] {
  const visible = visibleText(text);
  const visibleCompact = compact(visible);
  const found: string[] = [];
  for (const raw of rawValues) {
    const value = raw.normalize('NFKC').trim();
    if (Array.from(value).length < 2 || found.includes(raw)) continue;
    const valueCompact = compact(value);
    if (visible.includes(value) || (valueCompact.length >= 2 && visibleCompact.includes(valueCompact))) found.push(raw);
  }
  return found;
}
