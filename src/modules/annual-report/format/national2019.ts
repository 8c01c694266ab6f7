// The trial annual report format of 国办公开办函〔2019〕60号, used for reporting years 2019 and 2020
// (RULES.md §3.5). Differences from the 2021 format: section 五's title, a different table 二
// (five sub-tables incl. 第二十条第（九）项 政府集中采购) and table 三 with （六）其他处理 as one row
// (23 data rows, rule 20). Table 四 is unchanged.

import {
  NATIONAL_2021_SECTIONS,
  NATIONAL_2021_TABLE4,
  TABLE3_2021_ROW_KEYS,
  TABLE3_OTHER_OUTCOME_GROUP,
  buildTable3Definition,
  section,
  table2SubTable,
  table3RowHeader,
} from './national2021.ts';
import type { National2021SectionKey, ReportFormat } from './national2021.ts';
import type { SectionDefinition, Table2Definition, Table3Definition } from './types.ts';

export const NATIONAL_2019_SECTIONS: readonly SectionDefinition<National2021SectionKey>[] = NATIONAL_2021_SECTIONS.map(
  (s) => (s.key === 'problems' ? section(s.key, s.ordinal, '政府信息公开工作存在的主要问题及改进情况', s.content) : s),
);

export const TABLE2_2019_ROW_KEYS = [
  'regulation',
  'normativeDocument',
  'administrativeLicensing',
  'otherExternalService',
  'administrativePenalty',
  'administrativeCoercion',
  'administrativeFee',
  'centralisedProcurement',
] as const;
export type Table2RowKey2019 = (typeof TABLE2_2019_ROW_KEYS)[number];

const PROJECT_COLUMNS = [
  { key: 'previousYearCount', label: '上一年项目数量', valueType: 'integer' },
  { key: 'change', label: '本年增/减', valueType: 'signedInteger' },
  { key: 'decisions', label: '处理决定数量', valueType: 'integer' },
] as const;

export const NATIONAL_2019_TABLE2: Table2Definition = {
  title: '二、主动公开政府信息情况',
  subTables: [
    table2SubTable(
      'article20item1',
      '第二十条第（一）项',
      [
        { key: 'newlyMade', label: '本年新制作数量', valueType: 'integer' },
        { key: 'newlyPublished', label: '本年新公开数量', valueType: 'integer' },
        { key: 'publishedTotal', label: '对外公开总数量', valueType: 'integer' },
      ],
      [
        { key: 'regulation', label: '规章' },
        { key: 'normativeDocument', label: '规范性文件' },
      ],
    ),
    table2SubTable('article20item5', '第二十条第（五）项', PROJECT_COLUMNS, [
      { key: 'administrativeLicensing', label: '行政许可' },
      { key: 'otherExternalService', label: '其他对外管理服务事项' },
    ]),
    table2SubTable('article20item6', '第二十条第（六）项', PROJECT_COLUMNS, [
      { key: 'administrativePenalty', label: '行政处罚' },
      { key: 'administrativeCoercion', label: '行政强制' },
    ]),
    table2SubTable('article20item8', '第二十条第（八）项', PROJECT_COLUMNS.slice(0, 2), [
      { key: 'administrativeFee', label: '行政事业性收费' },
    ]),
    table2SubTable(
      'article20item9',
      '第二十条第（九）项',
      [
        { key: 'projectCount', label: '采购项目数量', valueType: 'integer' },
        { key: 'amount', label: '采购总金额', valueType: 'decimal' },
      ],
      [{ key: 'centralisedProcurement', label: '政府集中采购' }],
    ),
  ],
};

export type Table3RowKey2019 =
  Exclude<(typeof TABLE3_2021_ROW_KEYS)[number], `otherOutcome.${string}`> | 'otherOutcome';
export const TABLE3_2019_ROW_KEYS: readonly Table3RowKey2019[] = [
  ...TABLE3_2021_ROW_KEYS.filter(
    (k): k is Exclude<Table3RowKey2019, 'otherOutcome'> =>
      !k.startsWith('otherOutcome.') && k !== 'total' && k !== 'carriedForward',
  ),
  'otherOutcome',
  'total',
  'carriedForward',
];

export const NATIONAL_2019_TABLE3: Table3Definition = buildTable3Definition(
  table3RowHeader({ label: TABLE3_OTHER_OUTCOME_GROUP.label, key: 'otherOutcome' }),
);

export const NATIONAL_2019_FORMAT: ReportFormat = {
  id: 'national2019',
  name: '政府信息公开工作年度报告格式（试行）',
  document: '国办公开办函〔2019〕60号',
  sections: NATIONAL_2019_SECTIONS,
  table2: NATIONAL_2019_TABLE2,
  table3: NATIONAL_2019_TABLE3,
  table4: NATIONAL_2021_TABLE4,
};
