// 信息处理费 — 条例 第四十二条 and 国办函〔2020〕109号《政府信息公开信息处理费管理办法》
// 第三条（two methods, one per application）、第四条（按件计收）、第五条（按量计收）; payment
// window as restated by the 四川 implementing notice (RULES.md §4, rules 23–26).
// Both methods are progressive on the excess (超额累进): every unit is priced by the band it falls
// in, so quotes are returned with their bands and staff can print them on the 收费通知.
// Amounts are whole yuan (integers); no rate in 109号 produces fractions.
import type { IsoDate, WorkCalendar } from '../../calendar/index.ts';
import { workingDayDeadline, type DueDate } from './due-date.ts';
import { FeeMethodConflictError, InfoRequestRuleError } from './errors.ts';

export type FeeMethod = 'perItem' | 'perPage';

export const feeMethodLabels: Readonly<Record<FeeMethod, string>> = {
  perItem: '按件计收',
  perPage: '按量计收',
};

export interface FeeBand {
  /** First and last unit of this band that the quote covers (inclusive). */
  from: number;
  to: number;
  count: number;
  /** 元 per unit (per application or per page). */
  unitPrice: number;
  amount: number;
}

export interface FeeQuote {
  method: FeeMethod;
  /** Applications (按件) or pages (按量) covered by the quote. */
  quantity: number;
  /** 元, integer. */
  amount: number;
  bands: FeeBand[];
  basis: string;
}

/** Payment is due within 20 working days from the day after the fee notice was received. */
export const FEE_PAYMENT_WORKING_DAYS = 20;

interface Tier {
  from: number;
  to: number;
  unitPrice: number;
}

// 第四条: 1–10 free; 11–30 at 100元/件; from 31 on, blocks of 10 each 100元 dearer than the last
// (31–40: 200, 41–50: 300 …): "以10件为一档，每增加一档，收费标准提高100元/件".
function perItemTier(n: number): Tier {
  if (n <= 10) return { from: 1, to: 10, unitPrice: 0 };
  if (n <= 30) return { from: 11, to: 30, unitPrice: 100 };
  const block = Math.floor((n - 31) / 10);
  return { from: 31 + block * 10, to: 40 + block * 10, unitPrice: 200 + block * 100 };
}

// 第五条: per application, 1–30 pages free; 31–100 at 10元/页; 101–200 at 20元/页; 201+ at 40元/页.
function perPageTier(n: number): Tier {
  if (n <= 30) return { from: 1, to: 30, unitPrice: 0 };
  if (n <= 100) return { from: 31, to: 100, unitPrice: 10 };
  if (n <= 200) return { from: 101, to: 200, unitPrice: 20 };
  return { from: 201, to: Number.POSITIVE_INFINITY, unitPrice: 40 };
}

const MAX_UNITS = 1_000_000;

function requireCount(value: number, what: string, min = 0): number {
  if (!Number.isInteger(value) || value < min || value > MAX_UNITS) {
    const message = `${what}应为不小于${min}的整数，当前为“${String(value)}”。`;
    throw new InfoRequestRuleError('fee.invalidQuantity', message, { feeQuantity: message });
  }
  return value;
}

function bandsFor(first: number, last: number, tierOf: (n: number) => Tier): FeeBand[] {
  const bands: FeeBand[] = [];
  for (let n = first; n <= last;) {
    const tier = tierOf(n);
    const to = Math.min(tier.to, last);
    const count = to - n + 1;
    bands.push({ from: n, to, count, unitPrice: tier.unitPrice, amount: count * tier.unitPrice });
    n = to + 1;
  }
  return bands;
}

function sum(bands: readonly FeeBand[]): number {
  return bands.reduce((total, b) => total + b.amount, 0);
}

/** Price of the n-th application of one applicant in one calendar month (109号 第四条). */
export function marginalPerItemFee(n: number): number {
  return perItemTier(requireCount(n, '本月累计申请序号', 1)).unitPrice;
}

/**
 * 按件计收 for `units` applications that follow `previousCount` applications already counted for
 * the same applicant in the same calendar month (自然月累计). A request split into minimal units
 * (一事一申请) passes the number of units.
 */
export function quotePerItemUnits(previousCount: number, units: number): FeeQuote {
  requireCount(previousCount, '本月此前累计申请件数');
  requireCount(units, '本次计费的申请件数');
  const bands = bandsFor(previousCount + 1, previousCount + units, perItemTier);
  return {
    method: 'perItem',
    quantity: units,
    amount: sum(bands),
    bands,
    basis:
      '按件计收：同一申请人一个自然月内累计申请10件以下（含10件）的，不收费；11—30件（含30件）的部分：100元/件；31件以上的部分：以10件为一档，每增加一档，收费标准提高100元/件（国办函〔2020〕109号第四条）。',
  };
}

/** 按件计收 total for the first `monthlyCount` applications of one applicant in one calendar month. */
export function quotePerItem(monthlyCount: number): FeeQuote {
  return quotePerItemUnits(0, monthlyCount);
}

/** 按量计收 for one application of `pages` pages (109号 第五条). */
export function quotePerPage(pages: number): FeeQuote {
  requireCount(pages, '页数');
  const bands = bandsFor(1, pages, perPageTier);
  return {
    method: 'perPage',
    quantity: pages,
    amount: sum(bands),
    bands,
    basis:
      '按量计收：30页以下（含30页）的，不收费；31—100页（含100页）的部分：10元/页；101—200页（含200页）的部分：20元/页；201页以上的部分：40元/页（国办函〔2020〕109号第五条）。',
  };
}

/**
 * 109号 第三条: for one application the agency charges either per item or per page, never both.
 * Returns the single method used (null when nothing is charged); throws FeeMethodConflictError
 * when the charges of one application mix the two methods.
 */
export function assertSingleFeeMethod(charges: readonly { method: FeeMethod }[]): FeeMethod | null {
  const methods = new Set(charges.map((c) => c.method));
  if (methods.size > 1) throw new FeeMethodConflictError();
  const [only] = methods;
  return only ?? null;
}

/** Last day to pay: the 20th working day after the day the 收费通知 was received (rule 26). */
export function feePaymentDueOn(cal: WorkCalendar, noticeReceivedOn: IsoDate): DueDate {
  return workingDayDeadline(cal, noticeReceivedOn, FEE_PAYMENT_WORKING_DAYS, '信息处理费缴纳期限');
}
