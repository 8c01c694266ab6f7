// Provisional release dates become confirmed ones (issue #11 point 3): when a year's holidays are
// imported, every publication whose stored 20-working-day date (条例 第二十六条) is flagged
// provisional gets it recomputed from its 成文日期; one already released is judged late or in time
// again against the new date. A change is written to the audit log, which is its 办理记录.
import { updateAudited } from '../../platform/audit.ts';
import { provisionalDateOwner, recomputedDateSummary, withProvisionalFallback } from '../calendar/index.ts';
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
  async record(trx, ctx, p, change) {
    const { date, provisional } = change.after;
    const isLate = p.publishedOn ? (isLateRelease(date, p.publishedOn) ? 1 : 0) : p.isLate;
    await updateAudited(trx, ctx, {
      table: 'publications',
      id: p.id,
      set: { dueOn: date, dueProvisional: provisional ? 1 : 0, isLate },
      action: 'publication.dueRecomputed',
      type: 'publication',
      agencyId: p.agencyId,
      summary: recomputedDateSummary(
        change,
        { date: 'dueOn', flag: 'dueProvisional' },
        { before: { late: p.isLate === 1 }, after: { late: isLate === 1 } },
      ),
    });
  },
});
