// Prose against table 二 of the 2021 format (#15 point 4; RULES.md §3.2, rule 16): the counts a
// sentence of 总体情况 gives for documents (规章, 行政规范性文件: 制发/废止/现行有效), for the
// 处理决定 of 行政许可/行政处罚/行政强制, and the 行政事业性收费 amount (万元), each against its cell.
//
// What counts as the same thing: 制发/制定/出台/印发 + the document kind + a count (「主动公开规章12件」
// counts published texts, not the year's new ones, and is not compared); 废止/现行有效 + a count, the
// kind written with it or the nearest kind before it in the sentence (「制发行政规范性文件3件，废止1件」).
// Decisions: 行政许可/处罚/强制 (+ 决定/处理决定/措施) + a count are certain errors; 「公开行政处罚
// 信息」「行政处罚案件」 count published items or cases, which usually but not necessarily equal the
// decisions, so a difference there is a probable warning. 受理 and 事项 (applications, catalogue items)
// are not compared.

import type { Finding } from './findings.ts';
import type { Locator } from './plain-text.ts';
import { sentenceAround } from './plain-text.ts';
import { AMOUNT, mismatchFinding, NUM } from './prose-match.ts';
import { parseCount } from './text/extract.ts';

/** Table 二 as read or computed: row key → column key → value (2021 format keys). */
export type Table2Cells = Partial<Record<string, Partial<Record<string, number>>>>;

const DOC_KINDS = [
  { row: 'normativeDocument', label: '行政规范性文件', word: /(?:行政)?规范性文件/g },
  { row: 'regulation', label: '规章', word: /规章(?!制度)/g },
] as const;

const DOC_COLUMNS: Readonly<Record<string, { column: string; label: string }>> = {
  制发: { column: 'issued', label: '本年制发件数' },
  制定: { column: 'issued', label: '本年制发件数' },
  出台: { column: 'issued', label: '本年制发件数' },
  印发: { column: 'issued', label: '本年制发件数' },
  废止: { column: 'repealed', label: '本年废止件数' },
  现行有效: { column: 'inForce', label: '现行有效件数' },
};

const DOC_STATEMENT = new RegExp(
  `(制发|制定|出台|印发|废止|现行有效)(?:了|的)?((?:行政)?规范性文件|规章(?!制度))?(?:共计|共|合计|为)?\\s*${NUM}\\s*(?:件|个|份)`,
  'g',
);

const DECISION_ROWS = [
  { row: 'administrativeLicensing', label: '行政许可' },
  { row: 'administrativePenalty', label: '行政处罚' },
  { row: 'administrativeCoercion', label: '行政强制' },
] as const;

const DECISION_STATEMENT = new RegExp(
  `(受理|公开|发布)?(?:了)?行政(许可|处罚|强制)(决定书?|处理决定|措施|案件|信息|事项)?(?:共计|共|数量为?|为)?\\s*${NUM}\\s*(件|起|宗|个|条)`,
  'g',
);

const FEE_STATEMENT = new RegExp(
  `行政事业性收费(?:金额|总额|收入)?(?:共计|共|合计|总计)?(?:为|达)?\\s*${AMOUNT}\\s*(万元|元)`,
  'g',
);

function decimals(n: string): number {
  return n.includes('.') ? n.length - n.indexOf('.') - 1 : 0;
}

/** The document kind a 废止/现行有效 count without one refers to: the nearest kind before it in its sentence. */
function nearestKind(norm: string, at: number): (typeof DOC_KINDS)[number] | null {
  const s = sentenceAround(norm, at);
  const before = norm.slice(s.start, at);
  let best: { kind: (typeof DOC_KINDS)[number]; index: number } | null = null;
  for (const kind of DOC_KINDS) {
    for (const m of before.matchAll(kind.word)) if (!best || m.index > best.index) best = { kind, index: m.index };
  }
  return best?.kind ?? null;
}

export function checkProseAgainstTable2(
  text: string,
  norm: string,
  prose: { start: number; end: number },
  table2: Table2Cells,
  locate: Locator,
): Finding[] {
  const out: Finding[] = [];
  const region = norm.slice(prose.start, prose.end);
  for (const m of region.matchAll(DOC_STATEMENT)) {
    const at = prose.start + m.index;
    const verb = m[1] ?? '';
    const written = m[2];
    const kind = written ? DOC_KINDS.find((k) => new RegExp(k.word.source).test(written)) : nearestKind(norm, at);
    // A new document without its kind (「印发通知3件」) is not a table 二 count.
    if (!kind || (!written && DOC_COLUMNS[verb]?.column === 'issued')) continue;
    const col = DOC_COLUMNS[verb];
    const cell = col ? table2[kind.row]?.[col.column] : undefined;
    const stated = parseCount(m[3] ?? '');
    if (!col || cell === undefined || stated === null || stated === cell) continue;
    out.push(
      mismatchFinding(
        text,
        at,
        `文中写${kind.label}“${verb}”${stated}件，表二“${kind.label}”一行“${col.label}”为${cell}。`,
        [stated, cell],
        locate,
      ),
    );
  }
  for (const m of region.matchAll(DECISION_STATEMENT)) {
    const at = prose.start + m.index;
    const row = DECISION_ROWS.find((r) => r.label === `行政${m[2] ?? ''}`);
    const noun = m[3] ?? '';
    if (!row || m[1] === '受理' || noun === '事项') continue;
    const cell = table2[row.row]?.decisions;
    const stated = parseCount(m[4] ?? '');
    if (cell === undefined || stated === null || stated === cell) continue;
    const probable = m[1] !== undefined || noun === '案件' || noun === '信息' || m[5] === '条';
    out.push(
      mismatchFinding(
        text,
        at,
        `文中写${m[0]}，表二“${row.label}”一行“本年处理决定数量”为${cell}${probable ? '（文中所计可能是公开条数或案件数，请核对）' : ''}。`,
        [stated, cell],
        locate,
        probable ? 'probable' : 'certain',
      ),
    );
  }
  const feeCell = table2.administrativeFee?.amount;
  if (feeCell !== undefined) {
    for (const m of region.matchAll(FEE_STATEMENT)) {
      const raw = m[1] ?? '';
      const inYuan = m[2] === '元';
      const stated = Number(raw) / (inYuan ? 10000 : 1);
      // Compared at the precision of the less precise of the two (「3.5万元」 fits a cell of 3.52).
      const places = Math.min(decimals(raw) + (inYuan ? 4 : 0), decimals(String(feeCell)));
      const round = (v: number): number => Math.round(v * 10 ** places);
      if (round(stated) === round(feeCell)) continue;
      out.push(
        mismatchFinding(
          text,
          prose.start + m.index,
          `文中写行政事业性收费${raw}${m[2] ?? ''}，表二“行政事业性收费”一行“本年收费金额（单位：万元）”为${feeCell}。`,
          [stated, feeCell],
          locate,
        ),
      );
    }
  }
  return out;
}
