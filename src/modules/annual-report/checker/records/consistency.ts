// Consistency check of one annual report's typed data before it is published (RULES.md §3.3–§3.4,
// rules 15–22; GLOSSARY "consistencyCheck"). Pure: every input is in the data object and options.
//
// Severities: broken identities, invalid cells, a format that does not fit the year, a missing or
// empty narrative section (第五十条 lists their content; rule 15), another agency's name where
// the report describes itself, and a number in the narrative that contradicts the table counting the
// same thing (「全年新收申请9件」 while table 三 says 7; 「均获维持」 while table 四 has a case 尚未审结)
// are errors. Carry-over differences across years (rule 22,
// UNCONFIRMED as a formal rule), 规章 reported by a town (RULES.md §3.2: observed in published
// reports), wrong-level self-references, incomplete contact fields, suspicious years and late
// publication are warnings.

import { TOWN_KINDS } from '../../../../platform/agency-kinds.ts';
import { checkNarrativesAgainstTables } from '../prose.ts';
import { checkContact } from '../contact.ts';
import type { ContactField } from '../contact.ts';
import { finding } from '../findings.ts';
import type { Finding } from '../findings.ts';
import { checkForeignAgencyNames, checkSelfReferenceLevel, checkYearsInText } from '../narrative.ts';
import { checkCarryOver, checkTable2Cells, checkTable3, checkTable4 } from '../table-identities.ts';
import { fixedLocator } from '../plain-text.ts';
import { annualReportDueDate, isAnnualReportLate } from '../../deadlines.ts';
import type { AnnualReportDeadlineSettings } from '../../deadlines.ts';
import { NATIONAL_2019_FORMAT } from '../../format/national2019.ts';
import { NATIONAL_2021_FORMAT } from '../../format/national2021.ts';
import type { NarrativeSectionKey, ReportFormat } from '../../format/national2021.ts';
import type { AnnualReportData } from '../../report-data.ts';

export interface ConsistencyOptions {
  /** Names of other agencies (typically the peers under the same county) that must not appear. */
  knownAgencyNames?: readonly string[];
  /** Planned or actual publication date (YYYY-MM-DD): enables the rule-14 lateness warning. */
  publishedOn?: string;
  deadlineSettings?: AnnualReportDeadlineSettings;
  /** The 信息处理费 recorded on applications in the year (元): the narratives' fee sentences are checked against it. */
  fees?: { informationProcessing: number };
}

export const NARRATIVE_SECTION_KEYS: readonly NarrativeSectionKey[] = ['overview', 'problems', 'other'];

export const REPORT_CONTACT_FIELDS: readonly ContactField[] = ['office', 'address', 'postcode', 'phone', 'email'];

export function formatOf(data: AnnualReportData): ReportFormat {
  return data.format === 'national2021' ? NATIONAL_2021_FORMAT : NATIONAL_2019_FORMAT;
}

function checkFormatYear(data: AnnualReportData): Finding[] {
  const fits = data.format === 'national2021' ? data.year >= 2021 : data.year === 2019 || data.year === 2020;
  if (Number.isInteger(data.year) && fits) return [];
  const expected = data.format === 'national2021' ? '2021年度及以后' : '2019、2020年度';
  return [
    finding(
      'year-mismatch',
      'error',
      `报告年度为${data.year}年，但${formatOf(data).document}规定的格式适用于${expected}的报告。`,
      `${data.format} / ${data.year}`,
      { field: 'year' },
    ),
  ];
}

function checkTownRegulation(data: AnnualReportData): Finding[] {
  if (!TOWN_KINDS.has(data.agency.kind)) return [];
  const counts: readonly number[] = Object.values(data.table2.regulation);
  if (!counts.some((v) => v !== 0)) return [];
  return [
    finding(
      'town-regulation',
      'warning',
      `${data.agency.name}不具有规章制定权，表二“规章”一行却填有非零数值，请核对是否误填。`,
      `规章：${counts.join(' / ')}`,
      { table: 'table2', row: 'regulation' },
    ),
  ];
}

function checkSections(data: AnnualReportData, format: ReportFormat): Finding[] {
  const out: Finding[] = [];
  for (const key of NARRATIVE_SECTION_KEYS) {
    const heading = format.sections.find((s) => s.key === key)?.heading ?? key;
    const text = data.narratives[key];
    if (text === undefined) {
      out.push(
        finding(
          'missing-section',
          'error',
          `报告缺少“${heading}”部分（RULES 规则15：年度报告须包含六个部分）。`,
          heading,
          { section: key },
        ),
      );
    } else if (text.trim() === '') {
      out.push(
        finding('empty-section', 'error', `报告“${heading}”部分内容为空；如确无内容，应写明“无”或说明情况。`, heading, {
          section: key,
        }),
      );
    }
  }
  return out;
}

function checkNarratives(data: AnnualReportData, options: ConsistencyOptions): Finding[] {
  const out: Finding[] = [];
  const publishedYear = options.publishedOn === undefined ? undefined : Number(options.publishedOn.slice(0, 4));
  const latestAllowedYear = Math.max(data.year + 1, publishedYear ?? 0);
  for (const key of NARRATIVE_SECTION_KEYS) {
    const text = data.narratives[key];
    if (text === undefined || text.trim() === '') continue;
    const locate = fixedLocator({ section: key });
    out.push(
      ...checkForeignAgencyNames(text, data.agency, options.knownAgencyNames ?? [], locate),
      ...checkSelfReferenceLevel(text, data.agency.kind, locate),
      ...checkYearsInText(text, data.year, latestAllowedYear, locate),
    );
  }
  return out;
}

function checkPublication(data: AnnualReportData, options: ConsistencyOptions): Finding[] {
  if (options.publishedOn === undefined) return [];
  if (!isAnnualReportLate(data.agency.kind, data.year, options.publishedOn, options.deadlineSettings)) return [];
  const due = annualReportDueDate(data.agency.kind, data.year, options.deadlineSettings);
  return [
    finding(
      'late-publication',
      'warning',
      `${data.year}年度报告的发布日期${options.publishedOn}晚于截止日期${due}（RULES 规则14）。`,
      `${options.publishedOn} > ${due}`,
      { field: 'publishedOn' },
    ),
  ];
}

/** All consistency findings for one report, errors and warnings, in a stable order. */
export function checkAnnualReport(data: AnnualReportData, options: ConsistencyOptions = {}): Finding[] {
  const format = formatOf(data);
  const out: Finding[] = [];
  if (data.agency.name.trim() === '') {
    out.push(finding('agency-unknown', 'error', '报告未填写机关名称。', '', { field: 'agency' }));
  }
  out.push(...checkFormatYear(data));
  out.push(...checkTable2Cells(data.table2, format.table2));
  out.push(...checkTable3(data.table3, format.table3));
  out.push(...checkTable4(data.table4));
  if (data.previousYearCarriedForward)
    out.push(...checkCarryOver(data.table3.carriedOver, data.previousYearCarriedForward));
  out.push(...checkTownRegulation(data));
  out.push(...checkSections(data, format));
  out.push(...checkNarratives(data, options));
  // The staff's numbers in the narratives against the tables computed from the records (#15 point 5).
  out.push(
    ...checkNarrativesAgainstTables(data.narratives, data.table3, data.table4, {
      table2: data.format === 'national2021' ? data.table2 : null,
      fees: options.fees ? { amount: options.fees.informationProcessing, source: '按申请登记的缴费记录计算' } : null,
    }),
  );
  out.push(...checkContact(data.contact, REPORT_CONTACT_FIELDS));
  out.push(...checkPublication(data, options));
  return out;
}
