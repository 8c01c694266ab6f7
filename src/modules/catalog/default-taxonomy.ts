// The default category taxonomy every agency receives (RULES.md §1.12, §6.3): the four 专栏
// columns (国办公开办函〔2019〕61号 as implemented locally), and under 法定主动公开内容 the items
// of 条例 第二十条 plus those of 第二十一条 — the county list for 设区的市级、县级人民政府 and their
// departments, the town list for 乡（镇）人民政府, none for a province's government and departments
// (第二十一条 does not name them). The seed's classes (组织机构, 计划总结, 政策法规, 工作动态) are a
// preset an admin may add.
import { levelOfKind, type AgencyKind, type GovernmentLevel } from '../../platform/agency-kinds.ts';
import type { ColumnKey } from './catalog.tables.ts';

export interface CategoryTemplate {
  code: string;
  name: string;
  description?: string;
  children?: CategoryTemplate[];
}

export interface ColumnTemplate extends CategoryTemplate {
  columnKey: ColumnKey;
}

/** 条例 第二十条 (一)–(十五). */
export const ARTICLE_20_ITEMS: readonly string[] = [
  '行政法规、规章和规范性文件',
  '机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名',
  '国民经济和社会发展规划、专项规划、区域规划及相关政策',
  '国民经济和社会发展统计信息',
  '办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果',
  '实施行政处罚、行政强制的依据、条件、程序以及具有一定社会影响的行政处罚决定',
  '财政预算、决算信息',
  '行政事业性收费项目及其依据、标准',
  '政府集中采购项目的目录、标准及实施情况',
  '重大建设项目的批准和实施情况',
  '扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况',
  '突发公共事件的应急预案、预警信息及应对情况',
  '环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况',
  '公务员招考的职位、名额、报考条件等事项以及录用结果',
  '法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息',
];

/** 条例 第二十一条: 设区的市级、县级人民政府及其部门. */
export const ARTICLE_21_COUNTY_ITEMS: readonly string[] = [
  '市政建设',
  '公共服务',
  '公益事业',
  '土地征收',
  '房屋征收',
  '治安管理',
  '社会救助',
];

/** 条例 第二十一条: 乡（镇）人民政府. */
export const ARTICLE_21_TOWN_ITEMS: readonly string[] = [
  '贯彻落实农业农村政策',
  '农田水利工程建设运营',
  '农村土地承包经营权流转',
  '宅基地使用情况审核',
  '土地征收',
  '房屋征收',
  '筹资筹劳',
  '社会救助',
];

/** The classes of the seed report, offered as a preset (GLOSSARY: category). */
export const SEED_CLASS_PRESET: CategoryTemplate = {
  code: 'statutory.classes',
  name: '信息类别',
  description: '按组织机构、计划总结、政策法规、工作动态编排的常用类别',
  children: [
    { code: 'statutory.classes.org', name: '组织机构' },
    { code: 'statutory.classes.plan', name: '计划总结' },
    { code: 'statutory.classes.policy', name: '政策法规' },
    { code: 'statutory.classes.news', name: '工作动态' },
  ],
};

const CN_NUMERALS = [
  '一',
  '二',
  '三',
  '四',
  '五',
  '六',
  '七',
  '八',
  '九',
  '十',
  '十一',
  '十二',
  '十三',
  '十四',
  '十五',
];

/** Town and township governments (乡（镇）人民政府) get the town list of 第二十一条. */
export function usesTownList(kind: AgencyKind): boolean {
  return kind === 'town' || kind === 'township';
}

/**
 * 第二十一条 names 设区的市级、县级人民政府及其部门 and 乡（镇）人民政府: a province's government and
 * its departments (`level` 'province') have no list of it.
 */
export function hasArticle21List(level: GovernmentLevel | null): boolean {
  return level !== 'province';
}

/**
 * The default taxonomy of an agency of `kind` at government level `level` (a department's is its
 * government's: platform/agency-kinds.ts governmentLevel; by default the kind's own).
 */
export function defaultTaxonomy(kind: AgencyKind, level: GovernmentLevel | null = levelOfKind(kind)): ColumnTemplate[] {
  const a21 = usesTownList(kind) ? ARTICLE_21_TOWN_ITEMS : ARTICLE_21_COUNTY_ITEMS;
  const article21: CategoryTemplate = {
    code: 'statutory.a21',
    name: '第二十一条规定的内容',
    description: usesTownList(kind)
      ? '乡（镇）人民政府还应当主动公开的内容'
      : '设区的市级、县级人民政府及其部门还应当主动公开的内容',
    children: a21.map((name, i) => ({ code: `statutory.a21.${i + 1}`, name })),
  };
  return [
    { columnKey: 'guide', code: 'guide', name: '政府信息公开指南', description: '公开的范围、方式和申请渠道' },
    { columnKey: 'system', code: 'system', name: '政府信息公开制度', description: '本机关的公开工作制度' },
    {
      columnKey: 'statutory',
      code: 'statutory',
      name: '法定主动公开内容',
      description: hasArticle21List(level)
        ? '《中华人民共和国政府信息公开条例》第二十条、第二十一条规定的内容'
        : '《中华人民共和国政府信息公开条例》第二十条规定的内容',
      children: [
        {
          code: 'statutory.a20',
          name: '第二十条规定的内容',
          children: ARTICLE_20_ITEMS.map((name, i) => ({
            code: `statutory.a20.${i + 1}`,
            name,
            description: `条例第二十条第（${CN_NUMERALS[i]}）项`,
          })),
        },
        ...(hasArticle21List(level) ? [article21] : []),
      ],
    },
    { columnKey: 'reports', code: 'reports', name: '政府信息公开年报', description: '历年政府信息公开工作年度报告' },
  ];
}
