// Provisional release dates become confirmed ones (issue #11 point 3): when a year's holidays are
// imported, every publication whose stored 20-working-day date (条例 第二十六条) is flagged
// provisional gets it recomputed from its 成文日期; one already released is judged late or in time
// again against the new date. A change is written to the audit log, which is its 办理记录.
import { recordEvent } from '../../platform/audit.ts';
import { provisionalDateOwner, withProvisionalFallback } from '../calendar/index.ts';
import { isLateRelease, releaseDueOn } from './publication.rules.ts';

export const publicationProvisionalDates = provisionalDateOwner({
  key: 'publication',
  label: '主动公开发布期限',
  what: '发布期限',
  flagged: (trx) =>
    trx
      .selectFrom('publications')
      .select(['id', 'agencyId', 'title', 'formedOn', 'dueOn', 'publishedOn', 'isLate'])
      .where('dueProvisional', '=', 1)
      .orderBy('id')
      .execute(),
  storedDate: (p) => p.dueOn,
  name: (p) => p.title,
  recompute(_trx, cal, p) {
    const r = withProvisionalFallback(cal, (c) => releaseDueOn(c, p.formedOn));
    return { date: r.value, provisional: r.provisional };
  },
  async record(trx, ctx, p, { before, after, note, year }) {
    const isLate = p.publishedOn ? (isLateRelease(after.date, p.publishedOn) ? 1 : 0) : p.isLate;
    await trx
      .updateTable('publications')
      .set({ dueOn: after.date, dueProvisional: after.provisional ? 1 : 0, isLate })
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
        note,
      },
    );
  },
});
