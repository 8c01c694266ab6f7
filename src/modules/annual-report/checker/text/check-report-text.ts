// Checks the plain text (or HTML) of an annual report published elsewhere — either the national
// format (国办公开办函〔2021〕30号 / 〔2019〕60号, RULES.md §3) or the pre-2019 nine-part narrative
// (RULES.md §2) — possibly incomplete. It reads what the text states about itself and reports
// contradictions: stated totals vs their parts, the table identities (rules 17–19, 21), another
// agency's name where the report describes itself, wrong-level self-references (我乡 in a 镇),
// years that do not fit, missing sections and an incomplete contact paragraph.
// Severity follows checker/records/consistency.ts; the decisions specific to reading texts are noted inline.

import { inferAgencyKind, isSameAgency } from '../agency-name.ts';
import { checkContact, CONTACT_FIELD_LABELS } from '../contact.ts';
import type { ContactField } from '../contact.ts';
import { finding, hasErrors } from '../findings.ts';
import type { Finding } from '../findings.ts';
import {
  checkForeignAgencyNames,
  checkSelfReferenceLevel,
  checkYearsInText,
  findSelfDescriptions,
} from '../narrative.ts';
import { excerpt, lineLocator, normaliseWidth } from '../plain-text.ts';
import type { Locator } from '../plain-text.ts';
import { annualReportDueDate, isAnnualReportLate } from '../../deadlines.ts';
import type { AnnualReportDeadlineSettings } from '../../deadlines.ts';
import type { AgencyKind, Table3Row, Table4Data } from '../../report-data.ts';
import {
  extractContact,
  extractNamedAgency,
  extractPublicationDate,
  extractSignature,
  extractTitles,
} from './extract.ts';
import { htmlToText, looksLikeHtml } from './html-to-text.ts';
import { checkProseAgainstTables } from '../prose.ts';
import { checkTables, feeFigureOf, proseRegion } from './check-tables.ts';
import { detectFormat, findHeadings, matchSections } from './sections.ts';
import type { DetectedFormat, SectionMatch } from './sections.ts';
import { checkStatedTotals } from './stated-totals.ts';

export interface CheckReportTextOptions {
  /** The report year, when known from elsewhere (otherwise read from the title). */
  year?: number;
  /** The agency the report should belong to (otherwise read from the title or signature). */
  agencyName?: string;
  /** Other agencies' names (e.g. the towns of the same county) that must not appear. */
  knownAgencyNames?: readonly string[];
  deadlineSettings?: AnnualReportDeadlineSettings;
  /**
   * The text is a partial copy that stops mid-report (a stored excerpt): sections after its end are
   * not reported missing and the section it stops in is not reported empty.
   */
  incomplete?: boolean;
}

export interface ExtractedAgency {
  name: string;
  kind: AgencyKind | null;
  source: 'option' | 'title' | 'signature' | 'preamble';
}

export interface ReportCheckResult {
  agency: ExtractedAgency | null;
  year: number | null;
  format: DetectedFormat;
  publishedOn: string | null;
  findings: Finding[];
  /** Tables 三 and 四 as read from the text (national formats), for the cross-year carry-over check. */
  tables?: { table3: Partial<Record<string, Table3Row>>; table4: Table4Data | null };
}

/** 1 when any finding is an error (for command-line use), else 0. */
export function reportExitCode(result: Pick<ReportCheckResult, 'findings'>): 0 | 1 {
  return hasErrors(result.findings) ? 1 : 0;
}

function checkSections(
  text: string,
  sections: readonly SectionMatch[],
  format: DetectedFormat,
  locate: Locator,
  incomplete: boolean,
): Finding[] {
  const out: Finding[] = [];
  const lastFound = Math.max(-1, ...sections.map((s) => s.found?.heading.start ?? -1));
  // National format: all six sections are required (第五十条, rule 15). Nine-part narrative: the
  // parts carrying the 2007 条例's required contents are errors, the customary ones warnings.
  for (const s of sections) {
    const severity = format === 'legacy2008' && !s.statutory ? 'warning' : 'error';
    if (!s.found) {
      if (incomplete) continue;
      out.push(finding('missing-section', severity, `报告缺少“${s.expected}”部分。`, s.expected, { section: s.key }));
    } else if (
      text.slice(s.found.contentStart, s.found.contentEnd).trim() === '' &&
      !(incomplete && s.found.heading.start === lastFound)
    ) {
      out.push(
        finding(
          'empty-section',
          severity,
          `报告“${s.found.heading.title}”部分没有内容。`,
          excerpt(text, s.found.heading.start, s.found.heading.end, 0),
          {
            section: s.key,
            ...locate(s.found.heading.start),
          },
        ),
      );
    }
  }
  return out;
}

function checkAgencyNames(
  text: string,
  norm: string,
  options: CheckReportTextOptions,
  locate: Locator,
): { agency: ExtractedAgency | null; findings: Finding[] } {
  const findings: Finding[] = [];
  const title = extractTitles(norm).find((t) => t.name !== null);
  const signature = extractSignature(norm);
  const titleName = title?.name ?? null;
  const signatureName = signature?.name ?? null;
  const name = options.agencyName ?? titleName ?? signatureName;
  const source = options.agencyName !== undefined ? 'option' : titleName !== null ? 'title' : 'signature';
  const compare = (other: string | null, at: number | undefined, where: string): void => {
    if (name === null || other === null || isSameAgency(other, name)) return;
    findings.push(
      finding(
        'foreign-agency-name',
        'error',
        `报告${where}的机关“${other}”与本报告机关“${name}”不一致，疑为套用其他机关的报告。`,
        excerpt(text, at ?? 0, (at ?? 0) + other.length + 12, 0),
        at === undefined ? undefined : locate(at),
      ),
    );
  };
  if (source !== 'title') compare(titleName, title?.start, '标题');
  if (source !== 'signature') compare(signatureName, signature?.start, '落款');
  if (name === null) {
    // Only to know who the report is by: the preamble's or a heading line's own name, not compared.
    const named = extractNamedAgency(norm);
    if (named) return { agency: { name: named.name, kind: inferAgencyKind(named.name), source: 'preamble' }, findings };
    findings.push(finding('agency-unknown', 'warning', '未能从标题或落款中识别报告机关，机关名称相关检查未进行。', ''));
    return { agency: null, findings };
  }
  return { agency: { name, kind: inferAgencyKind(name), source }, findings };
}

function reportYear(norm: string, options: CheckReportTextOptions): number | null {
  if (options.year !== undefined) return options.year;
  const title = extractTitles(norm)[0];
  if (title) return title.year;
  const described = findSelfDescriptions(norm)[0];
  if (described) return described.year;
  const period = /统计[^。\n\d]{0,10}?(\d{4})\s*年\s*1\s*月\s*1\s*日/.exec(norm);
  return period ? Number(period[1]) : null;
}

function checkFormatYear(format: DetectedFormat, year: number | null): Finding[] {
  if (year === null || format === 'unknown') return [];
  const fits =
    format === 'legacy2008' ? year <= 2018 : format === 'national2019' ? year === 2019 || year === 2020 : year >= 2021;
  if (fits) return [];
  const names: Readonly<Record<Exclude<DetectedFormat, 'unknown'>, string>> = {
    legacy2008: '2019年以前的旧版结构',
    national2019: '国办公开办函〔2019〕60号试行格式（适用于2019、2020年度）',
    national2021: '国办公开办函〔2021〕30号格式（适用于2021年度及以后）',
  };
  return [
    finding('year-mismatch', 'warning', `报告年度为${year}年，所用结构却是${names[format]}。`, `${format} / ${year}`),
  ];
}

export function checkReportText(input: string, options: CheckReportTextOptions = {}): ReportCheckResult {
  const text = looksLikeHtml(input) ? htmlToText(input) : input;
  const norm = normaliseWidth(text);
  const locate = lineLocator(text);
  const findings: Finding[] = [];

  const { agency, findings: agencyFindings } = checkAgencyNames(text, norm, options, locate);
  findings.push(...agencyFindings);
  const year = reportYear(norm, options);
  const headings = findHeadings(norm);
  const format = detectFormat(norm, headings, year);
  if (format === 'unknown') {
    findings.push(
      finding(
        'format-unknown',
        'warning',
        '未能识别报告结构（既非2019年以后的全国统一格式，也非旧版九部分结构），章节检查未进行。',
        headings
          .map((h) => h.title)
          .slice(0, 6)
          .join('；'),
      ),
    );
  }
  findings.push(...checkFormatYear(format, year));
  const sections = format === 'unknown' ? [] : matchSections(norm, headings, format);
  findings.push(...checkSections(text, sections, format, locate, options.incomplete === true));
  findings.push(...checkStatedTotals(text, norm, locate));
  let tables: { table3: Partial<Record<string, Table3Row>>; table4: Table4Data | null } = { table3: {}, table4: null };
  if (format === 'national2021' || format === 'national2019') {
    const read = checkTables(norm, sections, format, agency?.kind ?? null);
    tables = { table3: read.table3, table4: read.table4 };
    findings.push(...read.findings);
    findings.push(
      ...checkProseAgainstTables(text, norm, proseRegion(norm, sections), read.table3, read.table4, locate, {
        table2: read.table2,
        fees: format === 'national2021' ? feeFigureOf(norm, sections) : null,
      }),
    );
  }

  if (agency) {
    findings.push(...checkForeignAgencyNames(text, agency, options.knownAgencyNames ?? [], locate));
    findings.push(...checkSelfReferenceLevel(text, agency.kind, locate));
  }
  const signatureDate = extractSignature(norm)?.date ?? null;
  const publishedOn = extractPublicationDate(norm) ?? signatureDate;
  if (year !== null) {
    const latest = Math.max(
      year + 1,
      ...[publishedOn, signatureDate].map((d) => (d === null ? 0 : Number(d.slice(0, 4)))),
    );
    findings.push(...checkYearsInText(text, year, latest, locate));
  }

  const contact = extractContact(norm);
  const fields: ContactField[] = ['address', 'postcode', 'phone', 'email'];
  if (fields.some((f) => contact[f] !== undefined)) {
    findings.push(
      ...checkContact(
        {
          address: contact.address?.value,
          postcode: contact.postcode?.value,
          phone: contact.phone?.value,
          email: contact.email?.value,
        },
        fields,
        (f) => {
          const v = contact[f];
          return v
            ? { evidence: excerpt(text, v.start, v.end, 0), location: { field: f, ...locate(v.start) } }
            : { evidence: `${CONTACT_FIELD_LABELS[f]}：（未写明）`, location: { field: f } };
        },
      ),
    );
  } else if (format === 'legacy2008') {
    findings.push(
      finding(
        'missing-contact',
        'warning',
        '报告未写明政府信息公开工作机构的联系方式（地址、邮编、电话、电子邮箱）。',
        '',
        { field: 'contact' },
      ),
    );
  }

  if (publishedOn !== null && year !== null && agency?.kind) {
    if (year >= 2008 && isAnnualReportLate(agency.kind, year, publishedOn, options.deadlineSettings)) {
      const due = annualReportDueDate(agency.kind, year, options.deadlineSettings);
      findings.push(
        finding(
          'late-publication',
          'warning',
          `${year}年度报告的发布日期${publishedOn}晚于截止日期${due}（RULES 规则14）。`,
          `${publishedOn} > ${due}`,
        ),
      );
    }
  }
  return { agency, year, format, publishedOn, findings, tables };
}
