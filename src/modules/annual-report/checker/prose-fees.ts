// Prose against the fee figure (#15 point 4): what a sentence says was collected as 信息处理费 (国办函
// 〔2020〕109号; 「收取信息处理费0元」「未收取任何费用」) against the year's fee figure — for our own
// reports the fees recorded on applications (queries/fees.query.ts), for a published 2021-format text
// the statement in 六、其他需要报告的事项, where the format asks for it. Amounts in 元 (万元 converted).

import type { Finding } from './findings.ts';
import type { Locator } from './plain-text.ts';
import { AMOUNT, mismatchFinding } from './prose-match.ts';

/** The fee figure a statement is compared with, and how to name it in the message. */
export interface FeeFigure {
  /** 元. */
  amount: number;
  /** 「按申请登记的缴费记录」, 「第六部分写明」… */
  source: string;
}

export interface FeeStatement {
  /** 元. */
  amount: number;
  at: number;
  words: string;
}

const FEE_AMOUNT = new RegExp(
  `(?:信息处理费|收取(?:了)?(?:任何)?(?:政府信息公开)?(?:申请)?(?:费用|处理费))(?:用)?(?:共计|共|合计|总计|为)?\\s*${AMOUNT}\\s*(万元|元)`,
  'g',
);
const NO_FEE =
  /(?:未|没有|无|不曾|均未|免)(?:收取|收缴|产生|发生|收)(?:任何)?(?:政府信息公开)?(?:申请)?(?:信息处理费|处理费|费用)/g;

/** Every fee statement between `from` and `to` of the normalised text, in order. */
export function feeStatements(norm: string, from: number, to: number): FeeStatement[] {
  const region = norm.slice(from, to);
  const out: FeeStatement[] = [];
  for (const m of region.matchAll(FEE_AMOUNT)) {
    const amount = Number(m[1]) * (m[2] === '万元' ? 10000 : 1);
    out.push({ amount, at: from + m.index, words: m[0] });
  }
  for (const m of region.matchAll(NO_FEE)) out.push({ amount: 0, at: from + m.index, words: m[0] });
  return out.sort((a, b) => a.at - b.at);
}

/** The one amount a region states (六、其他需要报告的事项), or null when it states none or several. */
export function statedFee(norm: string, from: number, to: number): number | null {
  const amounts = new Set(feeStatements(norm, from, to).map((s) => s.amount));
  return amounts.size === 1 ? ([...amounts][0] ?? null) : null;
}

export function checkProseAgainstFees(
  text: string,
  norm: string,
  prose: { start: number; end: number },
  fee: FeeFigure,
  locate: Locator,
): Finding[] {
  const out: Finding[] = [];
  for (const s of feeStatements(norm, prose.start, prose.end)) {
    if (Math.abs(s.amount - fee.amount) < 0.005) continue;
    out.push(
      mismatchFinding(
        text,
        s.at,
        `文中写“${s.words}”${s.words.includes('万元') ? `（合${s.amount}元）` : ''}，${fee.source}的信息处理费为${fee.amount}元。`,
        [s.amount, fee.amount],
        locate,
      ),
    );
  }
  return out;
}
