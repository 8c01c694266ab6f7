// Provisional dates recomputed when the year is imported (issue #11 point 3; RULES.md §5.1–5.2):
// the same period counted before the import (weekends + 《全国年节及纪念日放假办法》 第二条 on
// their dates, no 补休/调休) and after it. The next year's notice cannot be fetched here and is
// never invented, so the year imported is a real one: 2026 as the State Council published it (the
// bundled data/cn-calendar.json: 元旦 1月1日–3日 with 1月4日（周日）上班, 春节 2月15日–23日 with
// 2月14日（周六）and 2月28日（周六）上班), taken out of the bundled calendar for "before". Also: the
// timeline sentence and the admins' banner (which year to import, from November 1).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { bundledCalendarYears, bundledWorkCalendar } from './bundled-calendar.ts';
import {
  addWorkingDaysProvisional,
  calendarYearToImport,
  statutoryHolidays,
  workingDaysAhead,
  workingDaysBefore,
} from './provisional.ts';
import { isDateChange, recomputedDateNote } from './provisional-recompute.ts';
import { addCalendarDays, addWorkingDays, buildWorkCalendar, type WorkCalendar } from './working-days.ts';

const withoutYear = (year: number): WorkCalendar => {
  const years = bundledCalendarYears().filter((y) => y.year !== year);
  return buildWorkCalendar(
    years.map((y) => y.year),
    years.flatMap((y) => y.days),
  );
};
/** December 2025: the 2026 notice not yet imported. */
const before = withoutYear(2026);
/** After importing the real 2026 arrangement: the bundled calendar as shipped. */
const after = bundledWorkCalendar();

describe('the real 2026 arrangement the tests import', () => {
  const days = bundledCalendarYears().find((y) => y.year === 2026)?.days ?? [];
  const of = (kind: string, name: string) =>
    days
      .filter((d) => d.kind === kind && d.name === name)
      .map((d) => d.date)
      .sort();
  test('元旦 and 春节 as the cases below assume', () => {
    assert.deepEqual(of('holiday', '元旦'), ['2026-01-01', '2026-01-02', '2026-01-03']);
    assert.deepEqual(of('adjustedWorkday', '元旦'), ['2026-01-04']);
    assert.deepEqual(of('holiday', '春节'), [
      '2026-02-15',
      '2026-02-16',
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-02-20',
      '2026-02-21',
      '2026-02-22',
      '2026-02-23',
    ]);
    assert.deepEqual(of('adjustedWorkday', '春节'), ['2026-02-14', '2026-02-28']);
  });
  test('provisionally only 元旦 1月1日 and 除夕 2月16日 to 初三 19日 are off in January and February', () =>
    assert.deepEqual(
      statutoryHolidays(2026)
        .map((d) => d.date)
        .filter((d) => d < '2026-03-01'),
      ['2026-01-01', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19'],
    ));
});

describe('a provisional date and the same date once 2026 is imported', () => {
  const cases: { why: string; from: string; days: number; provisional: string; confirmed: string }[] = [
    {
      why: 'December → January (条例 第三十三条, 20 days): 1月2日 off but 4日（周日）worked; unchanged',
      from: '2025-12-08',
      days: 20,
      provisional: '2026-01-06',
      confirmed: '2026-01-06',
    },
    {
      why: 'December → January, 15 days (信箱): ends before 元旦',
      from: '2025-12-10',
      days: 15,
      provisional: '2025-12-31',
      confirmed: '2025-12-31',
    },
    {
      why: 'December → January, 15 days: 1月2日（周五）is off, so the 15th day is 1月4日（周日）, an adjusted working day',
      from: '2025-12-11',
      days: 15,
      provisional: '2026-01-02',
      confirmed: '2026-01-04',
    },
    {
      why: 'over 春节 2026, 15 days: provisionally 2月16日–19日 off; confirmed 2月14日（周六）worked, so earlier',
      from: '2026-01-26',
      days: 15,
      provisional: '2026-02-20',
      confirmed: '2026-02-14',
    },
    {
      why: 'over 春节 2026, 20 days: 2月15日–23日 off, 14日 and 28日（周六）worked, so one day later, on a Saturday',
      from: '2026-01-26',
      days: 20,
      provisional: '2026-02-27',
      confirmed: '2026-02-28',
    },
    {
      why: 'just after 春节: 2月28日（周六）is an adjusted working day, so the date comes earlier',
      from: '2026-02-25',
      days: 3,
      provisional: '2026-03-02',
      confirmed: '2026-02-28',
    },
  ];
  for (const c of cases) {
    test(`${c.from} + ${c.days}: ${c.provisional} (暂定) → ${c.confirmed} — ${c.why}`, () => {
      const p = addWorkingDaysProvisional(before, c.from, c.days);
      assert.equal(p.date, c.provisional);
      assert.equal(p.provisional, p.date >= '2026-01-01' || c.from >= '2026-01-01');
      const confirmed = addWorkingDaysProvisional(after, c.from, c.days);
      assert.equal(confirmed.date, c.confirmed);
      assert.equal(confirmed.provisional, false);
      assert.equal(addWorkingDays(after, c.from, c.days).date, c.confirmed, 'the strict answer agrees');
    });
  }
});

describe('what the timeline says about a recomputed date', () => {
  const cases: [string, [string | null, boolean], [string | null, boolean], string, boolean][] = [
    [
      'moved',
      ['2026-02-20', true],
      ['2026-02-14', false],
      '2026年节假日安排已导入，答复期限由2026-02-20（暂定）重新计算为2026-02-14。',
      true,
    ],
    [
      'same date, now confirmed',
      ['2026-01-06', true],
      ['2026-01-06', false],
      '2026年节假日安排已导入，答复期限2026-01-06不变，不再是暂定日期。',
      true,
    ],
    [
      'still provisional (reaches a later year)',
      ['2027-01-04', true],
      ['2027-01-04', true],
      '2026年节假日安排已导入，答复期限仍为2027-01-04（暂定）（所需的以后年份尚未公布）。',
      false,
    ],
  ];
  for (const [why, [d0, p0], [d1, p1], text, changed] of cases) {
    test(why, () => {
      const b = { date: d0, provisional: p0 };
      const a = { date: d1, provisional: p1 };
      assert.equal(recomputedDateNote(2026, '答复期限', b, a), text);
      assert.equal(isDateChange(b, a), changed);
    });
  }
});

describe('the admins’ banner: which year to import', () => {
  const cases: [string, WorkCalendar, string, number | null][] = [
    ['October 31: not yet', before, '2025-10-31', null],
    ['November 1: next year not imported', before, '2025-11-01', 2026],
    ['December 8', before, '2025-12-08', 2026],
    ['December 31', before, '2025-12-31', 2026],
    ['after the import', after, '2025-12-08', null],
    ['January 1 with the new year still missing: this year', before, '2026-01-01', 2026],
    ['an ordinary day in June with this year still missing', before, '2026-06-15', 2026],
    ['an ordinary day in June', after, '2026-06-15', null],
  ];
  for (const [why, cal, today, year] of cases) {
    test(`${today}: ${year ?? '无'} — ${why}`, () => assert.equal(calendarYearToImport(cal, today), year));
  }
});

describe('the "due within 5 working days" window reaching an unconfirmed year', () => {
  const cases: [string, string, string][] = [
    ['2025-12-22', '2025-12-29', 'inside 2025: confirmed days'],
    ['2025-12-29', '2026-01-06', '元旦 is not a working day, even before 2026 is imported'],
    ['2026-02-09', '2026-02-20', 'provisionally 除夕 2月16日 to 初三 19日 are off'],
  ];
  for (const [today, end, why] of cases) {
    test(`${today} + 5 → ${end}: ${why}`, () => assert.equal(workingDaysAhead(before, today, 5), end));
  }
  test('once 2026 is imported the same window follows its arrangement (2月14日（周六）worked)', () =>
    assert.equal(workingDaysAhead(after, '2026-02-09', 5), '2026-02-14'));
});

describe('workingDaysBefore: the last day D with D + n working days on or before today', () => {
  const cal = bundledWorkCalendar();
  for (const [today, n, expected, why] of [
    ['2025-06-05', 0, '2025-06-05', 'n = 0 is today'],
    ['2025-06-05', 3, '2025-06-02', '端午 2 June (a holiday) + 3 working days = 5 June'],
    ['2025-06-05', 1, '2025-06-04', 'yesterday'],
    ['2025-06-08', 1, '2025-06-05', 'a Sunday: Thursday + 1 = Friday, Friday + 1 = Monday'],
    ['2025-10-09', 1, '2025-10-08', '国庆 1–8 October: 8 October + 1 working day = 9 October'],
  ] as const) {
    test(`${today} − ${n} → ${expected}: ${why}`, () => {
      const d = workingDaysBefore(cal, today, n);
      assert.equal(d, expected);
      if (n > 0) {
        assert.ok(addWorkingDays(cal, d, n).date <= today, 'D + n is on or before today');
        assert.ok(addWorkingDays(cal, addCalendarDays(d, 1), n).date > today, 'the next day is not');
      }
    });
  }
});
