// Provisional end dates of 公示 become confirmed ones (issue #11 point 3): when a year's holidays
// are imported, every draft or published notice whose last day was computed provisionally (a
// period in working days reaching an unconfirmed year) gets it recomputed from its start date and
// period. A change is written to the audit log, which is the notice's 办理记录. A notice already
// ended or withdrawn keeps the dates it was public on.
import { recordEvent, type AuditContext } from '../../platform/audit.ts';
import type { Trx } from '../../platform/transaction.ts';
import {
  isDateChange,
  recomputedDateNote,
  type ProvisionalDateChange,
  type ProvisionalDateOwner,
  type WorkCalendar,
} from '../calendar/index.ts';
import { computeEndDateProvisional } from './notice.service.ts';

async function recompute(
  trx: Trx,
  ctx: AuditContext,
  cal: WorkCalendar,
  year: number,
): Promise<ProvisionalDateChange[]> {
  const rows = await trx
    .selectFrom('notices')
    .select(['id', 'agencyId', 'title', 'startDate', 'periodDays', 'periodUnit', 'endDate'])
    .where('endProvisional', '=', 1)
    .where('state', 'in', ['draft', 'published'])
    .orderBy('id')
    .execute();
  const changes: ProvisionalDateChange[] = [];
  for (const n of rows) {
    const before = { date: n.endDate, provisional: true };
    const r = computeEndDateProvisional(cal, n.startDate, n.periodDays, n.periodUnit);
    const after = { date: r.endDate, provisional: r.provisional };
    if (!isDateChange(before, after)) continue;
    await trx
      .updateTable('notices')
      .set({ endDate: r.endDate, endProvisional: r.provisional ? 1 : 0, updatedAt: ctx.at })
      .where('id', '=', n.id)
      .execute();
    await recordEvent(
      trx,
      ctx,
      'notice.endRecomputed',
      { type: 'notice', id: n.id, agencyId: n.agencyId },
      {
        before: { endDate: before.date, endProvisional: true },
        after: { endDate: after.date, endProvisional: after.provisional, calendarYear: year },
        note: recomputedDateNote(year, '公示期结束日期', before, after),
      },
    );
    changes.push({ owner: 'notice', id: n.id, label: n.title, before, after });
  }
  return changes;
}

export const noticeProvisionalDates: ProvisionalDateOwner = {
  key: 'notice',
  label: '公示期结束日期',
  recompute,
};
