// SQL of the annual reports (STYLE: repositories hold queries only).
import type { Insertable, Selectable, Updateable } from 'kysely';
import { lockRow } from '../../platform/rows.ts';
import type { Executor, Trx } from '../../platform/transaction.ts';
import type { AnnualReportCommentsTable, AnnualReportsTable } from './annual-report.tables.ts';

export type AnnualReportRow = Selectable<AnnualReportsTable>;
export type AnnualReportCommentRow = Selectable<AnnualReportCommentsTable>;

export function findReport(db: Executor, agencyId: number, year: number) {
  return db
    .selectFrom('annualReports')
    .selectAll()
    .where('agencyId', '=', agencyId)
    .where('year', '=', year)
    .executeTakeFirst();
}

export function findReportById(db: Executor, id: number) {
  return db.selectFrom('annualReports').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The report as it is inside a step's transaction, its row held until the commit (platform/rows.ts). */
export async function findReportForStep(trx: Trx, id: number) {
  await lockRow(trx, 'annualReports', id);
  return findReportById(trx, id);
}

export async function insertReport(db: Executor, values: Insertable<AnnualReportsTable>): Promise<number> {
  const row = await db.insertInto('annualReports').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updateReport(db: Executor, id: number, values: Updateable<AnnualReportsTable>): Promise<void> {
  await db.updateTable('annualReports').set(values).where('id', '=', id).execute();
}

/** Reports of the given agencies (status overview of a supervising agency). */
export function listReportsOf(db: Executor, agencyIds: readonly number[], year?: number) {
  if (agencyIds.length === 0) return Promise.resolve([] as AnnualReportRow[]);
  let q = db
    .selectFrom('annualReports')
    .selectAll()
    .where('agencyId', 'in', [...agencyIds]);
  if (year !== undefined) q = q.where('year', '=', year);
  return q.orderBy('year', 'desc').orderBy('agencyId').execute();
}

/** Published (and imported) reports of one agency, newest first: the 年报 column. */
export function listPublicReports(db: Executor, agencyId: number) {
  return db
    .selectFrom('annualReports')
    .leftJoin('publications', 'publications.id', 'annualReports.publicationId')
    .select([
      'annualReports.id',
      'annualReports.year',
      'annualReports.format',
      'annualReports.state',
      'annualReports.publishedAt',
      'annualReports.publicationId',
      'publications.indexNumber',
    ])
    .where('annualReports.agencyId', '=', agencyId)
    .where('annualReports.state', 'in', ['published', 'imported'])
    .orderBy('annualReports.year', 'desc')
    .execute();
}

export function listComments(db: Executor, reportId: number) {
  return db.selectFrom('annualReportComments').selectAll().where('reportId', '=', reportId).orderBy('id').execute();
}

export async function insertComment(db: Executor, values: Insertable<AnnualReportCommentsTable>): Promise<void> {
  await db.insertInto('annualReportComments').values(values).execute();
}
