// The case clock (行政许可法 第四十二条、第四十五条、第八十二条) on the bundled State Council calendar.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { bundledWorkCalendar } from '../calendar/index.ts';
import { caseLimitDays, computeCaseClock, limitHasEnded } from './time-limits.ts';

const cal = bundledWorkCalendar();

describe('time limit from acceptance on the working-day calendar', () => {
  const cases: { name: string; acceptedOn: string; days: number; due: string }[] = [
    {
      name: 'ordinary weeks: acceptance day not counted, weekends skipped',
      acceptedOn: '2025-03-03',
      days: 10,
      due: '2025-03-17',
    },
    // Fri 24 Jan 2025; Sun 26 Jan is a 调休上班日 (counts), 28 Jan–4 Feb 春节 (skipped).
    {
      name: 'across 春节 2025 with the adjusted Sunday 26 January',
      acceptedOn: '2025-01-24',
      days: 5,
      due: '2025-02-07',
    },
    // Sat 8 Feb 2025 is a 调休上班日: accepted Fri 7 Feb, 1 working day later is Sat 8 Feb.
    { name: 'an adjusted Saturday is a working day', acceptedOn: '2025-02-07', days: 1, due: '2025-02-08' },
    // 30 Sep 2025 (Tue): 1–8 Oct off, Sat 11 Oct works. Day 1 = 9 Oct, 2 = 10 Oct, 3 = 11 Oct (Sat).
    {
      name: 'across 国庆/中秋 2025 with the adjusted Saturday 11 October',
      acceptedOn: '2025-09-30',
      days: 3,
      due: '2025-10-11',
    },
    // 30 Apr 2025: 1–5 May off, 6 May is day 1.
    { name: 'across 劳动节 2025', acceptedOn: '2025-04-30', days: 1, due: '2025-05-06' },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const clock = computeCaseClock(cal, c.acceptedOn, c.days, []);
      assert.equal(clock.dueOn, c.due);
      assert.equal(clock.pausedWorkingDays, 0);
      assert.match(clock.segments.at(-1)?.text ?? '', new RegExp(`截止日期 ${c.due}`));
    });
  }

  test('the explanation names the holidays skipped and the adjusted working days counted', () => {
    const clock = computeCaseClock(cal, '2025-01-24', 5, []);
    const text = clock.segments.map((s) => s.text).join('\n');
    assert.match(text, /2025-01-24 受理，时限 5 个工作日/);
    assert.match(text, /2025-01-28 法定节假日（春节）/);
    assert.match(text, /计入调休上班日：2025-01-26 调休上班日（春节）/);
  });
});

describe('补齐补正 and suspensions stop and restart the clock (第四十五条)', () => {
  test('a 补齐补正 notice after acceptance stops the clock until the materials arrive', () => {
    // Accepted Mon 3 Mar, 10 days → 17 Mar. Notice Wed 5 Mar, materials Mon 10 Mar: 6, 7, 10 Mar
    // are not counted (3 working days), so the due date moves to Thu 20 Mar.
    const open = computeCaseClock(cal, '2025-03-03', 10, [
      { kind: 'correction', startedOn: '2025-03-05', endedOn: null },
    ]);
    assert.equal(open.dueOn, null, 'while the notice is open the clock is stopped');
    assert.match(open.segments.at(-1)?.text ?? '', /计时暂停/);
    const closed = computeCaseClock(cal, '2025-03-03', 10, [
      { kind: 'correction', startedOn: '2025-03-05', endedOn: '2025-03-10' },
    ]);
    assert.equal(closed.pausedWorkingDays, 3);
    assert.equal(closed.dueOn, '2025-03-20');
    assert.match(closed.segments[1]?.text ?? '', /2025-03-05 至 2025-03-10 补齐补正，不计入时限 3 个工作日/);
  });

  test('a pause spanning a holiday only removes its working days', () => {
    // Expert review from Mon 29 Sep to Thu 9 Oct 2025: 30 Sep and 9 Oct are its 2 working days.
    const c = computeCaseClock(cal, '2025-09-26', 5, [
      { kind: 'expertReview', startedOn: '2025-09-29', endedOn: '2025-10-09' },
    ]);
    assert.equal(c.pausedWorkingDays, 2);
    // 26 Sep (Fri) + 7 working days: 28 Sep (Sun, adjusted), 29, 30 Sep, 9, 10, 11 (Sat, adjusted), 13 Oct.
    assert.equal(c.dueOn, '2025-10-13');
  });

  test('two pauses add up; a 补齐补正 before acceptance does not touch the clock', () => {
    const c = computeCaseClock(cal, '2025-03-03', 10, [
      { kind: 'correction', startedOn: '2025-02-26', endedOn: '2025-03-03' },
      { kind: 'hearing', startedOn: '2025-03-04', endedOn: '2025-03-05' },
      { kind: 'inspection', startedOn: '2025-03-10', endedOn: '2025-03-12' },
    ]);
    assert.equal(c.pausedWorkingDays, 3);
    assert.equal(c.dueOn, '2025-03-20');
  });
});

describe('end of the limit and the limit in use', () => {
  test('a case due on a day is in time all that day (Asia/Shanghai) and over from the next midnight', () => {
    assert.equal(limitHasEnded('2025-03-17', new Date('2025-03-17T15:59:59Z')), false); // 23:59:59 in Beijing
    assert.equal(limitHasEnded('2025-03-17', new Date('2025-03-17T16:00:00Z')), true); // 18 Mar 00:00 in Beijing
  });
  test('the promised limit when set (never above the statutory one), else the statutory one', () => {
    assert.equal(caseLimitDays({ statutoryDays: 20, promisedDays: 5 }), 5);
    assert.equal(caseLimitDays({ statutoryDays: 20, promisedDays: 0 }), 20);
    assert.equal(caseLimitDays({ statutoryDays: 10, promisedDays: 15 }), 10);
  });
});
