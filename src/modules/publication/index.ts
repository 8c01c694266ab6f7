// Read functions for the public portal, the public API and the search index (helper modules).
// They return only released content: never drafts, review comments, due dates or staff data.
import { sql } from 'kysely';
import type { Executor } from '../../platform/transaction.ts';
import { listCategories } from '../catalog/catalog.repository.ts';
import type { Channel, DocKind, Validity } from './publication.tables.ts';

export { publicationEvents, type PublicationListener } from './publication.events.ts';
export { CHANNEL_LABELS, DOC_KIND_LABELS, VALIDITY_LABELS } from './publication.rules.ts';
export { bodyText } from './sanitize.ts';

/** What the public may see of a released publication. */
export interface PublicPublication {
  id: number;
  agencyId: number;
  indexNumber: string;
  title: string;
  summary: string;
  /** Sanitised HTML of the current revision. */
  body: string;
  issuer: string;
  formedOn: string;
  /** ISO timestamp of the first release. */
  publishedAt: string;
  publishedOn: string;
  /** ISO timestamp of the latest revision (equal to publishedAt when never revised). */
  updatedAt: string;
  documentNumber: string;
  validity: Validity;
  effectiveOn: string | null;
  invalidOn: string | null;
  repealedOn: string | null;
  topic: string;
  keywords: string;
  docKind: DocKind;
  revision: number;
}

const PUBLIC_COLUMNS = [
  'p.id', 'p.agencyId', 'p.indexNumber', 'p.title', 'p.summary', 'p.body', 'p.issuer', 'p.formedOn', 'p.publishedAt', 'p.publishedOn',
  'p.documentNumber', 'p.validity', 'p.effectiveOn', 'p.invalidOn', 'p.repealedOn', 'p.topic', 'p.keywords', 'p.docKind', 'p.revision',
] as const;

type RawPublic = Omit<PublicPublication, 'updatedAt' | 'indexNumber' | 'publishedAt' | 'publishedOn'> & {
  indexNumber: string | null;
  publishedAt: string | null;
  publishedOn: string | null;
};

function toPublic(r: RawPublic, updatedAt?: string): PublicPublication {
  return { ...r, indexNumber: r.indexNumber ?? '', publishedAt: r.publishedAt ?? '', publishedOn: r.publishedOn ?? '', updatedAt: updatedAt ?? r.publishedAt ?? '' };
}

/** A list entry (no body). */
export type PublicListItem = Omit<PublicPublication, 'body'>;

function listItem(r: Omit<RawPublic, 'body'>): PublicListItem {
  const { body: _body, ...item } = toPublic({ ...r, body: '' });
  return item;
}

export interface PublishedListFilter {
  /** One agency or several (e.g. a county-wide "latest" list); omitted = all agencies. */
  agencyIds?: readonly number[];
  /** Publications in any of these categories (pass a category's subtree from categorySubtreeIds). */
  categoryIds?: readonly number[];
  /** Year of first release. */
  year?: number;
  validity?: Validity;
  channel?: Channel;
  /** Newest first (default) or oldest first. */
  order?: 'newest' | 'oldest';
  /** Keyset cursor from the previous page's `next`. */
  after?: string;
  limit?: number;
}

export interface PublishedPage {
  items: PublicListItem[];
  /** Cursor of the next page, or null at the end. */
  next: string | null;
}

/** Cursor = base64url of "publishedAt|id". */
export function encodeCursor(publishedAt: string, id: number): string {
  return Buffer.from(`${publishedAt}|${id}`).toString('base64url');
}

export function decodeCursor(cursor: string): { publishedAt: string; id: number } | null {
  const raw = Buffer.from(cursor, 'base64url').toString('utf8');
  const m = /^(\d{4}-\d{2}-\d{2}T[\d:.]+Z)\|(\d{1,10})$/.exec(raw);
  return m ? { publishedAt: m[1] as string, id: Number(m[2]) } : null;
}

function filtered(db: Executor, f: PublishedListFilter) {
  let q = db.selectFrom('publications as p').where('p.state', '=', 'published');
  if (f.agencyIds) q = q.where('p.agencyId', 'in', f.agencyIds.length ? f.agencyIds : [0]);
  if (f.categoryIds) {
    const ids = f.categoryIds.length ? f.categoryIds : [0];
    q = q.where('p.id', 'in', db.selectFrom('publicationCategories').select('publicationId').where('categoryId', 'in', ids));
  }
  if (f.year !== undefined) q = q.where('p.publishedOn', '>=', `${f.year}-01-01`).where('p.publishedOn', '<=', `${f.year}-12-31`);
  if (f.validity) q = q.where('p.validity', '=', f.validity);
  if (f.channel) {
    const ch = f.channel;
    q = q.where('p.id', 'in', db.selectFrom('publicationChannels').select('publicationId').where('channel', '=', ch));
  }
  return q;
}

/** Released publications, newest first, one keyset page at a time. */
export async function listPublished(db: Executor, f: PublishedListFilter = {}): Promise<PublishedPage> {
  const limit = Math.min(100, Math.max(1, f.limit ?? 20));
  const oldest = f.order === 'oldest';
  let q = filtered(db, f);
  const cursor = f.after ? decodeCursor(f.after) : null;
  if (cursor) {
    q = oldest
      ? q.where((eb) => eb.or([eb('p.publishedAt', '>', cursor.publishedAt), eb.and([eb('p.publishedAt', '=', cursor.publishedAt), eb('p.id', '>', cursor.id)])]))
      : q.where((eb) => eb.or([eb('p.publishedAt', '<', cursor.publishedAt), eb.and([eb('p.publishedAt', '=', cursor.publishedAt), eb('p.id', '<', cursor.id)])]));
  }
  const dir = oldest ? 'asc' : 'desc';
  const rows = await q
    .select(PUBLIC_COLUMNS.filter((c) => c !== 'p.body'))
    .orderBy('p.publishedAt', dir)
    .orderBy('p.id', dir)
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => listItem(r)),
    next: rows.length > limit && last?.publishedAt ? encodeCursor(last.publishedAt, last.id) : null,
  };
}

export async function countPublished(db: Executor, f: Omit<PublishedListFilter, 'after' | 'limit' | 'order'> = {}): Promise<number> {
  const r = await filtered(db, f).select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirst();
  return Number(r?.n ?? 0);
}

export type PublicLookup =
  | { status: 'published'; publication: PublicPublication }
  | { status: 'withdrawn'; indexNumber: string; agencyId: number; title: string; withdrawnAt: string; reason: string }
  | { status: 'notFound' };

/** By index number: the current revision, or the fact (and reason) of its withdrawal. */
export async function findPublicByIndexNumber(db: Executor, indexNumber: string): Promise<PublicLookup> {
  const r = await db
    .selectFrom('publications as p')
    .select([...PUBLIC_COLUMNS, 'p.state', 'p.withdrawnAt', 'p.withdrawnReason', 'p.updatedAt'])
    .where('p.indexNumber', '=', indexNumber)
    .executeTakeFirst();
  if (!r) return { status: 'notFound' };
  if (r.state === 'withdrawn') {
    return { status: 'withdrawn', indexNumber, agencyId: r.agencyId, title: r.title, withdrawnAt: r.withdrawnAt ?? '', reason: r.withdrawnReason };
  }
  if (r.state !== 'published') return { status: 'notFound' };
  const last = await db.selectFrom('publicationRevisions').select('releasedAt').where('publicationId', '=', r.id).orderBy('revision', 'desc').limit(1).executeTakeFirst();
  return { status: 'published', publication: toPublic(r, last?.releasedAt) };
}

/** Released publications by id, in the given order (search results, related lists). */
export async function findPublishedByIds(db: Executor, ids: readonly number[]): Promise<PublicListItem[]> {
  if (!ids.length) return [];
  const rows = await db.selectFrom('publications as p').select(PUBLIC_COLUMNS.filter((c) => c !== 'p.body')).where('p.id', 'in', ids).where('p.state', '=', 'published').execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    if (!r) return [];
    return [listItem(r)];
  });
}

/** Full released publications by id (with body), e.g. for (re)indexing. */
export async function findPublishedFullByIds(db: Executor, ids: readonly number[]): Promise<PublicPublication[]> {
  if (!ids.length) return [];
  const rows = await db.selectFrom('publications as p').select(PUBLIC_COLUMNS).where('p.id', 'in', ids).where('p.state', '=', 'published').execute();
  return rows.map((r) => toPublic(r));
}

/** Ids of every released publication after `afterId` (batch reindexing). */
export async function publishedIdsAfter(db: Executor, afterId: number, limit: number): Promise<number[]> {
  const rows = await db.selectFrom('publications').select('id').where('state', '=', 'published').where('id', '>', afterId).orderBy('id').limit(limit).execute();
  return rows.map((r) => r.id);
}

/** Dates of the released revisions (the public page shows the history dates, not old texts). */
export async function revisionDates(db: Executor, publicationId: number): Promise<{ revision: number; releasedAt: string }[]> {
  return db.selectFrom('publicationRevisions').select(['revision', 'releasedAt']).where('publicationId', '=', publicationId).orderBy('revision').execute();
}

export async function relatedPublished(db: Executor, publicationId: number): Promise<PublicListItem[]> {
  const rows = await db.selectFrom('publicationRelated').select('relatedId').where('publicationId', '=', publicationId).execute();
  return findPublishedByIds(db, rows.map((r) => r.relatedId));
}

export interface PrevNext {
  prev: { indexNumber: string; title: string } | null;
  next: { indexNumber: string; title: string } | null;
}

/** The neighbours of a publication within its agency, in release order. */
export async function prevNext(db: Executor, p: { id: number; agencyId: number; publishedAt: string }): Promise<PrevNext> {
  const base = () => db.selectFrom('publications').select(['indexNumber', 'title']).where('agencyId', '=', p.agencyId).where('state', '=', 'published');
  const prev = await base()
    .where((eb) => eb.or([eb('publishedAt', '<', p.publishedAt), eb.and([eb('publishedAt', '=', p.publishedAt), eb('id', '<', p.id)])]))
    .orderBy('publishedAt', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
  const next = await base()
    .where((eb) => eb.or([eb('publishedAt', '>', p.publishedAt), eb.and([eb('publishedAt', '=', p.publishedAt), eb('id', '>', p.id)])]))
    .orderBy('publishedAt', 'asc').orderBy('id', 'asc').limit(1).executeTakeFirst();
  const pick = (r: { indexNumber: string | null; title: string } | undefined) => (r?.indexNumber ? { indexNumber: r.indexNumber, title: r.title } : null);
  return { prev: pick(prev), next: pick(next) };
}

export interface AttachmentMeta {
  id: number;
  fileName: string;
  mime: string;
  size: number;
  sha256: string;
}

/** Attachments of a released publication (none for drafts or withdrawn ones). */
export async function attachmentsMeta(db: Executor, publicationId: number): Promise<AttachmentMeta[]> {
  return db
    .selectFrom('attachments as a')
    .innerJoin('publications as p', 'p.id', 'a.publicationId')
    .select(['a.id', 'a.fileName', 'a.mime', 'a.size', 'a.sha256'])
    .where('a.publicationId', '=', publicationId)
    .where('p.state', '=', 'published')
    .orderBy('a.sortOrder')
    .orderBy('a.id')
    .execute();
}

/** An attachment of a released publication, for the public download route. */
export async function publicAttachment(db: Executor, attachmentId: number): Promise<(AttachmentMeta & { publicationId: number }) | undefined> {
  return db
    .selectFrom('attachments as a')
    .innerJoin('publications as p', 'p.id', 'a.publicationId')
    .select(['a.id', 'a.fileName', 'a.mime', 'a.size', 'a.sha256', 'a.publicationId'])
    .where('a.id', '=', attachmentId)
    .where('p.state', '=', 'published')
    .executeTakeFirst();
}

/** Extracted text of a publication's attachments (DOCX/ODT), for the search index. */
export async function attachmentText(db: Executor, publicationId: number): Promise<string> {
  const rows = await db.selectFrom('attachments').select('extractedText').where('publicationId', '=', publicationId).orderBy('sortOrder').execute();
  return rows.map((r) => r.extractedText).filter(Boolean).join('\n');
}

/** Category ids of many publications at once. */
export async function categoryIdsByPublication(db: Executor, ids: readonly number[]): Promise<Map<number, number[]>> {
  const out = new Map<number, number[]>();
  if (!ids.length) return out;
  const rows = await db.selectFrom('publicationCategories').select(['publicationId', 'categoryId']).where('publicationId', 'in', ids).orderBy('categoryId').execute();
  for (const r of rows) out.set(r.publicationId, [...(out.get(r.publicationId) ?? []), r.categoryId]);
  return out;
}

/** Channels of many publications at once. */
export async function channelsByPublication(db: Executor, ids: readonly number[]): Promise<Map<number, Channel[]>> {
  const out = new Map<number, Channel[]>();
  if (!ids.length) return out;
  const rows = await db.selectFrom('publicationChannels').select(['publicationId', 'channel']).where('publicationId', 'in', ids).execute();
  for (const r of rows) out.set(r.publicationId, [...(out.get(r.publicationId) ?? []), r.channel]);
  return out;
}

export interface PublicCategory {
  id: number;
  parentId: number | null;
  code: string;
  name: string;
  description: string;
  columnKey: string;
  depth: number;
  sortOrder: number;
}

/** The active categories of an agency, parents first, siblings in order. */
export async function publicCategories(db: Executor, agencyId: number): Promise<PublicCategory[]> {
  const rows = await listCategories(db, agencyId, { activeOnly: true });
  return rows.map(({ id, parentId, code, name, description, columnKey, depth, sortOrder }) => ({ id, parentId, code, name, description, columnKey, depth, sortOrder }));
}

/** A category and everything below it (for category pages that include sub-categories). */
export function categorySubtreeIds(categories: readonly { id: number; parentId: number | null }[], rootId: number): number[] {
  const out = [rootId];
  for (let i = 0; i < out.length; i++) for (const c of categories) if (c.parentId === out[i]) out.push(c.id);
  return out;
}

/** Released publications per year of an agency (for year filters and sitemaps). */
export async function publishedYears(db: Executor, agencyIds?: readonly number[]): Promise<{ year: number; count: number }[]> {
  let q = db
    .selectFrom('publications')
    .select([sql<string>`substr(published_on, 1, 4)`.as('y'), (eb) => eb.fn.countAll<string | number>().as('n')])
    .where('state', '=', 'published');
  if (agencyIds) q = q.where('agencyId', 'in', agencyIds.length ? agencyIds : [0]);
  const rows = await q.groupBy(sql`substr(published_on, 1, 4)`).execute();
  return rows.map((r) => ({ year: Number(r.y), count: Number(r.n) })).sort((a, b) => b.year - a.year);
}
