// Checks on the prose of an annual report, shared by the typed consistency check and the checker
// for published texts: the agency must describe itself by its own name and level (a copied report
// keeps the old agency's name — the seed says 高坪乡 in 灵溪镇's report, and 我乡 in a 镇's report),
// and the years it names must fit the report year (统计期限, the self-describing sentence).
//
// Severity decisions: another peer agency's name where the report describes itself is an error
// (the text was copied); elsewhere it is a warning (reports mention joint work). A wrong-level
// self-reference (我乡 in a 镇) is a warning: it is a drafting slip that does not change any
// fact, and an agency renamed by 撤乡设镇 keeps old wording for years.

import type { AgencyKind } from '../report-data.ts';
import { agencyTier, coreAgencyName, inferAgencyKind, isSameAgency } from './agency-name.ts';
import { finding } from './findings.ts';
import type { Finding } from './findings.ts';
import { bookTitleRanges, excerpt, inRanges, normaliseWidth, sentenceAround } from './plain-text.ts';
import type { Locator } from './plain-text.ts';

const REPORT_NAME = '政府信息公开(?:工作)?年度?报告';

export interface SelfDescribedName {
  name: string;
  year: number;
  start: number;
  end: number;
}

/**
 * Names and years in self-describing phrases outside 《》: "特向社会公布2013年度高坪乡政府信息公开
 * 工作年度报告", "现将灵溪镇2013年度政府信息公开工作年度报告公布如下", or a title line.
 * `name` is '' when the phrase names no agency.
 */
export function findSelfDescriptions(text: string): SelfDescribedName[] {
  const norm = normaliseWidth(text);
  const books = bookTitleRanges(norm);
  const found: SelfDescribedName[] = [];
  const nameAfter = new RegExp(`(\\d{4})\\s*年度?\\s*([\\u4e00-\\u9fa5]{0,20}?)\\s*${REPORT_NAME}`, 'g');
  for (let m = nameAfter.exec(norm); m !== null; m = nameAfter.exec(norm)) {
    if (inRanges(m.index, books)) continue;
    found.push({ name: cleanName(m[2] ?? ''), year: Number(m[1]), start: m.index, end: m.index + m[0].length });
  }
  const nameBefore = new RegExp(
    `(?:现将|特将|特向社会公布|向社会公布|现予公布|公布|发布|编制)([\\u4e00-\\u9fa5]{2,20}?)(\\d{4})\\s*年度?\\s*${REPORT_NAME}`,
    'g',
  );
  for (let m = nameBefore.exec(norm); m !== null; m = nameBefore.exec(norm)) {
    if (inRanges(m.index, books)) continue;
    const name = cleanName(m[1] ?? '');
    if (name !== '') found.push({ name, year: Number(m[2]), start: m.index, end: m.index + m[0].length });
  }
  return found;
}

/** Keeps a captured name only when it reads as an agency name. */
function cleanName(raw: string): string {
  const name = coreAgencyName(raw.replace(/^(?:的|了)/, ''));
  if (name.length < 2 || /^(?:我|本|全|该|各)/.test(name) || /政府信息公开|报告/.test(name)) return '';
  return inferAgencyKind(name) === null ? '' : name;
}

function isSelfDescribingContext(norm: string, start: number, end: number): boolean {
  const after = norm.slice(end, end + 12);
  if (new RegExp(`^(?:人民政府|政府)?(?:\\d{4}年度?)?${REPORT_NAME}`).test(after)) return true;
  return /本报告|本机关|本单位/.test(sentenceAround(norm, start).text);
}

export interface OwnAgency {
  name: string;
  kind: AgencyKind | null;
}

/**
 * foreign-agency-name: (1) a self-describing phrase that names an agency other than the report's
 * own (error); (2) a known peer agency's name in the text — error in a self-describing context,
 * warning elsewhere. Known names of other tiers (the county above a town) are not foreign.
 */
export function checkForeignAgencyNames(
  text: string,
  own: OwnAgency,
  knownAgencyNames: readonly string[],
  locate: Locator,
): Finding[] {
  const norm = normaliseWidth(text);
  const out: Finding[] = [];
  const reported = new Set<string>();
  for (const d of findSelfDescriptions(text)) {
    if (d.name === '' || isSameAgency(d.name, own.name) || reported.has(d.name)) continue;
    reported.add(d.name);
    out.push(
      finding(
        'foreign-agency-name',
        'error',
        `报告在自我介绍处写的机关名称“${d.name}”与本报告机关“${own.name}”不符，疑为套用其他机关的报告。`,
        excerpt(text, d.start, d.end, 4),
        locate(d.start),
      ),
    );
  }
  const ownTier = own.kind === null ? null : agencyTier(own.kind);
  for (const known of knownAgencyNames) {
    const core = coreAgencyName(known);
    if (core.length < 2 || isSameAgency(core, own.name) || own.name.includes(core) || reported.has(core)) continue;
    const kind = inferAgencyKind(core);
    if (ownTier !== null && kind !== null && agencyTier(kind) !== ownTier) continue;
    let first = -1;
    let selfDescribing = false;
    for (let i = norm.indexOf(core); i !== -1; i = norm.indexOf(core, i + core.length)) {
      if (first === -1) first = i;
      if (isSelfDescribingContext(norm, i, i + core.length)) {
        selfDescribing = true;
        first = i;
        break;
      }
    }
    if (first === -1) continue;
    reported.add(core);
    out.push(
      finding(
        'foreign-agency-name',
        selfDescribing ? 'error' : 'warning',
        selfDescribing
          ? `报告在描述本机关时出现其他机关名称“${core}”（本报告机关为“${own.name}”），疑为套用其他机关的报告。`
          : `报告正文出现其他机关名称“${core}”（本报告机关为“${own.name}”），请确认是否为联合工作的正当提及。`,
        excerpt(text, first, first + core.length),
        locate(first),
      ),
    );
  }
  return out;
}

const WRONG_LEVEL: Partial<Record<AgencyKind, { re: RegExp; level: string }>> = {
  town: { re: /[我本全]乡(?![镇村])/g, level: '镇' },
  township: { re: /[我本全]镇(?![街])/g, level: '乡' },
  subDistrict: { re: /[我本全][乡镇](?![镇村街])/g, level: '街道' },
};

/** self-reference-level (warning): 我乡/本乡/全乡 in a 镇's report, 我镇/本镇/全镇 in a 乡's, either in a 街道's. */
export function checkSelfReferenceLevel(text: string, kind: AgencyKind | null, locate: Locator): Finding[] {
  const rule = kind === null ? undefined : WRONG_LEVEL[kind];
  if (!rule) return [];
  const norm = normaliseWidth(text);
  const byTerm = new Map<string, number[]>();
  for (const m of norm.matchAll(rule.re)) {
    const list = byTerm.get(m[0]) ?? [];
    list.push(m.index);
    byTerm.set(m[0], list);
  }
  return [...byTerm].map(([term, offsets]) => {
    const at = offsets[0] ?? 0;
    return finding(
      'self-reference-level',
      'warning',
      `本报告机关为${rule.level}，正文却以“${term}”自称（共${offsets.length}处），与机关层级不符。`,
      excerpt(text, at, at + term.length),
      locate(at),
    );
  });
}

const TARGET_BEFORE = /(?:到|至|力争|计划|规划|目标|预计|展望)\s*$/;

/**
 * year-mismatch: the 统计期限 and self-describing phrases must name the report year (error); a
 * sentence opening with an earlier year and 我/本 suggests last year's text (warning); a year after
 * `latestAllowedYear` (the publication year, else year + 1) is a warning unless it is a target
 * ("到2025年", "2026年前"). Years inside 《》 are citations and are skipped.
 */
export function checkYearsInText(text: string, year: number, latestAllowedYear: number, locate: Locator): Finding[] {
  const norm = normaliseWidth(text);
  const books = bookTitleRanges(norm);
  const out: Finding[] = [];
  const period =
    /统计(?:期限|时限|时间|区间|范围|口径)?[^。\n\d]{0,8}?(\d{4})\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*起?\s*(?:至|到|-|—|~)\s*(\d{4})\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日/g;
  for (const m of norm.matchAll(period)) {
    const years = [Number(m[1]), Number(m[2])];
    if (years.some((y) => y !== year)) {
      out.push(
        finding(
          'year-mismatch',
          'error',
          `报告的统计期限写为${years[0]}年至${years[1]}年，与报告年度${year}年不符。`,
          excerpt(text, m.index, m.index + m[0].length, 2),
          locate(m.index),
        ),
      );
    }
  }
  for (const d of findSelfDescriptions(text)) {
    if (d.year !== year) {
      out.push(
        finding(
          'year-mismatch',
          'error',
          `报告自称“${d.year}年度政府信息公开工作年度报告”，与报告年度${year}年不符。`,
          excerpt(text, d.start, d.end, 4),
          locate(d.start),
        ),
      );
    }
  }
  const opening = /(?:^|[。！？\n])\s*(\d{4})\s*年(?:以来|来)?[,、]?\s*(?:我|本|全)/g;
  for (const m of norm.matchAll(opening)) {
    const y = Number(m[1]);
    const at = m.index + m[0].indexOf(m[1] ?? '');
    if (y < year && !inRanges(at, books)) {
      out.push(
        finding(
          'year-mismatch',
          'warning',
          `正文以“${y}年”开头叙述本机关工作，早于报告年度${year}年，疑为沿用往年报告的文字。`,
          excerpt(text, at, at + 12, 0),
          locate(at),
        ),
      );
    }
  }
  const anyYear = /(?<!\d)((?:19|20)\d{2})\s*年(?!\d)/g;
  for (const m of norm.matchAll(anyYear)) {
    const y = Number(m[1]);
    if (y <= latestAllowedYear || inRanges(m.index, books)) continue;
    if (TARGET_BEFORE.test(norm.slice(Math.max(0, m.index - 6), m.index))) continue;
    if (/^(?:前|底前|底|末|以前)/.test(norm.slice(m.index + m[0].length))) continue;
    out.push(
      finding(
        'year-mismatch',
        'warning',
        `正文出现${y}年，晚于报告年度${year}年及其发布年份，请核对。`,
        excerpt(text, m.index, m.index + m[0].length),
        locate(m.index),
      ),
    );
  }
  return out;
}
