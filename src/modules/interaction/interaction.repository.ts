// SQL for interaction cases.
import type { Insertable, Updateable } from 'kysely';
import { AppError } from '../../platform/errors.ts';
import { countRows, findRow, insertRow, lockRow } from '../../platform/rows.ts';
import type { Executor, Trx } from '../../platform/transaction.ts';
import type { CaseKind, InteractionCasesTable } from './interaction.tables.ts';
import { interactionQueueCondition, type InteractionQueueView } from './interaction.queues.ts';

export type CaseRow = Awaited<ReturnType<typeof findCaseById>> & {};

export function findCaseById(db: Executor, id: number) {
  return findRow(db, 'interactionCases', { id });
}

/**
 * The case as it is inside a step's transaction, its row held until the commit (platform/rows.ts):
 * two staff answering the same 咨询 at the same moment answer one after the other, the second on
 * the state the first left (a 409), not both from 已受理 with the first answer overwritten.
 */
export async function findCaseForStep(trx: Trx, id: number): Promise<CaseRow> {
  await lockRow(trx, 'interactionCases', id);
  const row = await findCaseById(trx, id);
  if (!row) throw new AppError('notFound');
  return row;
}

export function findCaseByReceipt(db: Executor, receiptNumber: string) {
  return findRow(db, 'interactionCases', { receiptNumber });
}

export async function insertCase(db: Executor, values: Insertable<InteractionCasesTable>): Promise<number> {
  return insertRow(db, 'interactionCases', values);
}

export function updateCase(db: Executor, id: number, values: Updateable<InteractionCasesTable>) {
  return db.updateTable('interactionCases').set(values).where('id', '=', id).execute();
}

export interface CaseListFilter {
  agencyIds: number[];
  kind?: CaseKind | undefined;
  /** One queue of the 工作台 (the same condition as its count). */
  queue?: { view: InteractionQueueView; today: string } | undefined;
}

function filteredCases(db: Executor, f: CaseListFilter) {
  let q = db.selectFrom('interactionCases').where('agencyId', 'in', f.agencyIds.length ? f.agencyIds : [-1]);
  if (f.kind) q = q.where('kind', '=', f.kind);
  if (f.queue) q = q.where(interactionQueueCondition(f.queue.view, f.queue));
  return q;
}

/** How many cases the filter finds (the console list's total). */
export async function countCases(db: Executor, f: CaseListFilter): Promise<number> {
  return countRows(filteredCases(db, f));
}

/** A page of cases, the latest received first. */
export function listCases(db: Executor, f: CaseListFilter & { limit: number; offset?: number }) {
  return filteredCases(db, f)
    .selectAll()
    .orderBy('receivedAt', 'desc')
    .orderBy('id', 'desc')
    .limit(f.limit)
    .offset(f.offset ?? 0)
    .execute();
}

/** 留言选登: letters whose writer consented, the agency published, and that are answered. */
export function listPublishedLetters(db: Executor, agencyId: number, limit = 50) {
  return db
    .selectFrom('interactionCases')
    .selectAll()
    .where('agencyId', '=', agencyId)
    .where('kind', '=', 'letter')
    .where('publishConsent', '=', 1)
    .where('publication', '=', 'published')
    .where('state', 'in', ['replied', 'closed'])
    .orderBy('repliedAt', 'desc')
    .limit(limit)
    .execute();
}

/** Open cases due on or before `until` that were not reminded today. */
export function listCasesToRemind(db: Executor, until: string, today: string, limit: number) {
  return db
    .selectFrom('interactionCases')
    .selectAll()
    .where('state', 'in', ['received', 'assigned', 'handling'])
    .where('dueDate', 'is not', null)
    .where('dueDate', '<=', until)
    .where((eb) => eb.or([eb('remindedOn', 'is', null), eb('remindedOn', '<', today)]))
    .orderBy('id')
    .limit(limit)
    .execute();
}
