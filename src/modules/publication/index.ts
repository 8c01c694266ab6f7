// Read functions for the public portal, the public API and the search index (helper modules).
// They return only released content: never drafts, review comments, due dates or staff data.
import type { Executor } from '../../platform/transaction.ts';
import { listCategories } from '../catalog/index.ts';
import { findPublicById, findPublicIdByIndexNumber } from './publication.public-repository.ts';
import type { Channel, DocKind, Validity } from './publication.tables.ts';

export { publicationQueues } from './publication.queues.ts';
export { publicationProvisionalDates } from './publication.provisional.ts';
export { publicationEvents, type PublicationListener } from '../../platform/publication-events.ts';
export { ArticleContent, type ArticleAttachment, type ArticleData } from './article-content.tsx';
export { CHANNEL_LABELS, DOC_KIND_LABELS, INTERPRETATION_FORM_LABELS, VALIDITY_LABELS } from './publication.rules.ts';
export { PublicInterpretations } from './interpretation.views.tsx';
export { DISCLOSURE_MODE_LABELS, groundText } from './disclosure.rules.ts';
export { reviewAttribute } from './disclosure.service.ts';
export { bodyText, textToHtml } from './sanitize.ts';
export {
  CHANNELS,
  INTERPRETATION_FORMS,
  VALIDITIES,
  type Channel,
  type InterpretationForm,
  type Validity,
} from './publication.tables.ts';
export { createDraft, review, setValidity, signOff, submit } from './publication.service.ts';
export { createDraftWithFiles, type DraftFile } from './publication.draft-from.ts';
export { draftInput, type PublicationInput } from './publication.input.ts';
export { findPublicationById, setRelated } from './publication.repository.ts';
export { publicationAdminRoutes, publicationPublicRoutes } from './publication.routes.tsx';
export {
  PRIVACY_CLI_USAGE,
  PUBLICATION_CLI_USAGE,
  privacyScanCommand,
  publicationTransferCommand,
} from './publication.cli.ts';
export { continueRuns } from './privacy-retro.ts';
export { checkUpload, FileTypeError } from './file-type.ts';
export { runQueuedOcr } from './privacy-file-scan.ts';
export { knownPublicData } from './privacy-guard.ts';
export { restoreDeferredIndexes } from './publication.bulk-indexes.ts';
export { restoreIndexesInSite } from './publication.bulk-indexes-job.ts';
export {
  attachmentsOfPublication,
  categoriesOfMany,
  categoriesOfPublication,
  channelsOfPublication,
  findPublicArticle,
  findPublicById,
  findPublicIdByIndexNumber,
  neighbours,
  publishedByIds,
  searchHitsByIds,
  publishedInterpretationsOf,
  relatedPublished,
  revisionDates,
  sitemapEntries,
} from './publication.public-repository.ts';
export {
  countPublished,
  decodeCursor,
  encodeCursor,
  listPublished,
  listPublishedPage,
  pageStarts,
  pagePublished,
  publishedYears,
  type Cursor,
  type ListSort,
  type ListedItem,
  type PublicItem,
  type PublicListFilter,
} from './publication.public-lists.ts';

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
  'p.id',
  'p.agencyId',
  'p.indexNumber',
  'p.title',
  'p.summary',
  'p.body',
  'p.issuer',
  'p.formedOn',
  'p.publishedAt',
  'p.publishedOn',
  'p.documentNumber',
  'p.validity',
  'p.effectiveOn',
  'p.invalidOn',
  'p.repealedOn',
  'p.topic',
  'p.keywords',
  'p.docKind',
  'p.revision',
] as const;

type RawPublic = Omit<PublicPublication, 'updatedAt' | 'indexNumber' | 'publishedAt' | 'publishedOn'> & {
  indexNumber: string | null;
  publishedAt: string | null;
  publishedOn: string | null;
};

function toPublic(r: RawPublic, updatedAt?: string): PublicPublication {
  return {
    ...r,
    indexNumber: r.indexNumber ?? '',
    publishedAt: r.publishedAt ?? '',
    publishedOn: r.publishedOn ?? '',
    updatedAt: updatedAt ?? r.publishedAt ?? '',
  };
}

/** A list entry (no body). */
export type PublicListItem = Omit<PublicPublication, 'body'>;

export type PublicLookup =
  | { status: 'published'; publication: PublicPublication }
  | { status: 'withdrawn'; indexNumber: string; agencyId: number; title: string; withdrawnAt: string; reason: string }
  | { status: 'notFound' };

/** By index number: the current revision, or the fact (and reason) of its withdrawal. */
export async function findPublicByIndexNumber(db: Executor, indexNumber: string): Promise<PublicLookup> {
  const id = await findPublicIdByIndexNumber(db, indexNumber);
  const r = id ? await findPublicById(db, id) : undefined;
  if (!r) return { status: 'notFound' };
  if (r.state === 'withdrawn') {
    return {
      status: 'withdrawn',
      indexNumber,
      agencyId: r.agencyId,
      title: r.title,
      withdrawnAt: r.withdrawnAt ?? '',
      reason: r.withdrawnReason,
    };
  }
  const last = await db
    .selectFrom('publicationRevisions')
    .select('releasedAt')
    .where('publicationId', '=', r.id)
    .where('state', '=', 'released')
    .orderBy('revision', 'desc')
    .limit(1)
    .executeTakeFirst();
  return { status: 'published', publication: toPublic(r, last?.releasedAt) };
}

/** Full released publications by id (with body), e.g. for (re)indexing. */
export async function findPublishedFullByIds(db: Executor, ids: readonly number[]): Promise<PublicPublication[]> {
  if (!ids.length) return [];
  const rows = await db
    .selectFrom('publications as p')
    .select(PUBLIC_COLUMNS)
    .where('p.id', 'in', ids)
    .where('p.state', '=', 'published')
    .execute();
  return rows.map((r) => toPublic(r));
}

/** Ids of every released publication after `afterId` (batch reindexing). */
export async function publishedIdsAfter(db: Executor, afterId: number, limit: number): Promise<number[]> {
  const rows = await db
    .selectFrom('publications')
    .select('id')
    .where('state', '=', 'published')
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

export interface AttachmentMeta {
  id: number;
  fileName: string;
  mime: string;
  size: number;
  sha256: string;
}

/** An attachment of a released publication, for the public download route. */
export async function publicAttachment(
  db: Executor,
  attachmentId: number,
): Promise<(AttachmentMeta & { publicationId: number }) | undefined> {
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
  const rows = await db
    .selectFrom('attachments')
    .select('extractedText')
    .where('publicationId', '=', publicationId)
    .orderBy('sortOrder')
    .execute();
  return rows
    .map((r) => r.extractedText)
    .filter(Boolean)
    .join('\n');
}

/** Category ids of many publications at once. */
export async function categoryIdsByPublication(db: Executor, ids: readonly number[]): Promise<Map<number, number[]>> {
  const out = new Map<number, number[]>();
  if (!ids.length) return out;
  const rows = await db
    .selectFrom('publicationCategories')
    .select(['publicationId', 'categoryId'])
    .where('publicationId', 'in', ids)
    .orderBy('categoryId')
    .execute();
  for (const r of rows) out.set(r.publicationId, [...(out.get(r.publicationId) ?? []), r.categoryId]);
  return out;
}

/** Channels of many publications at once. */
export async function channelsByPublication(db: Executor, ids: readonly number[]): Promise<Map<number, Channel[]>> {
  const out = new Map<number, Channel[]>();
  if (!ids.length) return out;
  const rows = await db
    .selectFrom('publicationChannels')
    .select(['publicationId', 'channel'])
    .where('publicationId', 'in', ids)
    .execute();
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
  return rows.map(({ id, parentId, code, name, description, columnKey, depth, sortOrder }) => ({
    id,
    parentId,
    code,
    name,
    description,
    columnKey,
    depth,
    sortOrder,
  }));
}
