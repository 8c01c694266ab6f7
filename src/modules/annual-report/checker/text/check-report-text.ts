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
import { finding, hasErrors, withNumbers } from '../findings.ts';
import type { Finding } from '../findings.ts';
import {
  checkForeignAgencyNames,
  checkSelfReferenceLevel,
  checkYearsInText,
  findSelfDescriptions,
} from '../narrative.ts';
import { checkTable3, checkTable4 } from '../table-identities.ts';
import { excerpt, lineLocator, normaliseWidth } from '../plain-text.ts';
import type { Locator } from '../plain-text.ts';
import { annualReportDueDate, isAnnualReportLate } from '../../deadlines.ts';
import type { AnnualReportDeadlineSettings } from '../../deadlines.ts';
import { NATIONAL_2019_FORMAT } from '../../format/national2019.ts';
import { NATIONAL_2021_FORMAT } from '../../format/national2021.ts';
import type { AgencyKind, Table3Row, Table4Data } from '../../report-data.ts';
import {
  clauseStart,
  extractContact,
  extractNamedAgency,
  extractPublicationDate,
  extractSignature,
  extractStatedTotals,
  extractTitles,
} from './extract.ts';
import type { StatedPart } from './extract.ts';
import { htmlToText, looksLikeHtml } from './html-to-text.ts';
import { checkProseAgainstTables } from '../prose.ts';
import { detectFormat, findHeadings, matchSections } from './sections.ts';
import type { DetectedFormat, SectionMatch } from './sections.ts';
import { readTable2, readTable3, readTable4 } from './tables.ts';

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

const CHANNEL_LABEL =
  /网站|网上|公示栏|公开栏|公告栏|宣传栏|揭示板|微信|微博|简报|报刊|报纸|电视|广播|媒体|公众号|客户端|政务公开栏|视频号|抖音|头条/;
const OTHER_CHANNEL = /其他(?:形式|方式|渠道|途径)/;

/** Channels overlap (one item goes out on the website and the notice board): their counts need not add up. */
function isChannelList(parts: readonly StatedPart[]): boolean {
  return (
    parts.some((p) => CHANNEL_LABEL.test(p.label)) &&
    parts.every((p) => CHANNEL_LABEL.test(p.label) || OTHER_CHANNEL.test(p.label))
  );
}

function checkOneTotal(
  total: number,
  unit: string,
  parts: readonly StatedPart[],
  opts: { approximate: boolean; exhaustive: boolean; closed: boolean },
  evidence: string,
  location: ReturnType<Locator>,
): Finding[] {
  const out: Finding[] = [];
  const channels = isChannelList(parts);
  const list = parts.map((p) => `${p.value}${p.approximate ? '余' : ''}`).join('+');
  let exceeded = false;
  if (!opts.approximate) {
    for (const p of parts) {
      if (p.value <= total) continue;
      exceeded = true;
      out.push(
        withNumbers(
          finding(
            'part-exceeds-total',
            'error',
            `其中一项“${p.label || '（未写名称）'}”${p.value}${p.unit}大于所述总数${total}${unit}。`,
            evidence,
            location,
          ),
          [total, p.value],
          'certain',
        ),
      );
    }
  }
  for (const p of parts) {
    if (p.share === undefined || total === 0) continue;
    const actual = (p.value / total) * 100;
    if (Math.abs(actual - p.share) <= 1) continue;
    out.push(
      withNumbers(
        finding(
          'share-mismatch',
          'error',
          `“${p.label}”${p.value}${p.unit}占总数${total}${unit}的${actual.toFixed(1)}%，文中却写为${p.share}%。`,
          evidence,
          location,
        ),
        [p.value, total, p.share],
        'certain',
      ),
    );
  }
  if (opts.approximate || exceeded) return out;
  const sum = parts.reduce((a, p) => a + p.value, 0);
  const lowerBound = parts.some((p) => p.approximate);
  const over = sum > total;
  const under = !lowerBound && sum < total && opts.exhaustive && opts.closed;
  if (!over && !under) return out;
  const severity = channels ? 'warning' : 'error';
  out.push(
    withNumbers(
      finding(
        'total-mismatch',
        severity,
        `所述总数${total}${unit}与其中各项之和${lowerBound ? '（至少）' : ''}${sum}${unit}（${list}）不符${channels ? '（各渠道可能重复计数，请核对）' : ''}。`,
        evidence,
        location,
      ),
      [total, sum],
      over ? 'certain' : 'probable',
    ),
  );
  return out;
}

function checkStatedTotals(text: string, norm: string, locate: Locator): Finding[] {
  const out: Finding[] = [];
  for (const t of extractStatedTotals(norm)) {
    const start = clauseStart(norm, t.start);
    const evidence = excerpt(text, start, t.end, 0);
    const location = locate(start);
    out.push(
      ...checkOneTotal(
        t.total,
        t.unit,
        t.parts,
        { approximate: t.approximate, exhaustive: t.exhaustive, closed: t.closed },
        evidence,
        location,
      ),
    );
    // A list in parentheses breaks down its own part, not the total.
    for (const p of t.parts) {
      if (!p.breakdown) continue;
      out.push(
        ...checkOneTotal(
          p.value,
          p.unit,
          p.breakdown,
          { approximate: p.approximate, exhaustive: true, closed: true },
          evidence,
          location,
        ),
      );
    }
  }
  return out;
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

interface TablesRead {
  findings: Finding[];
  table3: Partial<Record<string, Table3Row>>;
  table4: Table4Data | null;
}

function checkTables(
  text: string,
  sections: readonly SectionMatch[],
  format: 'national2021' | 'national2019',
  agencyKind: AgencyKind | null,
): TablesRead {
  const out: Finding[] = [];
  let table3: Partial<Record<string, Table3Row>> = {};
  let table4: Table4Data | null = null;
  const def = format === 'national2021' ? NATIONAL_2021_FORMAT : NATIONAL_2019_FORMAT;
  const region = (key: string): [string, number] | null => {
    const s = sections.find((x) => x.key === key)?.found;
    // Tables flattened to pipe rows ("| 规章 | 2 | 0 | 2 |"): the pipes are cell borders (length kept).
    return s ? [text.slice(s.contentStart, s.contentEnd).replace(/\|/g, ' '), s.contentStart] : null;
  };
  const t2 = region('proactive');
  if (t2 && (agencyKind === 'town' || agencyKind === 'township' || agencyKind === 'subDistrict')) {
    const regulation = readTable2(t2[0], t2[1], def.table2).regulation;
    if (regulation && Object.values(regulation).some((v) => v !== 0)) {
      out.push(
        withNumbers(
          finding(
            'town-regulation',
            'warning',
            '乡镇、街道不具有规章制定权，表二“规章”一行却填有非零数值，请核对是否误填。',
            `规章：${Object.values(regulation).join(' / ')}`,
            { table: 'table2', row: 'regulation' },
          ),
          Object.values(regulation),
          'certain',
        ),
      );
    }
  }
  const t3 = region('requests') ?? (text.includes('本年新收') ? ([text, 0] as [string, number]) : null);
  if (t3) {
    const reading = readTable3(t3[0], t3[1], def.table3);
    table3 = reading.rows;
    const found = Object.keys(reading.rows).length;
    if (reading.missing.length > 0) {
      const labels = reading.missing.map((k) => def.table3.rows.find((r) => r.key === k)?.label ?? k);
      out.push(
        finding(
          'table-incomplete',
          'warning',
          found === 0 ? '未能从文本中读取表三的数据。' : `表三有${labels.length}行未能读取，相关勾稽关系未核对。`,
          labels.slice(0, 5).join('；'),
          { table: 'table3' },
        ),
      );
    }
    out.push(...checkTable3(reading.rows, def.table3));
  }
  const t4 = region('remedies');
  if (t4) {
    table4 = readTable4(t4[0], t4[1]);
    if (table4) out.push(...checkTable4(table4));
    else
      out.push(
        finding('table-incomplete', 'warning', '未能从文本中读取表四的15个数据。', def.table4.title, {
          table: 'table4',
        }),
      );
  }
  return { findings: out, table3, table4 };
}

/** The prose the tables are compared with: 总体情况, or everything before the first table. */
function proseRegion(norm: string, sections: readonly SectionMatch[]): { start: number; end: number } {
  const overview = sections.find((s) => s.key === 'overview')?.found;
  if (overview) return { start: 0, end: overview.contentEnd };
  const table = /第二十条第|本年新收政府信息公开申请数量|申请人情况/.exec(norm);
  return { start: 0, end: table ? table.index : norm.length };
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
      ...checkProseAgainstTables(text, norm, proseRegion(norm, sections), read.table3, read.table4, locate),
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
