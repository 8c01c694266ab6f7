// Which kind of agency may sit under which (pure). The governments follow the administrative
// divisions of 宪法 第三十条: 省、自治区 are divided into 自治州、县、自治县、市; 直辖市 and the larger
// cities into 区、县; 自治州 into 县、自治县、市; 县、自治县 into 乡、民族乡、镇. A 街道办事处 is the
// 派出机关 of a 市辖区 or of a 不设区的市 (地方各级人民代表大会和地方各级人民政府组织法), so towns and
// sub-districts sit under a county-level government or under a 不设区的市 entered as a
// prefecture (东莞、中山、儋州、嘉峪关 have towns and 街道 directly). A department (工作部门, or a unit
// under one) sits under any government or under a department. The top of a tree is a people's
// government above the town: a province, a prefecture or a county (the demo).
import { AGENCY_KINDS, type AgencyKind } from './agency.tables.ts';

export const AGENCY_KIND_LABELS: Readonly<Record<AgencyKind, string>> = {
  provinceGovernment: '省级人民政府',
  prefectureGovernment: '设区的市级人民政府',
  countyGovernment: '县级人民政府',
  department: '政府部门',
  town: '镇人民政府',
  township: '乡人民政府',
  subDistrict: '街道办事处',
};

/** The kinds an agency of each kind may sit directly under; `null`: at the top of the tree. */
export const ALLOWED_PARENTS: Readonly<Record<AgencyKind, readonly (AgencyKind | null)[]>> = {
  provinceGovernment: [null],
  prefectureGovernment: [null, 'provinceGovernment'],
  countyGovernment: [null, 'prefectureGovernment', 'provinceGovernment'],
  department: [
    'provinceGovernment',
    'prefectureGovernment',
    'countyGovernment',
    'town',
    'township',
    'subDistrict',
    'department',
  ],
  town: ['countyGovernment', 'prefectureGovernment'],
  township: ['countyGovernment', 'prefectureGovernment'],
  subDistrict: ['countyGovernment', 'prefectureGovernment'],
};

export function isAgencyKind(kind: string): kind is AgencyKind {
  return (AGENCY_KINDS as readonly string[]).includes(kind);
}

const labelsOf = (kinds: readonly AgencyKind[]) => kinds.map((k) => AGENCY_KIND_LABELS[k]).join('、');

/**
 * Why an agency of `kind` cannot sit under a parent of `parentKind` (null: at the top), in Chinese
 * for the form; null when it can.
 */
export function placementError(kind: string, parentKind: AgencyKind | null): string | null {
  if (!isAgencyKind(kind)) return '请从列表中选择机构类型。';
  const allowed = ALLOWED_PARENTS[kind];
  if (allowed.includes(parentKind)) return null;
  const label = AGENCY_KIND_LABELS[kind];
  const parents = allowed.filter((k): k is AgencyKind => k !== null);
  if (parentKind === null) {
    return `${label}不能作为最上级机构，应设在${labelsOf(parents)}之下；最上级机构只能是${labelsOf(topKinds())}。`;
  }
  if (!parents.length) return `${label}只能作为最上级机构，不能设在${AGENCY_KIND_LABELS[parentKind]}之下。`;
  return `${label}不能设在${AGENCY_KIND_LABELS[parentKind]}之下，只能设在${labelsOf(parents)}之下${
    allowed.includes(null) ? '或作为最上级机构' : ''
  }。`;
}

/** The kinds that may be the top of a tree. */
export function topKinds(): AgencyKind[] {
  return AGENCY_KINDS.filter((k) => ALLOWED_PARENTS[k].includes(null));
}

/**
 * The agency whose 政府信息公开工作主管部门 a report is submitted to (条例 第四十九条: 县级以上人民政府
 * 部门 report to the 主管部门 of 本级人民政府; a lower government to the government above it): the
 * nearest ancestor that is not a department (`ancestors` nearest first). A department's unit goes
 * past its department to the government; a town to its county; a county government to its
 * prefecture (or province). Null at the top.
 */
export function supervisingAgency<T extends { kind: AgencyKind }>(ancestors: readonly T[]): T | null {
  return ancestors.find((a) => a.kind !== 'department') ?? null;
}
