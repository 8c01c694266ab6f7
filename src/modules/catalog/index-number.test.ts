import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_INDEX_PATTERN, IndexNumberError, formatIndexNumber, validateIndexPattern } from './index-number.ts';
import type { IndexNumberParts } from './index-number.ts';

function buildParts(overrides: Partial<IndexNumberParts> = {}): IndexNumberParts {
  return { creditCode: '11341702486344515H', year: 2024, month: 3, seq: 12, ...overrides };
}

test('formatIndexNumber renders the formats seen on portals (RULES §6.1)', () => {
  const cases: Array<[string, Partial<IndexNumberParts>, string]> = [
    [DEFAULT_INDEX_PATTERN, {}, '11341702486344515H/2024-00012'],
    [DEFAULT_INDEX_PATTERN, { seq: 1 }, '11341702486344515H/2024-00001'],
    [DEFAULT_INDEX_PATTERN, { seq: 99999 }, '11341702486344515H/2024-99999'],
    // A sequence wider than its padding is printed in full, never cut.
    [DEFAULT_INDEX_PATTERN, { seq: 104757 }, '11341702486344515H/2024-104757'],
    ['{creditCode}/{YYYY}{MM}-{seq:5}', { year: 2021, month: 10, seq: 13 }, '11341702486344515H/202110-00013'],
    ['{creditCode}/{YYYY}{MM}-{seq:5}', { month: 3 }, '11341702486344515H/202403-00012'],
    ['{creditCode}/{YYYY}-{seq}', { seq: 7 }, '11341702486344515H/2024-7'],
    ['{shortCode}/{YYYY}-{seq:5}', { shortCode: 'tlxxgtzrmzf', seq: 124 }, 'tlxxgtzrmzf/2024-00124'],
    ['{creditCode}-{YYYY}-{seq:6}', { creditCode: '01527918X', year: 2020, seq: 153077 }, '01527918X-2020-153077'],
    ['{creditCode}/{YYYY}-{seq:5}', { creditCode: '000014349', year: 2017, seq: 110 }, '000014349/2017-00110'],
    ['GK-{YYYY}-{seq:3}', { seq: 5 }, 'GK-2024-005'],
    ['{YYYY}年第{seq}号', { seq: 5 }, '2024年第5号'],
  ];
  for (const [pattern, overrides, expected] of cases) {
    assert.equal(formatIndexNumber(pattern, buildParts(overrides)), expected, pattern);
  }
});

test('DEFAULT_INDEX_PATTERN is {creditCode}/{YYYY}-{seq:5}', () => {
  assert.equal(DEFAULT_INDEX_PATTERN, '{creditCode}/{YYYY}-{seq:5}');
  assert.deepEqual(validateIndexPattern(DEFAULT_INDEX_PATTERN), []);
});

test('validateIndexPattern returns Chinese problems', () => {
  const cases: Array<[string, string[]]> = [
    ['{creditCode}/{YYYY}-{seq:5}', []],
    ['{shortCode}{YYYY}{MM}{seq:8}', []],
    ['', ['索引号格式不能为空。']],
    ['   ', ['索引号格式不能为空。']],
    ['{creditCode}/{YYYY}', ['索引号格式必须包含流水号占位符 {seq} 或 {seq:N}（如 {seq:5}）。']],
    ['{creditCode}/{seq:5}', ['索引号格式必须包含年份占位符 {YYYY}（流水号按年编排）。']],
    [
      '{creditCode}/{YY}-{seq:5}',
      [
        '未知的占位符“{YY}”。可用的占位符：{creditCode}、{shortCode}、{YYYY}、{MM}、{seq}、{seq:N}。',
        '索引号格式必须包含年份占位符 {YYYY}（流水号按年编排）。',
      ],
    ],
    [
      '{orgCode}/{YYYY}-{seq:5}',
      ['未知的占位符“{orgCode}”。可用的占位符：{creditCode}、{shortCode}、{YYYY}、{MM}、{seq}、{seq:N}。'],
    ],
    ['{creditCode}/{YYYY}-{seq:0}', ['流水号位数必须是 1 到 10 之间的整数（如 {seq:5}），不能是“{seq:0}”。']],
    ['{creditCode}/{YYYY}-{seq:11}', ['流水号位数必须是 1 到 10 之间的整数（如 {seq:5}），不能是“{seq:11}”。']],
    [
      '{creditCode}/{YYYY}-{seq:x}',
      ['未知的占位符“{seq:x}”。可用的占位符：{creditCode}、{shortCode}、{YYYY}、{MM}、{seq}、{seq:N}。'],
    ],
    ['{YYYY}-{seq}-{seq:3}', ['索引号格式只能包含一个流水号占位符。']],
    ['{creditCode/{YYYY}-{seq:5}', ['索引号格式第 1 个字符处的“{”没有对应的“}”。']],
    ['{creditCode}}/{YYYY}-{seq:5}', ['索引号格式第 13 个字符处有多余的“}”。']],
    ['{YYYY}-{seq:5}{', ['索引号格式第 15 个字符处的“{”没有对应的“}”。']],
    ['{creditCode} / {YYYY}-{seq:5}', ['索引号格式不能包含空格、换行等空白或控制字符。']],
    [`{YYYY}-{seq:5}${'x'.repeat(100)}`, ['索引号格式不能超过 100 个字符。']],
  ];
  for (const [pattern, expected] of cases) assert.deepEqual(validateIndexPattern(pattern), expected, pattern);
});

function captureError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

test('formatIndexNumber rejects an invalid pattern or missing values', () => {
  const cases: Array<[string, Partial<IndexNumberParts>, string[]]> = [
    ['{creditCode}/{YYYY}', {}, ['索引号格式必须包含流水号占位符 {seq} 或 {seq:N}（如 {seq:5}）。']],
    [DEFAULT_INDEX_PATTERN, { creditCode: '' }, ['缺少机构代码（统一社会信用代码），无法生成索引号。']],
    [DEFAULT_INDEX_PATTERN, { creditCode: 'a b' }, ['缺少机构代码（统一社会信用代码），无法生成索引号。']],
    ['{shortCode}/{YYYY}-{seq:5}', {}, ['缺少机构简码，无法生成索引号。']],
    [DEFAULT_INDEX_PATTERN, { year: 24 }, ['年份“24”不是四位数年份。']],
    [DEFAULT_INDEX_PATTERN, { seq: 0 }, ['流水号“0”必须是正整数。']],
    [DEFAULT_INDEX_PATTERN, { seq: 1.5 }, ['流水号“1.5”必须是正整数。']],
    ['{YYYY}{MM}-{seq}', { month: 13 }, ['月份“13”必须是 1 到 12 之间的整数。']],
  ];
  for (const [pattern, overrides, problems] of cases) {
    const error = captureError(() => formatIndexNumber(pattern, buildParts(overrides)));
    assert.ok(error instanceof IndexNumberError, pattern);
    assert.deepEqual(error.problems, problems, pattern);
    assert.equal(error.message, problems.join(''));
  }
  // The month is only checked when the pattern prints it.
  assert.equal(formatIndexNumber(DEFAULT_INDEX_PATTERN, buildParts({ month: 0 })), '11341702486344515H/2024-00012');
});

test('different sequence numbers never give the same index number', () => {
  const seen = new Set<string>();
  for (let seq = 1; seq <= 200_000; seq += 7) seen.add(formatIndexNumber(DEFAULT_INDEX_PATTERN, buildParts({ seq })));
  assert.equal(seen.size, Math.ceil(200_000 / 7));
});
