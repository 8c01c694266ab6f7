import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { bundledWorkCalendar } from '../../calendar/index.ts';
import { addWorkingDays, CalendarYearNotConfirmedError } from '../../calendar/index.ts';
import { computeDeadline, type ClockPause, type DeadlineInput } from './clock.ts';
import { ExtensionRejectedError, InfoRequestRuleError } from './errors.ts';
import { validateExtension, type ExtensionInput } from './extension.ts';

const cal = bundledWorkCalendar();
const settings = { pauseWhileFeePending: false };
const ext = (workingDays: number, over: Partial<ExtensionInput> = {}): ExtensionInput => ({
  workingDays,
  approvedBy: '王主任',
  approvedOn: '2025-02-10',
  applicantNotifiedOn: '2025-02-11',
  ...over,
});
const deadline = (input: Partial<DeadlineInput> & { receivedOn: string }) =>
  computeDeadline(cal, { settings, ...input });

describe('条例第三十三条第二款 — 20 working days, start day excluded', () => {
  const cases = [
    {
      name: 'RULES rule 5: received 2025-01-20 ⇒ due 2025-02-21 (01-26 Sun works; 01-28…02-04 off)',
      receivedOn: '2025-01-20',
      dueOn: '2025-02-21',
    },
    {
      name: 'RULES rule 12: received 2026-02-10 ⇒ due 2026-03-16 (Spring Festival 2026)',
      receivedOn: '2026-02-10',
      dueOn: '2026-03-16',
    },
    {
      name: 'received 2025-03-03 ⇒ due 2025-03-31 (no holiday in between)',
      receivedOn: '2025-03-03',
      dueOn: '2025-03-31',
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const d = deadline({ receivedOn: c.receivedOn });
      assert.equal(d.status, 'running');
      assert.equal(d.clockStartOn, c.receivedOn);
      assert.equal(d.dueOn, c.dueOn);
      assert.equal(d.baseDueOn, c.dueOn);
      assert.deepEqual(d.warnings, []);
    });
  }

  test('RULES rule 5: the explanation lists the skipped holidays and the counted 调休 Sunday', () => {
    const d = deadline({ receivedOn: '2025-01-20' });
    assert.equal(d.segments.length, 1);
    const [seg] = d.segments;
    assert.equal(seg?.kind, 'answerPeriod');
    assert.equal(seg?.workingDays, 20);
    assert.equal(seg?.from, '2025-01-20');
    assert.equal(seg?.to, '2025-02-21');
    assert.match(seg?.label ?? '', /第1至第20个工作日/);
    const skipped = seg?.skipped.map((s) => s.date) ?? [];
    for (const day of ['2025-01-28', '2025-01-29', '2025-02-03', '2025-02-04']) assert.ok(skipped.includes(day), day);
    assert.deepEqual(
      seg?.adjustedWorkdays.map((s) => s.date),
      ['2025-01-26', '2025-02-08'],
    );
  });
});

describe('条例第三十三条第二款 — extension ≤ 20 working days with approver and notice (RULES rule 6)', () => {
  test('RULES rule 6: maximum extension ⇒ 40th working day, received 2025-01-20 ⇒ 2025-03-21', () => {
    const d = deadline({ receivedOn: '2025-01-20', extension: ext(20) });
    assert.equal(d.baseDueOn, '2025-02-21');
    assert.equal(d.dueOn, '2025-03-21');
    assert.equal(d.extensionWorkingDays, 20);
    assert.equal(d.segments.at(-1)?.kind, 'extension');
    assert.match(d.segments.at(-1)?.label ?? '', /第21至第40个工作日/);
    assert.equal(deadline({ receivedOn: '2025-01-20' }).maxExtendedDueOn, '2025-03-21');
  });

  test('第三十三条第二款: an extension crossing the 2026 Spring Festival (received 2026-01-05, +15 ⇒ 2026-02-28 调休 Saturday; +20 ⇒ 2026-03-06)', () => {
    const over = { approvedOn: '2026-01-28', applicantNotifiedOn: '2026-01-29' };
    const d15 = deadline({ receivedOn: '2026-01-05', extension: ext(15, over) });
    assert.equal(d15.baseDueOn, '2026-02-02');
    assert.equal(d15.dueOn, '2026-02-28');
    const extSeg = d15.segments.find((s) => s.kind === 'extension');
    assert.ok(extSeg?.skipped.some((s) => s.date === '2026-02-17'));
    assert.deepEqual(
      extSeg?.adjustedWorkdays.map((s) => s.date),
      ['2026-02-14', '2026-02-28'],
    );
    assert.equal(deadline({ receivedOn: '2026-01-05', extension: ext(20, over) }).dueOn, '2026-03-06');
    assert.deepEqual(d15.warnings, []);
  });

  const rejected: { name: string; extension: ExtensionInput; field: keyof ExtensionInput }[] = [
    { name: 'RULES rule 6: 21 working days is rejected', extension: ext(21), field: 'workingDays' },
    {
      name: 'RULES rule 6: no approver (工作机构负责人) is rejected',
      extension: ext(10, { approvedBy: ' ' }),
      field: 'approvedBy',
    },
    {
      name: 'RULES rule 6: no applicant notice is rejected',
      extension: ext(10, { applicantNotifiedOn: '' }),
      field: 'applicantNotifiedOn',
    },
    { name: '第三十三条第二款: zero days is not an extension', extension: ext(0), field: 'workingDays' },
    {
      name: '第三十三条第二款: notice before approval is rejected',
      extension: ext(5, { applicantNotifiedOn: '2025-02-09' }),
      field: 'applicantNotifiedOn',
    },
  ];
  for (const c of rejected) {
    test(c.name, () => {
      assert.ok(validateExtension(c.extension)[c.field]);
      assert.throws(
        () => deadline({ receivedOn: '2025-01-20', extension: c.extension }),
        (e: unknown) =>
          e instanceof ExtensionRejectedError &&
          e.code === 'extension.rejected' &&
          typeof e.fieldErrors[c.field] === 'string' &&
          /第三十三条/.test(e.message),
      );
    });
  }

  test('第三十三条第二款: a valid extension has no problems', () => {
    assert.deepEqual(validateExtension(ext(20)), {});
  });

  test('第三十三条第二款: an extension decided after the original deadline is flagged', () => {
    const d = deadline({
      receivedOn: '2025-03-03',
      extension: ext(5, { approvedOn: '2025-04-01', applicantNotifiedOn: '2025-04-01' }),
    });
    assert.deepEqual(
      d.warnings.map((w) => w.code),
      ['extensionAfterDeadline'],
    );
  });
});

describe('条例第三十条 — 补正', () => {
  test('RULES rule 7: received 2024-02-05 ⇒ correction notice due 2024-02-20', () => {
    assert.equal(deadline({ receivedOn: '2024-02-05' }).correctionNoticeDueOn, '2024-02-20');
  });

  test('RULES rule 7: a notice sent after the 7th working day is flagged', () => {
    const d = deadline({
      receivedOn: '2024-02-05',
      correction: { noticeSentOn: '2024-02-21', correctedReceivedOn: '2024-02-26' },
    });
    assert.deepEqual(
      d.warnings.map((w) => w.code),
      ['correctionNoticeLate'],
    );
  });

  test('RULES rule 8: after 补正 the 20 days restart from the corrected application (2025-03-12 ⇒ 2025-04-10, not 2025-03-31)', () => {
    const d = deadline({
      receivedOn: '2025-03-03',
      correction: { noticeSentOn: '2025-03-05', correctedReceivedOn: '2025-03-12' },
    });
    assert.equal(d.clockStartOn, '2025-03-12');
    assert.equal(d.dueOn, '2025-04-10');
    assert.notEqual(d.dueOn, deadline({ receivedOn: '2025-03-03' }).dueOn);
    assert.equal(d.correctionNoticeDueOn, '2025-03-12');
    assert.equal(d.segments[0]?.kind, 'correction');
    assert.equal(d.segments[0]?.counted, false);
  });

  test('第三十条: while the correction is awaited the clock does not run', () => {
    const d = deadline({
      receivedOn: '2025-03-03',
      correction: { noticeSentOn: '2025-03-05', correctionDueOn: '2025-03-20' },
    });
    assert.equal(d.status, 'awaitingCorrection');
    assert.equal(d.dueOn, null);
    assert.equal(d.correctionDueOn, '2025-03-20');
  });

  test('第三十条: a consultation that ended before the restart does not move the new deadline', () => {
    const d = deadline({
      receivedOn: '2025-03-03',
      correction: { noticeSentOn: '2025-03-05', correctedReceivedOn: '2025-03-12' },
      pauses: [{ kind: 'thirdParty', startOn: '2025-03-04', endOn: '2025-03-06' }],
    });
    assert.equal(d.dueOn, '2025-04-10');
    assert.deepEqual(
      d.warnings.map((w) => w.code),
      ['pauseBeforeClockStart'],
    );
  });
});

describe('条例第三十三条第三款 — consultation time is not counted (RULES rule 9)', () => {
  const cases: { name: string; receivedOn: string; pauses: ClockPause[]; paused: number; dueOn: string }[] = [
    {
      name: 'RULES rule 9: a third-party pause of 4 working days moves 2025-03-31 to 2025-04-07 (清明 skipped)',
      receivedOn: '2025-03-03',
      pauses: [{ kind: 'thirdParty', startOn: '2025-03-10', endOn: '2025-03-14' }],
      paused: 4,
      dueOn: '2025-04-07',
    },
    {
      name: '第三十三条第三款: a pause spanning the 2025 National Day holiday counts only its 9 working days (due 2025-10-17 ⇒ 2025-10-30)',
      receivedOn: '2025-09-15',
      pauses: [{ kind: 'otherAgency', startOn: '2025-09-26', endOn: '2025-10-15' }],
      paused: 9,
      dueOn: '2025-10-30',
    },
    {
      name: '第三十三条第三款: overlapping consultations are not counted twice (6 days, not 8)',
      receivedOn: '2025-03-03',
      pauses: [
        { kind: 'thirdParty', startOn: '2025-03-10', endOn: '2025-03-14' },
        { kind: 'otherAgency', startOn: '2025-03-12', endOn: '2025-03-18' },
      ],
      paused: 6,
      dueOn: '2025-04-09',
    },
    {
      name: '第三十三条第三款: two separate consultations add up',
      receivedOn: '2025-03-03',
      pauses: [
        { kind: 'otherAgency', startOn: '2025-03-17', endOn: '2025-03-19' },
        { kind: 'thirdParty', startOn: '2025-03-05', endOn: '2025-03-06' },
      ],
      paused: 3,
      dueOn: '2025-04-03',
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const unpaused = deadline({ receivedOn: c.receivedOn });
      const d = deadline({ receivedOn: c.receivedOn, pauses: c.pauses });
      assert.equal(d.pausedWorkingDays, c.paused);
      assert.equal(d.dueOn, c.dueOn);
      // The deadline shifts by exactly the number of working days paused.
      assert.equal(d.dueOn, addWorkingDays(cal, unpaused.dueOn as string, c.paused).date);
      const counted = d.segments.filter((s) => s.counted).reduce((sum, s) => sum + s.workingDays, 0);
      assert.equal(counted, 20);
    });
  }

  test('第三十三条第三款: the National Day pause segment explains the holiday and the 调休 days', () => {
    const d = deadline({
      receivedOn: '2025-09-15',
      pauses: [{ kind: 'otherAgency', startOn: '2025-09-26', endOn: '2025-10-15' }],
    });
    assert.deepEqual(
      d.segments.map((s) => s.kind),
      ['answerPeriod', 'pause', 'answerPeriod'],
    );
    const pause = d.segments[1];
    assert.equal(pause?.workingDays, 9);
    assert.ok(pause?.skipped.some((s) => s.date === '2025-10-01'));
    assert.ok(pause?.skipped.some((s) => s.date === '2025-10-08'));
    assert.deepEqual(
      pause?.adjustedWorkdays.map((s) => s.date),
      ['2025-09-28', '2025-10-11'],
    );
    assert.match(pause?.label ?? '', /第三十三条第三款/);
    assert.match(d.segments[0]?.label ?? '', /第1至第9个工作日/);
    assert.match(d.segments[2]?.label ?? '', /第10至第20个工作日/);
  });

  test('第三十三条第三款: an open pause stops the clock (status paused, dueOn null, 15 days left)', () => {
    const d = deadline({ receivedOn: '2025-03-03', pauses: [{ kind: 'thirdParty', startOn: '2025-03-10' }] });
    assert.equal(d.status, 'paused');
    assert.equal(d.dueOn, null);
    assert.equal(d.pausedSince, '2025-03-10');
    assert.equal(d.remainingWorkingDays, 15);
    assert.equal(d.segments.at(-1)?.to, null);
  });

  test('第三十三条第三款: a pause that starts after the deadline does not revive it', () => {
    const d = deadline({
      receivedOn: '2025-03-03',
      pauses: [{ kind: 'thirdParty', startOn: '2025-04-01', endOn: '2025-04-10' }],
    });
    assert.equal(d.dueOn, '2025-03-31');
    assert.deepEqual(
      d.warnings.map((w) => w.code),
      ['pauseAfterDeadline'],
    );
  });

  test('第三十三条第三款: a 4-day pause during the extension moves 2025-03-21 to 2025-03-27', () => {
    const d = deadline({
      receivedOn: '2025-01-20',
      extension: ext(20),
      pauses: [{ kind: 'thirdParty', startOn: '2025-03-03', endOn: '2025-03-07' }],
    });
    assert.equal(d.baseDueOn, '2025-02-21');
    assert.equal(d.pausedWorkingDays, 4);
    assert.equal(d.dueOn, '2025-03-27');
  });
});

describe('国办函〔2020〕109号 — fee-pending pause is a setting (RULES §4, UNCONFIRMED)', () => {
  const pauses: ClockPause[] = [{ kind: 'feePending', startOn: '2025-03-10', endOn: '2025-03-14' }];
  test('RULES §4: with pauseWhileFeePending off the clock keeps running, with a warning', () => {
    const d = deadline({ receivedOn: '2025-03-03', pauses });
    assert.equal(d.dueOn, '2025-03-31');
    assert.deepEqual(
      d.warnings.map((w) => w.code),
      ['feePauseNotCounted'],
    );
  });
  test('RULES §4: with pauseWhileFeePending on the waiting days are excluded', () => {
    const d = computeDeadline(cal, { receivedOn: '2025-03-03', pauses, settings: { pauseWhileFeePending: true } });
    assert.equal(d.dueOn, '2025-04-07');
    assert.equal(d.pausedWorkingDays, 4);
  });
});

describe('RULES §5 — calendar years must be confirmed', () => {
  test('RULES §5: a deadline running into 2027 (unconfirmed) is refused', () => {
    assert.throws(() => deadline({ receivedOn: '2026-12-20' }), CalendarYearNotConfirmedError);
    assert.throws(
      () => deadline({ receivedOn: '2027-01-05' }),
      (e: unknown) => e instanceof CalendarYearNotConfirmedError && e.year === 2027,
    );
  });
});

describe('条例第三十三条 — inconsistent input', () => {
  const bad: { name: string; input: DeadlineInput }[] = [
    {
      name: 'pause ending before it starts',
      input: {
        receivedOn: '2025-03-03',
        settings,
        pauses: [{ kind: 'thirdParty', startOn: '2025-03-10', endOn: '2025-03-07' }],
      },
    },
    {
      name: 'pause before receipt',
      input: {
        receivedOn: '2025-03-03',
        settings,
        pauses: [{ kind: 'thirdParty', startOn: '2025-03-01', endOn: '2025-03-07' }],
      },
    },
    {
      name: 'corrected before the notice',
      input: {
        receivedOn: '2025-03-03',
        settings,
        correction: { noticeSentOn: '2025-03-05', correctedReceivedOn: '2025-03-04' },
      },
    },
    {
      name: 'notice before receipt',
      input: { receivedOn: '2025-03-03', settings, correction: { noticeSentOn: '2025-03-02' } },
    },
  ];
  for (const c of bad) {
    test(`第三十三条: ${c.name} is refused with a Chinese message`, () => {
      assert.throws(
        () => computeDeadline(cal, c.input),
        (e: unknown) =>
          e instanceof InfoRequestRuleError &&
          e.code === 'clock.inconsistentDates' &&
          /[\u4e00-\u9fff]/.test(e.message),
      );
    });
  }
});

describe('year boundary of the calendar', () => {
  test('a case received late in the last confirmed year keeps its due date; only the hypothetical maximum extension is unknown', () => {
    const d = computeDeadline(cal, { receivedOn: '2026-11-27', settings: { pauseWhileFeePending: false } });
    assert.equal(d.dueOn, '2026-12-25');
    assert.equal(d.maxExtendedDueOn, null);
    assert.throws(
      () => computeDeadline(cal, { receivedOn: '2026-12-20', settings: { pauseWhileFeePending: false } }),
      CalendarYearNotConfirmedError,
    );
  });
});
