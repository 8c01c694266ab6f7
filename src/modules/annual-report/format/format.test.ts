// Tests of the report formats as data: RULES.md §3.1–§3.5, rules 15, 16, 20 (and the table 四
// header of rule 21), plus the pre-2019 nine-part structure of §2.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { LEGACY_2008_SECTIONS, renderLegacyOpening } from './legacy2008.ts';
import { NATIONAL_2019_FORMAT, NATIONAL_2019_TABLE3 } from './national2019.ts';
import {
  NATIONAL_2021_FORMAT,
  NATIONAL_2021_TABLE2,
  NATIONAL_2021_TABLE3,
  NATIONAL_2021_TABLE4,
  TABLE3_2021_ROW_KEYS,
} from './national2021.ts';
import type { GridCell } from './types.ts';
import { APPLICANT_KINDS, OUTCOMES, TOTAL_COLUMN_LABEL, TOTAL_ROW_LABEL } from '../../info-request/rules/index.ts';

// The outcome rows and applicant columns are the info-request outcomes and applicant kinds, whose
// exact printed labels are asserted in info-request/rules/outcomes.test.ts; here, the table's
// structure around them.
const TABLE3_LABELS_2021 = [
  '一、本年新收政府信息公开申请数量',
  '二、上年结转政府信息公开申请数量',
  ...OUTCOMES.map((o) => o.rowLabel),
  TOTAL_ROW_LABEL,
  '四、结转下年度继续办理',
];

function cell(cells: readonly GridCell[], label: string): GridCell {
  const found = cells.find((c) => c.label === label);
  assert.ok(found, `no cell ${label}`);
  return found;
}

/** Each expected cell is found by its label and equal to it (key and position). */
function assertCells(cells: readonly GridCell[], expected: readonly GridCell[]): void {
  for (const e of expected) assert.deepEqual(cell(cells, e.label), e, e.label);
}

describe('national 2021 format (国办公开办函〔2021〕30号)', () => {
  it('rule 15: exactly six sections in order 一、总体情况 … 六、其他需要报告的事项', () => {
    assert.deepEqual(
      NATIONAL_2021_FORMAT.sections.map((s) => s.heading),
      [
        '一、总体情况',
        '二、主动公开政府信息情况',
        '三、收到和处理政府信息公开申请情况',
        '四、政府信息公开行政复议、行政诉讼情况',
        '五、存在的主要问题及改进情况',
        '六、其他需要报告的事项',
      ],
    );
    assert.deepEqual(
      NATIONAL_2021_FORMAT.sections.map((s) => s.content),
      ['narrative', 'table2', 'table3', 'table4', 'narrative', 'narrative'],
    );
  });

  it('rule 16: table 二 has four captioned sub-tables with the exact rows and columns', () => {
    const t = NATIONAL_2021_TABLE2.subTables;
    assert.deepEqual(
      t.map((s) => s.caption),
      ['第二十条第（一）项', '第二十条第（五）项', '第二十条第（六）项', '第二十条第（八）项'],
    );
    const rows = t.flatMap((s) =>
      s.rows.map((r) => [r.label, s.columns.length, s.columns.map((c) => c.valueType).join()]),
    );
    assert.deepEqual(rows, [
      ['规章', 3, 'integer,integer,integer'],
      ['行政规范性文件', 3, 'integer,integer,integer'],
      ['行政许可', 1, 'integer'],
      ['行政处罚', 1, 'integer'],
      ['行政强制', 1, 'integer'],
      ['行政事业性收费', 1, 'decimal'],
    ]);
    assert.deepEqual(t[0]?.headerLabels, ['信息内容', '本年制发件数', '本年废止件数', '现行有效件数']);
    assert.deepEqual(t[1]?.headerLabels, ['信息内容', '本年处理决定数量']);
    assert.deepEqual(t[3]?.headerLabels, ['信息内容', '本年收费金额（单位：万元）']);
  });

  it('rule 20: table 三 has 25 data rows × 7 data columns with the exact labels', () => {
    assert.equal(NATIONAL_2021_TABLE3.rows.length, 25);
    assert.equal(NATIONAL_2021_TABLE3.columns.length, 7);
    assert.deepEqual(
      NATIONAL_2021_TABLE3.rows.map((r) => r.label),
      TABLE3_LABELS_2021,
    );
    assert.deepEqual(
      NATIONAL_2021_TABLE3.rows.map((r) => r.key),
      [...TABLE3_2021_ROW_KEYS],
    );
    assert.deepEqual(
      NATIONAL_2021_TABLE3.columns.map((c) => c.label),
      [...APPLICANT_KINDS.map((k) => k.label), TOTAL_COLUMN_LABEL],
    );
    assert.deepEqual(
      NATIONAL_2021_TABLE3.columns.map((c) => c.key),
      [
        'naturalPerson',
        'commercialEnterprise',
        'researchInstitution',
        'publicInterestOrganisation',
        'legalServiceProvider',
        'otherOrganisation',
        'total',
      ],
    );
    assert.equal(
      NATIONAL_2021_TABLE3.cornerNote,
      '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）',
    );
  });

  it('rule 20: stable row keys named in the brief exist, with their roles', () => {
    const role = (k: string) => NATIONAL_2021_TABLE3.rows.find((r) => r.key === k)?.role;
    const cases: [string, string][] = [
      ['newlyReceived', 'received'],
      ['carriedOver', 'carriedOver'],
      ['disclosed', 'result'],
      ['partlyDisclosed', 'result'],
      ['withheld.stateSecret', 'result'],
      ['otherOutcome.noCorrection', 'result'],
      ['otherOutcome.feeUnpaid', 'result'],
      ['otherOutcome.other', 'result'],
      ['total', 'total'],
      ['carriedForward', 'carriedForward'],
    ];
    for (const [key, expected] of cases) assert.equal(role(key), expected, key);
  });

  it('§3.3: merged column header 申请人情况 → 自然人 / 法人或其他组织 (5) / 总计, corner note 3×3, no subtotal column', () => {
    const h = NATIONAL_2021_TABLE3.headerCells;
    assertCells(h, [
      { label: NATIONAL_2021_TABLE3.cornerNote, row: 0, column: 0, rowSpan: 3, colSpan: 3 },
      { label: '申请人情况', row: 0, column: 3, rowSpan: 1, colSpan: 7 },
      { label: '自然人', key: 'naturalPerson', row: 1, column: 3, rowSpan: 2, colSpan: 1 },
      { label: '法人或其他组织', row: 1, column: 4, rowSpan: 1, colSpan: 5 },
      { label: '商业企业', key: 'commercialEnterprise', row: 2, column: 4, rowSpan: 1, colSpan: 1 },
      { label: '总计', key: 'total', row: 1, column: 9, rowSpan: 2, colSpan: 1 },
    ]);
    assert.ok(!h.some((c) => c.label.includes('小计')));
  });

  it('§3.3: row label spans — 三 spans 22 rows, (三)–(六) are group labels without subtotal rows', () => {
    const r = NATIONAL_2021_TABLE3.rowLabelCells;
    // [label, data row (after the 3 header rows), column, rowSpan, colSpan]
    const spans: [string, number, number, number, number][] = [
      ['一、本年新收政府信息公开申请数量', 0, 0, 1, 3],
      ['二、上年结转政府信息公开申请数量', 1, 0, 1, 3],
      ['三、本年度办理结果', 2, 0, 22, 1],
      ['（一）予以公开', 2, 1, 1, 2],
      ['（三）不予公开', 4, 1, 8, 1],
      ['（四）无法提供', 12, 1, 3, 1],
      ['（五）不予处理', 15, 1, 5, 1],
      ['（六）其他处理', 20, 1, 3, 1],
      ['（七）总计', 23, 1, 1, 2],
      ['四、结转下年度继续办理', 24, 0, 1, 3],
    ];
    for (const [label, ...expected] of spans) {
      const c = cell(r, label);
      assert.deepEqual([c.row - 3, c.column, c.rowSpan, c.colSpan], expected, label);
    }
    const groups = ['三、本年度办理结果', '（三）不予公开', '（四）无法提供', '（五）不予处理', '（六）其他处理'];
    for (const g of groups)
      assert.ok(!NATIONAL_2021_TABLE3.rows.some((row) => row.label === g), `${g} must not be a data row`);
    assert.deepEqual(NATIONAL_2021_TABLE3.rows.find((x) => x.key === 'withheld.stateSecret')?.path, [
      '三、本年度办理结果',
      '（三）不予公开',
    ]);
  });

  it('rule 21 header: table 四 has 15 columns 行政复议 5 + 行政诉讼 (未经复议直接起诉 5, 复议后起诉 5)', () => {
    const t = NATIONAL_2021_TABLE4;
    assert.equal(t.columns.length, 15);
    assert.deepEqual(
      t.columns.slice(0, 5).map((c) => c.label),
      ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'],
    );
    assertCells(t.headerCells, [
      { label: '行政复议', row: 0, column: 0, rowSpan: 1, colSpan: 5 },
      { label: '行政诉讼', row: 0, column: 5, rowSpan: 1, colSpan: 10 },
      { label: '未经复议直接起诉', row: 1, column: 5, rowSpan: 1, colSpan: 5 },
      { label: '复议后起诉', row: 1, column: 10, rowSpan: 1, colSpan: 5 },
    ]);
    const first = t.headerCells.find((c) => c.key === 'reconsideration.upheld');
    assert.deepEqual(first, {
      label: '结果维持',
      key: 'reconsideration.upheld',
      row: 1,
      column: 0,
      rowSpan: 2,
      colSpan: 1,
    });
    assert.equal(t.headerRowCount, 3);
  });
});

describe('2019/2020 trial format (国办公开办函〔2019〕60号, RULES.md §3.5)', () => {
  it('rule 20: table 三 has （六）其他处理 as one row → 23 data rows, same columns and note', () => {
    assert.equal(NATIONAL_2019_TABLE3.rows.length, 23);
    assert.equal(NATIONAL_2019_TABLE3.columns.length, 7);
    assert.equal(NATIONAL_2019_TABLE3.rows[20]?.label, '（六）其他处理');
    assert.equal(NATIONAL_2019_TABLE3.rows[20]?.key, 'otherOutcome');
    assert.equal(cell(NATIONAL_2019_TABLE3.rowLabelCells, '三、本年度办理结果').rowSpan, 20);
    assert.equal(NATIONAL_2019_TABLE3.cornerNote, NATIONAL_2021_TABLE3.cornerNote);
  });

  it('table 二 differs: five sub-tables incl. 第二十条第（九）项 政府集中采购; 本年增/减 may be negative', () => {
    const t = NATIONAL_2019_FORMAT.table2.subTables;
    assert.deepEqual(
      t.map((s) => s.caption),
      ['第二十条第（一）项', '第二十条第（五）项', '第二十条第（六）项', '第二十条第（八）项', '第二十条第（九）项'],
    );
    assert.deepEqual(t[0]?.headerLabels, ['信息内容', '本年新制作数量', '本年新公开数量', '对外公开总数量']);
    assert.deepEqual(
      t[0]?.rows.map((r) => r.label),
      ['规章', '规范性文件'],
    );
    assert.deepEqual(
      t[1]?.rows.map((r) => r.label),
      ['行政许可', '其他对外管理服务事项'],
    );
    assert.deepEqual(t[3]?.headerLabels, ['信息内容', '上一年项目数量', '本年增/减']);
    assert.deepEqual(t[4]?.headerLabels, ['信息内容', '采购项目数量', '采购总金额']);
    assert.equal(t[1]?.columns.find((c) => c.key === 'change')?.valueType, 'signedInteger');
  });

  it('rule 15: same six sections, 五 titled 政府信息公开工作存在的主要问题及改进情况', () => {
    assert.equal(NATIONAL_2019_FORMAT.sections.length, 6);
    assert.equal(NATIONAL_2019_FORMAT.sections[4]?.heading, '五、政府信息公开工作存在的主要问题及改进情况');
    assert.equal(NATIONAL_2019_FORMAT.table4, NATIONAL_2021_TABLE4);
  });
});

describe('pre-2019 nine-part structure (RULES.md §2, the seed)', () => {
  it('nine parts in order', () => {
    assert.deepEqual(
      LEGACY_2008_SECTIONS.map((s) => s.heading),
      [
        '一、概述',
        '二、主动公开政府信息的情况',
        '三、依申请公开政府信息和不予公开政府信息的情况',
        '四、咨询和投诉情况',
        '五、政府信息公开的收费及减免情况',
        '六、行政复议和行政诉讼的情况',
        '七、工作人员情况',
        '八、存在的主要问题及改进情况',
        '九、其他需要报告事项',
      ],
    );
    assert.deepEqual(
      LEGACY_2008_SECTIONS.filter((s) => !s.statutory).map((s) => s.key),
      ['overview', 'inquiries', 'staff'],
    );
  });

  const params = {
    agencyName: '灵溪镇',
    year: 2013,
    basis: [{ title: '湖南省实施〈中华人民共和国政府信息公开条例〉办法', shortName: '办法' }],
    publishedWhere: '县政府门户网站',
    contact: {
      office: '灵溪镇政务公开领导小组办公室',
      address: '永顺灵溪镇党政综合办公室',
      postcode: '416700',
      phone: '0743-5223701',
      email: 'lxz@example.gov.cn',
    },
  };

  it('the opening paragraph names the agency itself, the year, the period and every contact field', () => {
    const text = renderLegacyOpening(params);
    for (const part of [
      '特向社会公布2013年度灵溪镇政府信息公开工作年度报告',
      '（以下简称《办法》）',
      '九个部分组成',
      '统计期限自2013年1月1日至2013年12月31日止',
      '本报告通过县政府门户网站公开',
      '请与灵溪镇政务公开领导小组办公室联系（地址：永顺灵溪镇党政综合办公室；邮编：416700；电话：0743-5223701；电子邮箱：lxz@example.gov.cn）',
    ]) {
      assert.ok(text.includes(part), part);
    }
  });

  it('the opening paragraph refuses a blank contact field (the seed printed an empty 电子邮箱)', () => {
    assert.throws(() => renderLegacyOpening({ ...params, contact: { ...params.contact, email: ' ' } }), /电子邮箱/);
    assert.throws(() => renderLegacyOpening({ ...params, year: 2007 }), RangeError);
  });
});
