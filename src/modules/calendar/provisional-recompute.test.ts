// Provisional dates recomputed when the year is imported (issue #11 point 3; RULES.md §5.1–5.2):
// the same period counted before the import (weekends + 《全国年节及纪念日放假办法》 第二条 on
// their dates, no 补休/调休) and after it, on a hypothetical 2027 arrangement in the shape of the
// State Council's notices (test/fixtures/calendar/2027-hypothetical.json: 元旦 1月1日–3日, 春节
// 2月5日–13日 with 2月14日（周日）and 2月20日（周六）上班, …). Also: the timeline sentence and the
// admins' banner (which year to import, from November 1).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { bundledWorkCalendar } from './bundled-calendar.ts';
import { parseCalendarImport } from './calendar.service.ts';
import { addWorkingDaysProvisional, calendarYearToImport, workingDaysAhead } from './provisional.ts';
import { isDateChange, recomputedDateNote } from './provisional-recompute.ts';
import { addWorkingDays, buildWorkCalendar, type CalendarDay, type WorkCalendar } from './working-days.ts';

const before = bundledWorkCalendar();
const arrangement = parseCalendarImport(
  JSON.parse(readFileSync(new URL('../../../test/fixtures/calendar/2027-hypothetical.json', import.meta.url), 'utf8')),
);
const after: WorkCalendar = buildWorkCalendar(
  [...before.confirmedYears, 2027],
  [
    ...before.days.values(),
    ...arrangement.holidays.map((d): CalendarDay => ({ ...d, kind: 'holiday' })),
    ...arrangement.adjustedWorkdays.map((d): CalendarDay => ({ ...d, kind: 'adjustedWorkday' })),
  ],
);

describe('a provisional date and the same date once 2027 is imported', () => {
  const cases: { why: string; from: string; days: number; provisional: string; confirmed: string }[] = [
    {
      why: 'December → January (条例 第三十三条, 20 days): 元旦 1月1日 is statutory, 2–3 are a weekend; unchanged',
      from: '2026-12-07',
      days: 20,
      provisional: '2027-01-05',
      confirmed: '2027-01-05',
    },
    {
      why: 'December → January, 15 days (信箱): ends before 元旦',
      from: '2026-12-10',
      days: 15,
      provisional: '2026-12-31',
      confirmed: '2026-12-31',
    },
    {
      why: 'over 春节 2027: provisionally only 除夕 2月5日 and 初三 2月8日 are weekdays off; confirmed 2月5日–13日 off, 14日 worked',
      from: '2027-01-25',
      days: 10,
      provisional: '2027-02-10',
      confirmed: '2027-02-15',
    },
    {
      why: 'over 春节 2027, 20 days: 2月9日–12日 off but 14日 and 20日 worked, so 2 working days later',
      from: '2027-01-20',
      days: 20,
      provisional: '2027-02-19',
      confirmed: '2027-02-23',
    },
    {
      why: 'just after 春节: 2月14日（周日）is an adjusted working day, so the date comes earlier',
      from: '2027-02-12',
      days: 3,
      provisional: '2027-02-17',
      confirmed: '2027-02-16',
    },
  ];
  for (const c of cases) {
    test(`${c.from} + ${c.days}: ${c.provisional} (暂定) → ${c.confirmed} — ${c.why}`, () => {
      const p = addWorkingDaysProvisional(before, c.from, c.days);
      assert.equal(p.date, c.provisional);
      assert.equal(p.provisional, p.date >= '2027-01-01' || c.from >= '2027-01-01');
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
      ['2027-02-10', true],
      ['2027-02-16', false],
      '2027年节假日安排已导入，答复期限由2027-02-10（暂定）重新计算为2027-02-16。',
      true,
    ],
    [
      'same date, now confirmed',
      ['2027-01-05', true],
      ['2027-01-05', false],
      '2027年节假日安排已导入，答复期限2027-01-05不变，不再是暂定日期。',
      true,
    ],
    [
      'still provisional (reaches a later year)',
      ['2028-01-04', true],
      ['2028-01-04', true],
      '2027年节假日安排已导入，答复期限仍为2028-01-04（暂定）（所需的以后年份尚未公布）。',
      false,
    ],
  ];
  for (const [why, [d0, p0], [d1, p1], text, changed] of cases) {
    test(why, () => {
      const b = { date: d0, provisional: p0 };
      const a = { date: d1, provisional: p1 };
      assert.equal(recomputedDateNote(2027, '答复期限', b, a), text);
      assert.equal(isDateChange(b, a), changed);
    });
  }
});

describe('the admins’ banner: which year to import', () => {
  const with2027 = buildWorkCalendar([...before.confirmedYears, 2027], []);
  const cases: [string, WorkCalendar, string, number | null][] = [
    ['October 31: not yet', before, '2026-10-31', null],
    ['November 1: next year not imported', before, '2026-11-01', 2027],
    ['December 5 (the demo day)', before, '2026-12-05', 2027],
    ['December 31', before, '2026-12-31', 2027],
    ['after the import', with2027, '2026-12-05', null],
    ['January 1 with the new year still missing: this year', before, '2027-01-01', 2027],
    ['an ordinary day in June', before, '2026-06-15', null],
  ];
  for (const [why, cal, today, year] of cases) {
    test(`${today}: ${year ?? '无'} — ${why}`, () => assert.equal(calendarYearToImport(cal, today), year));
  }
});

describe('the "due within 5 working days" window reaching an unconfirmed year', () => {
  const cases: [string, string, string][] = [
    ['2026-12-21', '2026-12-28', 'inside 2026: confirmed days'],
    ['2026-12-28', '2027-01-05', '元旦 is not a working day, even before 2027 is imported'],
    ['2027-02-01', '2027-02-10', 'provisionally 除夕 2月5日 and 初三 2月8日 are off'],
  ];
  for (const [today, end, why] of cases) {
    test(`${today} + 5 → ${end}: ${why}`, () => assert.equal(workingDaysAhead(before, today, 5), end));
  }
  test('once 2027 is imported the same window follows its arrangement', () =>
    assert.equal(workingDaysAhead(after, '2027-02-01', 5), '2027-02-15'));
});
