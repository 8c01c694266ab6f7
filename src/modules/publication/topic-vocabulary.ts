// 主题分类: the controlled vocabulary a publication's topic is chosen from (issue #11 point 4d).
// The first level follows the 22 主题分类 of the national policy-document library that county
// portals copy (综合政务, 财政、金融、审计, …); the second level lists the terms county and town
// portals use under each (e.g. 综合政务\政务公开). A topic is stored as its path, "一级\二级",
// or the first level alone. Staff choose from this list; imports and publications stored before
// the list keep the text they have (see publication.service.ts resolveInput).

export interface TopicGroup {
  name: string;
  terms: readonly string[];
}

export const TOPIC_VOCABULARY: readonly TopicGroup[] = [
  {
    name: '综合政务',
    terms: ['政务公开', '机构职能', '规划计划', '工作动态', '应急管理', '电子政务', '政务督查', '信访', '其他'],
  },
  {
    name: '国民经济管理、国有资产监管',
    terms: ['发展规划', '经济体制改革', '统计', '物价', '国有资产监管', '其他'],
  },
  { name: '财政、金融、审计', terms: ['财政预决算', '财政', '金融', '审计', '税务', '其他'] },
  { name: '国土资源、能源', terms: ['土地', '矿产', '林地', '电力', '新能源', '其他'] },
  { name: '农业、林业、水利', terms: ['农业、畜牧业、渔业', '涉农补贴', '林业', '水利', '其他'] },
  { name: '工业、交通', terms: ['工业', '交通', '邮政', '其他'] },
  { name: '商贸、海关、旅游', terms: ['国内贸易', '对外经贸合作', '旅游', '其他'] },
  { name: '市场监管、安全生产监管', terms: ['市场监管', '食品药品监管', '安全生产', '其他'] },
  {
    name: '城乡建设、环境保护',
    terms: ['城乡规划', '城乡建设', '住房保障', '农村危房改造', '征地补偿', '生态环境', '其他'],
  },
  { name: '科技、教育', terms: ['科技', '义务教育', '教育', '其他'] },
  { name: '文化、广电、新闻出版', terms: ['公共文化服务', '广播影视', '文物', '其他'] },
  { name: '卫生、体育', terms: ['卫生健康', '医疗保障', '体育', '其他'] },
  { name: '人口与计划生育、妇女儿童工作', terms: ['人口与计划生育', '妇女儿童', '其他'] },
  { name: '劳动、人事、监察', terms: ['就业', '社会保险', '人事工作', '监察', '其他'] },
  { name: '公安、安全、司法', terms: ['公安', '户籍管理', '公共法律服务', '司法', '其他'] },
  {
    name: '民政、扶贫、救灾',
    terms: ['社会救助', '养老服务', '救灾', '扶贫', '优抚安置', '行政区划与地名', '社会组织', '其他'],
  },
  { name: '民族、宗教', terms: ['民族事务', '宗教事务', '其他'] },
  { name: '对外事务', terms: ['外事', '其他'] },
  { name: '港澳台侨工作', terms: ['港澳', '台湾', '侨务', '其他'] },
  { name: '国防', terms: ['国防动员', '退役军人事务', '其他'] },
  { name: '其他', terms: [] },
];

const SEP = '\\';

/** Every stored value the vocabulary allows: "一级" and "一级\二级". */
const ALLOWED = new Set(TOPIC_VOCABULARY.flatMap((g) => [g.name, ...g.terms.map((t) => `${g.name}${SEP}${t}`)]));

export function isVocabularyTopic(value: string): boolean {
  return ALLOWED.has(value);
}

/** The options of the select: one group per first level, the first level itself first. */
export function topicGroups(): { label: string; options: { value: string; label: string }[] }[] {
  return TOPIC_VOCABULARY.map((g) => ({
    label: g.name,
    options: [
      { value: g.name, label: `${g.name}（不细分）` },
      ...g.terms.map((t) => ({ value: `${g.name}${SEP}${t}`, label: `${g.name}${SEP}${t}` })),
    ],
  }));
}
