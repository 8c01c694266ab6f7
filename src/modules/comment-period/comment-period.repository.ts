// SQL of the comment periods (意见征集): rows for staff, the public's reads (published only) and the
// comments with their verdicts.
import type { ExpressionBuilder, Selectable } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { findRow } from '../../platform/rows.ts';
import type { Executor } from '../../platform/transaction.ts';
import type { CommentPeriodFilesTable, CommentPeriodsTable, PublicCommentsTable } from './comment-period.tables.ts';

export type CommentPeriodRow = Selectable<CommentPeriodsTable>;
export type CommentPeriodFileRow = Selectable<CommentPeriodFilesTable>;
export type PublicCommentRow = Selectable<PublicCommentsTable>;

export function findCommentPeriod(db: Executor, id: number): Promise<CommentPeriodRow | undefined> {
  return findRow(db, 'commentPeriods', { id });
}

/**
 * The 工作台's queue, written once for its count and its list: published, the last day before
 * today, and no 意见采纳情况反馈 yet.
 */
export function feedbackDueCondition(today: string) {
  return (eb: ExpressionBuilder<DB, 'commentPeriods'>) =>
    eb.and([
      eb('commentPeriods.publishedAt', 'is not', null),
      eb('commentPeriods.closesOn', '<', today),
      eb('commentPeriods.feedbackPublishedAt', 'is', null),
    ]);
}

/** Staff list: the periods of these agencies, newest first; only the queue's with `feedbackDueOn`. */
export function listCommentPeriodsForStaff(
  db: Executor,
  agencyIds: readonly number[],
  feedbackDueOn?: string,
): Promise<CommentPeriodRow[]> {
  return db
    .selectFrom('commentPeriods')
    .selectAll()
    .where('agencyId', 'in', agencyIds.length ? [...agencyIds] : [0])
    .$if(feedbackDueOn !== undefined, (q) => q.where(feedbackDueCondition(feedbackDueOn ?? '')))
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .limit(500)
    .execute();
}

/** The published periods of one agency (open, upcoming and closed), newest first. */
export function listPublishedCommentPeriods(db: Executor, agencyId: number): Promise<CommentPeriodRow[]> {
  return db
    .selectFrom('commentPeriods')
    .selectAll()
    .where('agencyId', '=', agencyId)
    .where('publishedAt', 'is not', null)
    .orderBy('opensOn', 'desc')
    .orderBy('id', 'desc')
    .limit(500)
    .execute();
}

export function listFiles(db: Executor, commentPeriodId: number): Promise<CommentPeriodFileRow[]> {
  return db
    .selectFrom('commentPeriodFiles')
    .selectAll()
    .where('commentPeriodId', '=', commentPeriodId)
    .orderBy('id')
    .execute();
}

export function listComments(db: Executor, commentPeriodId: number): Promise<PublicCommentRow[]> {
  return db
    .selectFrom('publicComments')
    .selectAll()
    .where('commentPeriodId', '=', commentPeriodId)
    .orderBy('receivedAt')
    .orderBy('id')
    .execute();
}

export function findComment(db: Executor, id: number): Promise<PublicCommentRow | undefined> {
  return findRow(db, 'publicComments', { id });
}

/** Number of comments per period (the lists show them). */
export async function commentCounts(db: Executor, ids: readonly number[]): Promise<Map<number, number>> {
  if (!ids.length) return new Map();
  const rows = await db
    .selectFrom('publicComments')
    .select((eb) => ['commentPeriodId', eb.fn.countAll<number | string>().as('n')])
    .where('commentPeriodId', 'in', [...ids])
    .groupBy('commentPeriodId')
    .execute();
  return new Map(rows.map((r) => [r.commentPeriodId, Number(r.n)]));
}
