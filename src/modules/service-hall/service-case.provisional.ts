// Provisional time limits of service-hall cases become confirmed ones (issue #11 point 3): when a
// year's holidays are imported, every case whose stored last day is flagged provisional gets its
// clock recomputed from its acceptance day and pauses; a change is written to the audit log,
// which is the case's 办理记录. Only then can 超时默许 act on the date.
import { recordEvent, type AuditContext } from '../../platform/audit.ts';
import type { Trx } from '../../platform/transaction.ts';
import {
  isDateChange,
  recomputedDateNote,
  type ProvisionalDateChange,
  type ProvisionalDateOwner,
  type WorkCalendar,
} from '../calendar/index.ts';
import { clockFields } from './service-case.service.ts';

async function recompute(
  trx: Trx,
  ctx: AuditContext,
  cal: WorkCalendar,
  year: number,
): Promise<ProvisionalDateChange[]> {
  const rows = await trx
    .selectFrom('serviceCases')
    .select(['id', 'agencyId', 'caseNumber', 'timeLimitDays', 'acceptedOn', 'dueOn'])
    .where('dueProvisional', '=', 1)
    .orderBy('id')
    .execute();
  const changes: ProvisionalDateChange[] = [];
  for (const c of rows) {
    if (!c.acceptedOn) continue;
    const before = { date: c.dueOn, provisional: true };
    const clock = await clockFields(trx, cal, c, c.acceptedOn);
    const after = { date: clock.dueOn, provisional: clock.dueProvisional === 1 };
    if (!isDateChange(before, after)) continue;
    await trx
      .updateTable('serviceCases')
      .set({ ...clock, updatedAt: ctx.at })
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
        note: recomputedDateNote(year, '办结期限', before, after),
      },
    );
    changes.push({ owner: 'serviceCase', id: c.id, label: c.caseNumber, before, after });
  }
  return changes;
}

export const serviceCaseProvisionalDates: ProvisionalDateOwner = {
  key: 'serviceCase',
  label: '政务服务办件办结期限',
  recompute,
};
