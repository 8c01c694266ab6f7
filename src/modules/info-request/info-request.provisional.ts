// Provisional answer deadlines become confirmed ones (issue #11 point 3): when a year's holidays
// are imported, every application whose stored clock is flagged provisional has its clock
// recomputed from the stored dates (refreshClock, 条例 第三十三条); a change is written to the
// audit log and to the case's timeline, where the applicant reads it too.
import { provisionalDateOwner, todayInShanghai } from '../calendar/index.ts';
import { addTimeline, audit, refreshClock } from './info-request.service.ts';

export const infoRequestProvisionalDates = provisionalDateOwner({
  key: 'infoRequest',
  label: '依申请公开答复期限',
  what: '答复期限',
  flagged: (trx) =>
    trx
      .selectFrom('infoRequests')
      .select(['id', 'agencyId', 'number', 'dueOn'])
      .where('dueProvisional', '=', 1)
      .orderBy('id')
      .execute(),
  storedDate: (r) => r.dueOn,
  name: (r) => r.number,
  async recompute(trx, cal, r) {
    const clock = await refreshClock(trx, cal, r.id);
    return { date: clock?.dueOn ?? null, provisional: Boolean(clock?.provisionalYears?.length) };
  },
  async record(trx, ctx, r, { before, after, note, year }) {
    await addTimeline(trx, ctx, r.id, {
      kind: 'dueRecomputed',
      onDate: todayInShanghai(new Date(ctx.at)),
      publicText: note,
    });
    await audit(trx, ctx, r, 'dueRecomputed', {
      calendarYear: year,
      dueOnBefore: before.date,
      dueOn: after.date,
      dueProvisional: after.provisional,
    });
  },
});
