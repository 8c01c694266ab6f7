// SQL of the service hall, nothing else: services and jobs decide, this file reads and writes.
import { nearTimeLimit } from './service-hall.queues.ts';
import type { Insertable, Selectable, Updateable } from 'kysely';
import { countRows, findRow, insertRow, updateRow } from '../../platform/rows.ts';
import type { Executor } from '../../platform/transaction.ts';
import type {
  ServiceCasePausesTable,
  ServiceCaseStatus,
  ServiceCasesTable,
  ServiceItemsTable,
  ServiceWindowsTable,
} from './service-hall.tables.ts';

export type ServiceWindowRow = Selectable<ServiceWindowsTable>;
export type ServiceItemRow = Selectable<ServiceItemsTable>;
export type ServiceCaseRow = Selectable<ServiceCasesTable>;
export type CasePauseRow = Selectable<ServiceCasePausesTable>;

export function listWindows(db: Executor, agencyIds: readonly number[]): Promise<ServiceWindowRow[]> {
  if (!agencyIds.length) return Promise.resolve([]);
  return db
    .selectFrom('serviceWindows')
    .selectAll()
    .where('agencyId', 'in', agencyIds)
    .orderBy('agencyId')
    .orderBy('id')
    .execute();
}

export function findWindowById(db: Executor, id: number): Promise<ServiceWindowRow | undefined> {
  return findRow(db, 'serviceWindows', { id });
}

export async function insertWindow(db: Executor, row: Insertable<ServiceWindowsTable>): Promise<number> {
  return insertRow(db, 'serviceWindows', row);
}

export function listItems(
  db: Executor,
  agencyIds: readonly number[],
  opts: { activeOnly?: boolean } = {},
): Promise<ServiceItemRow[]> {
  if (!agencyIds.length) return Promise.resolve([]);
  let q = db.selectFrom('serviceItems').selectAll().where('agencyId', 'in', agencyIds);
  if (opts.activeOnly) q = q.where('active', '=', 1);
  return q.orderBy('agencyId').orderBy('id').execute();
}

export function findItemById(db: Executor, id: number): Promise<ServiceItemRow | undefined> {
  return findRow(db, 'serviceItems', { id });
}

export function findItemByName(db: Executor, agencyId: number, name: string): Promise<ServiceItemRow | undefined> {
  return findRow(db, 'serviceItems', { agencyId, name });
}

export async function insertItem(db: Executor, row: Insertable<ServiceItemsTable>): Promise<number> {
  return insertRow(db, 'serviceItems', row);
}

export async function updateItem(db: Executor, id: number, set: Updateable<ServiceItemsTable>): Promise<void> {
  await updateRow(db, 'serviceItems', id, set);
}

export async function insertCase(db: Executor, row: Insertable<ServiceCasesTable>): Promise<number> {
  return insertRow(db, 'serviceCases', row);
}

export function findCaseById(db: Executor, id: number): Promise<ServiceCaseRow | undefined> {
  return findRow(db, 'serviceCases', { id });
}

export function findCaseByNumber(db: Executor, caseNumber: string): Promise<ServiceCaseRow | undefined> {
  return findRow(db, 'serviceCases', { caseNumber });
}

/**
 * Updates the case only while it is still in one of `fromStatuses`; returns whether it did.
 * Two clerks (or the deemed-approval job in two processes) can never both move the same case.
 */
export async function updateCaseFrom(
  db: Executor,
  id: number,
  fromStatuses: readonly ServiceCaseStatus[],
  set: Updateable<ServiceCasesTable>,
): Promise<boolean> {
  const r = await db
    .updateTable('serviceCases')
    .set(set)
    .where('id', '=', id)
    .where('status', 'in', fromStatuses)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export interface CaseListFilter {
  agencyIds: readonly number[];
  status?: ServiceCaseStatus;
  /** The 工作台's queue: running cases within 5 working days of their limit or past it. */
  nearLimit?: { soonLimit: string };
  limit?: number;
  offset?: number;
}

function filteredCases(db: Executor, f: CaseListFilter) {
  let q = db.selectFrom('serviceCases').where('agencyId', 'in', f.agencyIds.length ? [...f.agencyIds] : [-1]);
  if (f.status) q = q.where('status', '=', f.status);
  if (f.nearLimit) q = q.where(nearTimeLimit(f.nearLimit));
  return q;
}

/** How many cases the filter finds (the console list's total). */
export async function countCases(db: Executor, f: CaseListFilter): Promise<number> {
  return countRows(filteredCases(db, f));
}

/** A page of cases, the latest first. */
export function listCases(db: Executor, f: CaseListFilter): Promise<ServiceCaseRow[]> {
  return filteredCases(db, f)
    .selectAll()
    .orderBy('id', 'desc')
    .limit(f.limit ?? 200)
    .offset(f.offset ?? 0)
    .execute();
}

/** Cases of one agency received in [from, to] (dates), for the monthly figures. */
export function casesReceivedBetween(
  db: Executor,
  agencyIds: readonly number[],
  from: string,
  to: string,
): Promise<ServiceCaseRow[]> {
  if (!agencyIds.length) return Promise.resolve([]);
  return db
    .selectFrom('serviceCases')
    .selectAll()
    .where('agencyId', 'in', agencyIds)
    .where('receivedOn', '>=', from)
    .where('receivedOn', '<=', to)
    .orderBy('id')
    .execute();
}

/** Running cases of items with deemed approval whose last day is before `today`. */
export function casesPastDeemedDeadline(db: Executor, today: string, limit: number): Promise<ServiceCaseRow[]> {
  return (
    db
      .selectFrom('serviceCases')
      .selectAll()
      .where('status', 'in', ['accepted', 'inProcess'])
      .where('deemedApproval', '=', 1)
      // A provisional date (next year's holidays not imported) never decides a case by itself.
      .where('dueProvisional', '=', 0)
      .where('dueOn', 'is not', null)
      .where('dueOn', '<', today)
      .orderBy('dueOn')
      .orderBy('id')
      .limit(limit)
      .execute()
  );
}

export function listPauses(db: Executor, caseId: number): Promise<CasePauseRow[]> {
  return db.selectFrom('serviceCasePauses').selectAll().where('caseId', '=', caseId).orderBy('id').execute();
}

export async function insertPause(db: Executor, row: Insertable<ServiceCasePausesTable>): Promise<number> {
  return insertRow(db, 'serviceCasePauses', row);
}

export async function closePause(db: Executor, id: number, endedOn: string, workingDays: number): Promise<void> {
  await db
    .updateTable('serviceCasePauses')
    .set({ endedOn, workingDays })
    .where('id', '=', id)
    .where('endedOn', 'is', null)
    .execute();
}

/** The case's timeline: its audit events in order (STYLE practice 4). */
export function listCaseEvents(db: Executor, caseId: number) {
  return db
    .selectFrom('auditEvents')
    .select(['id', 'at', 'actorName', 'action', 'summary'])
    .where('entityType', '=', 'serviceCase')
    .where('entityId', '=', String(caseId))
    .orderBy('id')
    .execute();
}
