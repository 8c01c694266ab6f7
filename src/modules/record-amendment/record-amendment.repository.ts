// Reads and writes of record amendment requests, their evidence files and letters.
import type { Expression, ExpressionBuilder, Insertable, Selectable, SqlBool, Updateable } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../platform/errors.ts';
import { findRow, insertRow, lockRow, updateRow } from '../../platform/rows.ts';
import type { Executor, Trx } from '../../platform/transaction.ts';
import type {
  RecordAmendmentFilesTable,
  RecordAmendmentLettersTable,
  RecordAmendmentsTable,
} from './record-amendment.tables.ts';

export type AmendmentRow = Selectable<RecordAmendmentsTable>;
export type AmendmentFileRow = Selectable<RecordAmendmentFilesTable>;
export type AmendmentLetterRow = Selectable<RecordAmendmentLettersTable>;

export async function findAmendment(db: Executor, id: number): Promise<AmendmentRow | undefined> {
  return findRow(db, 'recordAmendments', { id });
}

/** The request as it is inside a step's transaction, its row held until the commit (platform/rows.ts). */
export async function findAmendmentForStep(trx: Trx, id: number): Promise<AmendmentRow> {
  await lockRow(trx, 'recordAmendments', id);
  const row = await findAmendment(trx, id);
  if (!row) throw new AppError('notFound');
  return row;
}

export async function findAmendmentByNumber(db: Executor, number: string): Promise<AmendmentRow | undefined> {
  return findRow(db, 'recordAmendments', { number });
}

export async function insertAmendment(db: Executor, row: Insertable<RecordAmendmentsTable>): Promise<number> {
  return insertRow(db, 'recordAmendments', row);
}

export async function updateAmendment(db: Executor, id: number, set: Updateable<RecordAmendmentsTable>): Promise<void> {
  await updateRow(db, 'recordAmendments', id, set);
}

export async function insertAmendmentFile(db: Executor, row: Insertable<RecordAmendmentFilesTable>): Promise<void> {
  await db.insertInto('recordAmendmentFiles').values(row).execute();
}

export async function listAmendmentFiles(db: Executor, amendmentId: number): Promise<AmendmentFileRow[]> {
  return db
    .selectFrom('recordAmendmentFiles')
    .selectAll()
    .where('amendmentId', '=', amendmentId)
    .orderBy('id')
    .execute();
}

export async function insertAmendmentLetter(
  db: Executor,
  row: Insertable<RecordAmendmentLettersTable>,
): Promise<number> {
  return insertRow(db, 'recordAmendmentLetters', row);
}

export async function listAmendmentLetters(db: Executor, amendmentId: number): Promise<AmendmentLetterRow[]> {
  return db
    .selectFrom('recordAmendmentLetters')
    .selectAll()
    .where('amendmentId', '=', amendmentId)
    .orderBy('id')
    .execute();
}

export async function findAmendmentLetter(
  db: Executor,
  amendmentId: number,
  id: number,
): Promise<AmendmentLetterRow | undefined> {
  return findRow(db, 'recordAmendmentLetters', { amendmentId, id });
}

/** The staff list: an agency's requests (or several agencies'), open first by due date. */
export async function listAmendments(
  db: Executor,
  agencyIds: readonly number[] | 'all',
  where?: (eb: ExpressionBuilder<DB, 'recordAmendments'>) => Expression<SqlBool>,
): Promise<AmendmentRow[]> {
  let q = db.selectFrom('recordAmendments').selectAll();
  if (agencyIds !== 'all') {
    if (!agencyIds.length) return [];
    q = q.where('agencyId', 'in', [...agencyIds]);
  }
  if (where) q = q.where(where);
  return q.orderBy('state', 'desc').orderBy('dueOn').orderBy('id', 'desc').limit(500).execute();
}
