// Table-driven tests of the comment period's rules (《重大行政决策程序暂行条例》第十五条; 民法典 第二百零一条).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  checkPeriod,
  checkVerdict,
  feedbackCounts,
  feedbackRefusal,
  feedbackSentence,
  periodDays,
  phaseOf,
} from './comment-period.rules.ts';

test('periodDays: the first day is not counted (民法典 第二百零一条)', () => {
  for (const [from, to, days] of [
    ['2025-06-02', '2025-07-02', 30],
    ['2025-06-02', '2025-07-01', 29],
    ['2025-02-01', '2025-03-03', 30],
    ['2024-12-20', '2025-01-19', 30],
    ['2025-06-02', '2025-06-02', 0],
  ] as const)
    assert.equal(periodDays(from, to), days, `${from} → ${to}`);
});

test('checkPeriod: 重大行政决策 at least the setting (30 days) unless the shortening is explained (第十五条)', () => {
  const base = { opensOn: '2025-06-02', majorMinimumDays: 30, shortenedReason: '' };
  const cases: [string, boolean, string, number, string | null][] = [
    ['2025-07-02', true, '', 30, null],
    ['2025-07-01', true, '', 30, 'shortenedReason'],
    ['2025-07-01', true, '防汛工作紧急', 30, null],
    ['2025-06-09', false, '', 30, null],
    ['2025-07-10', true, '', 45, 'shortenedReason'],
    ['2025-07-17', true, '', 45, null],
    ['2025-06-02', false, '', 30, 'closesOn'],
    ['2025-06-01', true, '紧急', 30, 'closesOn'],
  ];
  for (const [closesOn, majorDecision, shortenedReason, majorMinimumDays, field] of cases) {
    const errors = checkPeriod({ ...base, closesOn, majorDecision, shortenedReason, majorMinimumDays });
    assert.deepEqual(
      Object.keys(errors),
      field ? [field] : [],
      `${closesOn} major=${majorDecision} min=${majorMinimumDays}`,
    );
  }
  const msg = checkPeriod({ ...base, closesOn: '2025-06-22', majorDecision: true })['shortenedReason'] ?? '';
  assert.match(msg, /不少于 30 日（现为 20 日，《重大行政决策程序暂行条例》第十五条）/);
});

test('phaseOf: draft, upcoming, open through the closing day, closed after', () => {
  const p = { publishedAt: '2025-06-01T02:00:00Z', opensOn: '2025-06-02', closesOn: '2025-07-02' };
  for (const [today, phase] of [
    ['2025-06-01', 'upcoming'],
    ['2025-06-02', 'open'],
    ['2025-07-02', 'open'],
    ['2025-07-03', 'closed'],
  ] as const)
    assert.equal(phaseOf(p, today), phase, today);
  assert.equal(phaseOf({ ...p, publishedAt: null }, '2025-06-10'), 'draft');
});

test('checkVerdict: 部分采纳 and 未采纳 need a reason, 采纳 does not', () => {
  for (const [verdict, reason, field] of [
    ['adopted', '', null],
    ['partlyAdopted', '', 'verdictReason'],
    ['partlyAdopted', '已采纳前半部分', null],
    ['notAdopted', ' ', 'verdictReason'],
    ['notAdopted', '超出本办法调整范围', null],
    ['maybe', '', 'verdict'],
    ['', '理由', 'verdict'],
  ] as const)
    assert.deepEqual(Object.keys(checkVerdict(verdict, reason)), field ? [field] : [], `${verdict}/${reason}`);
});

test('feedback: counts, refusal until closed and every comment decided, the sentence', () => {
  const c = feedbackCounts(['adopted', 'notAdopted', 'partlyAdopted', 'adopted', '']);
  assert.deepEqual(c, { total: 5, adopted: 2, partlyAdopted: 1, notAdopted: 1, undecided: 1 });
  assert.match(feedbackRefusal('open', c) ?? '', /征集期结束后/);
  assert.match(feedbackRefusal('closed', c) ?? '', /还有 1 条意见未标注/);
  const done = feedbackCounts(['adopted', 'notAdopted', 'partlyAdopted', 'adopted']);
  assert.equal(feedbackRefusal('closed', done), null);
  assert.equal(feedbackSentence(done), '征集期内共收到意见 4 条，其中采纳 2 条、部分采纳 1 条、未采纳 1 条。');
  assert.equal(feedbackSentence(feedbackCounts([])), '征集期内未收到意见。');
});
