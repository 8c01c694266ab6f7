// SQL for publicity notices. "Publicly visible" is one definition used by every public list,
// page, feed and export: published, and today within [startDate, endDate].
import type { Insertable, Updateable } from 'kysely';
import { endingThisWeek } from './notice.queues.ts';
import { countRows, findRow, insertRow } from '../../platform/rows.ts';
import type { Executor } from '../../platform/transaction.ts';
import type { NoticesTable } from './notice.tables.ts';

export type NoticeRow = Awaited<ReturnType<typeof findNoticeById>> & {};

export function findNoticeById(db: Executor, id: number) {
  return findRow(db, 'notices', { id });
}

export async function insertNotice(db: Executor, values: Insertable<NoticesTable>): Promise<number> {
  return insertRow(db, 'notices', values);
}

export function updateNotice(db: Executor, id: number, values: Updateable<NoticesTable>) {
  return db.updateTable('notices').set(values).where('id', '=', id).execute();
}

function staffNotices(db: Executor, agencyIds: number[], endingWithin?: { today: string; weekEnd: string }) {
  const q = db.selectFrom('notices').where('agencyId', 'in', agencyIds.length ? agencyIds : [-1]);
  return endingWithin ? q.where(endingThisWeek(endingWithin)) : q;
}

/** How many notices the console list holds (its total). */
export async function countNoticesForStaff(
  db: Executor,
  agencyIds: number[],
  endingWithin?: { today: string; weekEnd: string },
): Promise<number> {
  return countRows(staffNotices(db, agencyIds, endingWithin));
}

/** A page of the console list, the latest first. */
export function listNoticesForStaff(
  db: Executor,
  agencyIds: number[],
  endingWithin: { today: string; weekEnd: string } | undefined,
  page: { limit: number; offset: number },
) {
  return staffNotices(db, agencyIds, endingWithin)
    .selectAll()
    .orderBy('id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

function visible(db: Executor, today: string) {
  return db
    .selectFrom('notices')
    .selectAll()
    .where('state', '=', 'published')
    .where('startDate', '<=', today)
    .where('endDate', '>=', today);
}

export function listVisibleNotices(db: Executor, agencyId: number, today: string) {
  return visible(db, today)
    .where('agencyId', '=', agencyId)
    .orderBy('startDate', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

export function findVisibleNotice(db: Executor, agencyId: number, id: number, today: string) {
  return visible(db, today).where('agencyId', '=', agencyId).where('id', '=', id).executeTakeFirst();
}

/** Published notices whose last day is before `today`: the expiry job's batch. */
export function listExpiredNotices(db: Executor, today: string, limit: number) {
  return db
    .selectFrom('notices')
    .selectAll()
    .where('state', '=', 'published')
    .where('endDate', '<', today)
    .orderBy('id')
    .limit(limit)
    .execute();
}
