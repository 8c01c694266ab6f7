// Working-day arithmetic against RULES.md §5 and "Rules a test can check" 5–7, 11–13.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { bundledCalendarYears, bundledWorkCalendar } from './bundled-calendar.ts';
import {
  addWorkingDays,
  buildWorkCalendar,
  CalendarYearNotConfirmedError,
  describeDay,
  InvalidDateError,
  isWorkingDay,
  monthsEndingWith,
  nextWorkingDayOnOrAfter,
  workingDaysBetween,
} from './working-days.ts';

const cal = bundledWorkCalendar();

describe('calendar data matches RULES.md §5.3 (State Council notices for 2024–2026)', () => {
  const expected: Record<number, { off: string[]; work: string[] }> = {
    2024: {
      off: [
        '01-01',
        ...range('02-10', '02-17'),
        ...range('04-04', '04-06'),
        ...range('05-01', '05-05'),
        '06-10',
        ...range('09-15', '09-17'),
        ...range('10-01', '10-07'),
      ],
      work: ['02-04', '02-18', '04-07', '04-28', '05-11', '09-14', '09-29', '10-12'],
    },
    2025: {
      off: [
        '01-01',
        ...range('01-28', '02-04'),
        ...range('04-04', '04-06'),
        ...range('05-01', '05-05'),
        ...range('05-31', '06-02'),
        ...range('10-01', '10-08'),
      ],
      work: ['01-26', '02-08', '04-27', '09-28', '10-11'],
    },
    2026: {
      off: [
        ...range('01-01', '01-03'),
        ...range('02-15', '02-23'),
        ...range('04-04', '04-06'),
        ...range('05-01', '05-05'),
        ...range('06-19', '06-21'),
        ...range('09-25', '09-27'),
        ...range('10-01', '10-07'),
      ],
      work: ['01-04', '02-14', '02-28', '05-09', '09-20', '10-10'],
    },
  };
  for (const [year, e] of Object.entries(expected)) {
    test(`${year}: exactly the announced holidays and adjusted working days`, () => {
      const y = bundledCalendarYears().find((d) => d.year === Number(year));
      assert.ok(y, `${year} is bundled`);
      assert.deepEqual(
        y.days
          .filter((d) => d.kind === 'holiday')
          .map((d) => d.date.slice(5))
          .sort(),
        [...e.off].sort(),
      );
      assert.deepEqual(
        y.days
          .filter((d) => d.kind === 'adjustedWorkday')
          .map((d) => d.date.slice(5))
          .sort(),
        [...e.work].sort(),
      );
    });
  }
  test('2008–2026 are all confirmed', () => {
    for (let y = 2008; y <= 2026; y++) assert.ok(cal.confirmedYears.has(y), String(y));
  });
});

function range(from: string, to: string): string[] {
  const out: string[] = [];
  const d = new Date(`2000-${from}T00:00:00Z`);
  for (;;) {
    const s = d.toISOString().slice(5, 10);
    out.push(s);
    if (s === to) return out;
    d.setUTCDate(d.getUTCDate() + 1);
  }
}

describe('isWorkingDay (国务院令第146号 第七条 + yearly notices)', () => {
  const cases: [string, boolean, string][] = [
    // Rule 12
    ['2026-02-14', true, 'Saturday 调休上班日 before 春节'],
    ['2026-02-28', true, 'Saturday 调休上班日 after 春节'],
    ...range('02-15', '02-23').map((d): [string, boolean, string] => [`2026-${d}`, false, '春节 2026']),
    ['2026-01-04', true, 'Sunday 调休上班日 after 元旦'],
    // Rule 13
    ['2024-02-04', true, 'Sunday'],
    ['2024-02-18', true, 'Sunday'],
    ['2024-04-07', true, 'Sunday'],
    ['2024-04-28', true, 'Sunday'],
    ['2024-05-11', true, 'Saturday'],
    ['2024-09-14', true, 'Saturday'],
    ['2024-09-29', true, 'Sunday'],
    ['2024-10-12', true, 'Saturday'],
    ['2024-02-09', true, '除夕 2024 is a working day (units only encouraged to give it)'],
    ['2025-01-26', true, 'Sunday 调休'],
    ['2025-01-28', false, '除夕 2025 is a holiday under the revised 放假办法'],
    ['2025-06-07', false, 'ordinary Saturday'],
    ['2025-06-09', true, 'ordinary Monday'],
    ['2013-02-16', true, '2013 Saturday 调休'],
  ];
  for (const [date, working, why] of cases) {
    test(`${date} is ${working ? '' : 'not '}a working day (${why})`, () =>
      assert.equal(isWorkingDay(cal, date), working));
  }
  test('describeDay names the holiday', () => {
    assert.deepEqual(describeDay(cal, '2026-02-17'), {
      date: '2026-02-17',
      working: false,
      reason: 'holiday',
      name: '春节',
    });
  });
});

describe('addWorkingDays — start day excluded (民法典 第二百零一条)', () => {
  const cases: [string, number, string, string][] = [
    ['2025-01-20', 20, '2025-02-21', 'rule 5: 条例 第三十三条 20-day answer period over the 2025 Spring Festival'],
    ['2025-01-20', 40, '2025-03-21', 'rule 6: with the maximum 20-day extension'],
    ['2024-02-05', 7, '2024-02-20', 'rule 7: 补正 notice within 7 working days (第三十条)'],
    ['2025-09-26', 20, '2025-10-30', 'rule 11: proactive disclosure within 20 working days (第二十六条)'],
    ['2026-02-10', 20, '2026-03-16', 'rule 12: over the 2026 Spring Festival'],
    ['2025-12-25', 10, '2026-01-09', 'year boundary: 元旦 2026 off, 2026-01-04 (Sun) worked'],
    ['2025-09-30', 1, '2025-10-09', 'long holiday: National Day + Mid-Autumn 2025 (8 days)'],
    ['2025-09-27', 1, '2025-09-28', 'a Sunday 调休上班日 counts'],
    ['2020-01-23', 1, '2020-02-03', 'the extended 2020 Spring Festival'],
    ['2025-06-06', 0, '2025-06-06', 'zero days is the start day itself'],
  ];
  for (const [from, n, due, why] of cases) {
    test(`${from} + ${n} → ${due} (${why})`, () => assert.equal(addWorkingDays(cal, from, n).date, due));
  }
  test('explains each skipped day and each counted adjusted working day', () => {
    const r = addWorkingDays(cal, '2025-01-20', 20);
    assert.equal(r.skipped.length, 12);
    assert.deepEqual(r.skipped[0], { date: '2025-01-25', reason: '周六' });
    assert.ok(r.skipped.some((s) => s.date === '2025-01-28' && s.reason === '法定节假日（春节）'));
    assert.deepEqual(
      r.adjustedWorkdays.map((d) => d.date),
      ['2025-01-26', '2025-02-08'],
    );
  });
});

describe('refusal for an unconfirmed year', () => {
  test('a period that runs into 2027 is refused, naming the year', () => {
    assert.throws(
      () => addWorkingDays(cal, '2026-12-20', 20),
      (e: unknown) =>
        e instanceof CalendarYearNotConfirmedError && e.year === 2027 && /2027年的节假日安排尚未确认/.test(e.message),
    );
  });
  test('2027-01-01 is not guessed to be a working day', () => {
    assert.throws(() => isWorkingDay(cal, '2027-01-01'), CalendarYearNotConfirmedError);
  });
  test('a period inside 2026 that ends on 12-31 still works', () => {
    assert.equal(addWorkingDays(cal, '2026-12-30', 1).date, '2026-12-31');
  });
  test('once the year is added, the same period is computed', () => {
    const years = bundledCalendarYears();
    const with2027 = buildWorkCalendar(
      [...years.map((y) => y.year), 2027],
      [...years.flatMap((y) => y.days), { date: '2027-01-01', kind: 'holiday', name: '元旦' }],
    );
    assert.equal(addWorkingDays(with2027, '2026-12-30', 2).date, '2027-01-04');
  });
});

describe('workingDaysBetween and nextWorkingDayOnOrAfter', () => {
  test('counts working days in (from, to]', () => {
    assert.equal(workingDaysBetween(cal, '2025-01-20', '2025-02-21'), 20);
    assert.equal(workingDaysBetween(cal, '2025-09-30', '2025-10-09'), 1);
    assert.equal(workingDaysBetween(cal, '2025-02-21', '2025-01-20'), -20);
    assert.equal(workingDaysBetween(cal, '2025-06-06', '2025-06-06'), 0);
  });
  test('a period ending on a holiday moves to the next working day (民法典 第二百零三条)', () => {
    assert.equal(nextWorkingDayOnOrAfter(cal, '2025-10-01'), '2025-10-09');
    assert.equal(nextWorkingDayOnOrAfter(cal, '2025-10-09'), '2025-10-09');
  });
  test('invalid dates are refused with a Chinese message', () => {
    assert.throws(() => addWorkingDays(cal, '2025-02-30', 1), InvalidDateError);
    assert.throws(() => addWorkingDays(cal, '2025-1-2', 1), /YYYY-MM-DD/);
    assert.throws(() => addWorkingDays(cal, '2025-01-02', -1), RangeError);
  });
});

describe('monthsEndingWith (the window of a monthly chart)', () => {
  test('counts back across the year boundary, oldest first', () => {
    assert.deepEqual(monthsEndingWith('2025-02', 4), ['2024-11', '2024-12', '2025-01', '2025-02']);
    assert.deepEqual(monthsEndingWith('2025-12', 1), ['2025-12']);
    assert.equal(monthsEndingWith('2026-12', 12)[0], '2026-01');
  });
});
