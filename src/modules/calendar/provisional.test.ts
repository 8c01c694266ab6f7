// Provisional working days when next year's State Council arrangement is not yet published
// (issue #11 point 3; RULES.md §5.1: 《全国年节及纪念日放假办法》 2024 revision 第二条, weekends per
// 国务院关于职工工作时间的规定 第七条, counting from the next day per 民法典 第二百零一条).
// The bundled calendar ends at 2026; 2027 is unconfirmed, as it is in December 2026.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { bundledCalendarYears, bundledWorkCalendar } from './bundled-calendar.ts';
import {
  addWorkingDaysProvisional,
  provisionalCalendar,
  provisionalReason,
  statutoryHolidays,
  withProvisionalFallback,
} from './provisional.ts';
import {
  addWorkingDays,
  buildWorkCalendar,
  CalendarYearNotConfirmedError,
  workingDaysBetween,
  type CalendarDay,
} from './working-days.ts';

const cal = bundledWorkCalendar();

describe('statutory holidays on their calendar dates (2024 revision 第二条)', () => {
  test('2027: 元旦, 春节 = 除夕 2027-02-05 to 初三 02-08, 清明 04-05, 劳动节 05-01/02, 端午 06-09, 中秋 09-15, 国庆 10-01..03', () => {
    assert.deepEqual(
      statutoryHolidays(2027).map((d) => `${d.date} ${d.name}`),
      [
        '2027-01-01 元旦',
        '2027-02-05 春节',
        '2027-02-06 春节',
        '2027-02-07 春节',
        '2027-02-08 春节',
        '2027-04-05 清明节',
        '2027-05-01 劳动节',
        '2027-05-02 劳动节',
        '2027-06-09 端午节',
        '2027-09-15 中秋节',
        '2027-10-01 国庆节',
        '2027-10-02 国庆节',
        '2027-10-03 国庆节',
      ],
    );
  });

  test('13 statutory days a year (1+4+1+2+1+1+3); 中秋 on 10-03 in 2028 is one day with both names', () => {
    assert.equal(statutoryHolidays(2029).length, 13);
    const y2028 = statutoryHolidays(2028);
    assert.equal(y2028.length, 12);
    assert.equal(y2028.find((d) => d.date === '2028-10-03')?.name, '中秋节、国庆节');
    assert.equal(y2028.find((d) => d.name === '春节')?.date, '2028-01-25', '除夕 of 2028 is Jan 25');
  });

  for (const year of [2025, 2026]) {
    test(`${year}: every statutory day is a holiday in the published State Council notice (lunar conversion checked)`, () => {
      const published = new Set(
        bundledCalendarYears()
          .find((y) => y.year === year)
          ?.days.filter((d) => d.kind === 'holiday')
          .map((d) => d.date),
      );
      for (const d of statutoryHolidays(year)) assert.ok(published.has(d.date), `${d.date} ${d.name}`);
    });
  }

  test('no provisional calendar before the 2024 revision took effect (2025)', () => {
    assert.throws(() => statutoryHolidays(2024), RangeError);
  });
});

describe('provisional working days (weekends + statutory holidays, no 补休/调休 assumed)', () => {
  const cases: {
    rule: string;
    from: string;
    days: number;
    date: string;
    provisional: boolean;
    years?: number[];
    skipped?: string[];
  }[] = [
    {
      rule: 'issue #11 example, December → January: 12-08..12-31 give 18 days, 01-01 元旦, 01-02/03 weekend, 01-04 = 19, 01-05 = 20',
      from: '2026-12-07',
      days: 20,
      date: '2027-01-05',
      provisional: true,
      years: [2027],
      skipped: [
        '2026-12-12',
        '2026-12-13',
        '2026-12-19',
        '2026-12-20',
        '2026-12-26',
        '2026-12-27',
        '2027-01-01',
        '2027-01-02',
        '2027-01-03',
      ],
    },
    {
      rule: 'December → January: 12-28..12-31 are 4 days, 元旦 and the weekend pass, 01-04 is the 5th',
      from: '2026-12-25',
      days: 5,
      date: '2027-01-04',
      provisional: true,
      years: [2027],
    },
    {
      rule: 'a period that ends on 12-31 never looks at 2027 and is not provisional',
      from: '2026-12-24',
      days: 5,
      date: '2026-12-31',
      provisional: false,
      years: [],
    },
    {
      rule: 'span over 春节 2027: 02-01..02-04 = 4, 除夕 02-05 (Fri) and 初三 02-08 (Mon) skipped, 02-09..02-16 = 10',
      from: '2027-01-29',
      days: 10,
      date: '2027-02-16',
      provisional: true,
      years: [2027],
      skipped: [
        '2027-01-30',
        '2027-01-31',
        '2027-02-05',
        '2027-02-06',
        '2027-02-07',
        '2027-02-08',
        '2027-02-13',
        '2027-02-14',
      ],
    },
    {
      rule: '60 days from 2026-12-07: 20 → 01-05, 40 → 02-02, then 春节 02-05..02-08 skipped, 60 → 03-04',
      from: '2026-12-07',
      days: 60,
      date: '2027-03-04',
      provisional: true,
      years: [2027],
    },
    {
      rule: 'a confirmed year is answered from the notice: 2026-02-14 (Sat) is a 调休上班日',
      from: '2026-02-13',
      days: 1,
      date: '2026-02-14',
      provisional: false,
      years: [],
    },
  ];
  for (const c of cases) {
    test(c.rule, () => {
      const r = addWorkingDaysProvisional(cal, c.from, c.days);
      assert.equal(r.date, c.date);
      assert.equal(r.provisional, c.provisional);
      if (c.years) assert.deepEqual(r.provisionalYears, c.years);
      if (c.skipped)
        assert.deepEqual(
          r.skipped.map((s) => s.date),
          c.skipped,
        );
      if (c.provisional) assert.ok(!r.adjustedWorkdays.some((a) => a.date >= '2027'), 'no 调休上班日 is assumed');
    });
  }

  test('the strict function still refuses an unconfirmed year', () => {
    assert.throws(
      () => addWorkingDays(cal, '2026-12-07', 20),
      (e: unknown) => e instanceof CalendarYearNotConfirmedError && e.year === 2027,
    );
  });

  test('the skipped days carry the statutory reason', () => {
    const r = addWorkingDaysProvisional(cal, '2026-12-30', 2);
    assert.equal(r.date, '2027-01-04');
    assert.deepEqual(r.skipped[0], { date: '2027-01-01', reason: '法定节假日（元旦）' });
  });

  test('a long period reports every provisional year it crossed', () => {
    const r = addWorkingDaysProvisional(cal, '2026-12-07', 1000);
    assert.equal(r.provisionalYears[0], 2027);
    assert.equal(r.provisionalYears.at(-1), Number(r.date.slice(0, 4)));
    assert.deepEqual(
      r.provisionalYears,
      Array.from({ length: r.provisionalYears.length }, (_, i) => 2027 + i),
    );
  });

  test('before 2025 nothing is guessed: an unconfirmed 2024 still refuses', () => {
    const only2026 = buildWorkCalendar([2026], []);
    assert.throws(() => addWorkingDaysProvisional(only2026, '2023-12-29', 3), CalendarYearNotConfirmedError);
  });

  test('any calendar computation can fall back: working days between two dates across 元旦', () => {
    const r = withProvisionalFallback(cal, (c) => workingDaysBetween(c, '2026-12-31', '2027-01-08'));
    // (12-31, 01-08]: 01-01 元旦, 01-02/03 weekend, 01-04..01-08 = 5
    assert.deepEqual(r, { value: 5, provisional: true, provisionalYears: [2027] });
  });

  test('recompute: once 2027 is confirmed the same period is answered from the notice (here with 补休)', () => {
    // A made-up arrangement for the test only (NOT the real 2027 notice, which is not published):
    // 元旦 with 01-01..01-03 off, nothing else; it must change the example's date.
    const days: CalendarDay[] = [
      { date: '2027-01-01', kind: 'holiday', name: '元旦' },
      { date: '2027-01-04', kind: 'holiday', name: '元旦' },
    ];
    const confirmed = buildWorkCalendar([...cal.confirmedYears, 2027], [...cal.days.values(), ...days]);
    const r = addWorkingDaysProvisional(confirmed, '2026-12-07', 20);
    assert.equal(r.provisional, false);
    assert.equal(r.date, '2027-01-06');
  });

  test('the provisional calendar fills only unconfirmed years', () => {
    const p = provisionalCalendar(cal, 2028);
    assert.deepEqual([...p.provisionalYears], [2027, 2028]);
    assert.equal(p.days.get('2026-02-14')?.kind, 'adjustedWorkday');
    assert.equal(p.days.get('2027-02-05')?.name, '春节');
  });

  test('the one-line reason names the year', () => {
    assert.match(provisionalReason([2027]), /^2027年节假日安排尚未公布/);
  });
});
