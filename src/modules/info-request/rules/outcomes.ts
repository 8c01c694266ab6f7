// The closed list of outcomes of an application: the result rows of annual report table 三
// (国办公开办函〔2021〕30号 format, RULES.md §3.3), with the 条例（国务院令第711号） article each row
// rests on (the mapping table of §3.3), in the order the report prints them. Also the applicant
// kinds, which are the table's columns. The labels are reproduced exactly because the report
// generator prints them; the keys are stable because cases store them.
// Each application counts in exactly one row; 部分公开 counts only in （二） (rule 27).

export type OutcomeGroup =
  'disclosed' | 'partlyDisclosed' | 'withheld' | 'unavailable' | 'notProcessed' | 'otherOutcome';

export interface OutcomeGroupDefinition {
  key: OutcomeGroup;
  /** The group label as printed in table 三. */
  label: string;
}

export const OUTCOME_GROUPS: readonly OutcomeGroupDefinition[] = [
  { key: 'disclosed', label: '（一）予以公开' },
  { key: 'partlyDisclosed', label: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）' },
  { key: 'withheld', label: '（三）不予公开' },
  { key: 'unavailable', label: '（四）无法提供' },
  { key: 'notProcessed', label: '（五）不予处理' },
  { key: 'otherOutcome', label: '（六）其他处理' },
];

export interface OutcomeDefinition {
  key: string;
  group: OutcomeGroup;
  /** The row label exactly as printed in table 三 (for （一）（二） the group label itself). */
  rowLabel: string;
  /** The article(s) the row rests on, in Chinese. */
  legalBasis: string;
  /** True where RULES.md §3.3 marks the mapping as interpretive or UNCONFIRMED. */
  interpretive: boolean;
}

const T = '《中华人民共和国政府信息公开条例》';

export const OUTCOMES = [
  {
    key: 'disclosed',
    group: 'disclosed',
    rowLabel: '（一）予以公开',
    legalBasis: `${T}第三十六条第（二）项；已主动公开的，第三十六条第（一）项`,
    interpretive: true,
  },
  {
    key: 'partlyDisclosed',
    group: 'partlyDisclosed',
    rowLabel: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
    legalBasis: `${T}第三十七条`,
    interpretive: false,
  },
  {
    key: 'withheld.stateSecret',
    group: 'withheld',
    rowLabel: '1.属于国家秘密',
    legalBasis: `${T}第十四条`,
    interpretive: false,
  },
  {
    key: 'withheld.prohibitedByLaw',
    group: 'withheld',
    rowLabel: '2.其他法律行政法规禁止公开',
    legalBasis: `${T}第十四条`,
    interpretive: false,
  },
  {
    key: 'withheld.securityAndStability',
    group: 'withheld',
    rowLabel: '3.危及“三安全一稳定”',
    legalBasis: `${T}第十四条`,
    interpretive: false,
  },
  {
    key: 'withheld.thirdPartyRights',
    group: 'withheld',
    rowLabel: '4.保护第三方合法权益',
    legalBasis: `${T}第十五条、第三十二条`,
    interpretive: false,
  },
  {
    key: 'withheld.internalAffairs',
    group: 'withheld',
    rowLabel: '5.属于三类内部事务信息',
    legalBasis: `${T}第十六条第一款`,
    interpretive: false,
  },
  {
    key: 'withheld.processInformation',
    group: 'withheld',
    rowLabel: '6.属于四类过程性信息',
    legalBasis: `${T}第十六条第二款`,
    interpretive: false,
  },
  {
    key: 'withheld.enforcementFile',
    group: 'withheld',
    rowLabel: '7.属于行政执法案卷',
    legalBasis: `${T}第十六条第二款`,
    interpretive: false,
  },
  {
    key: 'withheld.administrativeQuery',
    group: 'withheld',
    rowLabel: '8.属于行政查询事项',
    legalBasis: `${T}第三十六条第（七）项`,
    interpretive: true,
  },
  {
    key: 'unavailable.notHeld',
    group: 'unavailable',
    rowLabel: '1.本机关不掌握相关政府信息',
    legalBasis: `${T}第三十六条第（四）项、第（五）项`,
    interpretive: false,
  },
  {
    key: 'unavailable.needsCreation',
    group: 'unavailable',
    rowLabel: '2.没有现成信息需要另行制作',
    legalBasis: `${T}第三十八条`,
    interpretive: false,
  },
  {
    key: 'unavailable.unclearAfterCorrection',
    group: 'unavailable',
    rowLabel: '3.补正后申请内容仍不明确',
    legalBasis: `${T}第三十条`,
    interpretive: false,
  },
  {
    key: 'notProcessed.petitionOrComplaint',
    group: 'notProcessed',
    rowLabel: '1.信访举报投诉类申请',
    legalBasis: `${T}第三十九条第一款`,
    interpretive: false,
  },
  {
    key: 'notProcessed.repeated',
    group: 'notProcessed',
    rowLabel: '2.重复申请',
    legalBasis: `${T}第三十六条第（六）项`,
    interpretive: false,
  },
  {
    key: 'notProcessed.publication',
    group: 'notProcessed',
    rowLabel: '3.要求提供公开出版物',
    legalBasis: `${T}第三十九条第二款`,
    interpretive: false,
  },
  {
    key: 'notProcessed.excessive',
    group: 'notProcessed',
    rowLabel: '4.无正当理由大量反复申请',
    legalBasis: `${T}第三十五条`,
    interpretive: false,
  },
  {
    key: 'notProcessed.confirmOrReissue',
    group: 'notProcessed',
    rowLabel: '5.要求行政机关确认或重新出具已获取信息',
    legalBasis: '条例无单独对应条款',
    interpretive: true,
  },
  {
    key: 'otherOutcome.noCorrection',
    group: 'otherOutcome',
    rowLabel: '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
    legalBasis: `${T}第三十条`,
    interpretive: false,
  },
  {
    key: 'otherOutcome.feeUnpaid',
    group: 'otherOutcome',
    rowLabel: '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
    legalBasis: '国办函〔2020〕109号《政府信息公开信息处理费管理办法》',
    interpretive: false,
  },
  { key: 'otherOutcome.other', group: 'otherOutcome', rowLabel: '3.其他', legalBasis: '', interpretive: false },
] as const satisfies readonly OutcomeDefinition[];

export type OutcomeKey = (typeof OUTCOMES)[number]['key'];

export const OUTCOME_KEYS: readonly OutcomeKey[] = OUTCOMES.map((o) => o.key);

/** Table 三's last result row; it is a sum, not an outcome. */
export const TOTAL_ROW_LABEL = '（七）总计';

const byKey: ReadonlyMap<string, OutcomeDefinition> = new Map(OUTCOMES.map((o) => [o.key, o]));

export function isOutcomeKey(value: string): value is OutcomeKey {
  return byKey.has(value);
}

export function outcomeDefinition(key: OutcomeKey): OutcomeDefinition {
  return byKey.get(key) as OutcomeDefinition;
}

/** "（三）不予公开 1.属于国家秘密" — the label with its group, for lists outside the table. */
export function outcomeFullLabel(key: OutcomeKey): string {
  const o = outcomeDefinition(key);
  if (o.group === 'disclosed' || o.group === 'partlyDisclosed') return o.rowLabel;
  const group = OUTCOME_GROUPS.find((g) => g.key === o.group) as OutcomeGroupDefinition;
  return `${group.label} ${o.rowLabel}`;
}

/**
 * The outcome as the applicant reads it (the 答复告知书, the tracking page, the timeline): the full
 * label without table 三's counting note for （二）, which tells report makers how to count and
 * says nothing to the applicant.
 */
export function outcomeApplicantLabel(key: OutcomeKey): string {
  return outcomeFullLabel(key).replace(PARTLY_COUNTING_NOTE, '');
}
const PARTLY_COUNTING_NOTE = '（区分处理的，只计这一情形，不计其他情形）';

function isDisclosing(key: OutcomeKey): boolean {
  return key === 'disclosed' || key === 'partlyDisclosed';
}

/**
 * The single table 三 row an application is counted in, given the outcome(s) recorded for its
 * parts. Separation (第三十七条) — some part disclosed and some part not, or an explicit
 * partlyDisclosed — counts only in （二） (rule 27, "区分处理的，只计这一情形，不计其他情形").
 * Several non-disclosure outcomes without any disclosed part count in the earliest of their rows
 * in report order, so that the identity （七）= Σ rows holds (each application in one row).
 */
export function reportRowFor(parts: readonly OutcomeKey[]): OutcomeKey {
  if (parts.length === 0) throw new RangeError('至少需要一个办理结果。');
  const distinct = new Set(parts);
  if (distinct.has('partlyDisclosed')) return 'partlyDisclosed';
  const disclosing = [...distinct].some(isDisclosing);
  if (disclosing && distinct.size > 1) return 'partlyDisclosed';
  return OUTCOME_KEYS.find((k) => distinct.has(k)) as OutcomeKey;
}

// Applicant kinds — the data columns of table 三 (before 总计), in printed order. The official
// table has no 法人或其他组织 subtotal column; `group` exists only for the two-level header.
export type ApplicantGroup = 'naturalPerson' | 'organisation';

export const applicantGroupLabels: Readonly<Record<ApplicantGroup, string>> = {
  naturalPerson: '自然人',
  organisation: '法人或其他组织',
};

export const APPLICANT_KINDS = [
  { key: 'naturalPerson', label: '自然人', group: 'naturalPerson' },
  { key: 'commercialEnterprise', label: '商业企业', group: 'organisation' },
  { key: 'researchInstitution', label: '科研机构', group: 'organisation' },
  { key: 'publicInterestOrganisation', label: '社会公益组织', group: 'organisation' },
  { key: 'legalServiceProvider', label: '法律服务机构', group: 'organisation' },
  { key: 'otherOrganisation', label: '其他', group: 'organisation' },
] as const satisfies readonly { key: string; label: string; group: ApplicantGroup }[];

export type ApplicantKind = (typeof APPLICANT_KINDS)[number]['key'];

export const APPLICANT_KIND_KEYS: readonly ApplicantKind[] = APPLICANT_KINDS.map((k) => k.key);

/** Table 三's last column; it is a sum, not a kind. */
export const TOTAL_COLUMN_LABEL = '总计';

export function isApplicantKind(value: string): value is ApplicantKind {
  return (APPLICANT_KIND_KEYS as readonly string[]).includes(value);
}

export function applicantKindLabel(key: ApplicantKind): string {
  return (APPLICANT_KINDS.find((k) => k.key === key) as (typeof APPLICANT_KINDS)[number]).label;
}
