// The kinds of agency. Below the modules (#13 point 1) because the agency module stores an
// agency's kind and the catalog module, which is below agency, picks the default 目录 taxonomy by
// it (the town list of 第二十一条 for towns and townships, none for a province's level).
//
// The people's governments follow the administrative divisions of 宪法 第三十条: the province
// (省、自治区、直辖市: `provinceGovernment`), the 设区的市 and 自治州 (`prefectureGovernment`), the
// county level (县、自治县、县级市、市辖区: `countyGovernment`), the town level (镇 `town`, 乡 and
// 民族乡 `township`, and the 街道办事处 `subDistrict`, the 派出机关 of a 市辖区 or 不设区的市).
// A `department` is a 工作部门 of a government, or a unit under a department.
export const AGENCY_KINDS = [
  'provinceGovernment',
  'prefectureGovernment',
  'countyGovernment',
  'department',
  'town',
  'township',
  'subDistrict',
] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];

/** The level of government an agency belongs to (its own, or for a department its government's). */
export type GovernmentLevel = 'province' | 'prefecture' | 'county' | 'town';

const LEVEL_OF_KIND: Readonly<Record<AgencyKind, GovernmentLevel | null>> = {
  provinceGovernment: 'province',
  prefectureGovernment: 'prefecture',
  countyGovernment: 'county',
  department: null,
  town: 'town',
  township: 'town',
  subDistrict: 'town',
};

/** 县级以上人民政府 (条例 第四十九条: their reports are due by 3月31日; they have groups of their own). */
export const GOVERNMENT_KINDS: ReadonlySet<string> = new Set<AgencyKind>([
  'provinceGovernment',
  'prefectureGovernment',
  'countyGovernment',
]);

/** 乡镇（街道）: towns, townships and sub-districts. */
export const TOWN_KINDS: ReadonlySet<string> = new Set<AgencyKind>(['town', 'township', 'subDistrict']);

/** The level of a government's own kind; null for a department (its level is its government's). */
export function levelOfKind(kind: AgencyKind): GovernmentLevel | null {
  return LEVEL_OF_KIND[kind];
}

/**
 * The level of government of an agency, from its kind and its ancestors' kinds, nearest first
 * (`[department, department, prefectureGovernment, provinceGovernment]` → 'prefecture'): a
 * department is at the level of the government it works for. Null when no kind says it.
 */
export function governmentLevel(kinds: readonly AgencyKind[]): GovernmentLevel | null {
  for (const k of kinds) {
    const level = LEVEL_OF_KIND[k];
    if (level) return level;
  }
  return null;
}
