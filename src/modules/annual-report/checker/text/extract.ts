// Reads the facts a published report states about itself: the agency and year in its title, the
// signature and date at its end, the publication date, the contact paragraph (地址、邮编、电话、
// 电子邮箱) and stated totals with their parts ("主动公开政府信息135条，其中组织机构类20条，……").
// Works on width-normalised text (full-width punctuation already mapped to ASCII, see
// checker/plain-text.ts), so "，" and "," or "：" and ":" are read alike; 、 is kept as is.

import { coreAgencyName, inferAgencyKind } from '../agency-name.ts';
import type { ContactField } from '../contact.ts';

export interface TitleInfo {
  name: string | null;
  year: number;
  start: number;
}

const TITLE_LINE = /^[ \t]*(.*?)(\d{4})[ \t]*年度?[ \t]*(.*?)政府信息公开(?:工作)?年度?报告[ \t]*(?:\(.*\))?[ \t]*$/gm;

function agencyNameOrNull(raw: string): string | null {
  // "…工作年度报告随县经济开发区…" (a title run into the next), "并向社会公开莆田市…局": the name follows.
  const name = coreAgencyName(raw.replace(/^.*(?:报告|公开|公布|发布)/, '').replace(/^(?:关于|的)/, ''));
  if (name.length < 2 || /^(?:我|本|全|各|该)/.test(name) || /[,。:;]/.test(name)) return null;
  return inferAgencyKind(name) === null ? null : name;
}

/** Title lines such as "灵溪镇2013年度政府信息公开年度报告" or "2022年度青石镇政府信息公开工作年度报告". */
export function extractTitles(norm: string): TitleInfo[] {
  const out: TitleInfo[] = [];
  for (const m of norm.matchAll(TITLE_LINE)) {
    if (m[0].length > 80) continue;
    const infix = agencyNameOrNull(m[3] ?? '');
    const prefixSegments = (m[1] ?? '').split(/[-—_|>\s]+/).filter((s) => s !== '');
    const prefix = agencyNameOrNull(prefixSegments[prefixSegments.length - 1] ?? '');
    out.push({ name: infix ?? prefix, year: Number(m[2]), start: m.index });
  }
  return out;
}

const PREAMBLE_NAME =
  /(?:公布|发布|编制|公开|报告)[了]?\s*《?([^《》,。:;()\s]{2,40}?)\s*(\d{4})\s*年度?(?:本级)?(?:政府)?信息公开(?:工作)?年度?报告/g;
const AGENCY_LINE = /^[ \t]*([^\s,。:;()\d]{2,30}(?:人民政府|政府|办事处|街道|镇|乡|局|委员会|办公室|中心))[ \t]*$/gm;

/**
 * The agency named where the report introduces itself ("现公布西秀区东街街道办事处2021年政府信息公开
 * 工作年度报告") or on a line of its own near the top ("桃江县松木塘镇人民政府" under the title).
 */
export function extractNamedAgency(norm: string): { name: string; start: number } | null {
  for (const m of norm.matchAll(PREAMBLE_NAME)) {
    const name = agencyNameOrNull(m[1] ?? '');
    if (name) return { name, start: m.index + m[0].indexOf(m[1] ?? '') };
  }
  const top = norm.slice(0, 600);
  for (const m of top.matchAll(AGENCY_LINE)) {
    const name = agencyNameOrNull(m[1] ?? '');
    if (name) return { name, start: m.index + m[0].indexOf(m[1] ?? '') };
  }
  return null;
}

export interface DatedSignature {
  name: string | null;
  date: string;
  start: number;
}

const DATE_ONLY_LINE =
  /^[ \t]*(?:(\S{2,30}?)[ \t]+)?(\d{4})[ \t]*年[ \t]*(\d{1,2})[ \t]*月[ \t]*(\d{1,2})[ \t]*日[ \t]*$/gm;

function isoDate(y: string, m: string, d: string): string {
  return `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
}

/** The last standalone date line and the agency line above it (or before it on the same line). */
export function extractSignature(norm: string): DatedSignature | null {
  let last: RegExpMatchArray | undefined;
  for (const m of norm.matchAll(DATE_ONLY_LINE)) last = m;
  if (!last || last.index === undefined) return null;
  const date = isoDate(last[2] ?? '', last[3] ?? '', last[4] ?? '');
  const sameLine = last[1] === undefined ? null : agencyNameOrNull(last[1]);
  if (sameLine !== null) return { name: sameLine, date, start: last.index };
  const before = norm
    .slice(0, last.index)
    .split('\n')
    .map((l) => l.trim());
  while (before.length > 0 && before[before.length - 1] === '') before.pop();
  const line = before[before.length - 1] ?? '';
  const name = line.length <= 30 && !/[。,;:]/.test(line) ? agencyNameOrNull(line) : null;
  const start = name === null ? last.index : norm.lastIndexOf(line, last.index);
  return { name, date, start };
}

/** 发布时间/发布日期/成文日期 in the page header, as YYYY-MM-DD. */
export function extractPublicationDate(norm: string): string | null {
  const m =
    /(?:发布时间|发布日期|发文日期|成文日期|公开日期)\s*:?\s*(\d{4})\s*(?:-|年|\/|\.)\s*(\d{1,2})\s*(?:-|月|\/|\.)\s*(\d{1,2})/.exec(
      norm,
    );
  return m ? isoDate(m[1] ?? '', m[2] ?? '', m[3] ?? '') : null;
}

export interface ContactValue {
  value: string;
  start: number;
  end: number;
}

const CONTACT_LABELS: readonly [ContactField, RegExp][] = [
  ['address', /(?<![载网])(?:通讯地址|联系地址|办公地址|地址)\s*:\s*/g],
  ['postcode', /(?:邮政编码|邮编)\s*:\s*/g],
  ['phone', /(?:联系电话|咨询电话|办公电话|电话)\s*:\s*/g],
  ['email', /(?:电子邮箱|电子信箱|电子邮件|邮箱|e-?mail)\s*:\s*/gi],
];

const NEXT_LABEL = /\s+(?:传真|邮编|邮政编码|电话|联系电话|电子邮箱|邮箱|地址|网址)\s*:/;

/** The first value of each contact field; a present label with nothing after it yields ''. */
export function extractContact(norm: string): Partial<Record<ContactField, ContactValue>> {
  const out: Partial<Record<ContactField, ContactValue>> = {};
  for (const [field, re] of CONTACT_LABELS) {
    re.lastIndex = 0;
    const m = re.exec(norm);
    if (!m) continue;
    const valueStart = m.index + m[0].length;
    const stop = /[;,。)\n\t]|\s{2,}/.exec(norm.slice(valueStart));
    let value = norm.slice(valueStart, stop ? valueStart + stop.index : norm.length);
    const next = NEXT_LABEL.exec(value);
    if (next) value = value.slice(0, next.index);
    value = value.trim();
    out[field] = { value, start: m.index, end: Math.min(norm.length, valueStart + value.length + 1) };
  }
  return out;
}

export interface StatedPart {
  label: string;
  value: number;
  unit: string;
  /** 余/多/约…: the value is a lower bound or an estimate, never exact. */
  approximate: boolean;
  /** A share stated with the part ("…20条，占比30%"), in per cent. */
  share?: number;
  /** A list in parentheses right after the part ("10篇被三类媒体采用（省人社厅用稿2篇、…）"). */
  breakdown?: StatedPart[];
}

export interface StatedTotal {
  total: number;
  unit: string;
  /** 累计/历年/约/近/余/多…: the total is not an exact count of this year's items. */
  approximate: boolean;
  parts: StatedPart[];
  /** False when the list ends with 等 ("……等75条") or is introduced by 主要包括: parts may then add up to less. */
  exhaustive: boolean;
  /** True when the list ends the sentence (。；) or is followed only by a comparison with last year. */
  closed: boolean;
  start: number;
  end: number;
}

/** Units of counted items. 条/件/篇/份 are used interchangeably for published items. */
const UNIT = '(?:人次|条|件|个|项|次|篇|期|份|人|起|场)';
const ITEM_UNITS = new Set(['条', '件', '篇', '份']);
const CN_DIGIT = '零〇一二两三四五六七八九十百千';
/** Arabic (with decimals and 万) or Chinese numerals (一百三十五). */
const NUMBER = `(?:\\d+(?:\\.\\d+)?\\s*万?|(?<![第每这那哪])[${CN_DIGIT}]{1,8}万?)`;
const APPROX_AFTER = '(?:余|多|左右)';
const MARKER = '(?:其中涵盖|其中包括|其中|具体包括|主要包括|包括|涵盖|分别为|分别是|含)';
const TOTAL_WITH_MARKER = new RegExp(
  `(${NUMBER})\\s*(${APPROX_AFTER})?\\s*(${UNIT})(${APPROX_AFTER})?\\s*(?:[,。;(、]\\s*)?(${MARKER})\\s*[:,]?\\s*`,
  'g',
);
const TOTAL_WITH_COLON = new RegExp(`(${NUMBER})\\s*(${UNIT})\\s*:\\s*(?=[^\\d\\n]{1,24}?${NUMBER}\\s*${UNIT})`, 'g');
const PART = new RegExp(
  `\\s*([^\\d,;。:()\\n]{0,30}?)\\s*(约|近)?\\s*(${NUMBER})\\s*(${APPROX_AFTER})?\\s*(${UNIT})(${APPROX_AFTER})?(\\s*等)?`,
  'y',
);
const TRAILING_LABEL = /[^\d,;。:()、\n]{1,12}?(?=[,;、(]|\s*$)/y;
const SHARE = /\s*,?\s*(?:所占比例为?|所占比重为?|占比为?|占总数的?|占全部的?|占)\s*(\d+(?:\.\d+)?)\s*%/y;
const PAREN = /\s*\(([^()]*)\)/y;
const NOT_A_PART = /增|减|同比|较|比上年|比去年|占|率|^共|共计|合计|总计|累计|其中/;
const SEPARATOR = /\s*(?:[,、;]|和|及|以及)\s*/y;
const APPROX_BEFORE = /累计|历年|约|近|超过|逾/;

const CN_VALUES: Readonly<Record<string, number>> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const CN_UNITS: Readonly<Record<string, number>> = { 十: 10, 百: 100, 千: 1000 };

/** Parses "135", "3.5万", "一百三十五", "两千零八", "十二"; null when it is not a number. */
export function parseCount(raw: string): number | null {
  const text = raw.replace(/\s+/g, '');
  const wan = text.endsWith('万') ? 10000 : 1;
  const body = wan === 1 ? text : text.slice(0, -1);
  if (/^\d+(?:\.\d+)?$/.test(body)) return Math.round(Number(body) * wan);
  if (body === '' || !new RegExp(`^[${CN_DIGIT}]+$`).test(body)) return null;
  // Digit-by-digit forms (二〇二二) are years, not counts.
  if (!/[十百千]/.test(body) && body.length > 1) return null;
  let total = 0;
  let digit: number | null = null;
  for (const ch of body) {
    const unit = CN_UNITS[ch];
    if (unit !== undefined) {
      total += (digit ?? 1) * unit;
      digit = null;
    } else {
      const d = CN_VALUES[ch];
      if (d === undefined) return null;
      digit = d;
    }
  }
  return (total + (digit ?? 0)) * wan;
}

function unitFits(totalUnit: string, partUnit: string): boolean {
  return partUnit === totalUnit || (ITEM_UNITS.has(totalUnit) && ITEM_UNITS.has(partUnit));
}

/** Parses a list of parts starting at pos; stops at the first clause that is not a part in a fitting unit. */
function readParts(
  norm: string,
  from: number,
  unit: string,
  limit: number,
  total?: number,
): { parts: StatedPart[]; end: number; exhaustive: boolean; stop: 'sentence' | 'clause' | 'nested' | 'end' } {
  const parts: StatedPart[] = [];
  let pos = from;
  let end = from;
  let exhaustive = true;
  const semicolonBefore: boolean[] = [];
  const partEnds: number[] = [];
  let nextAfterSemicolon = false;
  for (;;) {
    PART.lastIndex = pos;
    const p = PART.exec(norm);
    if (!p || p.index + p[0].length > limit) break;
    const value = parseCount(p[3] ?? '');
    const partUnit = p[5] ?? '';
    const label = (p[1] ?? '').trim();
    if (value === null || !unitFits(unit, partUnit) || NOT_A_PART.test(label) || /[第每]$/.test(label)) break;
    const part: StatedPart = {
      label,
      value,
      unit: partUnit,
      approximate: p[2] !== undefined || p[4] !== undefined || p[6] !== undefined,
    };
    pos = PART.lastIndex;
    if (p[7] !== undefined || /等$/.test(label)) exhaustive = false;
    if (label === '') {
      TRAILING_LABEL.lastIndex = pos;
      const t = TRAILING_LABEL.exec(norm);
      if (t) {
        part.label = t[0].trim();
        pos = TRAILING_LABEL.lastIndex;
      }
    }
    PAREN.lastIndex = pos;
    const paren = PAREN.exec(norm);
    if (paren) {
      const parenEnd = paren.index + paren[0].length;
      const inner = paren[1] ?? '';
      const innerStart = paren.index + paren[0].indexOf('(') + 1;
      const nested = readParts(norm, innerStart, partUnit, innerStart + inner.length);
      if (nested.parts.length >= 2 && nested.end >= innerStart + inner.trimEnd().length - 1)
        part.breakdown = nested.parts;
      pos = parenEnd;
    }
    SHARE.lastIndex = pos;
    const share = SHARE.exec(norm);
    if (share) {
      part.share = Number(share[1]);
      pos = SHARE.lastIndex;
    }
    parts.push(part);
    semicolonBefore.push(nextAfterSemicolon);
    end = pos;
    partEnds.push(pos);
    if (!exhaustive) break;
    if (/^\s*,?\s*其中/.test(norm.slice(pos, pos + 6))) return { parts, end, exhaustive, stop: 'nested' };
    SEPARATOR.lastIndex = pos;
    const sep = SEPARATOR.exec(norm);
    if (!sep) break;
    nextAfterSemicolon = sep[0].includes(';');
    // A semicolon after parts that already make up the total starts the next clause
    // ("…其他处理0件；结转下年度继续办理1件").
    if (nextAfterSemicolon && total !== undefined && parts.reduce((a, x) => a + x.value, 0) === total) break;
    pos = SEPARATOR.lastIndex;
  }
  // Parts in another unit at the end belong to the next sentence ("…69条；新收申请12件、上年结转1件").
  while (parts.length > 0 && parts[parts.length - 1]?.unit !== unit) {
    parts.pop();
    semicolonBefore.pop();
    end = partEnds[parts.length - 1] ?? from;
  }
  if (/^\s*等/.test(norm.slice(end))) exhaustive = false;
  const after = norm.slice(end, end + 12);
  const semicolons = semicolonBefore.some((x) => x);
  const closing = semicolons
    ? /^\s*(?:[。!?)\n]|,?\s*(?:较|比上年|比去年|同比))/
    : /^\s*(?:[。;!?)\n]|,?\s*(?:较|比上年|比去年|同比))/;
  const stop = end >= norm.trimEnd().length ? 'end' : closing.test(after) ? 'sentence' : 'clause';
  return { parts, end, exhaustive, stop };
}

/** "X135条，其中A20条，B9条……": the total, its unit and the parts the text says make it up. */
export function extractStatedTotals(norm: string): StatedTotal[] {
  const out: StatedTotal[] = [];
  const seen = new Set<number>();
  const candidates = [
    ...[...norm.matchAll(TOTAL_WITH_MARKER)].map((m) => ({
      m,
      raw: m[1] ?? '',
      approxAfter: m[2] !== undefined || m[4] !== undefined,
      unit: m[3] ?? '',
      marker: m[5] ?? '',
    })),
    ...[...norm.matchAll(TOTAL_WITH_COLON)].map((m) => ({
      m,
      raw: m[1] ?? '',
      approxAfter: false,
      unit: m[2] ?? '',
      marker: ':',
    })),
  ].sort((a, b) => a.m.index - b.m.index);
  for (const { m, raw, approxAfter, unit, marker } of candidates) {
    if (seen.has(m.index)) continue;
    seen.add(m.index);
    const total = parseCount(raw);
    if (total === null) continue;
    const listStart = m.index + m[0].length;
    const read = readParts(norm, listStart, unit, norm.length, total);
    const parts = read.parts;
    if (parts.length < 2) continue;
    // Items in 条/件/篇/份 may be mixed, but most parts must be in the total's own unit.
    if (parts.filter((p) => p.unit === unit).length * 2 < parts.length) continue;
    const clause = norm.slice(clauseStart(norm, m.index), m.index);
    out.push({
      total,
      unit,
      approximate: approxAfter || APPROX_BEFORE.test(clause.slice(-14)),
      parts,
      exhaustive: read.exhaustive && marker !== '主要包括',
      closed: read.stop === 'sentence' || read.stop === 'nested',
      start: m.index,
      end: read.end,
    });
  }
  return out;
}

/** The start of the clause that states a total: back to the previous punctuation mark. */
export function clauseStart(norm: string, offset: number): number {
  let i = offset;
  while (i > 0 && !/[,。;:\n、(]/.test(norm[i - 1] ?? '')) i--;
  return i;
}
