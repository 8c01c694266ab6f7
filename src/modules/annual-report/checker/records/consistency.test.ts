// Tests of the typed consistency check (RULES.md §3.3–§3.4; rules 15, 17, 18, 19, 21, 22) and of
// the narrative checks on agency names, self-references and years.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkAnnualReport } from './consistency.ts';
import type { ConsistencyOptions } from './consistency.ts';
import type { Finding } from '../findings.ts';
import { TABLE3_2021_ROW_KEYS } from '../../format/national2021.ts';
import { TABLE3_2019_ROW_KEYS } from '../../format/national2019.ts';
import type {
  National2019ReportData,
  National2021ReportData,
  Table3Data2019,
  Table3Data2021,
  Table3Row,
} from '../../report-data.ts';

function row(naturalPerson = 0, commercialEnterprise = 0, otherOrganisation = 0): Table3Row {
  return {
    naturalPerson,
    commercialEnterprise,
    researchInstitution: 0,
    publicInterestOrganisation: 0,
    legalServiceProvider: 0,
    otherOrganisation,
    total: naturalPerson + commercialEnterprise + otherOrganisation,
  };
}

function table3(): Table3Data2021 {
  const t = Object.fromEntries(TABLE3_2021_ROW_KEYS.map((k) => [k, row()])) as Table3Data2021;
  t.newlyReceived = row(6, 1, 1);
  t.carriedOver = row(1);
  t.disclosed = row(3, 1);
  t.partlyDisclosed = row(1);
  t['unavailable.notHeld'] = row(1, 0, 1);
  t['notProcessed.petitionOrComplaint'] = row(1);
  t.total = row(6, 1, 1);
  t.carriedForward = row(1);
  return t;
}

const zero = { upheld: 0, corrected: 0, other: 0, pending: 0, total: 0 };

function buildReport(overrides: Partial<National2021ReportData> = {}): National2021ReportData {
  return {
    format: 'national2021',
    year: 2022,
    agency: { name: '青石镇', kind: 'town' },
    contact: {
      office: '青石镇党政综合办公室',
      address: '望溪县青石镇新街路18号',
      postcode: '427100',
      phone: '0744-6612305',
      email: 'qsz_zwgk@163.com',
    },
    narratives: {
      overview:
        '2022年，青石镇持续推进基层政务公开标准化规范化。本报告所列数据的统计期限自2022年1月1日起至2022年12月31日止。',
      problems: '一是政策解读偏少。2023年，我镇将每季度发布政策图解，力争到2025年实现重点政策解读全覆盖。',
      other: '本年度未收取信息处理费。',
    },
    table2: {
      regulation: { issued: 0, repealed: 0, inForce: 0 },
      normativeDocument: { issued: 1, repealed: 0, inForce: 3 },
      administrativeLicensing: { decisions: 12 },
      administrativePenalty: { decisions: 5 },
      administrativeCoercion: { decisions: 0 },
      administrativeFee: { amount: 0.35 },
    },
    table3: table3(),
    table4: {
      reconsideration: { ...zero },
      lawsuitDirect: { ...zero },
      lawsuitAfterReconsideration: { upheld: 1, corrected: 0, other: 0, pending: 1, total: 2 },
    },
    ...overrides,
  };
}

function codes(findings: readonly Finding[]): string[] {
  return findings.map((f) => `${f.severity}:${f.code}`);
}

describe('checkAnnualReport — a consistent report', () => {
  it('has no findings at all', () => {
    assert.deepEqual(
      checkAnnualReport(buildReport(), { publishedOn: '2023-01-16', knownAgencyNames: ['白云乡', '望溪县人民政府'] }),
      [],
    );
  });

  it('works on the 2019/2020 trial format with （六）其他处理 as one row (rule 20)', () => {
    const t3 = Object.fromEntries(TABLE3_2019_ROW_KEYS.map((k) => [k, row()])) as Table3Data2019;
    t3.newlyReceived = row(2);
    t3.disclosed = row(1);
    t3.otherOutcome = row(1);
    t3.total = row(2);
    const base = buildReport({ year: 2020 });
    const data: National2019ReportData = {
      ...base,
      format: 'national2019',
      narratives: { overview: '2020年，白云乡推进政务公开。', problems: '无。', other: '无。' },
      agency: { name: '白云乡', kind: 'township' },
      table2: {
        regulation: { newlyMade: 0, newlyPublished: 0, publishedTotal: 0 },
        normativeDocument: { newlyMade: 1, newlyPublished: 1, publishedTotal: 4 },
        administrativeLicensing: { previousYearCount: 2, change: 0, decisions: 15 },
        otherExternalService: { previousYearCount: 5, change: -1, decisions: 30 },
        administrativePenalty: { previousYearCount: 0, change: 0, decisions: 0 },
        administrativeCoercion: { previousYearCount: 0, change: 0, decisions: 0 },
        administrativeFee: { previousYearCount: 0, change: 0 },
        centralisedProcurement: { projectCount: 1, amount: 12.5 },
      },
      table3: t3,
    };
    assert.deepEqual(checkAnnualReport(data), []);
    t3.total = row(3);
    assert.ok(codes(checkAnnualReport(data)).includes('error:table-identity'));
  });
});

describe('checkAnnualReport — table identities', () => {
  const cases: {
    name: string;
    mutate: (d: National2021ReportData) => void;
    expect: string;
    location?: Record<string, string>;
  }[] = [
    {
      name: 'rule 17: 总计 ≠ 自然人 + … + 其他 in a row',
      mutate: (d) => {
        d.table3.disclosed.total = 5;
      },
      expect: 'error:table-identity',
      location: { table: 'table3', row: 'disclosed', column: 'total' },
    },
    {
      name: 'rule 18: 一 + 二 ≠ （七）总计 + 四 in a column',
      mutate: (d) => {
        d.table3.carriedForward = row(2);
      },
      expect: 'error:table-identity',
      location: { table: 'table3', column: 'naturalPerson' },
    },
    {
      name: 'rule 19: （七）总计 ≠ Σ result rows',
      mutate: (d) => {
        d.table3['withheld.stateSecret'] = row(1);
      },
      expect: 'error:table-identity',
      location: { table: 'table3', row: 'total', column: 'naturalPerson' },
    },
    {
      name: 'rule 21: table 四 总计 ≠ 维持 + 纠正 + 其他 + 尚未审结',
      mutate: (d) => {
        d.table4.reconsideration = { upheld: 1, corrected: 1, other: 0, pending: 0, total: 3 };
      },
      expect: 'error:table-identity',
      location: { table: 'table4', column: 'reconsideration.total' },
    },
    {
      name: 'all cells are non-negative integers (table 三)',
      mutate: (d) => {
        d.table3['withheld.stateSecret'] = { ...row(), naturalPerson: -1, total: -1 };
      },
      expect: 'error:invalid-number',
    },
    {
      name: 'all cells are non-negative integers (table 三, fractional)',
      mutate: (d) => {
        d.table3.carriedOver = { ...row(1), naturalPerson: 0.5, total: 0.5 };
      },
      expect: 'error:invalid-number',
    },
    {
      name: 'rule 16: table 二 fee is a non-negative amount (万元), counts are integers',
      mutate: (d) => {
        d.table2.administrativeFee.amount = -0.2;
        d.table2.administrativePenalty.decisions = 2.5;
      },
      expect: 'error:invalid-number',
    },
    {
      name: 'rule 21: table 四 cells are non-negative integers',
      mutate: (d) => {
        d.table4.lawsuitDirect = { ...zero, pending: -1, total: -1 };
      },
      expect: 'error:invalid-number',
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const d = buildReport();
      c.mutate(d);
      const found = checkAnnualReport(d);
      assert.ok(codes(found).includes(c.expect), JSON.stringify(found, null, 1));
      if (c.location)
        assert.ok(
          found.some((f) => JSON.stringify(f.location) === JSON.stringify(c.location)),
          JSON.stringify(found.map((f) => f.location)),
        );
      for (const f of found) assert.match(f.message, /[\u4e00-\u9fa5]/);
    });
  }

  it('a fractional fee in 万元 is fine (rule 16: decimals allowed)', () => {
    const d = buildReport();
    d.table2.administrativeFee.amount = 1325.67;
    assert.deepEqual(checkAnnualReport(d), []);
  });

  it('rule 22: 二、上年结转 ≠ last year’s 四、结转下年度继续办理 is a warning per column', () => {
    const found = checkAnnualReport(buildReport({ previousYearCarriedForward: row(2) }));
    assert.deepEqual(codes(found), ['warning:carry-over-mismatch', 'warning:carry-over-mismatch']);
    assert.deepEqual(checkAnnualReport(buildReport({ previousYearCarriedForward: row(1) })), []);
  });
});

describe('checkAnnualReport — agency, sections, years, contact', () => {
  const base = buildReport();
  const cases: { name: string; data: National2021ReportData; options?: ConsistencyOptions; expect: string[] }[] = [
    {
      name: 'RULES §3.2: a town reporting 规章 gets a warning, not an error',
      data: buildReport({ table2: { ...base.table2, regulation: { issued: 0, repealed: 0, inForce: 2 } } }),
      expect: ['warning:town-regulation'],
    },
    {
      name: 'RULES §3.2: a county government reporting 规章 gets no town warning',
      data: buildReport({
        agency: { name: '望溪县人民政府', kind: 'countyGovernment' },
        table2: { ...base.table2, regulation: { issued: 0, repealed: 0, inForce: 2 } },
        narratives: { ...base.narratives, problems: '一是政策解读偏少。' },
      }),
      expect: [],
    },
    {
      name: 'rule 15: a missing narrative section is an error',
      data: buildReport({ narratives: { overview: base.narratives.overview, other: '无。' } }),
      expect: ['error:missing-section'],
    },
    {
      name: 'rule 15: an empty narrative section is an error',
      data: buildReport({ narratives: { ...base.narratives, other: '  ' } }),
      expect: ['error:empty-section'],
    },
    {
      name: 'the 2021 format used for a 2020 report is an error',
      data: buildReport({
        year: 2020,
        narratives: { overview: '2020年，青石镇推进政务公开。', problems: '无。', other: '无。' },
      }),
      expect: ['error:year-mismatch'],
    },
    {
      name: 'another town’s name where the report describes itself is an error',
      data: buildReport({
        narratives: { ...base.narratives, overview: '现将白云乡2022年度政府信息公开工作年度报告公布如下。' },
      }),
      options: { knownAgencyNames: ['白云乡'] },
      expect: ['error:foreign-agency-name'],
    },
    {
      name: 'a known peer’s name elsewhere is a warning; the county above is not foreign',
      data: buildReport({
        narratives: {
          ...base.narratives,
          overview: '2022年，青石镇与白云乡联合开展政策宣讲，望溪县人民政府办公室进行了督查。',
        },
      }),
      options: { knownAgencyNames: ['白云乡', '望溪县人民政府'] },
      expect: ['warning:foreign-agency-name'],
    },
    {
      name: 'a town calling itself 我乡 gets a warning',
      data: buildReport({
        narratives: { ...base.narratives, problems: '下一步，我乡将加强培训，全乡各村同步更新公开栏。' },
      }),
      expect: ['warning:self-reference-level', 'warning:self-reference-level'],
    },
    {
      name: 'a township calling itself 我镇 gets a warning',
      data: buildReport({
        agency: { name: '白云乡', kind: 'township' },
        narratives: { ...base.narratives, overview: '2022年，我镇推进政务公开。', problems: '无。' },
      }),
      expect: ['warning:self-reference-level'],
    },
    {
      name: '乡镇 and 乡村振兴 in a town’s report are not self-references',
      data: buildReport({
        narratives: { ...base.narratives, overview: '2022年，青石镇落实全乡镇政务公开要求，推进本乡村振兴项目公开。' },
      }),
      expect: [],
    },
    {
      name: 'a 统计期限 in another year is an error',
      data: buildReport({
        narratives: { ...base.narratives, overview: '本报告所列数据的统计期限自2021年1月1日起至2021年12月31日止。' },
      }),
      expect: ['error:year-mismatch'],
    },
    {
      name: 'a sentence opening with an earlier year and 我镇 is a warning (reused text)',
      data: buildReport({ narratives: { ...base.narratives, overview: '2021年，我镇全年主动公开政府信息200条。' } }),
      expect: ['warning:year-mismatch'],
    },
    {
      name: 'a year after the publication year is a warning unless it is a target',
      data: buildReport({ narratives: { ...base.narratives, other: '2026年完成了平台改版。' } }),
      options: { publishedOn: '2023-01-16' },
      expect: ['warning:year-mismatch'],
    },
    {
      name: 'contact fields complete: a blank e-mail is a warning, a 5-digit postcode too',
      data: buildReport({ contact: { ...base.contact, email: '', postcode: '42710' } }),
      expect: ['warning:invalid-contact', 'warning:missing-contact'],
    },
    {
      name: 'rule 14: published after the town due date (default 01-31) is a warning',
      data: buildReport(),
      options: { publishedOn: '2023-02-10' },
      expect: ['warning:late-publication'],
    },
    {
      name: 'rule 14: the town due date comes from the setting',
      data: buildReport(),
      options: { publishedOn: '2023-02-10', deadlineSettings: { townDueMonthDay: '02-20' } },
      expect: [],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      assert.deepEqual(codes(checkAnnualReport(c.data, c.options)), c.expect);
    });
  }
});

describe('checkAnnualReport — the narratives against tables 二 and the fees (#15 points 4, 5)', () => {
  const base = buildReport();
  const withOverview = (overview: string): National2021ReportData =>
    buildReport({ narratives: { ...base.narratives, overview, other: '无。' } });

  it('counts and amounts equal to table 二 and the recorded fees raise nothing', () => {
    const data = withOverview(
      '2022年，青石镇制发行政规范性文件1件，现行有效3件；作出行政许可决定12件、行政处罚决定5件；行政事业性收费0.35万元；收取信息处理费20元。',
    );
    assert.deepEqual(checkAnnualReport(data, { fees: { informationProcessing: 20 } }), []);
  });

  it('a count that differs from its table 二 cell is an error citing both numbers', () => {
    const findings = checkAnnualReport(withOverview('2022年，青石镇制发行政规范性文件2件，作出行政处罚决定6件。'));
    assert.deepEqual(
      findings.map((f) => [f.severity, f.code, f.numbers, f.location]),
      [
        ['error', 'prose-table-mismatch', [2, 1], { section: 'overview', offset: 9 }],
        ['error', 'prose-table-mismatch', [6, 5], { section: 'overview', offset: 23 }],
      ],
    );
  });

  it('a fee sentence that differs from the fees recorded on applications is an error; without the figure, nothing', () => {
    const data = withOverview('2022年，青石镇收取信息处理费50元。');
    assert.deepEqual(
      checkAnnualReport(data, { fees: { informationProcessing: 20 } }).map((f) => [f.code, f.numbers, f.message]),
      [['prose-table-mismatch', [50, 20], '文中写“信息处理费50元”，按申请登记的缴费记录计算的信息处理费为20元。']],
    );
    assert.deepEqual(checkAnnualReport(data), []);
    // 「本年度未收取信息处理费」 (section 六) while fees were recorded.
    assert.deepEqual(codes(checkAnnualReport(base, { fees: { informationProcessing: 20 } })), [
      'error:prose-table-mismatch',
    ]);
  });
});
