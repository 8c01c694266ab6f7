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
  const members = await db
    .selectFrom('staffMembers')
    .select(['employment'])
    .where('agencyId', '=', agencyId)
    .where('since', '<=', to)
    .where((eb) => eb.or([eb('until', 'is', null), eb('until', '>=', from)]))
    .execute();
  const trainings = await db
    .selectFrom('staffTrainings')
    .select(['participants'])
    .where('agencyId', '=', agencyId)
    .where('heldOn', '>=', from)
    .where('heldOn', '<=', to)
    .execute();
  const fullTime = members.filter((m) => m.employment === 'fullTime').length;
  const partTime = members.length - fullTime;
  return {
    fullTime,
    partTime,
    total: members.length,
    trainings: trainings.length,
    trainingParticipants: trainings.reduce((a, t) => a + t.participants, 0),
  };
}

/** The legacy format's 工作人员情况 sentence (“2013年，从事政务公开工作人员2人（专职1人、兼职1人）。”). */
export function legacyStaffText(s: StaffCounts, year: number): string {
  const split = s.total ? `（专职${s.fullTime}人、兼职${s.partTime}人）` : '';
  const training = s.trainings ? `全年参加业务培训${s.trainings}次、${s.trainingParticipants}人次。` : '';
  return `${year}年，从事政务公开工作人员${s.total}人${split}。${training}`;
}
