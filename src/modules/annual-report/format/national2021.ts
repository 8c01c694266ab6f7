// The national annual report format of 国办公开办函〔2021〕30号《中华人民共和国政府信息公开工作
// 年度报告格式》, used for reporting year 2021 onward (RULES.md §3.1–§3.4, rules 15, 16, 20, 21).
// Every label is reproduced exactly as printed; keys are the stable names used in report data.

import { columnHeaderCells, layoutHeaderTree, leafPaths, rowHeaderCells } from './layout.ts';
import type {
  HeaderNode,
  SectionDefinition,
  Table2Definition,
  Table3Definition,
  Table3RowRole,
  Table4Definition,
} from './types.ts';

export const NATIONAL_2021_SECTION_KEYS = ['overview', 'proactive', 'requests', 'remedies', 'problems', 'other'] as const;
export type National2021SectionKey = (typeof NATIONAL_2021_SECTION_KEYS)[number];
/** The sections whose content is prose written by staff (the others are tables). */
export type NarrativeSectionKey = 'overview' | 'problems' | 'other';

export const NATIONAL_2021_SECTIONS: readonly SectionDefinition<National2021SectionKey>[] = [
  { key: 'overview', ordinal: '一、', title: '总体情况', heading: '一、总体情况', content: 'narrative' },
  { key: 'proactive', ordinal: '二、', title: '主动公开政府信息情况', heading: '二、主动公开政府信息情况', content: 'table2' },
  {
    key: 'requests',
    ordinal: '三、',
    title: '收到和处理政府信息公开申请情况',
    heading: '三、收到和处理政府信息公开申请情况',
    content: 'table3',
  },
  {
    key: 'remedies',
    ordinal: '四、',
    title: '政府信息公开行政复议、行政诉讼情况',
    heading: '四、政府信息公开行政复议、行政诉讼情况',
    content: 'table4',
  },
  { key: 'problems', ordinal: '五、', title: '存在的主要问题及改进情况', heading: '五、存在的主要问题及改进情况', content: 'narrative' },
  { key: 'other', ordinal: '六、', title: '其他需要报告的事项', heading: '六、其他需要报告的事项', content: 'narrative' },
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

export const NATIONAL_2021_TABLE2: Table2Definition = {
  title: '二、主动公开政府信息情况',
  subTables: [
    {
      key: 'article20item1',
      caption: '第二十条第（一）项',
      headerLabels: ['信息内容', '本年制发件数', '本年废止件数', '现行有效件数'],
      columns: [
        { key: 'issued', label: '本年制发件数', valueType: 'integer' },
        { key: 'repealed', label: '本年废止件数', valueType: 'integer' },
        { key: 'inForce', label: '现行有效件数', valueType: 'integer' },
      ],
      rows: [
        { key: 'regulation', label: '规章' },
        { key: 'normativeDocument', label: '行政规范性文件' },
      ],
    },
    {
      key: 'article20item5',
      caption: '第二十条第（五）项',
      headerLabels: ['信息内容', '本年处理决定数量'],
      columns: [{ key: 'decisions', label: '本年处理决定数量', valueType: 'integer' }],
      rows: [{ key: 'administrativeLicensing', label: '行政许可' }],
    },
    {
      key: 'article20item6',
      caption: '第二十条第（六）项',
      headerLabels: ['信息内容', '本年处理决定数量'],
      columns: [{ key: 'decisions', label: '本年处理决定数量', valueType: 'integer' }],
      rows: [
        { key: 'administrativePenalty', label: '行政处罚' },
        { key: 'administrativeCoercion', label: '行政强制' },
      ],
    },
    {
      key: 'article20item8',
      caption: '第二十条第（八）项',
      headerLabels: ['信息内容', '本年收费金额（单位：万元）'],
      columns: [{ key: 'amount', label: '本年收费金额（单位：万元）', valueType: 'decimal' }],
      rows: [{ key: 'administrativeFee', label: '行政事业性收费' }],
    },
  ],
};

// ---------------------------------------------------------------------------------------------
// Table 三 — 收到和处理政府信息公开申请情况 (rules 17–20)

export const TABLE3_COLUMN_KEYS = [
  'naturalPerson',
  'commercialEnterprise',
  'researchInstitution',
  'publicWelfareOrganisation',
  'legalServiceInstitution',
  'otherOrganisation',
  'total',
] as const;
export type Table3ColumnKey = (typeof TABLE3_COLUMN_KEYS)[number];

export const TABLE3_CORNER_NOTE = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';

export const TABLE3_COLUMN_HEADER: readonly HeaderNode[] = [
  {
    label: '申请人情况',
    children: [
      { label: '自然人', key: 'naturalPerson' },
      {
        label: '法人或其他组织',
        children: [
          { label: '商业企业', key: 'commercialEnterprise' },
          { label: '科研机构', key: 'researchInstitution' },
          { label: '社会公益组织', key: 'publicWelfareOrganisation' },
          { label: '法律服务机构', key: 'legalServiceInstitution' },
          { label: '其他', key: 'otherOrganisation' },
        ],
      },
      { label: '总计', key: 'total' },
    ],
  },
];

export const TABLE3_2021_ROW_KEYS = [
  'newlyReceived',
  'carriedOver',
  'disclosed',
  'partlyDisclosed',
  'withheld.stateSecret',
  'withheld.prohibitedByLaw',
  'withheld.endangersSecurityStability',
  'withheld.thirdPartyRights',
  'withheld.internalAffairs',
  'withheld.processInformation',
  'withheld.enforcementCaseFiles',
  'withheld.administrativeQuery',
  'unavailable.notHeld',
  'unavailable.requiresCreation',
  'unavailable.unclearAfterCorrection',
  'notProcessed.petitionOrComplaint',
  'notProcessed.repeated',
  'notProcessed.publication',
  'notProcessed.excessiveRequests',
  'notProcessed.confirmationRequest',
  'otherOutcome.noCorrection',
  'otherOutcome.feeUnpaid',
  'otherOutcome.other',
  'total',
  'carriedForward',
] as const;
export type Table3RowKey2021 = (typeof TABLE3_2021_ROW_KEYS)[number];

/** The (一)–(五) result groups, shared with the 2019 trial format. */
export const TABLE3_RESULT_GROUPS_BEFORE_OTHER: readonly HeaderNode[] = [
  { label: '（一）予以公开', key: 'disclosed' },
  { label: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）', key: 'partlyDisclosed' },
  {
    label: '（三）不予公开',
    children: [
      { label: '1.属于国家秘密', key: 'withheld.stateSecret' },
      { label: '2.其他法律行政法规禁止公开', key: 'withheld.prohibitedByLaw' },
      { label: '3.危及“三安全一稳定”', key: 'withheld.endangersSecurityStability' },
      { label: '4.保护第三方合法权益', key: 'withheld.thirdPartyRights' },
      { label: '5.属于三类内部事务信息', key: 'withheld.internalAffairs' },
      { label: '6.属于四类过程性信息', key: 'withheld.processInformation' },
      { label: '7.属于行政执法案卷', key: 'withheld.enforcementCaseFiles' },
      { label: '8.属于行政查询事项', key: 'withheld.administrativeQuery' },
    ],
  },
  {
    label: '（四）无法提供',
    children: [
      { label: '1.本机关不掌握相关政府信息', key: 'unavailable.notHeld' },
      { label: '2.没有现成信息需要另行制作', key: 'unavailable.requiresCreation' },
      { label: '3.补正后申请内容仍不明确', key: 'unavailable.unclearAfterCorrection' },
    ],
  },
  {
    label: '（五）不予处理',
    children: [
      { label: '1.信访举报投诉类申请', key: 'notProcessed.petitionOrComplaint' },
      { label: '2.重复申请', key: 'notProcessed.repeated' },
      { label: '3.要求提供公开出版物', key: 'notProcessed.publication' },
      { label: '4.无正当理由大量反复申请', key: 'notProcessed.excessiveRequests' },
      { label: '5.要求行政机关确认或重新出具已获取信息', key: 'notProcessed.confirmationRequest' },
    ],
  },
];

/** Builds the row-label tree around a given （六）其他处理 node (2021: three sub-rows; 2019: one row). */
export function table3RowHeader(otherOutcome: HeaderNode): HeaderNode[] {
  return [
    { label: '一、本年新收政府信息公开申请数量', key: 'newlyReceived' },
    { label: '二、上年结转政府信息公开申请数量', key: 'carriedOver' },
    {
      label: '三、本年度办理结果',
      children: [...TABLE3_RESULT_GROUPS_BEFORE_OTHER, otherOutcome, { label: '（七）总计', key: 'total' }],
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
  table3RowHeader({
    label: '（六）其他处理',
    children: [
      {
        label: '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
        key: 'otherOutcome.noCorrection',
      },
      {
        label: '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
        key: 'otherOutcome.feeUnpaid',
      },
      { label: '3.其他', key: 'otherOutcome.other' },
    ],
  }),
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
