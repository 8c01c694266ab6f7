// Provisional time limits of service-hall cases become confirmed ones (issue #11 point 3): when a
// year's holidays are imported, every case whose stored last day is flagged provisional gets its
// clock recomputed from its acceptance day and pauses; a change is written to the audit log,
// which is the case's 办理记录. Only then can 超时默许 act on the date.
import { recordEvent } from '../../platform/audit.ts';
import { provisionalDateOwner } from '../calendar/index.ts';
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
  async record(trx, ctx, c, { before, after, note, year }) {
    await trx
      .updateTable('serviceCases')
      .set({ ...after.clock, updatedAt: ctx.at })
      .where('id', '=', c.id)
      .execute();
    await recordEvent(
      trx,
      ctx,
      'serviceCase.dueRecomputed',
      { type: 'serviceCase', id: c.id, agencyId: c.agencyId },
      {
        before: { dueOn: before.date, dueProvisional: true },
        after: { dueOn: after.date, dueProvisional: after.provisional, calendarYear: year },
        note,
      },
    );
  },
});
