// 工作人员 figures for the annual report: staff who worked on disclosure at any time in the year.
import type { Executor } from '../../platform/transaction.ts';

export interface StaffCounts {
  fullTime: number;
  partTime: number;
  total: number;
  trainings: number;
  trainingParticipants: number;
}

export async function countStaff(db: Executor, agencyId: number, year: number): Promise<StaffCounts> {
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const members = await db.selectFrom('staffMembers').select(['employment']).where('agencyId', '=', agencyId).where('since', '<=', to)
    .where((eb) => eb.or([eb('until', 'is', null), eb('until', '>=', from)])).execute();
  const trainings = await db.selectFrom('staffTrainings').select(['participants']).where('agencyId', '=', agencyId).where('heldOn', '>=', from).where('heldOn', '<=', to).execute();
  const fullTime = members.filter((m) => m.employment === 'fullTime').length;
  const partTime = members.length - fullTime;
  return { fullTime, partTime, total: members.length, trainings: trainings.length, trainingParticipants: trainings.reduce((a, t) => a + t.participants, 0) };
}
