// Provisional reply dates of 咨询/投诉/领导信箱/公示异议 become confirmed ones (issue #11 point 3):
// when a year's holidays are imported, every case whose stored reply date is flagged provisional
// gets it recomputed from its received date and its stored answer days; a change is written to the
// audit log, which is the case's 办理记录.
import { recordEvent } from '../../platform/audit.ts';
import { provisionalDateOwner } from '../calendar/index.ts';
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
  async record(trx, ctx, r, { before, after, note, year }) {
    await trx
      .updateTable('interactionCases')
      .set({ dueDate: after.date, dueProvisional: after.provisional ? 1 : 0, updatedAt: ctx.at })
      .where('id', '=', r.id)
      .execute();
    await recordEvent(
      trx,
      ctx,
      `${r.kind}.dueRecomputed`,
      { type: r.kind, id: r.id, agencyId: r.agencyId },
      {
        before: { dueDate: before.date, dueProvisional: true },
        after: { dueDate: after.date, dueProvisional: after.provisional, calendarYear: year },
        note,
      },
    );
  },
});
