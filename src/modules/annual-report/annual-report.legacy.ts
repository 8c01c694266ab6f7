// The legacy2008 report (the pre-2019 nine-part narrative, format/legacy2008.ts) computed from the
// records: every number comes from a query (queries/legacy-*.query.ts), the text of each data
// section is written by the system from those numbers (stated totals equal the sum of their
// parts by construction), the narrative parts (概述、存在的主要问题及改进情况、其他需要报告事项)
// are edited by staff, and the opening paragraph is filled with the agency's own data.
import type { Executor } from '../../platform/transaction.ts';
import { legacyInquiryText, type InteractionCounts } from '../interaction/index.ts';
import { legacyStaffText, type StaffCounts } from '../staff/index.ts';
import { checkReportText } from './checker/text/check-report-text.ts';
import { finding, type Finding } from './checker/findings.ts';
import { LEGACY_2008_SECTIONS, renderLegacyOpening, type Legacy2008SectionKey } from './format/legacy2008.ts';
import { contactOf, type ReportInput } from './annual-report.compute.ts';
import { formatAmount, paragraphs } from './annual-report.document.tsx';
import { legacyFeesQuery, type LegacyFeesResult } from './queries/legacy-fees.query.ts';
import { legacyInquiriesQuery } from './queries/legacy-inquiries.query.ts';
import {
  LEGACY_OUTCOME_KEYS,
  LEGACY_OUTCOME_LABELS,
  legacyOnRequestQuery,
  type LegacyOnRequestResult,
} from './queries/legacy-on-request.query.ts';
import { legacyProactiveQuery, type LegacyProactiveResult } from './queries/legacy-proactive.query.ts';
import { legacyRemediesQuery, type LegacyRemediesResult } from './queries/legacy-remedies.query.ts';
import { legacyStaffQuery } from './queries/legacy-staff.query.ts';
import type { ReportAgency, ReportContact } from './report-data.ts';
import type { NarrativeSectionKey } from './format/national2021.ts';

export interface LegacyFigures {
  proactive: LegacyProactiveResult;
  onRequest: LegacyOnRequestResult;
  inquiries: InteractionCounts;
  fees: LegacyFeesResult;
  remedies: LegacyRemediesResult;
  staff: StaffCounts;
}

export interface Legacy2008ReportData {
  format: 'legacy2008';
  year: number;
  agency: ReportAgency;
  contact: ReportContact;
  /** The opening paragraph, or '' when a contact field is missing (see `openingProblem`). */
  opening: string;
  openingProblem?: string;
  narratives: Partial<Record<NarrativeSectionKey, string>>;
  figures: LegacyFigures;
  /** The nine parts in order, each with its text (system-written or the staff's narrative). */
  sections: { key: Legacy2008SectionKey; heading: string; text: string }[];
}

const NARRATIVE_PARTS: ReadonlySet<Legacy2008SectionKey> = new Set(['overview', 'problems', 'other']);

function yuan(v: number): string {
  return `${formatAmount(v)}元`;
}

export function proactiveText(p: LegacyProactiveResult, year: number): string {
  const channels = p.byChannel.map((c) => c.label);
  const via = channels.length ? `通过${channels.slice(0, 3).join('、')}${channels.length > 1 ? '等渠道' : ''}` : '';
  if (p.total === 0) return `${year}年，本机关没有新主动公开的政府信息。`;
  const parts = p.byCategory.map((c) => `${c.label}${c.count}条`).join('、');
  const split = p.byCategory.length > 1 ? `，其中${parts}` : `，均为${p.byCategory[0]?.label ?? '其他类'}`;
  const byChannel = p.byChannel.length
    ? `按公开渠道统计（同一条信息可通过多个渠道公开）：${p.byChannel.map((c) => `${c.label}${c.count}条`).join('；')}。`
    : '';
  return `${year}年，本机关${via}主动公开政府信息${p.total}条${split}。${byChannel}`;
}

export function onRequestText(r: LegacyOnRequestResult, year: number): string {
  const carried = r.carriedOver ? `，另有上年结转申请${r.carriedOver}件` : '';
  const head =
    r.received === 0 && r.carriedOver === 0
      ? `${year}年，本机关没有收到政府信息公开申请。`
      : `${year}年，本机关收到政府信息公开申请${r.received}件${carried}。`;
  if (r.concluded === 0 && r.carriedForward === 0) return head;
  const parts = LEGACY_OUTCOME_KEYS.map((k) => `${LEGACY_OUTCOME_LABELS[k]}${r.outcomes[k]}件`).join('、');
  const concluded = r.concluded ? `本年办结${r.concluded}件，其中${parts}` : '本年没有办结的申请';
  return `${head}${concluded}；结转下年度继续办理${r.carriedForward}件。`;
}

/**
 * The name of the fee an applicant paid, in the words of the year's rules: up to 2018 the 2007 条例
 * let agencies charge only 检索、复制、邮寄等成本费用 (国务院令第492号第二十七条); from 2021 the only fee
 * is the 信息处理费 (2019 条例第四十二条, 国办函〔2020〕109号). 2019 and 2020 are national2019 reports,
 * never written as legacy text; they get the 2019 条例's word.
 */
export function legacyFeeTerm(year: number): string {
  return year <= 2018 ? '检索、复制、邮寄等成本费用' : '信息处理费';
}

export function feesText(f: LegacyFeesResult, year: number): string {
  const term = legacyFeeTerm(year);
  const recorded = f.recorded.paidCount
    ? `${year}年，本机关依申请提供政府信息，按规定收取${term}${yuan(f.recorded.informationProcessing)}（${f.recorded.paidCount}件申请缴费）`
    : `${year}年，本机关依申请提供政府信息，没有收取${term}`;
  const charged = f.charged ? `；缴费记录以外另收取${term}${yuan(f.charged)}（${f.notes.charged}）` : '';
  const waived = f.waived ? `；减免费用${yuan(f.waived)}（${f.notes.waived}）` : '';
  const spending = f.spending ? `全年政府信息公开工作费用支出${yuan(f.spending)}（${f.notes.spending}）。` : '';
  return `${recorded}${charged}${waived}。${spending}`;
}

export function remediesText(r: LegacyRemediesResult, year: number): string {
  if (r.reconsideration.total === 0 && r.lawsuit.total === 0)
    return `${year}年，本机关没有因政府信息公开工作被申请行政复议或者被提起行政诉讼的情况。`;
  const detail = (o: LegacyRemediesResult['reconsideration']) =>
    `（维持${o.upheld}件、纠正${o.corrected}件、其他结果${o.other}件、尚未审结${o.pending}件）`;
  const rc = r.reconsideration.total
    ? `被申请行政复议${r.reconsideration.total}件${detail(r.reconsideration)}`
    : '没有被申请行政复议';
  const ls = r.lawsuit.total ? `被提起行政诉讼${r.lawsuit.total}件${detail(r.lawsuit)}` : '没有被提起行政诉讼';
  return `${year}年，本机关因政府信息公开工作${rc}，${ls}。`;
}

export function sectionTexts(
  fig: LegacyFigures,
  year: number,
  narratives: Partial<Record<NarrativeSectionKey, string>>,
): Record<Legacy2008SectionKey, string> {
  return {
    overview: narratives.overview ?? '',
    proactive: proactiveText(fig.proactive, year),
    onRequest: onRequestText(fig.onRequest, year),
    inquiries: legacyInquiryText(fig.inquiries, year),
    fees: feesText(fig.fees, year),
    remedies: remediesText(fig.remedies, year),
    staff: legacyStaffText(fig.staff, year),
    problems: narratives.problems ?? '',
    other: narratives.other ?? '',
  };
}

export async function computeLegacyReport(
  db: Executor,
  input: ReportInput & { publishedWhere: string },
): Promise<Legacy2008ReportData> {
  const scope = { agencyIds: [...input.agencyIds], year: input.year };
  const figures: LegacyFigures = {
    proactive: (await legacyProactiveQuery(db, scope)).values,
    onRequest: (await legacyOnRequestQuery(db, scope, input.drillBase)).values,
    inquiries: (await legacyInquiriesQuery(db, scope)).values,
    fees: (await legacyFeesQuery(db, scope, input.figures)).values,
    remedies: (await legacyRemediesQuery(db, scope, input.drillBase)).values,
    staff: (await legacyStaffQuery(db, scope)).values,
  };
  const contact = contactOf(input.agency);
  let opening = '';
  let openingProblem: string | undefined;
  try {
    opening = renderLegacyOpening({
      agencyName: input.agency.name,
      year: input.year,
      publishedWhere: input.publishedWhere,
      contact: {
        office: contact.office ?? '',
        address: contact.address ?? '',
        postcode: contact.postcode ?? '',
        phone: contact.phone ?? '',
        email: contact.email ?? '',
      },
    });
  } catch (err) {
    if (!(err instanceof RangeError)) throw err;
    openingProblem = `${err.message}（请在机构设置中补全政府信息公开工作机构的联系方式）`;
  }
  const texts = sectionTexts(figures, input.year, input.narratives);
  return {
    format: 'legacy2008',
    year: input.year,
    agency: { name: input.agency.name, kind: input.agency.kind },
    contact,
    opening,
    ...(openingProblem ? { openingProblem } : {}),
    narratives: input.narratives,
    figures,
    sections: LEGACY_2008_SECTIONS.map((s) => ({ key: s.key, heading: s.heading, text: texts[s.key] })),
  };
}

export function legacyTitle(data: Pick<Legacy2008ReportData, 'agency' | 'year'>): string {
  return `${data.agency.name}${data.year}年度政府信息公开工作年度报告`;
}

/** The report as plain text: title, opening, the nine headings each followed by their paragraphs. */
export function legacyPlainText(data: Legacy2008ReportData): string {
  const lines = [legacyTitle(data), '', data.opening, ''];
  for (const s of data.sections) lines.push(s.heading, ...paragraphs(s.text), '');
  return `${lines.join('\n').trimEnd()}\n`;
}

/**
 * The legacy report's check: the text checker on the generated text (stated totals, sections,
 * other agencies' names, self-references at the wrong level, years, contact) plus the opening's
 * completeness. Narrative parts left empty appear as empty-section findings.
 */
export function checkLegacyReport(data: Legacy2008ReportData, knownAgencyNames: readonly string[]): Finding[] {
  const result = checkReportText(legacyPlainText(data), {
    year: data.year,
    agencyName: data.agency.name,
    knownAgencyNames,
  });
  const out = [...result.findings];
  if (data.openingProblem) out.push(finding('missing-contact', 'error', data.openingProblem, '', { field: 'contact' }));
  for (const key of NARRATIVE_PARTS) {
    const s = data.sections.find((x) => x.key === key);
    if (s && !s.text.trim() && !out.some((f) => f.code === 'empty-section' && f.location?.section === key)) {
      out.push(finding('empty-section', 'warning', `“${s.heading}”尚未填写。`, s.heading, { section: key }));
    }
  }
  return out;
}
