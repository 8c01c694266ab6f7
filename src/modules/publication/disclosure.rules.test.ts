// 公开属性 rules (条例 第十三条–第十六条, 第十八条), table-driven.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  addMonths,
  attributeReviewCutoff,
  attributeReviewDueOn,
  DISCLOSURE_GROUNDS,
  disclosureProblems,
} from './disclosure.rules.ts';

test('disclosureProblems: a mode; a ground that fits a non-public mode (条例 第十四–十六条)', () => {
  const cases: [string, string, string, string[]][] = [
    ['proactive', '', '', []],
    ['proactive', 'a14.secret', '', []],
    ['', '', '', ['disclosureMode']],
    ['public', '', '', ['disclosureMode']],
    ['onRequest', '', '', ['disclosureGround']],
    ['onRequest', 'a13.particular', '', []],
    ['onRequest', 'a15.thirdParty', '', []],
    // 第十四条 binds: never left to a request.
    ['onRequest', 'a14.secret', '', ['disclosureGround']],
    ['withheld', 'a14.security', '', []],
    ['withheld', 'a16.enforcement', '', []],
    // Information only about particular persons is given on request, not withheld.
    ['withheld', 'a13.particular', '', ['disclosureGround']],
    ['withheld', 'unknown', '', ['disclosureGround']],
    ['withheld', 'a16.internal', '说'.repeat(501), ['disclosureNote']],
  ];
  for (const [mode, ground, note, fields] of cases)
    assert.deepEqual(Object.keys(disclosureProblems(mode, ground, note)), fields, `${mode} ${ground}`);
});

test('every ground cites 条例 and justifies at least one non-public mode', () => {
  for (const g of DISCLOSURE_GROUNDS) {
    assert.match(g.article, /^条例第十[三四五六]条/);
    assert.ok(g.modes.length > 0);
  }
  assert.equal(new Set(DISCLOSURE_GROUNDS.map((g) => g.key)).size, DISCLOSURE_GROUNDS.length);
});

test('addMonths keeps the day, or the last day of a shorter month', () => {
  const cases: [string, number, string][] = [
    ['2025-06-02', 12, '2026-06-02'],
    ['2025-06-02', 6, '2025-12-02'],
    ['2024-02-29', 12, '2025-02-28'],
    ['2025-01-31', 1, '2025-02-28'],
    ['2025-12-15', 1, '2026-01-15'],
    ['2026-01-15', -1, '2025-12-15'],
    ['2025-03-31', -1, '2025-02-28'],
  ];
  for (const [d, m, want] of cases) assert.equal(addMonths(d, m), want, `${d} + ${m}`);
});

test('条例 第十八条: due on the decision day plus the interval; the cutoff is the latest day already due', () => {
  const cases: [string, number, string][] = [
    ['2026-06-02', 12, '2025-06-02'],
    ['2025-12-02', 6, '2025-06-02'],
    // 2024-02-29 + 12 months is 2025-02-28: due that day, with 2024-02-28.
    ['2025-02-28', 12, '2024-02-29'],
    ['2025-03-01', 12, '2024-03-01'],
  ];
  for (const [today, months, want] of cases) {
    const cutoff = attributeReviewCutoff(today, months);
    assert.equal(cutoff, want, `${today} / ${months}`);
    assert.ok(attributeReviewDueOn(cutoff, months) <= today);
    const next = new Date(Date.parse(`${cutoff}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    assert.ok(attributeReviewDueOn(next, months) > today);
  }
});
