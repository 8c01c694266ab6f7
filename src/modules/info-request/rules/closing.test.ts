import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { bundledWorkCalendar } from '../../calendar/index.ts';
import { closeForMissingCorrection, closeForUnpaidFee, type AbandonmentState } from './closing.ts';
import { outcomeDefinition } from './outcomes.ts';

const cal = bundledWorkCalendar();

describe('国办函〔2020〕109号 — fee not paid in time ⇒ 视为放弃, table 三 （六）2 (RULES rule 26)', () => {
  const cases: { name: string; paidOn?: string; today: string; state: AbandonmentState }[] = [
    {
      name: 'RULES rule 26: on the last day (2025-10-30) the payment is still pending',
      today: '2025-10-30',
      state: 'pending',
    },
    {
      name: 'RULES rule 26: the day after the 20th working day, unpaid ⇒ abandoned',
      today: '2025-10-31',
      state: 'abandoned',
    },
    {
      name: 'RULES rule 26: paid on the last day ⇒ kept',
      paidOn: '2025-10-30',
      today: '2025-11-05',
      state: 'fulfilled',
    },
    {
      name: 'RULES rule 26: paid after the last day ⇒ still abandoned',
      paidOn: '2025-10-31',
      today: '2025-10-31',
      state: 'abandoned',
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const d = closeForUnpaidFee(cal, { noticeReceivedOn: '2025-09-26', paidOn: c.paidOn ?? null, today: c.today });
      assert.equal(d.lastDayOn, '2025-10-30');
      assert.equal(d.state, c.state);
      assert.equal(d.abandoned, c.state === 'abandoned');
      assert.equal(d.outcomeKey, c.state === 'abandoned' ? 'otherOutcome.feeUnpaid' : null);
    });
  }

  test('RULES rule 26: the fee outcome is row （六）2 of table 三', () => {
    assert.equal(
      outcomeDefinition('otherOutcome.feeUnpaid').rowLabel,
      '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
    );
  });
});

describe('条例第三十条 — no 补正 in time ⇒ 视为放弃, table 三 （六）1 (RULES rule 26)', () => {
  const cases: {
    name: string;
    correctedReceivedOn?: string;
    goodReasonAccepted?: boolean;
    today: string;
    state: AbandonmentState;
  }[] = [
    {
      name: 'RULES rule 26 / 第三十条: on the last day of the period ⇒ pending',
      today: '2025-03-20',
      state: 'pending',
    },
    {
      name: 'RULES rule 26 / 第三十条: the day after, no correction ⇒ abandoned （六）1',
      today: '2025-03-21',
      state: 'abandoned',
    },
    {
      name: '第三十条: corrected in time ⇒ fulfilled',
      correctedReceivedOn: '2025-03-19',
      today: '2025-03-25',
      state: 'fulfilled',
    },
    {
      name: '第三十条: corrected late without good reason ⇒ abandoned',
      correctedReceivedOn: '2025-03-24',
      today: '2025-03-24',
      state: 'abandoned',
    },
    {
      name: '第三十条: late with a good reason (正当理由) accepted ⇒ not abandoned',
      goodReasonAccepted: true,
      today: '2025-03-24',
      state: 'excused',
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const d = closeForMissingCorrection(cal, {
        correctionDueOn: '2025-03-20',
        correctedReceivedOn: c.correctedReceivedOn ?? null,
        goodReasonAccepted: c.goodReasonAccepted ?? false,
        today: c.today,
      });
      assert.equal(d.state, c.state);
      assert.equal(d.abandoned, c.state === 'abandoned');
      assert.equal(d.outcomeKey, c.state === 'abandoned' ? 'otherOutcome.noCorrection' : null);
      if (d.abandoned) assert.match(d.message, /第三十条/);
    });
  }

  test('RULES §5.1 / 民法典第二百零三条: a period ending on 2025-10-01 runs to 2025-10-09 (setting on by default)', () => {
    const d = closeForMissingCorrection(cal, { correctionDueOn: '2025-10-01', today: '2025-10-09' });
    assert.equal(d.lastDayOn, '2025-10-09');
    assert.equal(d.state, 'pending');
  });

  test('RULES §5.1: with the roll-forward setting off the period ends on the set day', () => {
    const d = closeForMissingCorrection(
      cal,
      { correctionDueOn: '2025-10-01', today: '2025-10-02' },
      { rollForwardFromNonWorkingDay: false },
    );
    assert.equal(d.lastDayOn, '2025-10-01');
    assert.equal(d.outcomeKey, 'otherOutcome.noCorrection');
  });

  test('RULES rule 26: the correction outcome is row （六）1 of table 三', () => {
    assert.equal(
      outcomeDefinition('otherOutcome.noCorrection').rowLabel,
      '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
    );
  });
});
