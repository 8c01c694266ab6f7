// SQL of the 依申请公开 module only (STYLE: Kysely example app). Services pass the database or
// the open transaction as the first argument.
import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import { countRows, findRow, insertRow, lockRow, updateRow } from '../../platform/rows.ts';
import type { Executor, Trx } from '../../platform/transaction.ts';
import { infoRequestQueueCondition, type InfoRequestQueueView, type QueueDates } from './info-request.queues.ts';
import type {
  InfoRequestAppealsTable,
  InfoRequestConsultationsTable,
  InfoRequestEventsTable,
  InfoRequestLettersTable,
  InfoRequestsTable,
  InfoRequestState,
} from './info-request.tables.ts';

export type InfoRequestRow = Selectable<InfoRequestsTable>;
export type ConsultationRow = Selectable<InfoRequestConsultationsTable>;
export type LetterRow = Selectable<InfoRequestLettersTable>;
export type EventRow = Selectable<InfoRequestEventsTable>;
export type AppealRow = Selectable<InfoRequestAppealsTable>;

export function findInfoRequestById(db: Executor, id: number) {
  return findRow(db, 'infoRequests', { id });
}

/** Holds the case's row until the transaction ends (platform/rows.ts). */
export function lockInfoRequest(trx: Trx, id: number): Promise<void> {
  return lockRow(trx, 'infoRequests', id);
}

export function findInfoRequestByNumber(db: Executor, number: string) {
  return findRow(db, 'infoRequests', { number });
}

export async function insertInfoRequest(db: Executor, values: Insertable<InfoRequestsTable>): Promise<number> {
  return insertRow(db, 'infoRequests', values);
}

export async function updateInfoRequest(
  db: Executor,
  id: number,
  values: Updateable<InfoRequestsTable>,
): Promise<void> {
  await updateRow(db, 'infoRequests', id, values);
}

export interface InfoRequestListFilter {
  agencyIds: number[];
  states?: readonly InfoRequestState[];
  dueOnOrBefore?: string;
  /** One queue of the 工作台 (the same condition as its count). */
  queue?: { view: InfoRequestQueueView; dates: QueueDates };
  /** `due`: the nearest answer deadline first (the queues); `newest`: the latest application first (全部). */
  order?: 'due' | 'newest';
  limit?: number;
  offset?: number;
}

function filteredInfoRequests(db: Executor, f: InfoRequestListFilter) {
  let q = db.selectFrom('infoRequests').where('infoRequests.agencyId', 'in', f.agencyIds.length ? f.agencyIds : [-1]);
  if (f.states?.length) q = q.where('infoRequests.state', 'in', [...f.states]);
  if (f.dueOnOrBefore) q = q.where('infoRequests.dueOn', '<=', f.dueOnOrBefore);
  if (f.queue) q = q.where(infoRequestQueueCondition(f.queue.view, f.queue.dates));
  return q;
}

/** How many applications the filter finds (the list's total, and a tab's count). */
export async function countInfoRequests(db: Executor, f: InfoRequestListFilter): Promise<number> {
  return countRows(filteredInfoRequests(db, f));
}

export function listInfoRequests(db: Executor, f: InfoRequestListFilter) {
  const q = filteredInfoRequests(db, f)
    .innerJoin('agencies', 'agencies.id', 'infoRequests.agencyId')
    .select([
      'infoRequests.id',
      'infoRequests.number',
      'infoRequests.agencyId',
      'agencies.shortName as agencyName',
      'infoRequests.state',
      'infoRequests.channel',
      'infoRequests.informationName',
      'infoRequests.featureDescription',
      'infoRequests.receivedOn',
      'infoRequests.dueOn',
      'infoRequests.dueProvisional',
      'infoRequests.clockStatus',
      'infoRequests.outcomeKey',
      'infoRequests.submittedAt',
      'infoRequests.flags',
    ]);
  // A deadline ties on many rows: the id settles the order, so pages neither repeat nor skip a row.
  const ordered =
    f.order === 'newest'
      ? q.orderBy('infoRequests.id', 'desc')
      : // Not yet confirmed (no deadline yet) first, on both engines (SQLite and PostgreSQL differ by default).
        q.orderBy('infoRequests.dueOn', (o) => o.asc().nullsFirst()).orderBy('infoRequests.id', 'desc');
  return ordered
    .limit(f.limit ?? 200)
    .offset(f.offset ?? 0)
    .execute();
}

export type InfoRequestListItem = Awaited<ReturnType<typeof listInfoRequests>>[number];

export function countByAgencyAndState(db: Executor, agencyIds: number[]) {
  return db
    .selectFrom('infoRequests')
    .innerJoin('agencies', 'agencies.id', 'infoRequests.agencyId')
    .select([
      'infoRequests.agencyId',
      'agencies.shortName as agencyName',
      'infoRequests.state',
      (eb) => eb.fn.countAll<number>().as('n'),
    ])
    .where('infoRequests.agencyId', 'in', agencyIds.length ? agencyIds : [-1])
    .groupBy(['infoRequests.agencyId', 'agencies.shortName', 'infoRequests.state'])
    .execute();
}

/**
 * Applications received per month and concluded per month and outcome, for the months from
 * `fromMonth` to `toMonth` (YYYY-MM, inclusive): two grouped queries over the stored dates.
 */
export async function monthlyFlow(db: Executor, agencyIds: number[], fromMonth: string, toMonth: string) {
  const ids = agencyIds.length ? agencyIds : [-1];
  const monthOf = (col: 'receivedOn' | 'concludedOn') => sql<string>`substr(${sql.ref(col)}, 1, 7)`;
  const [received, concluded] = await Promise.all([
    db
      .selectFrom('infoRequests')
      .select([monthOf('receivedOn').as('month'), (eb) => eb.fn.countAll<number>().as('n')])
      .where('agencyId', 'in', ids)
      .where('receivedOn', '>=', `${fromMonth}-01`)
      .where('receivedOn', '<=', `${toMonth}-31`)
      .groupBy(monthOf('receivedOn'))
      .execute(),
    db
      .selectFrom('infoRequests')
      .select([monthOf('concludedOn').as('month'), 'outcomeKey', (eb) => eb.fn.countAll<number>().as('n')])
      .where('agencyId', 'in', ids)
      .where('concludedOn', '>=', `${fromMonth}-01`)
      .where('concludedOn', '<=', `${toMonth}-31`)
      .groupBy([monthOf('concludedOn'), 'outcomeKey'])
      .execute(),
  ]);
  return {
    received: received.map((r) => ({ month: r.month, n: Number(r.n) })),
    concluded: concluded.map((r) => ({ month: r.month, outcomeKey: r.outcomeKey, n: Number(r.n) })),
  };
}

export function listConsultations(db: Executor, infoRequestId: number) {
  return db
    .selectFrom('infoRequestConsultations')
    .selectAll()
    .where('infoRequestId', '=', infoRequestId)
    .orderBy('id')
    .execute();
}

export async function insertConsultation(
  db: Executor,
  values: Insertable<InfoRequestConsultationsTable>,
): Promise<number> {
  return insertRow(db, 'infoRequestConsultations', values);
}

export async function updateConsultation(
  db: Executor,
  id: number,
  values: Updateable<InfoRequestConsultationsTable>,
): Promise<void> {
  await updateRow(db, 'infoRequestConsultations', id, values);
}

export function listLetters(db: Executor, infoRequestId: number, opts: { forApplicantOnly?: boolean } = {}) {
  let q = db.selectFrom('infoRequestLetters').selectAll().where('infoRequestId', '=', infoRequestId);
  if (opts.forApplicantOnly) q = q.where('forApplicant', '=', 1);
  return q.orderBy('id').execute();
}

export function findLetter(db: Executor, infoRequestId: number, letterId: number) {
  return findRow(db, 'infoRequestLetters', { infoRequestId, id: letterId });
}

export async function insertLetter(db: Executor, values: Insertable<InfoRequestLettersTable>): Promise<number> {
  return insertRow(db, 'infoRequestLetters', values);
}

export async function updateLetter(
  db: Executor,
  id: number,
  values: Updateable<InfoRequestLettersTable>,
): Promise<void> {
  await updateRow(db, 'infoRequestLetters', id, values);
}

export function listAttachments(db: Executor, infoRequestId: number) {
  return db
    .selectFrom('infoRequestAttachments')
    .selectAll()
    .where('infoRequestId', '=', infoRequestId)
    .orderBy('id')
    .execute();
}

export function findAttachment(db: Executor, infoRequestId: number, id: number) {
  return findRow(db, 'infoRequestAttachments', { infoRequestId, id });
}

export async function insertEvent(db: Executor, values: Insertable<InfoRequestEventsTable>): Promise<void> {
  await db.insertInto('infoRequestEvents').values(values).execute();
}

export function listEvents(db: Executor, infoRequestId: number, opts: { publicOnly?: boolean } = {}) {
  let q = db.selectFrom('infoRequestEvents').selectAll().where('infoRequestId', '=', infoRequestId);
  if (opts.publicOnly) q = q.where('publicText', '<>', '');
  return q.orderBy('id').execute();
}

export function listAppeals(db: Executor, infoRequestId: number) {
  return db
    .selectFrom('infoRequestAppeals')
    .selectAll()
    .where('infoRequestId', '=', infoRequestId)
    .orderBy('id')
    .execute();
}

export async function insertAppeal(db: Executor, values: Insertable<InfoRequestAppealsTable>): Promise<number> {
  return insertRow(db, 'infoRequestAppeals', values);
}

export async function updateAppeal(
  db: Executor,
  id: number,
  values: Updateable<InfoRequestAppealsTable>,
): Promise<void> {
  await updateRow(db, 'infoRequestAppeals', id, values);
}

/** Earlier applications of the same applicant (by identity document) across all agencies. */
export function listByApplicantDocument(db: Executor, idDocumentNumber: string, sinceIso: string) {
  return db
    .selectFrom('infoRequests')
    .select([
      'id',
      'number',
      'agencyId',
      'state',
      'informationName',
      'documentNumber',
      'featureDescription',
      'submittedAt',
    ])
    .where('idDocumentNumber', '=', idDocumentNumber)
    .where('submittedAt', '>=', sinceIso)
    .orderBy('id', 'desc')
    .limit(500)
    .execute();
}

/** Applications of one applicant in one agency received in a calendar month (per-item fees). */
export async function countApplicantMonth(
  db: Executor,
  agencyId: number,
  idDocumentNumber: string,
  monthPrefix: string,
  beforeId: number,
): Promise<number> {
  const r = await db
    .selectFrom('infoRequests')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('agencyId', '=', agencyId)
    .where('idDocumentNumber', '=', idDocumentNumber)
    .where('receivedOn', 'like', `${monthPrefix}%`)
    .where('id', '<', beforeId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
