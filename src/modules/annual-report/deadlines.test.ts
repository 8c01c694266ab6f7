// Rule 14 (RULES.md §1.14, §2): annual report due dates by agency level and regime.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  annualReportDueDate,
  currentReportYear,
  isAnnualReportLate,
  reportYearEnded,
  townDeadlineOf,
} from './deadlines.ts';
import type { AgencyKind } from './report-data.ts';

describe('rule 14: annual report due dates', () => {
  const cases: [AgencyKind, number, string | undefined, string][] = [
    ['department', 2024, undefined, '2025-01-31'],
    ['countyGovernment', 2024, undefined, '2025-03-31'],
    // 县级以上地方人民政府: the province's and a prefecture's government too (第四十九条第二款).
    ['provinceGovernment', 2024, undefined, '2025-03-31'],
    ['prefectureGovernment', 2024, '02-20', '2025-03-31'],
    ['town', 2024, undefined, '2025-01-31'],
    ['township', 2024, '02-20', '2025-02-20'],
    ['subDistrict', 2022, '02-15', '2023-02-15'],
    ['department', 2019, undefined, '2020-01-31'],
    // Under the 2007 条例 every agency published by 3月31日; the town setting does not apply.
    ['town', 2013, '01-31', '2014-03-31'],
    ['department', 2018, undefined, '2019-03-31'],
  ];
  for (const [kind, year, setting, due] of cases) {
    it(`${kind} ${year}${setting ? ` (setting ${setting})` : ''} → ${due}`, () => {
      assert.equal(annualReportDueDate(kind, year, setting ? { townDueMonthDay: setting } : {}), due);
    });
  }

  it('the due day itself is on time, the next day is late', () => {
    assert.equal(isAnnualReportLate('department', 2024, '2025-01-31'), false);
    assert.equal(isAnnualReportLate('department', 2024, '2025-02-01'), true);
    assert.equal(isAnnualReportLate('countyGovernment', 2024, '2025-03-31'), false);
    assert.equal(isAnnualReportLate('town', 2013, '2014-03-04'), false);
  });

  it('rejects an invalid town setting and an invalid year or date, with a Chinese message', () => {
    assert.throws(() => annualReportDueDate('town', 2024, { townDueMonthDay: '02-29' }), /乡镇年度报告截止日期设置/);
    assert.throws(() => annualReportDueDate('town', 2024, { townDueMonthDay: '2-20' }), RangeError);
    assert.throws(() => annualReportDueDate('department', 2007), /报告年度/);
    assert.throws(() => isAnnualReportLate('department', 2024, '2025/01/31'), /发布日期/);
  });
});

describe("the towns' due date: their county's setting, else the platform's", () => {
  it('the parent government wins; the platform (0) otherwise; nothing set is the default', () => {
    const settings = new Map([
      [0, '02-10'],
      [7, '02-20'],
    ]);
    assert.deepEqual(townDeadlineOf(settings, 7), { townDueMonthDay: '02-20' });
    assert.deepEqual(townDeadlineOf(settings, 8), { townDueMonthDay: '02-10' });
    assert.deepEqual(townDeadlineOf(settings, null), { townDueMonthDay: '02-10' });
    assert.deepEqual(townDeadlineOf(new Map(), 7), {});
    assert.equal(annualReportDueDate('town', 2024, townDeadlineOf(settings, 7)), '2025-02-20');
  });
});

it('a report year has ended from 1 January of the next year (条例第四十九条: 上一年度)', () => {
  assert.equal(reportYearEnded(2026, '2026-12-08'), false);
  assert.equal(reportYearEnded(2026, '2026-12-31'), false);
  assert.equal(reportYearEnded(2026, '2027-01-01'), true);
  assert.equal(reportYearEnded(2025, '2027-06-30'), true);
  assert.equal(reportYearEnded(2027, '2026-12-31'), false);
});

it('the console opens on this year from 2 December (60 days before 1月31日), else on last year', () => {
  assert.equal(currentReportYear('2026-01-15'), 2025);
  assert.equal(currentReportYear('2026-06-30'), 2025);
  assert.equal(currentReportYear('2026-12-01'), 2025);
  assert.equal(currentReportYear('2026-12-02'), 2026);
  assert.equal(currentReportYear('2026-12-31'), 2026);
  assert.equal(currentReportYear('2028-12-02'), 2028);
});
