// The checker on whole report texts: the real 2013 town report (seed), clean and corrupted
// fixtures (test/fixtures/reports), and the options. Rule numbers refer to RULES.md.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { checkReportText, reportExitCode } from './check-report-text.ts';

const FIXTURES = new URL('../../../../../test/fixtures/reports/', import.meta.url);
const read = (name: string): string => readFileSync(new URL(name, FIXTURES), 'utf8');
/** Each finding's code, severity, compared numbers and certainty, in order. */
const compared = (r: ReturnType<typeof checkReportText>) =>
  r.findings.map((f) => [f.code, f.severity, f.numbers, f.certainty]);
const SEED = read('seed-lingxi-2013.txt');

describe('checkReportText on the seed (灵溪镇 2013, nine-part structure)', () => {
  const result = checkReportText(SEED);

  it('reads agency, year, format and publication date', () => {
    assert.deepEqual(result.agency, { name: '灵溪镇', kind: 'town', source: 'title' });
    assert.equal(result.year, 2013);
    assert.equal(result.format, 'legacy2008');
    assert.equal(result.publishedOn, '2014-03-04');
  });

  const expected: { code: string; severity: string; evidence: RegExp; message: RegExp }[] = [
    { code: 'total-mismatch', severity: 'error', evidence: /135条,其中组织机构类20条/, message: /135.*133/ },
    {
      code: 'foreign-agency-name',
      severity: 'error',
      evidence: /2013年度高坪乡政府信息公开工作年度报告/,
      message: /高坪乡.*灵溪镇/,
    },
    { code: 'self-reference-level', severity: 'warning', evidence: /我乡/, message: /我乡/ },
    { code: 'missing-contact', severity: 'warning', evidence: /电子邮箱/, message: /电子邮箱/ },
  ];
  for (const e of expected) {
    it(`reports ${e.code} (${e.severity})`, () => {
      const f = result.findings.find((x) => x.code === e.code && e.message.test(x.message));
      assert.ok(f, JSON.stringify(result.findings, null, 1));
      assert.equal(f.severity, e.severity);
      assert.match(f.evidence, e.evidence);
      assert.ok(f.location?.line !== undefined);
    });
  }

  it('reports nothing else: 2013年来/今年来 and the 2014 signature date are fine; no year-mismatch', () => {
    const other = result.findings.filter(
      (f) => !['total-mismatch', 'foreign-agency-name', 'self-reference-level', 'missing-contact'].includes(f.code),
    );
    assert.deepEqual(other, []);
    assert.deepEqual(
      result.findings
        .filter((f) => f.severity === 'error')
        .map((f) => f.code)
        .sort(),
      ['foreign-agency-name', 'total-mismatch'],
    );
  });

  it('exit code is 1 because there are errors', () => {
    assert.equal(reportExitCode(result), 1);
  });

  it('known agency names do not duplicate the 高坪乡 finding and the county above is not foreign', () => {
    const r = checkReportText(SEED, { knownAgencyNames: ['高坪乡', '首车镇', '永顺县人民政府'] });
    assert.equal(r.findings.filter((f) => f.code === 'foreign-agency-name').length, 1);
  });
});

const CLEAN = readdirSync(FIXTURES).filter((f) => f.startsWith('clean-'));

describe('clean fixtures: no error finding (and in fact no finding)', () => {
  it('there are at least five clean fixtures in both formats', () => {
    assert.ok(CLEAN.length >= 5);
    assert.ok(CLEAN.some((f) => f.includes('legacy')) && CLEAN.some((f) => f.includes('national2021')));
  });
  for (const name of CLEAN) {
    it(name, () => {
      const r = checkReportText(read(name));
      assert.equal(reportExitCode(r), 0);
      assert.deepEqual(r.findings, []);
      assert.notEqual(r.format, 'unknown');
      assert.ok(r.agency !== null && r.year !== null);
    });
  }
});

// One row per corrupted fixture: [file, the code it must yield, its severity, the rule it breaks].
const CORRUPTED: [file: string, code: string, severity: 'error' | 'warning', rule: string][] = [
  ['bad-total-mismatch-huangni-town-2015.txt', 'total-mismatch', 'error', 'stated total vs parts'],
  ['bad-table3-row-sum-qingshi-2023.txt', 'table-identity', 'error', 'rules 17, 19'],
  ['bad-table4-total-wangxi-county-2022.txt', 'table-identity', 'error', 'rule 21'],
  ['bad-foreign-agency-baiyun-2022.txt', 'foreign-agency-name', 'error', 'self-describing sentence'],
  ['bad-signature-mismatch-liutang-2018.txt', 'foreign-agency-name', 'error', 'title vs signature'],
  ['bad-missing-section-liutang-2023.txt', 'missing-section', 'error', 'rule 15'],
  ['bad-year-mismatch-baiyun-township-2014.txt', 'year-mismatch', 'error', '统计期限'],
  ['bad-missing-contact-huangni-town-2014.txt', 'missing-contact', 'warning', 'contact paragraph'],
  ['bad-self-reference-baiyun-2021.txt', 'self-reference-level', 'warning', '我镇 in a 乡'],
  ['bad-town-regulation-qingshi-2024.txt', 'town-regulation', 'warning', 'RULES §3.2'],
  ['bad-prose-table2-wangxi-county-2023.txt', 'prose-table-mismatch', 'error', '#15 point 4'],
  ['bad-prose-fees-wangxi-county-2023.txt', 'prose-table-mismatch', 'error', '#15 point 4'],
];

describe('corrupted fixtures: each yields its expected code and nothing else', () => {
  it('every bad-* fixture is covered', () => {
    const files = readdirSync(FIXTURES)
      .filter((f) => f.startsWith('bad-'))
      .sort();
    assert.deepEqual(files, CORRUPTED.map(([file]) => file).sort());
  });
  for (const [file, code, severity, rule] of CORRUPTED) {
    it(`${file} → ${severity} ${code} (${rule})`, () => {
      const r = checkReportText(read(file));
      assert.ok(
        r.findings.some((f) => f.code === code && f.severity === severity),
        JSON.stringify(r.findings, null, 1),
      );
      assert.deepEqual([...new Set(r.findings.map((f) => f.code))], [code]);
      assert.equal(reportExitCode(r), severity === 'error' ? 1 : 0);
    });
  }
});

describe('checkReportText options', () => {
  const clean = read('clean-legacy-qingshi-town-2012.txt');

  it('a given year other than the title’s year is a year-mismatch error', () => {
    const r = checkReportText(clean, { year: 2013 });
    assert.ok(r.findings.some((f) => f.code === 'year-mismatch' && f.severity === 'error'));
  });

  it('a given agency other than the title’s agency is a foreign-agency-name error', () => {
    const r = checkReportText(clean, { agencyName: '白云乡' });
    assert.equal(r.agency?.source, 'option');
    assert.ok(r.findings.some((f) => f.code === 'foreign-agency-name' && f.severity === 'error'));
  });

  it('a given agency equal to the title’s (with 人民政府 or a county prefix) is accepted', () => {
    assert.deepEqual(checkReportText(clean, { agencyName: '望溪县青石镇人民政府' }).findings, []);
  });

  it('rule 14: the town due-date setting makes a 2024 report published 2025-01-20 late', () => {
    const html = read('clean-national2021-liutang-subdistrict-2024.html');
    const r = checkReportText(html, { deadlineSettings: { townDueMonthDay: '01-15' } });
    assert.deepEqual(
      r.findings.map((f) => `${f.severity}:${f.code}`),
      ['warning:late-publication'],
    );
  });

  it('an incomplete text (only the opening) still reports what it can', () => {
    const opening = SEED.split('一、概述')[0] ?? '';
    const r = checkReportText(opening);
    assert.equal(r.agency?.name, '灵溪镇');
    assert.ok(r.findings.some((f) => f.code === 'foreign-agency-name'));
    assert.ok(r.findings.some((f) => f.code === 'format-unknown' && f.severity === 'warning'));
  });

  it('a text with no recognisable agency reports agency-unknown as a warning', () => {
    const r = checkReportText('一、总体情况\n\n本年度主动公开信息若干。');
    assert.equal(r.agency, null);
    assert.ok(r.findings.some((f) => f.code === 'agency-unknown' && f.severity === 'warning'));
  });
});

describe('prose against tables (#15 point 4)', () => {
  it('the edited 2021 fixture (7 → 9 applications; 均获维持 with a case 尚未审结) gives exactly those two findings', () => {
    const r = checkReportText(read('edited-national2021-qingshi-town-2022.txt'));
    assert.deepEqual(
      r.findings.map((f) => [f.code, f.severity, f.numbers]),
      [
        ['prose-table-mismatch', 'error', [9, 7]],
        ['prose-table-mismatch', 'error', [2, 1, 1]],
      ],
    );
    assert.match(r.findings[0]?.evidence ?? '', /新收政府信息公开申请9件/);
    assert.match(r.findings[1]?.message ?? '', /尚未审结1件/);
    assert.equal(reportExitCode(r), 1);
  });

  it('the same prose with matching cells raises nothing', () => {
    const clean = read('clean-national2021-qingshi-town-2022.txt').replace(
      '均在法定期限内答复。',
      '均在法定期限内答复。全年未发生行政复议和行政诉讼。',
    );
    assert.deepEqual(checkReportText(clean).findings, []);
    const upheld = read('edited-national2021-qingshi-town-2022.txt')
      .replace('申请9件', '申请7件')
      .replace('1\t0\t0\t1\t2\t0', '2\t0\t0\t0\t2\t0');
    assert.deepEqual(checkReportText(upheld).findings, []);
  });

  it('「均维持原行政行为」 while table 四 has a lawsuit 纠正 is one finding; 尚未审结 named in the message when there is one', () => {
    const text = read('clean-national2021-wangxi-county-2023.txt').replace(
      '办结67件，结转下年度5件。',
      '办结67件，结转下年度5件。因政府信息公开被提起行政诉讼3件，法院均维持原行政行为。',
    );
    const table4 = text.replace(
      /^2\t1\t0\t1\t4\t1\t0\t0\t1\t2\t1\t0\t0\t0\t1$/m,
      '2\t1\t0\t1\t4\t1\t1\t0\t0\t2\t1\t0\t0\t0\t1',
    );
    assert.notEqual(table4, text);
    const r = checkReportText(table4);
    assert.deepEqual(compared(r), [['prose-table-mismatch', 'error', [3, 2, 0], 'certain']]);
    assert.match(r.findings[0]?.message ?? '', /行政诉讼“均维持”.*结果纠正1件/);
  });

  it('table 二: a count in a sentence against its cell — documents (制发/废止/现行有效), decisions, fee amount', () => {
    const r = checkReportText(read('bad-prose-table2-wangxi-county-2023.txt'));
    assert.deepEqual(compared(r), [
      ['prose-table-mismatch', 'error', [10, 8], 'certain'],
      ['prose-table-mismatch', 'error', [1248, 1284], 'certain'],
      // 公开行政许可信息3500条 counts published items, not decisions: probable, a warning.
      ['prose-table-mismatch', 'warning', [3500, 3562], 'probable'],
    ]);
    assert.match(r.findings[0]?.message ?? '', /表二“行政规范性文件”一行“本年制发件数”为8/);
    assert.match(r.findings[0]?.evidence ?? '', /制发行政规范性文件10件/);
    assert.match(r.findings[1]?.message ?? '', /行政处罚决定1248件，表二“行政处罚”一行“本年处理决定数量”为1284/);
    // The clean text says 「宣布失效和废止3件，现行有效41件」 of 行政规范性文件: the nearest kind, equal cells.
    assert.deepEqual(checkReportText(read('clean-national2021-wangxi-county-2023.txt')).findings, []);
    const repealed = read('clean-national2021-wangxi-county-2023.txt').replace('现行有效41件', '现行有效40件');
    assert.deepEqual(
      checkReportText(repealed).findings.map((f) => [f.code, f.numbers]),
      [['prose-table-mismatch', [40, 41]]],
    );
  });

  it('fees: 信息处理费 in 总体情况 against the statement of 六, 行政事业性收费 against its cell (万元)', () => {
    const r = checkReportText(read('bad-prose-fees-wangxi-county-2023.txt'));
    assert.deepEqual(compared(r), [
      ['prose-table-mismatch', 'error', [1352.67, 1325.67], 'certain'],
      ['prose-table-mismatch', 'error', [200, 0], 'certain'],
    ]);
    assert.match(r.findings[0]?.message ?? '', /本年收费金额（单位：万元）”为1325.67/);
    assert.match(r.findings[1]?.message ?? '', /信息处理费200元.*第六部分.*为0元/);
    // Written in 元, or less precisely, the same amounts raise nothing; 未收取任何费用 is 0.
    const same = read('bad-prose-fees-wangxi-county-2023.txt')
      .replace('1352.67万元', '13256700元')
      .replace('收取信息处理费200元', '未收取任何费用');
    assert.deepEqual(checkReportText(same).findings, []);
    assert.deepEqual(checkReportText(same.replace('13256700元', '1325.7万元')).findings, []);
  });
});
