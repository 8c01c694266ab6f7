// 索引号 (index number) of a publication in the 政府信息公开目录 (RULES.md §6.1; 条例 第十二条).
//
// There is no national format; the form most portals show is {机构代码}/{年份}-{流水号}, so the
// pattern is configurable per agency and defaults to `{creditCode}/{YYYY}-{seq:5}`
// (11341702486344515H/2024-00012). The sequence is unique per agency and year, so a pattern must
// contain the year and the sequence. A sequence wider than its padding is printed in full, never
// cut: cutting would give two publications the same number.
//
// Tokens: {creditCode} 统一社会信用代码 (or whatever agency code the agency configured),
// {shortCode} an agency's short code (e.g. a pinyin prefix), {YYYY} year, {MM} month (01–12),
// {seq} sequence unpadded, {seq:N} sequence zero-padded to N digits (N = 1–10).

import { AppError } from '../../platform/errors.ts';

export const DEFAULT_INDEX_PATTERN = '{creditCode}/{YYYY}-{seq:5}';

export const INDEX_PATTERN_TOKENS = ['{creditCode}', '{shortCode}', '{YYYY}', '{MM}', '{seq}', '{seq:N}'] as const;

export interface IndexNumberParts {
  creditCode: string;
  shortCode?: string;
  year: number;
  month: number;
  seq: number;
}

const MAX_PATTERN_LENGTH = 100;
const MAX_SEQ_WIDTH = 10;

type PatternPart =
  | { kind: 'literal'; text: string }
  | { kind: 'creditCode' | 'shortCode' | 'year' | 'month' }
  | { kind: 'seq'; width: number };

/** A pattern or parts that cannot produce an index number (422); `problems` are shown to the admin. */
export class IndexNumberError extends AppError {
  readonly problems: string[];
  constructor(problems: string[]) {
    super('indexNumberInvalid', problems.join(''));
    this.name = 'IndexNumberError';
    this.problems = problems;
  }
}

function parsePattern(pattern: string): { parts: PatternPart[]; problems: string[] } {
  const parts: PatternPart[] = [];
  const problems: string[] = [];
  const available = INDEX_PATTERN_TOKENS.join('、');
  let literal = '';
  let i = 0;
  while (i < pattern.length) {
    const ch = pattern[i] as string;
    if (ch === '}') {
      problems.push(`索引号格式第 ${i + 1} 个字符处有多余的“}”。`);
      i += 1;
      continue;
    }
    if (ch !== '{') {
      literal += ch;
      i += 1;
      continue;
    }
    const close = pattern.indexOf('}', i);
    const nextOpen = pattern.indexOf('{', i + 1);
    if (close === -1 || (nextOpen !== -1 && nextOpen < close)) {
      problems.push(`索引号格式第 ${i + 1} 个字符处的“{”没有对应的“}”。`);
      i += 1;
      continue;
    }
    if (literal !== '') parts.push({ kind: 'literal', text: literal });
    literal = '';
    const name = pattern.slice(i + 1, close);
    const seqWidth = /^seq:(\d+)$/.exec(name);
    if (name === 'creditCode') parts.push({ kind: 'creditCode' });
    else if (name === 'shortCode') parts.push({ kind: 'shortCode' });
    else if (name === 'YYYY') parts.push({ kind: 'year' });
    else if (name === 'MM') parts.push({ kind: 'month' });
    else if (name === 'seq') parts.push({ kind: 'seq', width: 0 });
    else if (seqWidth !== null) {
      const width = Number(seqWidth[1]);
      if (width < 1 || width > MAX_SEQ_WIDTH) {
        problems.push(`流水号位数必须是 1 到 ${MAX_SEQ_WIDTH} 之间的整数（如 {seq:5}），不能是“{${name}}”。`);
      } else {
        parts.push({ kind: 'seq', width });
      }
    } else {
      problems.push(`未知的占位符“{${name}}”。可用的占位符：${available}。`);
    }
    i = close + 1;
  }
  if (literal !== '') parts.push({ kind: 'literal', text: literal });
  return { parts, problems };
}

/**
 * Checks an index-number pattern; returns the problems in Chinese, an empty list when it is
 * valid.
 */
export function validateIndexPattern(pattern: string): string[] {
  if (pattern.trim() === '') return ['索引号格式不能为空。'];
  const problems: string[] = [];
  if (pattern.length > MAX_PATTERN_LENGTH) problems.push(`索引号格式不能超过 ${MAX_PATTERN_LENGTH} 个字符。`);
  if (/[\s\p{Cc}]/u.test(pattern)) problems.push('索引号格式不能包含空格、换行等空白或控制字符。');
  const parsed = parsePattern(pattern);
  problems.push(...parsed.problems);
  const seqCount = parsed.parts.filter((part) => part.kind === 'seq').length;
  // An invalid {seq:N} was reported above; do not also report the sequence as missing.
  const badSeq = /\{seq:[^}]*\}/.test(pattern) && seqCount === 0;
  if (seqCount === 0 && !badSeq) problems.push('索引号格式必须包含流水号占位符 {seq} 或 {seq:N}（如 {seq:5}）。');
  if (seqCount > 1) problems.push('索引号格式只能包含一个流水号占位符。');
  if (!parsed.parts.some((part) => part.kind === 'year'))
    problems.push('索引号格式必须包含年份占位符 {YYYY}（流水号按年编排）。');
  return problems;
}

function checkParts(parts: readonly PatternPart[], values: IndexNumberParts): string[] {
  const problems: string[] = [];
  const uses = (kind: PatternPart['kind']): boolean => parts.some((part) => part.kind === kind);
  const badCode = (code: string): boolean => code.trim() === '' || /[\s{}]/u.test(code);
  if (uses('creditCode') && badCode(values.creditCode))
    problems.push('缺少机构代码（统一社会信用代码），无法生成索引号。');
  if (uses('shortCode') && badCode(values.shortCode ?? '')) problems.push('缺少机构简码，无法生成索引号。');
  if (!Number.isInteger(values.year) || values.year < 1000 || values.year > 9999)
    problems.push(`年份“${values.year}”不是四位数年份。`);
  if (uses('month') && (!Number.isInteger(values.month) || values.month < 1 || values.month > 12)) {
    problems.push(`月份“${values.month}”必须是 1 到 12 之间的整数。`);
  }
  if (!Number.isSafeInteger(values.seq) || values.seq < 1) problems.push(`流水号“${values.seq}”必须是正整数。`);
  return problems;
}

/**
 * Formats the index number of a publication. Throws IndexNumberError (Chinese problems) when the
 * pattern is invalid or a value it needs is missing or out of range.
 */
export function formatIndexNumber(pattern: string, values: IndexNumberParts): string {
  const patternProblems = validateIndexPattern(pattern);
  if (patternProblems.length > 0) throw new IndexNumberError(patternProblems);
  const { parts } = parsePattern(pattern);
  const valueProblems = checkParts(parts, values);
  if (valueProblems.length > 0) throw new IndexNumberError(valueProblems);
  return parts
    .map((part) => {
      switch (part.kind) {
        case 'literal':
          return part.text;
        case 'creditCode':
          return values.creditCode.trim();
        case 'shortCode':
          return (values.shortCode ?? '').trim();
        case 'year':
          return String(values.year);
        case 'month':
          return String(values.month).padStart(2, '0');
        case 'seq':
          return String(values.seq).padStart(part.width, '0');
      }
    })
    .join('');
}
