// 一、总体情况: the 基层政务公开标准目录 (issue #17 point 2). The items the report's agencies owed in
// the year (each periodic release once), judged at the year's end on what was published in the
// categories bound to them: 按时, 逾期, 缺失. The drill-down lists the same items.
import type { Executor } from '../../../platform/transaction.ts';
import {
  REPORT_STATUSES,
  STATUS_LABELS,
  yearCompleteness,
  yearCompletenessRecords,
  type ReportStatus,
} from '../../standard-catalogue/index.ts';
import type { ReportScope } from './types.ts';

export { REPORT_STATUSES as STANDARD_CATALOGUE_KEYS, type ReportStatus as StandardCatalogueKey };

export const STANDARD_CATALOGUE_LABELS: Record<ReportStatus, string> = {
  onTime: `标准目录事项${STATUS_LABELS.onTime}公开（项次）`,
  late: `标准目录事项${STATUS_LABELS.late}公开（项次）`,
  missing: `标准目录事项${STATUS_LABELS.missing}（项次）`,
};

export async function standardCatalogueCounts(db: Executor, scope: ReportScope): Promise<Record<ReportStatus, number>> {
  const out = { onTime: 0, late: 0, missing: 0 };
  for (const a of await yearCompleteness(db, scope.agencyIds, scope.year))
    for (const k of REPORT_STATUSES) out[k] += a.total[k];
  return out;
}

export function standardCatalogueRecords(db: Executor, scope: ReportScope, key: ReportStatus) {
  return yearCompletenessRecords(db, scope.agencyIds, scope.year, key);
}
