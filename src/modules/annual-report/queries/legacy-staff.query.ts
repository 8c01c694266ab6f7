// Legacy format 七、工作人员情况: the staff registry (countStaff) per agency, summed for a roll-up.
import type { Executor } from '../../../platform/transaction.ts';
import { countStaff, type StaffCounts } from '../../staff/index.ts';
import type { ReportScope, SectionResult } from './types.ts';

export async function legacyStaffQuery(db: Executor, scope: ReportScope): Promise<SectionResult<StaffCounts>> {
  const values: StaffCounts = { fullTime: 0, partTime: 0, total: 0, trainings: 0, trainingParticipants: 0 };
  for (const id of scope.agencyIds) {
    const c = await countStaff(db, id, scope.year);
    for (const k of Object.keys(values) as (keyof StaffCounts)[]) values[k] += c[k];
  }
  return { values, cells: { total: { source: 'records', detail: '政务公开工作人员登记（本年度内在岗）' } } };
}
