// Rows of online 补正 (issue #14 point 6): the applicant's submissions and their files.
import type { Insertable, Selectable, Updateable } from 'kysely';
import { findRow, insertRow, updateRow } from '../../platform/rows.ts';
import type { Executor } from '../../platform/transaction.ts';
import type { InfoRequestCorrectionFilesTable, InfoRequestCorrectionsTable } from './info-request.tables.ts';

export type CorrectionRow = Selectable<InfoRequestCorrectionsTable>;
export type CorrectionFileRow = Selectable<InfoRequestCorrectionFilesTable>;

export async function insertCorrection(db: Executor, v: Insertable<InfoRequestCorrectionsTable>): Promise<number> {
  return insertRow(db, 'infoRequestCorrections', v);
}

export async function insertCorrectionFile(
  db: Executor,
  v: Insertable<InfoRequestCorrectionFilesTable>,
): Promise<void> {
  await db.insertInto('infoRequestCorrectionFiles').values(v).execute();
}

export async function updateCorrection(
  db: Executor,
  id: number,
  v: Updateable<InfoRequestCorrectionsTable>,
): Promise<void> {
  await updateRow(db, 'infoRequestCorrections', id, v);
}

/** The submissions of one application, oldest first. */
export function listCorrections(db: Executor, infoRequestId: number): Promise<CorrectionRow[]> {
  return db
    .selectFrom('infoRequestCorrections')
    .selectAll()
    .where('infoRequestId', '=', infoRequestId)
    .orderBy('id')
    .execute();
}

export function findCorrection(db: Executor, infoRequestId: number, id: number): Promise<CorrectionRow | undefined> {
  return findRow(db, 'infoRequestCorrections', { infoRequestId, id });
}

export async function findPendingCorrection(db: Executor, infoRequestId: number): Promise<CorrectionRow | undefined> {
  return db
    .selectFrom('infoRequestCorrections')
    .selectAll()
    .where('infoRequestId', '=', infoRequestId)
    .where('state', '=', 'pending')
    .executeTakeFirst();
}

/** The files of the given submissions. */
export function listCorrectionFiles(db: Executor, correctionIds: readonly number[]): Promise<CorrectionFileRow[]> {
  if (!correctionIds.length) return Promise.resolve([]);
  return db
    .selectFrom('infoRequestCorrectionFiles')
    .selectAll()
    .where('correctionId', 'in', [...correctionIds])
    .orderBy('id')
    .execute();
}

/** One file of a submission of this application (the staff download). */
export function findCorrectionFile(db: Executor, infoRequestId: number, correctionId: number, fileId: number) {
  return db
    .selectFrom('infoRequestCorrectionFiles as f')
    .innerJoin('infoRequestCorrections as c', 'c.id', 'f.correctionId')
    .select(['f.id', 'f.fileName', 'f.contentType', 'f.size', 'f.sha256'])
    .where('c.infoRequestId', '=', infoRequestId)
    .where('c.id', '=', correctionId)
    .where('f.id', '=', fileId)
    .executeTakeFirst();
}
