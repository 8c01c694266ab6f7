// Finds the numbered section headings of a published report and decides which structure it
// follows: the six sections of the national format (RULES.md §3.1, §3.5) or the nine parts of the
// pre-2019 narrative (RULES.md §2). Headings are matched by keywords, because published headings
// vary ("六、行政复议和行政诉讼的情况和费用支出情况", "七、工作人员").

import { LEGACY_2008_SECTIONS } from '../../format/legacy2008.ts';
import { NATIONAL_2019_SECTIONS } from '../../format/national2019.ts';
import { NATIONAL_2021_SECTIONS } from '../../format/national2021.ts';

export type DetectedFormat = 'national2021' | 'national2019' | 'legacy2008' | 'unknown';

export interface Heading {
  ordinal: string;
  title: string;
  /** Offset of the heading line's first character and of its end (before the newline). */
  start: number;
  end: number;
}

export interface SectionMatch {
  key: string;
  heading: string;
  /** The section's printed heading in the format definition. */
  expected: string;
  statutory: boolean;
  found?: { heading: Heading; contentStart: number; contentEnd: number };
}

const HEADING_LINE = /^[ \t]*([一二三四五六七八九十]{1,3})[ \t]*[、.][ \t]*([^\t\d\n]{1,40}?)[ \t]*$/gm;

/** Section headings run into the text ("…编制本报告。 一、总体情况 2022年，…"): only the known titles. */
const INLINE_HEADING =
  /(?<=^|[。\s])([一二三四五六七八九十]{1,3})、\s*(总体情况|概述|政府信息公开(?:工作)?的?(?:总体|基本)(?:工作)?情况|主动公开[^。\s\d]{0,12}?情况|收到和处理政府信息公开申请情况|依申请公开[^。\s\d]{0,16}?情况|政府信息公开的?收费及减免情况|[^。\s\d、]{0,10}行政复议[^。\s\d]{0,20}?情况|[^。\s\d、]{0,12}存在的?主要问题[^。\s\d]{0,10}?(?:情况|措施)|其他需要报告的事项)/g;

/** Lines like "一、概述": a Chinese ordinal, 、 or a dot, a short title without digits or tabs. */
export function findHeadings(norm: string): Heading[] {
  const out: Heading[] = [];
  for (const m of norm.matchAll(HEADING_LINE)) {
    const title = (m[2] ?? '').trim();
    if (/[。;]/.test(title)) continue;
    out.push({ ordinal: m[1] ?? '', title, start: m.index, end: m.index + m[0].length });
  }
  if (out.length >= 2) return out;
  // A run-on text: headings inline, each followed by its content on the same line.
  const inline: Heading[] = [];
  for (const m of norm.matchAll(INLINE_HEADING)) {
    const before = norm.slice(Math.max(0, m.index - 3), m.index);
    if (/[,、:]$/.test(before.trimEnd())) continue;
    inline.push({ ordinal: m[1] ?? '', title: m[2] ?? '', start: m.index, end: m.index + m[0].length });
  }
  return inline.length >= 2 ? inline : out;
}

const NATIONAL_PATTERNS: Readonly<Record<string, RegExp>> = {
  overview: /总体情况/,
  proactive: /主动公开政府信息/,
  requests: /收到和处理政府信息公开申请/,
  remedies: /行政复议.{0,3}行政诉讼/,
  problems: /存在的?主要问题|改进情况/,
  other: /其他需要报告/,
};

const LEGACY_PATTERNS: Readonly<Record<string, RegExp>> = {
  overview: /概述|概况|基本情况|总体情况/,
  proactive: /主动公开/,
  onRequest: /依申请公开/,
  inquiries: /咨询|投诉/,
  fees: /收费/,
  remedies: /行政复议|行政诉讼/,
  staff: /工作人员|人员情况|机构和人员/,
  problems: /存在的?主要问题|改进情况|改进措施/,
  other: /其他需要报告/,
};

/** Headings that only one of the two structures has. */
const NATIONAL_ONLY = [/总体情况/, /收到和处理政府信息公开申请/, /行政复议、行政诉讼情况/];
const LEGACY_ONLY = [/概述/, /依申请公开/, /咨询/, /收费/, /工作人员/];

export function detectFormat(norm: string, headings: readonly Heading[], year: number | null): DetectedFormat {
  const score = (patterns: readonly RegExp[]) => patterns.filter((p) => headings.some((h) => p.test(h.title))).length;
  const hasTable3 = /本年新收政府信息公开申请数量/.test(norm);
  // Table 二's first rows, and a preamble that lists the parts of one structure.
  const hasTable2 = /第二十条第\(一\)项|本年制发件数|本年新制作数量/.test(norm);
  const nationalList =
    /总体情况[、,]\s*(?:行政机关)?主动公开政府信息情况[、,]\s*(?:行政机关)?收到和处理政府信息公开申请情况/.test(norm);
  const legacyList = headings.length > 0 && /概述[、,]\s*主动公开政府信息的?情况[、,]\s*依申请公开/.test(norm);
  const national = score(NATIONAL_ONLY) + (hasTable3 ? 2 : 0) + (hasTable2 ? 2 : 0) + (nationalList ? 2 : 0);
  const legacy = score(LEGACY_ONLY) + (legacyList ? 2 : 0);
  if (national < 2 && legacy < 2) return 'unknown';
  if (legacy > national) return 'legacy2008';
  if (/本年新制作数量|其他对外管理服务事项|对外公开总数量/.test(norm)) return 'national2019';
  if (/本年制发件数|逾期不补正|缴纳费用/.test(norm)) return 'national2021';
  return year === 2019 || year === 2020 ? 'national2019' : 'national2021';
}

/** Assigns headings to the format's sections; a section's content runs to the next matched heading. */
export function matchSections(
  norm: string,
  headings: readonly Heading[],
  format: Exclude<DetectedFormat, 'unknown'>,
): SectionMatch[] {
  const defs =
    format === 'legacy2008'
      ? LEGACY_2008_SECTIONS.map((s) => ({ key: s.key, expected: s.heading, statutory: s.statutory }))
      : (format === 'national2019' ? NATIONAL_2019_SECTIONS : NATIONAL_2021_SECTIONS).map((s) => ({
          key: s.key,
          expected: s.heading,
          statutory: true,
        }));
  const patterns = format === 'legacy2008' ? LEGACY_PATTERNS : NATIONAL_PATTERNS;
  const used = new Set<Heading>();
  const matches: SectionMatch[] = defs.map((d) => {
    const pattern = patterns[d.key];
    const heading = pattern === undefined ? undefined : headings.find((h) => !used.has(h) && pattern.test(h.title));
    if (heading) used.add(heading);
    const base: SectionMatch = {
      key: d.key,
      heading: heading?.title ?? '',
      expected: d.expected,
      statutory: d.statutory,
    };
    return heading ? { ...base, found: { heading, contentStart: heading.end, contentEnd: norm.length } } : base;
  });
  const starts = [...used].map((h) => h.start).sort((a, b) => a - b);
  for (const m of matches) {
    const found = m.found;
    if (!found) continue;
    const next = starts.find((s) => s > found.heading.start);
    if (next !== undefined) found.contentEnd = next;
  }
  return matches;
}
