// Provisional time limits of service-hall cases become confirmed ones (issue #11 point 3): when a
// year's holidays are imported, every case whose stored last day is flagged provisional gets its
// clock recomputed from its acceptance day and pauses; a change is written to the audit log,
// which is the case's 办理记录. Only then can 超时默许 act on the date.
import { updateAudited } from '../../platform/audit.ts';
import { provisionalDateOwner, recomputedDateSummary } from '../calendar/index.ts';
import { clockFields } from './service-case.service.ts';

export const serviceCaseProvisionalDates = provisionalDateOwner({
  key: 'serviceCase',
  label: '政务服务办件办结期限',
  what: '办结期限',
  flagged: (trx) =>
    trx
      .selectFrom('serviceCases')
      .select(['id', 'agencyId', 'caseNumber', 'timeLimitDays', 'acceptedOn', 'dueOn'])
      .where('dueProvisional', '=', 1)
      .orderBy('id')
      .execute(),
  storedDate: (c) => c.dueOn,
  name: (c) => c.caseNumber,
  async recompute(trx, cal, c) {
    if (!c.acceptedOn) return null;
    const clock = await clockFields(trx, cal, c, c.acceptedOn);
    return { date: clock.dueOn, provisional: clock.dueProvisional === 1, clock };
  },
  async record(trx, ctx, c, change) {
    await updateAudited(trx, ctx, {
      table: 'serviceCases',
      id: c.id,
      set: { ...change.after.clock, updatedAt: ctx.at },
      action: 'serviceCase.dueRecomputed',
      type: 'serviceCase',
      agencyId: c.agencyId,
      summary: recomputedDateSummary(change, { date: 'dueOn', flag: 'dueProvisional' }),
    });
  },
});
