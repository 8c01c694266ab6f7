// Provisional end dates of 公示 become confirmed ones (issue #11 point 3): when a year's holidays
// are imported, every draft or published notice whose last day was computed provisionally (a
// period in working days reaching an unconfirmed year) gets it recomputed from its start date and
// period. A change is written to the audit log, which is the notice's 办理记录. A notice already
// ended or withdrawn keeps the dates it was public on.
import { updateAudited } from '../../platform/audit.ts';
import { provisionalDateOwner, recomputedDateSummary } from '../calendar/index.ts';
import { computeEndDateProvisional } from './notice.service.ts';

export const noticeProvisionalDates = provisionalDateOwner({
  key: 'notice',
  label: '公示期结束日期',
  what: '公示期结束日期',
  flagged: (trx) =>
    trx
      .selectFrom('notices')
      .select(['id', 'agencyId', 'title', 'startDate', 'periodDays', 'periodUnit', 'endDate'])
      .where('endProvisional', '=', 1)
      .where('state', 'in', ['draft', 'published'])
      .orderBy('id')
      .execute(),
  storedDate: (n) => n.endDate,
  name: (n) => n.title,
  recompute(_trx, cal, n) {
    const r = computeEndDateProvisional(cal, n.startDate, n.periodDays, n.periodUnit);
    return { date: r.endDate, provisional: r.provisional };
  },
  async record(trx, ctx, n, change) {
    const { date, provisional } = change.after;
    await updateAudited(trx, ctx, {
      table: 'notices',
      id: n.id,
      set: { endDate: date, endProvisional: provisional ? 1 : 0, updatedAt: ctx.at },
      action: 'notice.endRecomputed',
      type: 'notice',
      agencyId: n.agencyId,
      summary: recomputedDateSummary(change, { date: 'endDate', flag: 'endProvisional' }),
    });
  },
});
