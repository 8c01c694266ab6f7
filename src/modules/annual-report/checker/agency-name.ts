// Agency names as they appear in report texts: the same agency is written 灵溪镇, 灵溪镇人民政府 or
// 永顺县灵溪镇; the level (镇/乡/街道/县/州/省/部门) is read from the name's ending (RULES.md §1.1: each
// 乡镇人民政府 discloses on its own; GLOSSARY "agency").

import type { AgencyKind } from '../report-data.ts';

const GOVERNMENT_SUFFIXES = ['人民政府', '政府'] as const;

/** The name without 人民政府/政府 and with 街道办事处 shortened to 街道. */
export function coreAgencyName(name: string): string {
  let core = name.trim().replace(/\s+/g, '');
  for (const suffix of GOVERNMENT_SUFFIXES) {
    if (core.endsWith(suffix) && core.length > suffix.length + 1) {
      core = core.slice(0, -suffix.length);
      break;
    }
  }
  if (core.endsWith('街道办事处')) core = core.slice(0, -'办事处'.length);
  return core;
}

/** The agency level inferred from the name's ending, or null when the ending says nothing. */
export function inferAgencyKind(name: string): AgencyKind | null {
  const core = coreAgencyName(name);
  if (core.endsWith('街道')) return 'subDistrict';
  if (core.endsWith('镇')) return 'town';
  if (core.endsWith('乡')) return 'township';
  if (/(?:局|委员会|委|办公室|办|中心|所|站|院|队|厅|署|处)$/.test(core)) return 'department';
  // 自治区 and 地区 before 区; 市 stays the county level (县级市 and 地级市 are both written X市).
  if (/(?:省|自治区)$/.test(core)) return 'provinceGovernment';
  if (/(?:州|盟|地区)$/.test(core)) return 'prefectureGovernment';
  if (/(?:县|市|区|旗)$/.test(core)) return 'countyGovernment';
  return null;
}

/**
 * The government an office name stands for: a county government's report is compiled and often
 * signed by its 人民政府办公室 (2019 条例 第四条), so 望溪县人民政府办公室 stands for 望溪县.
 */
function governmentOfOffice(name: string): string | null {
  const m = /^(.+?)(?:人民政府|政府)办公室$/.exec(name.trim());
  return m ? (m[1] ?? null) : null;
}

function sameCore(x: string, y: string): boolean {
  if (x === '' || y === '') return false;
  if (x === y) return true;
  const [shorter, longer] = x.length <= y.length ? [x, y] : [y, x];
  return shorter.length >= 2 && longer.endsWith(shorter);
}

/** True when both names denote the same agency (one may carry the county prefix or be its office). */
export function isSameAgency(a: string, b: string): boolean {
  const x = coreAgencyName(a);
  const y = coreAgencyName(b);
  if (sameCore(x, y)) return true;
  const gx = governmentOfOffice(a);
  const gy = governmentOfOffice(b);
  return (gx !== null && sameCore(gx, y)) || (gy !== null && sameCore(x, gy));
}

export type AgencyTier = 'grassroots' | 'department' | 'county' | 'prefecture' | 'province';

/**
 * Towns, townships and sub-districts are peers of each other; departments of departments; each
 * level of government of its own level (a county's report names its province without copying it).
 */
export function agencyTier(kind: AgencyKind): AgencyTier {
  switch (kind) {
    case 'town':
    case 'township':
    case 'subDistrict':
      return 'grassroots';
    case 'department':
      return 'department';
    case 'countyGovernment':
      return 'county';
    case 'prefectureGovernment':
      return 'prefecture';
    case 'provinceGovernment':
      return 'province';
  }
}

export const AGENCY_KIND_LABELS: Readonly<Record<AgencyKind, string>> = {
  provinceGovernment: '省级人民政府',
  prefectureGovernment: '设区的市级人民政府',
  countyGovernment: '县级人民政府',
  department: '县级以上人民政府部门',
  town: '镇人民政府',
  township: '乡人民政府',
  subDistrict: '街道办事处',
};
