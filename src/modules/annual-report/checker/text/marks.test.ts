import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { finding, type Finding } from '../findings.ts';
import { checkReportText } from './check-report-text.ts';
import { markFindings } from './marks.ts';

const at = (offset: number, line = 1): Finding => finding('total-mismatch', 'error', 'm', 'e', { line, offset });

describe('markFindings: each finding to its place in the text (#15 point 6)', () => {
  const text = '一、总体情况\n全年新收申请9件。办结7件。\n二、主动公开\n';

  it('marks the sentence around the offset and keeps the text whole', () => {
    const r = markFindings(text, [at(text.indexOf('新收'), 2)]);
    assert.equal(r.pieces.map((p) => p.text).join(''), text);
    assert.deepEqual(
      r.pieces.filter((p) => p.mark).map((p) => [p.mark, p.text]),
      [[1, '全年新收申请9件。']],
    );
    assert.deepEqual(r.markOf, [1]);
  });

  it('merges findings in one sentence, numbers marks in text order, line-only findings mark their line', () => {
    const late = at(text.indexOf('办结'), 2);
    const early = at(text.indexOf('9件'), 2);
    const lineOnly = finding('missing-contact', 'warning', 'm', 'e', { line: 3 });
    const whole = finding('agency-unknown', 'warning', 'm', 'e');
    const r = markFindings(text, [late, lineOnly, early, whole, at(text.indexOf('全年'), 2)]);
    assert.deepEqual(
      r.pieces.filter((p) => p.mark).map((p) => [p.mark, p.text]),
      [
        [1, '全年新收申请9件。'],
        [2, '办结7件。'],
        [3, '二、主动公开'],
      ],
    );
    assert.deepEqual(r.markOf, [2, 3, 1, null, 1]);
    assert.equal(r.pieces.map((p) => p.text).join(''), text);
  });

  it('a run-on paragraph: the mark stays near its offset', () => {
    const long = `${'甲'.repeat(1000)}合计10条，其中5条${'乙'.repeat(1000)}`;
    const r = markFindings(long, [at(1000)]);
    const mark = r.pieces.find((p) => p.mark)?.text ?? '';
    assert.ok(mark.includes('合计10条') && mark.length <= 400, String(mark.length));
  });

  it('on the seed report, the 135 ≠ 133 finding marks the sentence stating 135', async () => {
    const { readFileSync } = await import('node:fs');
    const seed = readFileSync(
      new URL('../../../../../test/fixtures/reports/seed-lingxi-2013.txt', import.meta.url),
      'utf8',
    );
    const result = checkReportText(seed, { year: 2013 });
    const r = markFindings(seed, result.findings);
    const i = result.findings.findIndex((f) => f.code === 'total-mismatch');
    const n = r.markOf[i];
    assert.ok(n, 'the total has a place');
    assert.match(r.pieces.find((p) => p.mark === n)?.text ?? '', /135/);
  });
});
