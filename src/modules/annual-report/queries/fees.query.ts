// Section 六's 信息处理费 (国办函〔2020〕109号): the fees applicants paid in the year, summed from
// the payments recorded on applications (fee_paid_on in the year).
import { sql } from 'kysely';
import type { Executor } from '../../../platform/transaction.ts';
import { inReportYear, type CellProvenance, type ReportScope, type SectionResult } from './types.ts';

export interface FeesResult {
  /** 元. */
  informationProcessing: number;
  /** Number of applications with a fee paid in the year. */
  paidCount: number;
}

export async function feesQuery(db: Executor, scope: ReportScope): Promise<SectionResult<FeesResult>> {
  const cells: Record<string, CellProvenance> = {
    informationProcessing: { source: 'records', detail: '依申请公开案件登记的缴费记录' },
  };
  if (scope.agencyIds.length === 0) return { values: { informationProcessing: 0, paidCount: 0 }, cells };
  const row = await db
    .selectFrom('infoRequests')
    .select([sql<number>`coalesce(sum(fee_paid_amount), 0)`.as('amount'), sql<number>`count(*)`.as('n')])
    .where('agencyId', 'in', [...scope.agencyIds])
    .where(inReportYear('feePaidOn', scope.year))
    .executeTakeFirst();
  return { values: { informationProcessing: Number(row?.amount ?? 0), paidCount: Number(row?.n ?? 0) }, cells };
}
