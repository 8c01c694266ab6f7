// Deadline reminders (issue 5 §7; RULES.md §1.14 rule 14): departments by 01-31, the province's,
// prefectures' and counties' governments by 03-31, towns/townships/sub-districts by the configurable date. 30, 7 and 1 days
// before the due date, each agency whose report for last year is not yet published gets one
// message per step in the notification outbox. Idempotent: a step already queued is skipped.
import { inTransaction, type Db } from '../../platform/transaction.ts';
import { annualReportDueDate, townDeadlineOf } from './deadlines.ts';
import { townDueSettings } from './annual-report.service.ts';
import { notifyStaff } from './annual-report.notify.ts';

export const REMINDER_DAYS = [30, 7, 1] as const;

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The reminder step due on `today` for a due date, or null (the smallest step reached). */
export function reminderStep(today: string, dueOn: string): number | null {
  const left = daysBetween(today, dueOn);
  if (left < 0) return null;
  const reached = REMINDER_DAYS.filter((d) => left <= d);
  return reached.length ? Math.min(...reached) : null;
}

export async function remindAnnualReportDeadlines(db: Db, now: Date): Promise<number> {
  // Legal dates are Beijing dates.
  const today = new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
  const year = Number(today.slice(0, 4)) - 1;
  const townDue = await townDueSettings(db);
  const agencies = await db
    .selectFrom('agencies')
    .select(['id', 'name', 'kind', 'parentId'])
    .where('active', '=', 1)
    .execute();
  const reports = await db.selectFrom('annualReports').select(['agencyId', 'state']).where('year', '=', year).execute();
  let queued = 0;
  for (const a of agencies) {
    const state = reports.find((r) => r.agencyId === a.id)?.state;
    if (state === 'published' || state === 'imported') continue;
    const dueOn = annualReportDueDate(a.kind, year, townDeadlineOf(townDue, a.parentId));
    const step = reminderStep(today, dueOn);
    if (step === null) continue;
    const relatedId = `${a.id}:${year}:${step}`;
    const done = await db
      .selectFrom('notifications')
      .select('id')
      .where('relatedType', '=', 'annualReportDeadline')
      .where('relatedId', '=', relatedId)
      .executeTakeFirst();
    if (done) continue;
    const users = await db
      .selectFrom('users')
      .select(['id', 'email', 'displayName'])
      .where('agencyId', '=', a.id)
      .where('active', '=', 1)
      .execute();
    if (users.length === 0) continue;
    await inTransaction(db, async (trx) => {
      queued += await notifyStaff(
        trx,
        a.id,
        users,
        {
          subject: `${year}年度政府信息公开工作年度报告将于${dueOn}到期`,
          body: `${a.name}${year}年度政府信息公开工作年度报告应于${dueOn}前发布，目前尚未发布（还有 ${daysBetween(today, dueOn)} 天）。请登录管理平台“年度报告”编制、检查并报送。`,
          relatedType: 'annualReportDeadline',
          relatedId,
        },
        now.toISOString(),
      );
    });
  }
  return queued;
}
