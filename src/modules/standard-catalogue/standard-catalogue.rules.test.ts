// The completeness rules of the 基层政务公开标准目录 (issue #17 point 2) on a hand-built fixture:
// 2 towns × 2 areas, items with due dates, publications on time, late and missing. Working days
// come from the bundled 2025 calendar (国庆 10月1日–8日, 10月11日 a working Saturday; 清明 4月4日).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bundledWorkCalendar } from '../calendar/index.ts';
import {
  agencyCompleteness,
  catalogueTier,
  occurrences,
  parsePeriod,
  parseTimeLimit,
  timingText,
  type AgencyCatalogue,
  type CompletenessItem,
  type CompletenessPublication,
} from './standard-catalogue.rules.ts';

const cal = bundledWorkCalendar();
const TODAY = '2025-12-15';
const YEAR = parsePeriod('2025')!;

test('parseTimeLimit reads the shapes published catalogues use', () => {
  const cases: [string, string | null][] = [
    ['信息形成或者变更之日起20个工作日内', 'change 20 working'],
    ['制定或获取信息之日起10个工作日内', 'change 10 working'],
    ['人大会议批复后20日内', 'change 20 calendar'],
    ['本级人民代表大会或其常务委员会批准后20日内', 'change 20 calendar'],
    ['每年1月31日前公开上一年度公开年度报告', 'yearly 01-31'],
    ['每季度结束后10个工作日内', 'quarterly 10 working'],
    ['每月结束后5个工作日内', 'monthly 5 working'],
    ['每年2月30日前', null],
    ['长期公开', null],
  ];
  for (const [text, want] of cases) {
    const t = parseTimeLimit(text);
    const got = t ? (t.kind === 'yearly' ? `yearly ${t.date}` : `${t.kind} ${t.days} ${t.unit}`) : null;
    assert.equal(got, want, text);
  }
  assert.equal(timingText(parseTimeLimit('每年1月31日前')!), '每年1月31日前');
  assert.equal(timingText(parseTimeLimit('批复后20日内')!), '信息形成或者变更之日起20日内');
});

test('quarterly due dates count working days after the quarter (清明, 国庆 and the working Saturday)', () => {
  const t = parseTimeLimit('每季度结束后10个工作日内')!;
  assert.deepEqual(
    occurrences(cal, t, YEAR).map((o) => o.dueOn),
    ['2025-04-15', '2025-07-14', '2025-10-21', '2026-01-15'],
  );
  assert.deepEqual(
    occurrences(cal, t, parsePeriod('2025-Q2')!).map((o) => [o.windowStart, o.dueOn]),
    [['2025-07-01', '2025-07-14']],
  );
});

const item = (id: number, areaKey: string, timeLimit: string, extra: Partial<CompletenessItem> = {}) =>
  ({ id, areaKey, mode: 'proactive', level: 'both', ...parseTimeLimit(timeLimit)!, ...extra }) as CompletenessItem;

const ITEMS: CompletenessItem[] = [
  item(1, 'socialAssistance', '制定或获取信息之日起10个工作日内'),
  item(2, 'socialAssistance', '每季度结束后10个工作日内', { level: 'town' }),
  item(3, 'socialAssistance', '信息形成或者变更之日起20个工作日内', { mode: 'onRequest' }),
  item(4, 'budgets', '人大会议批复后20日内'),
  item(5, 'budgets', '每年3月31日前'),
  item(6, 'budgets', '信息形成或者变更之日起20个工作日内', { level: 'county' }),
];

const town = (agencyId: number, bindings: [number, number[]][], exempt: string[] = []): AgencyCatalogue => ({
  agencyId,
  tier: 'town',
  bindings: new Map(bindings),
  exempt: new Set(exempt),
});
const T1 = town(1, [
  [1, [11]],
  [2, [12]],
  [3, [11]],
  [4, [13]],
  [5, [14]],
  [6, [14]],
]);
const T2 = town(2, [
  [1, [21]],
  [2, [22]],
  [5, [23]],
]);

const pub = (id: number, categoryId: number, formedOn: string, publishedOn: string): CompletenessPublication => ({
  id,
  categoryIds: [categoryId],
  formedOn,
  publishedOn,
});
const PUBLICATIONS = [
  pub(101, 11, '2025-03-03', '2025-03-10'), // item 1: 5 working days — on time
  pub(102, 12, '2025-04-01', '2025-04-10'), // item 2 Q1 (due 04-15) — on time
  pub(103, 12, '2025-07-18', '2025-07-20'), // item 2 Q2 (due 07-14) — late; Q3 then has nothing — missing
  pub(104, 13, '2025-02-10', '2025-03-20'), // item 4: 38 days after approval, limit 20 — late
  pub(105, 14, '2025-03-20', '2025-03-28'), // item 5 (due 03-31) — on time
  pub(201, 21, '2024-05-30', '2024-06-01'), // T2 item 1: published last year, still standing — on time
  pub(202, 22, '2025-04-01', '2025-04-01'), // T2 item 2 Q1 — on time
  pub(203, 22, '2025-07-01', '2025-07-01'), // Q2 — on time
  pub(204, 22, '2025-10-22', '2025-10-22'), // Q3 due 10-21 (10-11 was a working Saturday) — late
  pub(205, 23, '2026-01-05', '2026-01-05'), // T2 item 5: after today — does not count, so missing
];

const counts = (a: AgencyCatalogue) => {
  const r = agencyCompleteness(cal, ITEMS, a, PUBLICATIONS, YEAR, TODAY);
  return Object.fromEntries([...r.byArea].map(([k, c]) => [k, c]));
};

test('completeness: 2 towns × 2 areas give exactly the expected 按时 / 逾期 / 缺失 counts', () => {
  assert.deepEqual(counts(T1), {
    socialAssistance: { onTime: 2, late: 1, missing: 1, notDue: 1 },
    budgets: { onTime: 1, late: 1, missing: 0, notDue: 0 },
  });
  assert.deepEqual(counts(T2), {
    socialAssistance: { onTime: 3, late: 1, missing: 0, notDue: 1 },
    budgets: { onTime: 0, late: 0, missing: 2, notDue: 0 },
  });
  const t2 = agencyCompleteness(cal, ITEMS, T2, PUBLICATIONS, YEAR, TODAY).results;
  assert.deepEqual(
    t2.filter((r) => r.areaKey === 'budgets').map((r) => [r.itemId, r.status, r.unbound]),
    [
      [4, 'missing', true],
      [5, 'missing', false],
    ],
  );
});

test('completeness in a quarter, an area marked 未涉及, and a department owing only its bound areas', () => {
  const q3 = agencyCompleteness(cal, ITEMS, T1, PUBLICATIONS, parsePeriod('2025-Q3')!, TODAY);
  assert.deepEqual(
    q3.results.map((r) => [r.itemId, r.status]),
    [
      [1, 'onTime'],
      [2, 'missing'],
      [4, 'onTime'],
    ],
  );
  const exempt = agencyCompleteness(cal, ITEMS, town(2, [[1, [21]]], ['budgets']), PUBLICATIONS, YEAR, TODAY);
  assert.deepEqual([...exempt.byArea.keys()], ['socialAssistance']);
  const dept: AgencyCatalogue = { agencyId: 3, tier: 'county', bindings: new Map([[6, [31]]]), exempt: new Set() };
  const d = agencyCompleteness(cal, ITEMS, dept, [pub(301, 31, '2025-05-06', '2025-05-08')], YEAR, TODAY);
  assert.deepEqual(
    d.results.map((r) => [r.itemId, r.status]),
    [
      [4, 'missing'],
      [5, 'missing'],
      [6, 'onTime'],
    ],
  );
});

test('the catalogue is for 县乡: towns, townships and sub-districts owe the 乡级 items; governments above the town are not towns', () => {
  for (const k of ['town', 'township', 'subDistrict']) assert.equal(catalogueTier(k), 'town');
  for (const k of ['provinceGovernment', 'prefectureGovernment', 'countyGovernment', 'department'])
    assert.equal(catalogueTier(k), 'county');
});
