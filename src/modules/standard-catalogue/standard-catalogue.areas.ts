// The 26 areas of the 基层政务公开标准化规范化 programme (国办发〔2019〕54号, continuing the pilot of
// 国办发〔2017〕42号; RULES.md §6.4). The list is fixed nationally, so it lives in code; a county
// imports and edits the items of each area (standard_items). `seen` marks the areas whose
// catalogues were seen published by towns when RULES.md §6.4 was written; the others are named
// from memory there and are UNCONFIRMED. The guideline titles follow the ministries' naming
// pattern 《…领域基层政务公开标准指引》 and are likewise unconfirmed unless `seen`.

export interface StandardArea {
  key: string;
  name: string;
  /** The national area guideline the catalogue follows (title as the towns cite it). */
  guideline: string;
  /** Seen in published town catalogues (RULES.md §6.4 ✓); false = from memory, unconfirmed. */
  seen: boolean;
}

const area = (key: string, name: string, seen: boolean): StandardArea => ({
  key,
  name,
  guideline: `《${name}领域基层政务公开标准指引》`,
  seen,
});

export const STANDARD_AREAS: readonly StandardArea[] = [
  area('majorProjects', '重大建设项目', true),
  area('publicResourceTrading', '公共资源交易', true),
  area('budgets', '财政预决算', true),
  area('workSafety', '安全生产', true),
  area('socialAssistance', '社会救助', true),
  area('elderlyCare', '养老服务', true),
  area('publicLegalServices', '公共法律服务', true),
  area('employment', '就业', true),
  area('socialInsurance', '社会保险', true),
  area('publicCulture', '公共文化服务', true),
  area('disasterRelief', '救灾', true),
  area('farmSubsidies', '涉农补贴', true),
  area('ruralHousingRenovation', '农村危房改造', true),
  area('povertyAlleviation', '扶贫', true),
  area('compulsoryEducation', '义务教育', true),
  area('householdRegistration', '户籍管理', true),
  area('healthCare', '医疗卫生', true),
  area('urbanRuralPlanning', '城乡规划', false),
  area('taxAdministration', '税收管理', false),
  area('landAcquisition', '征地补偿', false),
  area('housingExpropriation', '国有土地上房屋征收与补偿', false),
  area('environmentalProtection', '环境保护', false),
  area('municipalServices', '市政服务', false),
  area('foodAndDrugs', '食品药品监管', false),
  area('urbanEnforcement', '城市综合执法', false),
  area('affordableHousing', '保障性住房', false),
];

const BY_KEY = new Map(STANDARD_AREAS.map((a) => [a.key, a]));
const BY_NAME = new Map(STANDARD_AREAS.map((a) => [a.name, a]));

export function findArea(key: string): StandardArea | undefined {
  return BY_KEY.get(key);
}

/** An area by its Chinese name as typed in an import (「社会救助」 or 「社会救助领域」). */
export function areaByName(name: string): StandardArea | undefined {
  const n = name.trim().replace(/领域$/, '');
  return BY_NAME.get(n) ?? (n === '卫生健康' ? BY_KEY.get('healthCare') : undefined);
}
