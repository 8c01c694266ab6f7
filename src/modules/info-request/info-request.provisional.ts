// Provisional answer deadlines become confirmed ones (issue #11 point 3): when a year's holidays
// are imported, every application whose stored clock is flagged provisional has its clock
// recomputed from the stored dates (refreshClock, 条例 第三十三条); a change is written to the
// audit log and to the case's timeline, where the applicant reads it too.
import type { AuditContext } from '../../platform/audit.ts';
import type { Trx } from '../../platform/transaction.ts';
import {
  isDateChange,
  recomputedDateNote,
  todayInShanghai,
  type ProvisionalDateChange,
  type ProvisionalDateOwner,
  type WorkCalendar,
} from '../calendar/index.ts';
import { addTimeline, audit, refreshClock } from './info-request.service.ts';

async function recompute(
  trx: Trx,
  ctx: AuditContext,
  cal: WorkCalendar,
  year: number,
): Promise<ProvisionalDateChange[]> {
  const rows = await trx
    .selectFrom('infoRequests')
    .select(['id', 'agencyId', 'number', 'dueOn'])
    .where('dueProvisional', '=', 1)
    .orderBy('id')
    .execute();
  const changes: ProvisionalDateChange[] = [];
  for (const r of rows) {
    const before = { date: r.dueOn, provisional: true };
    const clock = await refreshClock(trx, cal, r.id);
    const after = { date: clock?.dueOn ?? null, provisional: Boolean(clock?.provisionalYears?.length) };
    if (!isDateChange(before, after)) continue;
    const note = recomputedDateNote(year, '答复期限', before, after);
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
    changes.push({ owner: 'infoRequest', id: r.id, label: r.number, before, after });
  }
  return changes;
}

export const infoRequestProvisionalDates: ProvisionalDateOwner = {
  key: 'infoRequest',
  label: '依申请公开答复期限',
  recompute,
};
