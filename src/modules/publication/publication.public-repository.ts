// Public reads of the catalogue (SQL only; the portal, the public API and search use them through
// index.ts): published publications only (drafts, reviews, withdrawn items and internal comments
// never leave here). The lists are in publication.public-lists.ts.
import type { Executor } from '../../platform/transaction.ts';
import { fixedQuery } from '../../db/fixed-query.ts';

/** Columns a public list or page may show. */
export const PUBLIC_COLUMNS = [
  'p.id',
  'p.agencyId',
  'p.title',
  'p.summary',
  'p.issuer',
  'p.formedOn',
  'p.publishedAt',
  'p.publishedOn',
  'p.documentNumber',
  'p.validity',
  'p.topic',
  'p.indexNumber',
  'p.docKind',
] as const;

/** Published or withdrawn items by id (withdrawn ones so that their URL can explain it). */
const publicById = fixedQuery((db: Executor, id: number) =>
  db
    .selectFrom('publications as p')
    .select([
      ...PUBLIC_COLUMNS,
      'p.body',
      'p.state',
      'p.keywords',
      'p.withdrawnAt',
      'p.withdrawnReason',
      'p.revision',
      'p.effectiveOn',
      'p.invalidOn',
      'p.repealedOn',
      'p.interpretationForm',
      'p.interpretsId',
      'p.mediaUrl',
    ])
    .where('p.id', '=', id)
    .where('p.state', 'in', ['published', 'withdrawn']),
);

export async function findPublicById(db: Executor, id: number) {
  return (await publicById(db, id))[0];
}

export async function findPublicIdByIndexNumber(db: Executor, indexNumber: string): Promise<number | undefined> {
  const r = await db
    .selectFrom('publications')
    .select('id')
    .where('indexNumber', '=', indexNumber)
    .where('state', 'in', ['published', 'withdrawn'])
    .executeTakeFirst();
  return r?.id;
}

export function publishedByIds(db: Executor, ids: readonly number[]) {
  if (!ids.length) return Promise.resolve([]);
  return db
    .selectFrom('publications as p')
    .select([...PUBLIC_COLUMNS, 'p.body'])
    .where('p.id', 'in', ids)
    .where('p.state', '=', 'published')
    .execute();
}

export async function categoriesOfMany(
  db: Executor,
  ids: readonly number[],
): Promise<Map<number, { id: number; name: string; code: string }[]>> {
  const out = new Map<number, { id: number; name: string; code: string }[]>();
  if (!ids.length) return out;
  const rows = await db
    .selectFrom('publicationCategories as pc')
    .innerJoin('categories as c', 'c.id', 'pc.categoryId')
    .select(['pc.publicationId', 'c.id', 'c.name', 'c.code'])
    .where('pc.publicationId', 'in', ids)
    .orderBy('c.depth')
    .orderBy('c.sortOrder')
    .execute();
  for (const r of rows) {
    const list = out.get(r.publicationId) ?? [];
    list.push({ id: r.id, name: r.name, code: r.code });
    out.set(r.publicationId, list);
  }
  return out;
}

/** The categories of one publication (the article page): categoriesOfMany for one id, compiled once. */
const categoriesOfOne = fixedQuery((db: Executor, id: number) =>
  db
    .selectFrom('publicationCategories as pc')
    .innerJoin('categories as c', 'c.id', 'pc.categoryId')
    .select(['c.id', 'c.name', 'c.code'])
    .where('pc.publicationId', '=', id)
    .orderBy('c.depth')
    .orderBy('c.sortOrder'),
);

export function categoriesOfPublication(
  db: Executor,
  id: number,
): Promise<{ id: number; name: string; code: string }[]> {
  return categoriesOfOne(db, id);
}

const channelsOf = fixedQuery((db: Executor, id: number) =>
  db.selectFrom('publicationChannels').select('channel').where('publicationId', '=', id),
);

export async function channelsOfPublication(db: Executor, id: number): Promise<string[]> {
  return (await channelsOf(db, id)).map((r) => r.channel);
}

const attachmentsOf = fixedQuery((db: Executor, id: number) =>
  db
    .selectFrom('attachments')
    .select(['id', 'fileName', 'title', 'size', 'mime'])
    .where('publicationId', '=', id)
    .orderBy('sortOrder')
    .orderBy('id'),
);

export async function attachmentsOfPublication(db: Executor, id: number) {
  const rows = await attachmentsOf(db, id);
  return rows.map((r) => ({ ...r, title: r.title || r.fileName }));
}

const revisionsOf = fixedQuery((db: Executor, id: number) =>
  db
    .selectFrom('publicationRevisions')
    .select(['revision', 'releasedAt', 'note'])
    .where('publicationId', '=', id)
    .orderBy('revision'),
);

export function revisionDates(db: Executor, id: number) {
  return revisionsOf(db, id);
}

/** Published items linked as related, in either direction. */
const relatedLinks = fixedQuery((db: Executor, id: number) =>
  db
    .selectFrom('publicationRelated')
    .select(['publicationId', 'relatedId'])
    .where((eb) => eb.or([eb('publicationId', '=', id), eb('relatedId', '=', id)])),
);

export async function relatedPublished(db: Executor, id: number) {
  const links = await relatedLinks(db, id);
  const ids = [...new Set(links.map((l) => (l.publicationId === id ? l.relatedId : l.publicationId)))];
  return publishedByIds(db, ids);
}

/** The next item of an agency's list (newest first) on one side of (at, id); `newer` looks up. */
const neighbourQuery = (newer: boolean) =>
  fixedQuery((db: Executor, agencyId: number, at: string, id: number) =>
    db
      .selectFrom('publications as p')
      .select(['p.id', 'p.title'])
      .where('p.agencyId', '=', agencyId)
      .where('p.state', '=', 'published')
      .where((eb) =>
        eb.or([
          eb('p.publishedAt', newer ? '>' : '<', at),
          eb.and([eb('p.publishedAt', '=', at), eb('p.id', newer ? '>' : '<', id)]),
        ]),
      )
      .orderBy('p.publishedAt', newer ? 'asc' : 'desc')
      .orderBy('p.id', newer ? 'asc' : 'desc')
      .limit(1),
  );
const newerOne = neighbourQuery(true);
const olderOne = neighbourQuery(false);

/** The neighbours of an item in its agency's list (newest first): previous = newer, next = older. */
export async function neighbours(db: Executor, agencyId: number, at: string, id: number) {
  const [newer] = await newerOne(db, agencyId, at, id);
  const [older] = await olderOne(db, agencyId, at, id);
  return { newer, older };
}

/** Every published item for the sitemap (id and date), newest first, bounded. */
export function sitemapEntries(db: Executor, limit: number) {
  return db
    .selectFrom('publications')
    .select(['id', 'publishedAt'])
    .where('state', '=', 'published')
    .orderBy('publishedAt', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** The released 解读 of a policy (issue #17 point 1), oldest first. */
const interpretationsOf = fixedQuery((db: Executor, policyId: number) =>
  db
    .selectFrom('publications as p')
    .select(['p.id', 'p.title', 'p.interpretationForm', 'p.publishedOn'])
    .where('p.interpretsId', '=', policyId)
    .where('p.state', '=', 'published')
    .orderBy('p.publishedAt')
    .orderBy('p.id'),
);

export function publishedInterpretationsOf(db: Executor, policyId: number) {
  return interpretationsOf(db, policyId);
}
