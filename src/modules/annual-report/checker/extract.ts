// Reads the facts a published report states about itself: the agency and year in its title, the
// signature and date at its end, the publication date, the contact paragraph (地址、邮编、电话、
// 电子邮箱) and stated totals with their parts ("主动公开政府信息135条，其中组织机构类20条，……").
// Works on width-normalised text (full-width punctuation already mapped to ASCII, see
// check/text.ts), so "，" and "," or "：" and ":" are read alike; 、 is kept as is.

import { coreAgencyName, inferAgencyKind } from '../check/agency-name.ts';
import type { ContactField } from '../check/contact.ts';

export interface TitleInfo {
  name: string | null;
  year: number;
  start: number;
}

const TITLE_LINE = /^[ \t]*(.*?)(\d{4})[ \t]*年度?[ \t]*(.*?)政府信息公开(?:工作)?年度?报告[ \t]*(?:\(.*\))?[ \t]*$/gm;

function agencyNameOrNull(raw: string): string | null {
  const name = coreAgencyName(raw.replace(/^(?:关于|的)/, ''));
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
}

export interface StatedTotal {
  total: number;
  unit: string;
  parts: StatedPart[];
  /** False when the list ends with 等 ("……等75条"): parts may then add up to less. */
  exhaustive: boolean;
  start: number;
  end: number;
}

const UNIT = '(?:人次|条|件|个|项|次|篇|期|份|人)';
const TOTAL_BEFORE_QIZHONG = new RegExp(`(\\d+)\\s*(${UNIT})\\s*[,。;:(、]?\\s*其中\\s*:?\\s*`, 'g');
const PART = new RegExp(`\\s*([^\\d,;。:()、\\n]{1,20}?)\\s*(\\d+)\\s*(${UNIT})(\\s*等)?`, 'y');
const NOT_A_PART = /增|减|同比|较|比上年|占|率|约|近|余|共|合计|累计|其中/;
const SEPARATOR = /\s*(?:[,、]|和|及|以及)\s*/y;

/** "X135条，其中A20条，B9条……": the total, its unit and the parts in the same unit. */
export function extractStatedTotals(norm: string): StatedTotal[] {
  const out: StatedTotal[] = [];
  for (const m of norm.matchAll(TOTAL_BEFORE_QIZHONG)) {
    const unit = m[2] ?? '';
    const parts: StatedPart[] = [];
    let pos = m.index + m[0].length;
    let end = pos;
    let exhaustive = true;
    for (;;) {
      PART.lastIndex = pos;
      const p = PART.exec(norm);
      if (!p || p[3] !== unit || NOT_A_PART.test(p[1] ?? '')) break;
      const label = (p[1] ?? '').trim();
      parts.push({ label, value: Number(p[2]) });
      pos = PART.lastIndex;
      end = pos;
      if (p[4] !== undefined || /等$/.test(label)) {
        exhaustive = false;
        break;
      }
      SEPARATOR.lastIndex = pos;
      if (!SEPARATOR.exec(norm)) break;
      pos = SEPARATOR.lastIndex;
    }
    if (/^\s*等/.test(norm.slice(end))) exhaustive = false;
    if (parts.length >= 2) out.push({ total: Number(m[1]), unit, parts, exhaustive, start: m.index, end });
  }
  return out;
}

/** The start of the clause that states a total: back to the previous punctuation mark. */
export function clauseStart(norm: string, offset: number): number {
  let i = offset;
  while (i > 0 && !/[,。;:\n、(]/.test(norm[i - 1] ?? '')) i--;
  return i;
}
