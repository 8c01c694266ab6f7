// Legacy format 五、政府信息公开的收费及减免情况: the fees applicants paid (recorded payments,
// fees.query.ts) plus what staff entered with a source note where no module records it: fees
// charged and waived outside the recorded payments, and the year's spending on disclosure work
// (the seed's “费用支出2万余元”). Amounts in 元.
import type { Executor } from '../../../platform/transaction.ts';
import { feesQuery, type FeesResult } from './fees.query.ts';
import { staffCell, type CellProvenance, type ReportScope, type SectionResult, type StaffFigures } from './types.ts';

/** Staff-entered figure keys of the legacy fees section (元). */
export const LEGACY_FEE_FIGURES = [
  {
    key: 'legacy.feesCharged',
    label: '收费：缴费记录以外另行收取的费用（2018年度及以前为检索、复制、邮寄等成本费用，2021年度起为信息处理费）',
    unit: '元',
    decimal: true,
  },
  { key: 'legacy.feesWaived', label: '减免：减免的费用', unit: '元', decimal: true },
  { key: 'legacy.spending', label: '本年政府信息公开工作费用支出', unit: '元', decimal: true },
] as const;

export interface LegacyFeesResult {
  recorded: FeesResult;
  charged: number;
  waived: number;
  spending: number;
  /** Source notes of the staff-entered figures ('' when not entered). */
  notes: { charged: string; waived: string; spending: string };
}

export async function legacyFeesQuery(
  db: Executor,
  scope: ReportScope,
  figures: StaffFigures,
): Promise<SectionResult<LegacyFeesResult>> {
  const recorded = await feesQuery(db, scope);
  const charged = staffCell(figures, 'legacy.feesCharged');
  const waived = staffCell(figures, 'legacy.feesWaived');
  const spending = staffCell(figures, 'legacy.spending');
  const note = (c: CellProvenance): string => (c.source === 'staff' ? c.note : '');
  return {
    values: {
      recorded: recorded.values,
      charged: charged.value,
      waived: waived.value,
      spending: spending.value,
      notes: { charged: note(charged.cell), waived: note(waived.cell), spending: note(spending.cell) },
    },
    cells: { ...recorded.cells, charged: charged.cell, waived: waived.cell, spending: spending.cell },
  };
}
