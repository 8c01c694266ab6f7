// The corpus test (#15): the checker on real published annual reports (test/fixtures/corpus/, see
// docs/CHECKER-CORPUS.md). Every hand-written expected finding must be raised with its code,
// severity and numbers, and no other finding may be an error. Prints precision and recall.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { Finding } from '../findings.ts';
import { checkReportText } from './check-report-text.ts';

interface Expected {
  code: string;
  severity: 'error' | 'warning';
  numbers: number[];
}
interface Sidecar {
  file: string;
  source: string;
  retrieved: string;
  excerpt: boolean;
  province: string;
  level: string;
  year: number;
  format: string;
  layout: string[];
  expected: Expected[];
}

const DIR = join(import.meta.dirname, '../../../../../test/fixtures/corpus');
const sidecars = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => JSON.parse(readFileSync(join(DIR, f), 'utf8')) as Sidecar);

function matches(f: Finding, e: Expected): boolean {
  return f.code === e.code && f.severity === e.severity && e.numbers.every((n) => (f.numbers ?? []).includes(n));
}

let expectedCount = 0;
let found = 0;
let falseErrors = 0;

describe('the checker on the corpus of real reports', () => {
  it('the corpus is what the issue asks for (≥ 40 reports, ≥ 15 provinces, 2008–2025, every level, every format)', () => {
    assert.ok(sidecars.length >= 40, `${sidecars.length} reports`);
    assert.ok(new Set(sidecars.map((s) => s.province)).size >= 15);
    const years = sidecars.map((s) => s.year);
    assert.ok(Math.min(...years) <= 2008 && Math.max(...years) >= 2025);
    for (const level of ['province', 'city', 'county', 'town', 'township', 'subDistrict', 'county-department'])
      assert.ok(
        sidecars.some((s) => s.level === level),
        level,
      );
    for (const format of ['legacy2008', 'national2019', 'national2021'])
      assert.ok(
        sidecars.some((s) => s.format === format),
        format,
      );
    for (const s of sidecars) assert.match(s.source, /^https?:\/\//, s.file);
  });

  for (const s of sidecars) {
    it(`${s.file}: ${s.expected.length === 0 ? 'no error' : s.expected.map((e) => `${e.code} ${e.numbers.join('/')}`).join('; ')}`, () => {
      const text = readFileSync(join(DIR, s.file), 'utf8');
      const result = checkReportText(text, { incomplete: s.excerpt });
      const missing = s.expected.filter((e) => !result.findings.some((f) => matches(f, e)));
      const unexpected = result.findings.filter(
        (f) => f.severity === 'error' && !s.expected.some((e) => matches(f, e)),
      );
      expectedCount += s.expected.length;
      found += s.expected.length - missing.length;
      falseErrors += unexpected.length;
      assert.deepEqual(
        { missing, unexpected: unexpected.map((f) => `${f.code}: ${f.message} | ${f.evidence}`) },
        { missing: [], unexpected: [] },
      );
    });
  }

  after(() => {
    const recall = expectedCount === 0 ? 1 : found / expectedCount;
    const precision = found + falseErrors === 0 ? 1 : found / (found + falseErrors);
    console.log(
      `corpus: ${sidecars.length} reports, ${expectedCount} expected findings, ${found} raised, ${falseErrors} false errors; ` +
        `recall ${(recall * 100).toFixed(1)} %, precision ${(precision * 100).toFixed(1)} %`,
    );
  });
});
