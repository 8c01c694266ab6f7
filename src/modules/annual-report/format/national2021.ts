// The national annual report format of 国办公开办函〔2021〕30号《中华人民共和国政府信息公开工作
// 年度报告格式》, used for reporting year 2021 onward (RULES.md §3.1–§3.4, rules 15, 16, 20, 21).
// Every label is reproduced exactly as printed; keys are the stable names used in report data.

import {
  APPLICANT_KINDS,
  applicantGroupLabels,
  OUTCOME_GROUPS,
  OUTCOMES,
  TOTAL_COLUMN_LABEL,
  TOTAL_ROW_LABEL,
  type ApplicantKind,
  type OutcomeGroupDefinition,
  type OutcomeKey,
} from '../../info-request/rules/index.ts';
import { columnHeaderCells, layoutHeaderTree, leafPaths, rowHeaderCells } from './layout.ts';
import type {
  HeaderNode,
  SectionContent,
  SectionDefinition,
  Table2Column,
  Table2Definition,
  Table2Row,
  Table2SubTable,
  Table3Definition,
  Table3RowRole,
  Table4Definition,
} from './types.ts';

export const NATIONAL_2021_SECTION_KEYS = [
  'overview',
  'proactive',
  'requests',
  'remedies',
  'problems',
  'other',
] as const;
export type National2021SectionKey = (typeof NATIONAL_2021_SECTION_KEYS)[number];
/** The sections whose content is prose written by staff (the others are tables). */
export type NarrativeSectionKey = 'overview' | 'problems' | 'other';

/** The printed headings of a format's prose sections (一、总体情况 …), read from its sections. */
export function narrativeHeadings(sections: readonly SectionDefinition[]): Record<NarrativeSectionKey, string> {
  const heading = (key: NarrativeSectionKey) => sections.find((s) => s.key === key)?.heading ?? '';
  return { overview: heading('overview'), problems: heading('problems'), other: heading('other') };
}

/** A section as printed: its heading is the ordinal followed by the title. */
export function section<K extends string>(
  key: K,
  ordinal: string,
  title: string,
  content: SectionContent,
): SectionDefinition<K> {
  return { key, ordinal, title, heading: `${ordinal}${title}`, content };
}

export const NATIONAL_2021_SECTIONS: readonly SectionDefinition<National2021SectionKey>[] = [
  section('overview', '一、', '总体情况', 'narrative'),
  section('proactive', '二、', '主动公开政府信息情况', 'table2'),
  section('requests', '三、', '收到和处理政府信息公开申请情况', 'table3'),
  section('remedies', '四、', '政府信息公开行政复议、行政诉讼情况', 'table4'),
  section('problems', '五、', '存在的主要问题及改进情况', 'narrative'),
  section('other', '六、', '其他需要报告的事项', 'narrative'),
];

// ---------------------------------------------------------------------------------------------
// Table 二 — 主动公开政府信息情况 (rule 16)

export const TABLE2_2021_ROW_KEYS = [
  'regulation',
  'normativeDocument',
  'administrativeLicensing',
  'administrativePenalty',
  'administrativeCoercion',
  'administrativeFee',
] as const;
export type Table2RowKey2021 = (typeof TABLE2_2021_ROW_KEYS)[number];

/** A sub-table of table 二: its printed header row is 信息内容 followed by the column labels. */
export function table2SubTable(
  key: string,
  caption: string,
  columns: readonly Table2Column[],
  rows: readonly Table2Row[],
): Table2SubTable {
  return { key, caption, headerLabels: ['信息内容', ...columns.map((c) => c.label)], columns, rows };
}

const DECISIONS_COLUMNS = [{ key: 'decisions', label: '本年处理决定数量', valueType: 'integer' }] as const;

export const NATIONAL_2021_TABLE2: Table2Definition = {
  title: '二、主动公开政府信息情况',
  subTables: [
    table2SubTable(
      'article20item1',
      '第二十条第（一）项',
      [
        { key: 'issued', label: '本年制发件数', valueType: 'integer' },
        { key: 'repealed', label: '本年废止件数', valueType: 'integer' },
        { key: 'inForce', label: '现行有效件数', valueType: 'integer' },
      ],
      [
        { key: 'regulation', label: '规章' },
        { key: 'normativeDocument', label: '行政规范性文件' },
      ],
    ),
    table2SubTable('article20item5', '第二十条第（五）项', DECISIONS_COLUMNS, [
      { key: 'administrativeLicensing', label: '行政许可' },
    ]),
    table2SubTable('article20item6', '第二十条第（六）项', DECISIONS_COLUMNS, [
      { key: 'administrativePenalty', label: '行政处罚' },
      { key: 'administrativeCoercion', label: '行政强制' },
    ]),
    table2SubTable(
      'article20item8',
      '第二十条第（八）项',
      [{ key: 'amount', label: '本年收费金额（单位：万元）', valueType: 'decimal' }],
      [{ key: 'administrativeFee', label: '行政事业性收费' }],
    ),
  ],
};

// ---------------------------------------------------------------------------------------------
// Table 三 — 收到和处理政府信息公开申请情况 (rules 17–20)

// The result rows and the applicant columns are the outcomes and applicant kinds of an
// application (info-request rules, the single source of their labels and order). Report data
// uses the same keys as the outcomes and applicant kinds that cases store.

/** The table 三 data column of an applicant kind: the applicant kinds' own keys. */
export type Table3ApplicantColumnKey = ApplicantKind;
export type Table3ColumnKey = Table3ApplicantColumnKey | 'total';

export const TABLE3_COLUMN_KEYS: readonly Table3ColumnKey[] = [...APPLICANT_KINDS.map((k) => k.key), 'total'];

export const TABLE3_CORNER_NOTE = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';

function applicantColumns(group: 'naturalPerson' | 'organisation'): HeaderNode[] {
  return APPLICANT_KINDS.filter((k) => k.group === group).map((k) => ({ label: k.label, key: k.key }));
}

export const TABLE3_COLUMN_HEADER: readonly HeaderNode[] = [
  {
    label: '申请人情况',
    // 自然人 is both a group and its only kind: one header cell spanning both header rows.
    children: [
      ...applicantColumns('naturalPerson'),
      { label: applicantGroupLabels.organisation, children: applicantColumns('organisation') },
      { label: TOTAL_COLUMN_LABEL, key: 'total' },
    ],
  },
];

/** The table 三 result row of an outcome (2021 format): the outcome's own key. */
export type Table3ResultRowKey = OutcomeKey;
export type Table3RowKey2021 = 'newlyReceived' | 'carriedOver' | Table3ResultRowKey | 'total' | 'carriedForward';

export const TABLE3_2021_ROW_KEYS: readonly Table3RowKey2021[] = [
  'newlyReceived',
  'carriedOver',
  ...OUTCOMES.map((o) => o.key),
  'total',
  'carriedForward',
];

/** One result group of table 三: （一）（二） are single rows labelled by the group itself. */
function resultGroupNode(group: OutcomeGroupDefinition): HeaderNode {
  const rows = OUTCOMES.filter((o) => o.group === group.key);
  const [only] = rows;
  if (rows.length === 1 && only && only.rowLabel === group.label) return { label: group.label, key: only.key };
  return { label: group.label, children: rows.map((o) => ({ label: o.rowLabel, key: o.key })) };
}

/** The (一)–(五) result groups, shared with the 2019 trial format. */
export const TABLE3_RESULT_GROUPS_BEFORE_OTHER: readonly HeaderNode[] = OUTCOME_GROUPS.filter(
  (g) => g.key !== 'otherOutcome',
).map(resultGroupNode);

/** The （六）其他处理 group definition (2021: three sub-rows; 2019: one row). */
export const TABLE3_OTHER_OUTCOME_GROUP = OUTCOME_GROUPS.find(
  (g) => g.key === 'otherOutcome',
) as OutcomeGroupDefinition;

/** Builds the row-label tree around a given （六）其他处理 node (2021: three sub-rows; 2019: one row). */
export function table3RowHeader(otherOutcome: HeaderNode): HeaderNode[] {
  return [
    { label: '一、本年新收政府信息公开申请数量', key: 'newlyReceived' },
    { label: '二、上年结转政府信息公开申请数量', key: 'carriedOver' },
    {
      label: '三、本年度办理结果',
      children: [...TABLE3_RESULT_GROUPS_BEFORE_OTHER, otherOutcome, { label: TOTAL_ROW_LABEL, key: 'total' }],
    },
    { label: '四、结转下年度继续办理', key: 'carriedForward' },
  ];
}

const ROLE_BY_KEY: Readonly<Record<string, Table3RowRole>> = {
  newlyReceived: 'received',
  carriedOver: 'carriedOver',
  total: 'total',
  carriedForward: 'carriedForward',
};

/** Derives the complete table 三 definition (labels, keys, roles, merged cells) from a row tree. */
export function buildTable3Definition(rowHeader: readonly HeaderNode[]): Table3Definition {
  const columnLayout = layoutHeaderTree(TABLE3_COLUMN_HEADER);
  const rowLayout = layoutHeaderTree(rowHeader);
  const labelColumnCount = rowLayout.depth;
  const headerRowCount = columnLayout.depth;
  const rows = leafPaths(rowHeader).map(({ leaf, path }) => {
    const key = leaf.key ?? '';
    return { key, label: leaf.label, role: ROLE_BY_KEY[key] ?? 'result', path };
  });
  const columns = columnLayout.leaves.map((leaf) => ({ key: leaf.key ?? '', label: leaf.label }));
  return {
    title: '三、收到和处理政府信息公开申请情况',
    cornerNote: TABLE3_CORNER_NOTE,
    labelColumnCount,
    headerRowCount,
    columnHeader: TABLE3_COLUMN_HEADER,
    rowHeader,
    columns,
    rows,
    headerCells: [
      { label: TABLE3_CORNER_NOTE, row: 0, column: 0, rowSpan: headerRowCount, colSpan: labelColumnCount },
      ...columnHeaderCells(columnLayout, labelColumnCount),
    ],
    rowLabelCells: rowHeaderCells(rowLayout, headerRowCount),
  };
}

export const NATIONAL_2021_TABLE3: Table3Definition = buildTable3Definition(
  table3RowHeader(resultGroupNode(TABLE3_OTHER_OUTCOME_GROUP)),
);

// ---------------------------------------------------------------------------------------------
// Table 四 — 政府信息公开行政复议、行政诉讼情况 (rule 21)

export const TABLE4_GROUP_KEYS = ['reconsideration', 'lawsuitDirect', 'lawsuitAfterReconsideration'] as const;
export type Table4GroupKey = (typeof TABLE4_GROUP_KEYS)[number];
export const TABLE4_OUTCOME_KEYS = ['upheld', 'corrected', 'other', 'pending', 'total'] as const;
export type Table4OutcomeKey = (typeof TABLE4_OUTCOME_KEYS)[number];

export const TABLE4_GROUP_LABELS: Readonly<Record<Table4GroupKey, string>> = {
  reconsideration: '行政复议',
  lawsuitDirect: '行政诉讼（未经复议直接起诉）',
  lawsuitAfterReconsideration: '行政诉讼（复议后起诉）',
};

export const TABLE4_OUTCOME_LABELS: Readonly<Record<Table4OutcomeKey, string>> = {
  upheld: '结果维持',
  corrected: '结果纠正',
  other: '其他结果',
  pending: '尚未审结',
  total: '总计',
};

function outcomeLeaves(group: Table4GroupKey): HeaderNode[] {
  return TABLE4_OUTCOME_KEYS.map((o) => ({ label: TABLE4_OUTCOME_LABELS[o], key: `${group}.${o}` }));
}

const TABLE4_COLUMN_HEADER: readonly HeaderNode[] = [
  { label: '行政复议', children: outcomeLeaves('reconsideration') },
  {
    label: '行政诉讼',
    children: [
      { label: '未经复议直接起诉', children: outcomeLeaves('lawsuitDirect') },
      { label: '复议后起诉', children: outcomeLeaves('lawsuitAfterReconsideration') },
    ],
  },
];

const table4Layout = layoutHeaderTree(TABLE4_COLUMN_HEADER);

export const NATIONAL_2021_TABLE4: Table4Definition = {
  title: '四、政府信息公开行政复议、行政诉讼情况',
  columnHeader: TABLE4_COLUMN_HEADER,
  columns: TABLE4_GROUP_KEYS.flatMap((group) =>
    TABLE4_OUTCOME_KEYS.map((outcome) => ({
      key: `${group}.${outcome}`,
      label: TABLE4_OUTCOME_LABELS[outcome],
      group,
      outcome,
    })),
  ),
  headerCells: columnHeaderCells(table4Layout, 0),
  headerRowCount: table4Layout.depth,
};

export interface ReportFormat {
  id: 'national2021' | 'national2019';
  name: string;
  document: string;
  sections: readonly SectionDefinition<National2021SectionKey>[];
  table2: Table2Definition;
  table3: Table3Definition;
  table4: Table4Definition;
}

export const NATIONAL_2021_FORMAT: ReportFormat = {
  id: 'national2021',
  name: '中华人民共和国政府信息公开工作年度报告格式',
  document: '国办公开办函〔2021〕30号',
  sections: NATIONAL_2021_SECTIONS,
  table2: NATIONAL_2021_TABLE2,
  table3: NATIONAL_2021_TABLE3,
  table4: NATIONAL_2021_TABLE4,
};
