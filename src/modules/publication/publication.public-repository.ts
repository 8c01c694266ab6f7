// Public reads of the catalogue (SQL only; the portal, the public API and search use them through
// index.ts): published publications only (drafts, reviews, withdrawn items and internal comments
// never leave here). Lists use keyset pagination on (published_at, id).
import { PostgresAdapter, sql, type Expression, type SqlBool, type ExpressionBuilder } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Executor } from '../../platform/transaction.ts';
import { fixedQuery } from '../../db/fixed-query.ts';

/** Columns a public list or page may show. */
const PUBLIC_COLUMNS = [
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

export interface PublicListFilter {
  agencyIds?: readonly number[];
  /** Publications in any of these categories. */
  categoryIds?: readonly number[];
  year?: number;
  validity?: string;
  channel?: string;
}

export type ListSort = 'new' | 'old';

/** Keyset cursor: the (published_at, id) of the last item shown. */
export interface Cursor {
  at: string;
  id: number;
}

export function encodeCursor(c: Cursor): string {
  return `${c.at}_${c.id}`;
}

export function decodeCursor(raw: unknown): Cursor | null {
  if (typeof raw !== 'string') return null;
  const m = /^(\d{4}-\d{2}-\d{2}T[\d:.]+Z)_(\d{1,12})$/.exec(raw);
  return m ? { at: m[1] as string, id: Number(m[2]) } : null;
}

/** PostgreSQL or the embedded engine: the category filter is written for each planner (below). */
const onPostgres = (db: Executor) => db.getExecutor().adapter instanceof PostgresAdapter;

function applyFilter(eb: ExpressionBuilder<DB & { p: DB['publications'] }, 'p'>, f: PublicListFilter, pg: boolean) {
  const conds: Expression<SqlBool>[] = [eb('p.state', '=', 'published')];
  if (f.agencyIds) conds.push(f.agencyIds.length ? eb('p.agencyId', 'in', f.agencyIds) : sql<SqlBool>`1 = 0`);
  if (f.categoryIds) {
    conds.push(
      f.categoryIds.length
        ? eb.exists(
            eb
              .selectFrom('publicationCategories as pc')
              .select('pc.publicationId')
              .whereRef('pc.publicationId', '=', 'p.id')
              // SQLite: unary + keeps it on the primary key (publication_id, …), one probe per row; on
              // the (category_id, …) index it probed once per category of the list: 250 ms against
              // 45 ms for an agency's 20,000 items (bench/paging.ts). PostgreSQL: the plain column, so
              // the semi-join reads the (category_id, publication_id) index only; with + it scanned
              // all of publication_categories (200,000 rows) on every count and page.
              .where(pg ? sql.ref('pc.categoryId') : sql<number>`+${sql.ref('pc.categoryId')}`, 'in', f.categoryIds),
          )
        : sql<SqlBool>`1 = 0`,
    );
  }
  if (f.year !== undefined) {
    conds.push(eb('p.publishedOn', '>=', `${f.year}-01-01`), eb('p.publishedOn', '<', `${f.year + 1}-01-01`));
  }
  if (f.validity) conds.push(eb('p.validity', '=', f.validity as never));
  if (f.channel) {
    conds.push(
      eb.exists(
        eb
          .selectFrom('publicationChannels as ch')
          .select('ch.publicationId')
          .whereRef('ch.publicationId', '=', 'p.id')
          .where('ch.channel', '=', f.channel as never),
      ),
    );
  }
  return eb.and(conds);
}

export type PublicItem = Awaited<ReturnType<typeof listPublished>>['items'][number];

/**
 * One page of published items and the cursor of the next page (null on the last page): the items
 * after `after`, or from `from` on (that item included).
 */
export async function listPublished(
  db: Executor,
  f: PublicListFilter,
  opts: { sort?: ListSort; after?: Cursor | null; from?: Cursor | null; limit: number },
) {
  const desc = (opts.sort ?? 'new') === 'new';
  let q = db
    .selectFrom('publications as p')
    .select(PUBLIC_COLUMNS)
    .where((eb) => applyFilter(eb, f, onPostgres(db)));
  const start = opts.after ?? opts.from;
  if (start) {
    const idOp = opts.after ? (desc ? '<' : '>') : desc ? '<=' : '>=';
    q = q.where((eb) =>
      eb.or([
        eb('p.publishedAt', desc ? '<' : '>', start.at),
        eb.and([eb('p.publishedAt', '=', start.at), eb('p.id', idOp, start.id)]),
      ]),
    );
  }
  const rows = await q
    .orderBy('p.publishedAt', desc ? 'desc' : 'asc')
    .orderBy('p.id', desc ? 'desc' : 'asc')
    .limit(opts.limit + 1)
    .execute();
  const items = rows.slice(0, opts.limit);
  const last = items[items.length - 1];
  const next = rows.length > opts.limit && last?.publishedAt ? { at: last.publishedAt, id: last.id } : null;
  return { items, next };
}

/**
 * Numbered pages over the keyset (issue #14 point 2): the key of the page's first item is read with
 * an OFFSET over keys only (the (agency, state, published_at, id) index), counted from the nearer
 * end of the list, so the deepest page costs no more than half the count the pager needs anyway;
 * the page's rows are then read by keyset from that key. `total` is the list's count.
 */
export async function listPublishedPage(
  db: Executor,
  f: PublicListFilter,
  opts: { sort?: ListSort; page: number; pageSize: number; total: number },
) {
  const position = (opts.page - 1) * opts.pageSize;
  if (position === 0 || position >= opts.total) return listPublished(db, f, { sort: opts.sort, limit: opts.pageSize });
  const desc = (opts.sort ?? 'new') === 'new';
  const fromEnd = position > opts.total - 1 - position;
  const dir = desc !== fromEnd ? 'desc' : 'asc';
  const key = await db
    .selectFrom('publications as p')
    .select(['p.publishedAt', 'p.id'])
    .where((eb) => applyFilter(eb, f, onPostgres(db)))
    .orderBy('p.publishedAt', dir)
    .orderBy('p.id', dir)
    .limit(1)
    .offset(fromEnd ? opts.total - 1 - position : position)
    .executeTakeFirst();
  // The list shrank between the count and this read: the page is read from its start as it is now.
  if (!key?.publishedAt) return { items: [], next: null };
  return listPublished(db, f, { sort: opts.sort, from: { at: key.publishedAt, id: key.id }, limit: opts.pageSize });
}

export async function countPublished(db: Executor, f: PublicListFilter): Promise<number> {
  const r = await db
    .selectFrom('publications as p')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where((eb) => applyFilter(eb, f, onPostgres(db)))
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

/**
 * Years that have published items (for the year filter), newest first: one index seek per year
 * (the newest item before the start of the year found last), not a scan of every item — an
 * agency's 20,000 items took 2.4 s to group when the rows were not in memory (bench/paging.ts).
 */
export async function publishedYears(db: Executor, f: PublicListFilter): Promise<number[]> {
  const years: number[] = [];
  let before: string | null = null;
  for (;;) {
    let q = db
      .selectFrom('publications as p')
      .select(['p.publishedOn', 'p.publishedAt'])
      .where((eb) => applyFilter(eb, f, onPostgres(db)));
    if (before) q = q.where('p.publishedAt', '<', before);
    const row = await q.orderBy('p.publishedAt', 'desc').orderBy('p.id', 'desc').limit(1).executeTakeFirst();
    const year = Number((row?.publishedOn ?? '').slice(0, 4));
    if (!row?.publishedAt || !(year > 0)) break;
    if (!years.includes(year)) years.push(year);
    // 1 January of that year in Beijing (UTC+8), or just before this item if it is earlier.
    const yearStart = `${year - 1}-12-31T16:00:00.000Z`;
    before = yearStart < row.publishedAt ? yearStart : row.publishedAt;
  }
  return years.sort((a, b) => b - a);
}

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

/** A numbered page (the JSON API pages by number; the HTML lists use keysets). */
export function pagePublished(db: Executor, f: PublicListFilter, page: number, pageSize: number) {
  return db
    .selectFrom('publications as p')
    .select(PUBLIC_COLUMNS)
    .where((eb) => applyFilter(eb, f, onPostgres(db)))
    .orderBy('p.publishedAt', 'desc')
    .orderBy('p.id', 'desc')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
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
