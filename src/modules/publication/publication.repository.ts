// SQL for publications, their revisions, channels, categories, attachments and related items.
import { sql, type Insertable, type Updateable } from 'kysely';
import { findRow, insertRow, lockRow } from '../../platform/rows.ts';
import type { Executor, Trx } from '../../platform/transaction.ts';
import { publicationQueueCondition, type PublicationQueueView } from './publication.queues.ts';
import type {
  AttachmentsTable,
  Channel,
  PublicationRevisionsTable,
  PublicationState,
  PublicationSubmissionsTable,
  PublicationsTable,
} from './publication.tables.ts';

export type PublicationRow = Awaited<ReturnType<typeof findPublicationById>> & {};

export function findPublicationById(db: Executor, id: number) {
  return findRow(db, 'publications', { id });
}

/** Holds the publication's row until the transaction ends (platform/rows.ts). */
export function lockPublication(trx: Trx, id: number): Promise<void> {
  return lockRow(trx, 'publications', id);
}

export function findPublicationByIndexNumber(db: Executor, indexNumber: string) {
  return findRow(db, 'publications', { indexNumber });
}

export async function insertPublication(db: Executor, values: Insertable<PublicationsTable>): Promise<number> {
  return insertRow(db, 'publications', values);
}

export function updatePublication(db: Executor, id: number, values: Updateable<PublicationsTable>) {
  return db.updateTable('publications').set(values).where('id', '=', id).execute();
}

export async function categoryIdsOf(db: Executor, publicationId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('publicationCategories')
    .select('categoryId')
    .where('publicationId', '=', publicationId)
    .orderBy('categoryId')
    .execute();
  return rows.map((r) => r.categoryId);
}

export async function setCategories(
  db: Executor,
  publicationId: number,
  categoryIds: readonly number[],
): Promise<void> {
  await db.deleteFrom('publicationCategories').where('publicationId', '=', publicationId).execute();
  if (categoryIds.length)
    await db
      .insertInto('publicationCategories')
      .values(categoryIds.map((categoryId) => ({ publicationId, categoryId })))
      .execute();
}

export async function channelsOf(db: Executor, publicationId: number): Promise<Channel[]> {
  const rows = await db
    .selectFrom('publicationChannels')
    .select('channel')
    .where('publicationId', '=', publicationId)
    .execute();
  return rows.map((r) => r.channel);
}

export async function setChannels(db: Executor, publicationId: number, channels: readonly Channel[]): Promise<void> {
  await db.deleteFrom('publicationChannels').where('publicationId', '=', publicationId).execute();
  if (channels.length)
    await db
      .insertInto('publicationChannels')
      .values(channels.map((channel) => ({ publicationId, channel, note: '' })))
      .execute();
}

export async function relatedIdsOf(db: Executor, publicationId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('publicationRelated')
    .select('relatedId')
    .where('publicationId', '=', publicationId)
    .execute();
  return rows.map((r) => r.relatedId);
}

export async function setRelated(db: Executor, publicationId: number, relatedIds: readonly number[]): Promise<void> {
  await db.deleteFrom('publicationRelated').where('publicationId', '=', publicationId).execute();
  if (relatedIds.length)
    await db
      .insertInto('publicationRelated')
      .values(relatedIds.map((relatedId) => ({ publicationId, relatedId })))
      .execute();
}

/** Keeps the text as submitted for review, numbered 1, 2, … per publication. */
export async function insertSubmission(
  db: Executor,
  values: Omit<Insertable<PublicationSubmissionsTable>, 'seq'>,
): Promise<number> {
  const last = await db
    .selectFrom('publicationSubmissions')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('publicationId', '=', values.publicationId)
    .executeTakeFirst();
  const seq = Number(last?.seq ?? 0) + 1;
  await db
    .insertInto('publicationSubmissions')
    .values({ ...values, seq })
    .execute();
  return seq;
}

/** The latest `limit` submissions of a publication, newest first. */
export function latestSubmissions(db: Executor, publicationId: number, limit: number) {
  return db
    .selectFrom('publicationSubmissions')
    .select(['seq', 'title', 'summary', 'body', 'submittedAt'])
    .where('publicationId', '=', publicationId)
    .orderBy('seq', 'desc')
    .limit(limit)
    .execute();
}

export function listAttachments(db: Executor, publicationId: number) {
  return db
    .selectFrom('attachments')
    .selectAll()
    .where('publicationId', '=', publicationId)
    .orderBy('sortOrder')
    .orderBy('id')
    .execute();
}

export function findAttachment(db: Executor, id: number) {
  return findRow(db, 'attachments', { id });
}

export async function insertAttachment(db: Executor, values: Insertable<AttachmentsTable>): Promise<number> {
  return insertRow(db, 'attachments', values);
}

/**
 * A revision that keeps its own text gets the new body too (pictures stored after release); the
 * newest revision reads the publication's body anyway (PublicationRevisionsTable).
 */
export function updateRevisionBody(db: Executor, publicationId: number, revision: number, body: string) {
  return db
    .updateTable('publicationRevisions')
    .set({ body })
    .where('publicationId', '=', publicationId)
    .where('revision', '=', revision)
    .where('body', 'is not', null)
    .execute();
}

/** The text of a publication as a revision row borrows it (null: read from the publication). */
export const BORROWED_TEXT = { title: null, summary: null, body: null, documentNumber: null } as const;

/**
 * Writes the publication's text as it stands into its newest revision when that revision borrows
 * it (PublicationRevisionsTable), before the publication's text changes: the revision keeps the
 * text it was released with.
 */
export function keepRevisionText(
  db: Executor,
  pub: { id: number; revision: number; title: string; summary: string; body: string; documentNumber: string },
) {
  return db
    .updateTable('publicationRevisions')
    .set({ title: pub.title, summary: pub.summary, body: pub.body, documentNumber: pub.documentNumber })
    .where('publicationId', '=', pub.id)
    .where('revision', '=', pub.revision)
    .where('body', 'is', null)
    .execute();
}

export function updateAttachmentTitle(db: Executor, id: number, title: string) {
  return db.updateTable('attachments').set({ title }).where('id', '=', id).execute();
}

export function deleteAttachment(db: Executor, id: number) {
  return db.deleteFrom('attachments').where('id', '=', id).execute();
}

export function insertRevision(db: Executor, values: Insertable<PublicationRevisionsTable>) {
  return db.insertInto('publicationRevisions').values(values).execute();
}

/** The revisions of a publication, oldest first, each with its text (the newest one borrows the publication's). */
export function listRevisions(db: Executor, publicationId: number) {
  return db
    .selectFrom('publicationRevisions as r')
    .innerJoin('publications as p', 'p.id', 'r.publicationId')
    .select((eb) => [
      'r.id',
      'r.publicationId',
      'r.revision',
      eb.fn.coalesce('r.title', 'p.title').as('title'),
      eb.fn.coalesce('r.summary', 'p.summary').as('summary'),
      eb.fn.coalesce('r.body', 'p.body').as('body'),
      eb.fn.coalesce('r.documentNumber', 'p.documentNumber').as('documentNumber'),
      'r.note',
      'r.releasedAt',
      'r.releasedBy',
    ])
    .where('r.publicationId', '=', publicationId)
    .where('r.state', '=', 'released')
    .orderBy('r.revision')
    .execute();
}

/** The agency's published items' ids, oldest release first (the order of an export). */
export async function publishedIdsInReleaseOrder(db: Executor, agencyId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('publications')
    .select('id')
    .where('agencyId', '=', agencyId)
    .where('state', '=', 'published')
    .orderBy('publishedAt')
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}

export async function countPublished(db: Executor, agencyId: number): Promise<number> {
  const row = await db
    .selectFrom('publications')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('agencyId', '=', agencyId)
    .where('state', '=', 'published')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function publicationsByIds(db: Executor, ids: readonly number[]) {
  return db.selectFrom('publications').selectAll().where('id', 'in', ids).execute();
}

/** The categories of each of `ids` (by category id), as categoryIdsOf gives one's. */
export async function categoryIdsOfMany(db: Executor, ids: readonly number[]): Promise<Map<number, number[]>> {
  const rows = await db
    .selectFrom('publicationCategories')
    .select(['publicationId', 'categoryId'])
    .where('publicationId', 'in', ids)
    .orderBy('publicationId')
    .orderBy('categoryId')
    .execute();
  return grouped(rows.map((r) => [r.publicationId, r.categoryId]));
}

/** The channels of each of `ids`, in the order of their keys. */
export async function channelsOfMany(db: Executor, ids: readonly number[]): Promise<Map<number, Channel[]>> {
  const rows = await db
    .selectFrom('publicationChannels')
    .select(['publicationId', 'channel'])
    .where('publicationId', 'in', ids)
    .orderBy('publicationId')
    .orderBy('channel')
    .execute();
  return grouped(rows.map((r) => [r.publicationId, r.channel]));
}

function grouped<V>(pairs: readonly (readonly [number, V])[]): Map<number, V[]> {
  const out = new Map<number, V[]>();
  for (const [id, v] of pairs) {
    const list = out.get(id);
    if (list) list.push(v);
    else out.set(id, [v]);
  }
  return out;
}

export async function indexNumberTaken(db: Executor, indexNumber: string): Promise<boolean> {
  return (
    (await db.selectFrom('publications').select('id').where('indexNumber', '=', indexNumber).executeTakeFirst()) !==
    undefined
  );
}

export interface AdminListFilter {
  agencyIds: readonly number[];
  state?: PublicationState | undefined;
  categoryId?: number | undefined;
  late?: boolean | undefined;
  /** One queue of the 工作台 (the same condition as its count). */
  queue?:
    | {
        view: PublicationQueueView;
        today: string;
        userId: number;
        interpretationReleasedBy?: string;
        attributeDecidedBy?: string;
      }
    | undefined;
  q?: string | undefined;
  limit: number;
  offset: number;
}

function adminWhere(db: Executor, f: AdminListFilter) {
  let q = db.selectFrom('publications as p').where('p.agencyId', 'in', f.agencyIds.length ? f.agencyIds : [0]);
  if (f.state) q = q.where('p.state', '=', f.state);
  if (f.late) q = q.where('p.isLate', '=', 1);
  if (f.queue) q = q.where(publicationQueueCondition(f.queue.view, f.queue));
  if (f.categoryId) {
    const cid = f.categoryId;
    q = q.where(
      'p.id',
      'in',
      db.selectFrom('publicationCategories').select('publicationId').where('categoryId', '=', cid),
    );
  }
  if (f.q) {
    const pattern = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where(sql<boolean>`p.title LIKE ${pattern} ESCAPE '\\'`);
  }
  return q;
}

export function listForAdmin(db: Executor, f: AdminListFilter) {
  return adminWhere(db, f)
    .innerJoin('agencies as a', 'a.id', 'p.agencyId')
    .select([
      'p.id',
      'p.agencyId',
      'p.title',
      'p.state',
      'p.formedOn',
      'p.dueOn',
      'p.dueProvisional',
      'p.publishedAt',
      'p.publishedOn',
      'p.isLate',
      'p.indexNumber',
      'p.validity',
      'p.updatedAt',
      'a.shortName as agencyName',
    ])
    .orderBy('p.updatedAt', 'desc')
    .orderBy('p.id', 'desc')
    .limit(f.limit)
    .offset(f.offset)
    .execute();
}

export async function countForAdmin(db: Executor, f: AdminListFilter): Promise<number> {
  const r = await adminWhere(db, f)
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** Late releases among the given agencies (the count shown above the admin list). */
export async function countLate(db: Executor, agencyIds: readonly number[]): Promise<number> {
  return countForAdmin(db, { agencyIds, late: true, limit: 0, offset: 0 });
}

/** Drafts not yet released whose due date has passed (at risk of a late release). */
export async function countOverdueUnreleased(
  db: Executor,
  agencyIds: readonly number[],
  today: string,
): Promise<number> {
  const r = await db
    .selectFrom('publications')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('agencyId', 'in', agencyIds.length ? agencyIds : [0])
    .where('state', 'in', ['draft', 'submitted', 'reviewed'])
    .where('dueOn', '<', today)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}
