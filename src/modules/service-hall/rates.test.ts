import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeRates, formatRate } from './rates.ts';
import type { CaseCounts, CaseRates } from './rates.ts';

function buildCounts(overrides: Partial<CaseCounts> = {}): CaseCounts {
  return {
    received: 0,
    accepted: 0,
    completedInTime: 0,
    acceptedAndDue: 0,
    overdue: 0,
    deemedApprovals: 0,
    ...overrides,
  };
}

test('computeRates', () => {
  const cases: Array<[Partial<CaseCounts>, CaseRates]> = [
    [{}, { acceptanceRate: null, completionRate: null, overdueRate: null, deemedApprovalRate: null }],
    [
      { received: 10, accepted: 10, acceptedAndDue: 8, completedInTime: 8 },
      { acceptanceRate: 1, completionRate: 1, overdueRate: 0, deemedApprovalRate: 0 },
    ],
    [
      { received: 4, accepted: 3, acceptedAndDue: 3, completedInTime: 2, overdue: 1, deemedApprovals: 1 },
      { acceptanceRate: 0.75, completionRate: 2 / 3, overdueRate: 1 / 3, deemedApprovalRate: 1 / 3 },
    ],
    // Received but nothing accepted yet: no completion rate.
    [{ received: 5 }, { acceptanceRate: 0, completionRate: null, overdueRate: null, deemedApprovalRate: null }],
    // Accepted cases all still inside their time limit.
    [
      { received: 2, accepted: 2 },
      { acceptanceRate: 1, completionRate: null, overdueRate: null, deemedApprovalRate: null },
    ],
  ];
  for (const [overrides, expected] of cases)
    assert.deepEqual(computeRates(buildCounts(overrides)), expected, JSON.stringify(overrides));
});

test('computeRates rejects counts that cannot come from records', () => {
  const cases: Array<[Partial<CaseCounts>, string]> = [
    [{ received: -1 }, '收件数必须是非负整数，实际为“-1”。'],
    [{ received: 1.5 }, '收件数必须是非负整数，实际为“1.5”。'],
    [{ overdue: Number.NaN }, '超期数必须是非负整数，实际为“NaN”。'],
    [{ received: 1, accepted: 2 }, '受理数（2）不能大于收件数（1）。'],
    [{ received: 2, accepted: 1, acceptedAndDue: 2 }, '已到期受理数（2）不能大于受理数（1）。'],
    [{ received: 2, accepted: 2, acceptedAndDue: 1, completedInTime: 2 }, '按时办结数（2）不能大于已到期受理数（1）。'],
    [{ received: 2, accepted: 2, acceptedAndDue: 1, overdue: 2 }, '超期数（2）不能大于已到期受理数（1）。'],
    [{ received: 2, accepted: 2, acceptedAndDue: 1, deemedApprovals: 2 }, '超时默许数（2）不能大于已到期受理数（1）。'],
    [
      { received: 3, accepted: 3, acceptedAndDue: 2, completedInTime: 2, overdue: 1 },
      '按时办结数（2）与超期数（1）之和不能大于已到期受理数（2）。',
    ],
  ];
  for (const [overrides, message] of cases) {
    assert.throws(() => computeRates(buildCounts(overrides)), new RangeError(message), JSON.stringify(overrides));
  }
});

test('formatRate', () => {
  const cases: Array<[number | null, string]> = [
    [null, '—'],
    [Number.NaN, '—'],
    [1, '100%'],
    [0, '0%'],
    [2 / 3, '66.7%'],
    [1 / 3, '33.3%'],
    [0.5, '50%'],
    [0.125, '12.5%'],
    [0.6665, '66.7%'],
    [0.0005, '0.1%'],
    [0.1, '10%'],
    [0.07, '7%'],
    // Never 100% below 1, never 0% above 0.
    [999 / 1000, '99.9%'],
    [9999 / 10000, '99.9%'],
    [1 / 5000, '0.1%'],
    [1 / 100000, '0.1%'],
  ];
  for (const [rate, expected] of cases) assert.equal(formatRate(rate), expected, String(rate));
});

test('formatRate of computed rates', () => {
  const rates = computeRates(
    buildCounts({ received: 3, accepted: 3, acceptedAndDue: 3, completedInTime: 2, overdue: 1 }),
  );
  assert.deepEqual(
    [rates.acceptanceRate, rates.completionRate, rates.overdueRate, rates.deemedApprovalRate].map(formatRate),
    ['100%', '66.7%', '33.3%', '0%'],
  );
  assert.equal(formatRate(computeRates(buildCounts()).completionRate), '—');
});
