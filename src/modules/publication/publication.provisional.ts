// Provisional release dates become confirmed ones (issue #11 point 3): when a year's holidays are
// imported, every publication whose stored 20-working-day date (条例 第二十六条) is flagged
// provisional gets it recomputed from its 成文日期; one already released is judged late or in time
// again against the new date. A change is written to the audit log, which is its 办理记录.
import { recordEvent, type AuditContext } from '../../platform/audit.ts';
import type { Trx } from '../../platform/transaction.ts';
import {
  isDateChange,
  recomputedDateNote,
  withProvisionalFallback,
  type ProvisionalDateChange,
  type ProvisionalDateOwner,
  type WorkCalendar,
} from '../calendar/index.ts';
import { isLateRelease, releaseDueOn } from './publication.rules.ts';

async function recompute(
  trx: Trx,
  ctx: AuditContext,
  cal: WorkCalendar,
  year: number,
): Promise<ProvisionalDateChange[]> {
  const rows = await trx
    .selectFrom('publications')
    .select(['id', 'agencyId', 'title', 'formedOn', 'dueOn', 'publishedOn', 'isLate'])
    .where('dueProvisional', '=', 1)
    .orderBy('id')
    .execute();
  const changes: ProvisionalDateChange[] = [];
  for (const p of rows) {
    const before = { date: p.dueOn, provisional: true };
    const r = withProvisionalFallback(cal, (c) => releaseDueOn(c, p.formedOn));
    const after = { date: r.value, provisional: r.provisional };
    if (!isDateChange(before, after)) continue;
    const isLate = p.publishedOn ? (isLateRelease(r.value, p.publishedOn) ? 1 : 0) : p.isLate;
    await trx
      .updateTable('publications')
      .set({ dueOn: r.value, dueProvisional: r.provisional ? 1 : 0, isLate })
      .where('id', '=', p.id)
      .execute();
    await recordEvent(
      trx,
      ctx,
      'publication.dueRecomputed',
      { type: 'publication', id: p.id, agencyId: p.agencyId },
      {
        before: { dueOn: before.date, dueProvisional: true, late: p.isLate === 1 },
        after: { dueOn: after.date, dueProvisional: after.provisional, late: isLate === 1, calendarYear: year },
        note: recomputedDateNote(year, '发布期限', before, after),
      },
    );
    changes.push({ owner: 'publication', id: p.id, label: p.title, before, after });
  }
  return changes;
}

export const publicationProvisionalDates: ProvisionalDateOwner = {
  key: 'publication',
  label: '主动公开发布期限',
  recompute,
};
