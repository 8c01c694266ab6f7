// Provisional reply dates of 咨询/投诉/领导信箱/公示异议 become confirmed ones (issue #11 point 3):
// when a year's holidays are imported, every case whose stored reply date is flagged provisional
// gets it recomputed from its received date and its stored answer days; a change is written to the
// audit log, which is the case's 办理记录.
import { updateAudited } from '../../platform/audit.ts';
import { provisionalDateOwner, recomputedDateSummary } from '../calendar/index.ts';
import { computeDueDate } from './interaction.service.ts';

export const interactionProvisionalDates = provisionalDateOwner({
  key: 'interaction',
  label: '咨询、投诉、信箱答复期限',
  what: '答复期限',
  flagged: (trx) =>
    trx
      .selectFrom('interactionCases')
      .select(['id', 'agencyId', 'kind', 'receiptNumber', 'receivedDate', 'answerDays', 'dueDate'])
      .where('dueProvisional', '=', 1)
      .orderBy('id')
      .execute(),
  storedDate: (r) => r.dueDate,
  name: (r) => r.receiptNumber,
  recompute(_trx, cal, r) {
    const due = r.answerDays === null ? null : computeDueDate(cal, r.receivedDate, r.answerDays);
    return { date: due?.dueDate ?? null, provisional: due?.provisional ?? false };
  },
  async record(trx, ctx, r, change) {
    const { date, provisional } = change.after;
    await updateAudited(trx, ctx, {
      table: 'interactionCases',
      id: r.id,
      set: { dueDate: date, dueProvisional: provisional ? 1 : 0, updatedAt: ctx.at },
      action: `${r.kind}.dueRecomputed`,
      type: r.kind,
      agencyId: r.agencyId,
      summary: recomputedDateSummary(change, { date: 'dueDate', flag: 'dueProvisional' }),
    });
  },
});
