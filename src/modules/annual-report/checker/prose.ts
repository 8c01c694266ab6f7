// Prose against tables (#15 point 4): a number the 总体情况 states in a sentence ("全年新收政府信息
// 公开申请7件", "行政复议2件，均获维持", "制发行政规范性文件3件", "收取信息处理费0元") is compared with
// the cell of table 二, 三 or 四 or the fee figure that counts the same thing. Only sentences outside the
// tables are read, and only what was read from (or computed for) the tables is compared.

import { finding, withNumbers } from './findings.ts';
import type { Finding } from './findings.ts';
import { excerpt, normaliseWidth, sentenceAround } from './plain-text.ts';
import type { Locator } from './plain-text.ts';
import { checkProseAgainstFees } from './prose-fees.ts';
import type { FeeFigure } from './prose-fees.ts';
import { mismatchFinding, NUM, proseNumbers } from './prose-match.ts';
import { checkProseAgainstTable2 } from './prose-proactive.ts';
import type { Table2Cells } from './prose-proactive.ts';
import type { Table3Row, Table4Data } from '../report-data.ts';

/** What besides tables 三/四 the prose is compared with, when known: table 二 (2021 format) and the fees. */
export interface OtherFigures {
  table2?: Table2Cells | null;
  fees?: FeeFigure | null;
}

interface ProseRule {
  key: string;
  label: string;
  pattern: RegExp;
}

/** Table 三 rows (by their keys in the format definition) and how prose names them. */
const TABLE3_RULES: readonly ProseRule[] = [
  {
    key: 'newlyReceived',
    label: '本年新收政府信息公开申请数量',
    pattern: new RegExp(
      `(?<!上年|累计|历年)(?:新收|收到|受理)(?:[^,。;\\d]{0,12}?)申请(?:共|数量为?|数为?)?\\s*${NUM}\\s*(?:件|个|条)`,
      'g',
    ),
  },
  {
    key: 'carriedOver',
    label: '上年结转政府信息公开申请数量',
    pattern: new RegExp(`上年结转(?:的|政府信息公开)?(?:申请)?\\s*${NUM}\\s*件`, 'g'),
  },
  { key: 'total', label: '办理结果总计', pattern: new RegExp(`(?:办结|办理完毕|答复)(?:申请)?\\s*${NUM}\\s*件`, 'g') },
  {
    key: 'carriedForward',
    label: '结转下年度继续办理',
    pattern: new RegExp(`结转下年度(?:继续办理)?(?:申请)?\\s*${NUM}\\s*件`, 'g'),
  },
  { key: 'disclosed', label: '予以公开', pattern: new RegExp(`予以公开\\s*${NUM}\\s*件`, 'g') },
];

export function checkProseAgainstTables(
  text: string,
  norm: string,
  prose: { start: number; end: number },
  table3: Partial<Record<string, Table3Row>>,
  table4: Table4Data | null,
  locate: Locator,
  other: OtherFigures = {},
): Finding[] {
  const out: Finding[] = [];
  const mismatch = (label: string, stated: number, cell: number, at: number): void => {
    out.push(mismatchFinding(text, at, `文中写“${label}”为${stated}，表格中该项为${cell}。`, [stated, cell], locate));
  };
  if (other.table2) out.push(...checkProseAgainstTable2(text, norm, prose, other.table2, locate));
  if (other.fees) out.push(...checkProseAgainstFees(text, norm, prose, other.fees, locate));
  for (const rule of TABLE3_RULES) {
    const row = table3[rule.key];
    if (!row) continue;
    for (const n of proseNumbers(norm, prose.start, prose.end, rule.pattern))
      if (n.value !== row.total) mismatch(rule.label, n.value, row.total, n.at);
  }
  if (!table4) return out;
  const lawsuits = {
    upheld: table4.lawsuitDirect.upheld + table4.lawsuitAfterReconsideration.upheld,
    corrected: table4.lawsuitDirect.corrected + table4.lawsuitAfterReconsideration.corrected,
    other: table4.lawsuitDirect.other + table4.lawsuitAfterReconsideration.other,
    pending: table4.lawsuitDirect.pending + table4.lawsuitAfterReconsideration.pending,
    total: table4.lawsuitDirect.total + table4.lawsuitAfterReconsideration.total,
  };
  const groups = [
    { name: '行政复议', word: /复议/, data: table4.reconsideration },
    { name: '行政诉讼', word: /诉讼/, data: lawsuits },
  ];
  for (const g of groups) {
    const count = new RegExp(`${g.name}(?:案件)?\\s*(?:共)?\\s*${NUM}\\s*(?:件|起|宗)`, 'g');
    for (const n of proseNumbers(norm, prose.start, prose.end, count))
      if (n.value !== g.data.total) mismatch(`${g.name}数量`, n.value, g.data.total, n.at);
  }
  // 「均获维持」: every case upheld, while the table has cases corrected, otherwise concluded or pending.
  const allUpheld = /(?:均|全部|都)(?:获|被|得到|予以)?(?:依法)?维持/g;
  for (const m of norm.slice(prose.start, prose.end).matchAll(allUpheld)) {
    const at = prose.start + m.index;
    const s = sentenceAround(norm, at);
    for (const g of groups) {
      if (!g.word.test(s.text)) continue;
      const notUpheld = g.data.total - g.data.upheld;
      if (g.data.total === 0 || notUpheld === 0) continue;
      out.push(
        withNumbers(
          finding(
            'prose-table-mismatch',
            'error',
            `文中称${g.name}“${m[0]}”，表四中${g.name}共${g.data.total}件，结果维持${g.data.upheld}件${g.data.pending > 0 ? `，尚未审结${g.data.pending}件` : ''}${g.data.corrected > 0 ? `，结果纠正${g.data.corrected}件` : ''}${g.data.other > 0 ? `，其他结果${g.data.other}件` : ''}。`,
            excerpt(text, s.start, s.end, 0),
            locate(at),
          ),
          [g.data.total, g.data.upheld, g.data.pending],
          'certain',
        ),
      );
    }
  }
  return out;
}

/**
 * Our own reports (#15 point 5): the staff-written narratives (一、总体情况, 五, 六) against the tables
 * computed from the records (and table 二 and the fees recorded on applications), before the report is
 * submitted or published. Each narrative is read as
 * a whole (it holds no table); a finding is located by its section and its offset in that text.
 */
export function checkNarrativesAgainstTables(
  narratives: Partial<Record<string, string>>,
  table3: Partial<Record<string, Table3Row>>,
  table4: Table4Data,
  other: OtherFigures = {},
): Finding[] {
  const out: Finding[] = [];
  for (const [section, text] of Object.entries(narratives)) {
    if (!text?.trim()) continue;
    const locate: Locator = (offset) => ({ section, offset });
    out.push(
      ...checkProseAgainstTables(
        text,
        normaliseWidth(text),
        { start: 0, end: text.length },
        table3,
        table4,
        locate,
        other,
      ),
    );
  }
  return out;
}
