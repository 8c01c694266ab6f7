// Provisional reply dates of 咨询/投诉/领导信箱/公示异议 become confirmed ones (issue #11 point 3):
// when a year's holidays are imported, every case whose stored reply date is flagged provisional
// gets it recomputed from its received date and its stored answer days; a change is written to the
// audit log, which is the case's 办理记录.
import { recordEvent, type AuditContext } from '../../platform/audit.ts';
import type { Trx } from '../../platform/transaction.ts';
import {
  isDateChange,
  recomputedDateNote,
  type ProvisionalDateChange,
  type ProvisionalDateOwner,
  type WorkCalendar,
} from '../calendar/index.ts';
import { computeDueDate } from './interaction.service.ts';

async function recompute(
  trx: Trx,
  ctx: AuditContext,
  cal: WorkCalendar,
  year: number,
): Promise<ProvisionalDateChange[]> {
  const rows = await trx
    .selectFrom('interactionCases')
    .select(['id', 'agencyId', 'kind', 'receiptNumber', 'receivedDate', 'answerDays', 'dueDate'])
    .where('dueProvisional', '=', 1)
    .orderBy('id')
    .execute();
  const changes: ProvisionalDateChange[] = [];
  for (const r of rows) {
    const before = { date: r.dueDate, provisional: true };
    const due = r.answerDays === null ? null : computeDueDate(cal, r.receivedDate, r.answerDays);
    const after = { date: due?.dueDate ?? null, provisional: due?.provisional ?? false };
    if (!isDateChange(before, after)) continue;
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
        note: recomputedDateNote(year, '答复期限', before, after),
      },
    );
    changes.push({ owner: 'interaction', id: r.id, label: r.receiptNumber, before, after });
  }
  return changes;
}

export const interactionProvisionalDates: ProvisionalDateOwner = {
  key: 'interaction',
  label: '咨询、投诉、信箱答复期限',
  recompute,
};
