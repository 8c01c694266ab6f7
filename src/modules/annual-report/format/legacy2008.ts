// The pre-2019 annual report structure (RULES.md §2): under the 2007 条例 (国务院令第492号) there was
// no national table, and many agencies — like the seed, 灵溪镇's 2013 report — wrote a nine-part
// narrative opened by a standard paragraph. Six of the nine parts carry the contents the 2007
// 条例 required (第三十二条 as commonly cited; article number UNCONFIRMED); the other three
// (概述、咨询和投诉、工作人员) were customary.

import type { SectionDefinition } from './types.ts';

export const LEGACY_2008_SECTION_KEYS = [
  'overview',
  'proactive',
  'onRequest',
  'inquiries',
  'fees',
  'remedies',
  'staff',
  'problems',
  'other',
] as const;
export type Legacy2008SectionKey = (typeof LEGACY_2008_SECTION_KEYS)[number];

export interface LegacySectionDefinition extends SectionDefinition<Legacy2008SectionKey> {
  /** True when the 2007 条例 required this content (the other parts were customary). */
  statutory: boolean;
}

const ORDINALS = ['一、', '二、', '三、', '四、', '五、', '六、', '七、', '八、', '九、'] as const;

const PARTS: readonly [Legacy2008SectionKey, string, boolean][] = [
  ['overview', '概述', false],
  ['proactive', '主动公开政府信息的情况', true],
  ['onRequest', '依申请公开政府信息和不予公开政府信息的情况', true],
  ['inquiries', '咨询和投诉情况', false],
  ['fees', '政府信息公开的收费及减免情况', true],
  ['remedies', '行政复议和行政诉讼的情况', true],
  ['staff', '工作人员情况', false],
  ['problems', '存在的主要问题及改进情况', true],
  ['other', '其他需要报告事项', true],
];

export const LEGACY_2008_SECTIONS: readonly LegacySectionDefinition[] = PARTS.map(([key, title, statutory], i) => {
  const ordinal = ORDINALS[i] ?? '';
  return { key, ordinal, title, heading: `${ordinal}${title}`, content: 'narrative', statutory };
});

export interface LegacyBasisDocument {
  /** Title without the book-title marks, e.g. 湖南省实施〈中华人民共和国政府信息公开条例〉办法. */
  title: string;
  /** Optional short name introduced with （以下简称《…》）. */
  shortName?: string;
}

export interface LegacyOpeningParams {
  agencyName: string;
  year: number;
  /** Documents cited after the 条例 (provincial rules, the county's notice). */
  basis?: readonly LegacyBasisDocument[];
  /** Where the report is published, e.g. 县政府门户网站. */
  publishedWhere: string;
  download?: { site: string; url: string };
  contact: { office: string; address: string; postcode: string; phone: string; email: string };
}

function requireText(value: string, label: string): string {
  const trimmed = value.trim();
  if (trimmed === '') throw new RangeError(`年度报告开头段缺少“${label}”，请补充后再生成。`);
  return trimmed;
}

/** The customary opening paragraph of a nine-part report, with every blank refused. */
export function renderLegacyOpening(params: LegacyOpeningParams): string {
  if (!Number.isInteger(params.year) || params.year < 2008) {
    throw new RangeError(`报告年度“${params.year}”无效：旧版九部分结构适用于2008年及以后的年度报告。`);
  }
  const agency = requireText(params.agencyName, '机关名称');
  const where = requireText(params.publishedWhere, '公开渠道');
  const c = params.contact;
  const office = requireText(c.office, '联系机构');
  const address = requireText(c.address, '地址');
  const postcode = requireText(c.postcode, '邮编');
  const phone = requireText(c.phone, '电话');
  const email = requireText(c.email, '电子邮箱');
  const basis = (params.basis ?? [])
    .map((d) => `、《${requireText(d.title, '依据文件名称')}》${d.shortName ? `（以下简称《${d.shortName}》）` : ''}`)
    .join('');
  const parts = LEGACY_2008_SECTIONS.map((s) => s.title).join('、');
  const y = params.year;
  const download = params.download
    ? `本报告的电子版可在${requireText(params.download.site, '下载网站')}下载（${requireText(params.download.url, '下载地址')}）。`
    : '';
  return (
    `根据《中华人民共和国政府信息公开条例》（以下简称《条例》）${basis}等文件精神，` +
    `特向社会公布${y}年度${agency}政府信息公开工作年度报告。` +
    `本报告由${parts}九个部分组成。` +
    `本报告中所列数据的统计期限自${y}年1月1日至${y}年12月31日止。` +
    `本报告通过${where}公开。${download}` +
    `如对本报告有任何疑问，请与${office}联系（地址：${address}；邮编：${postcode}；电话：${phone}；电子邮箱：${email}）。`
  );
}
