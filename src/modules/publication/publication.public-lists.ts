// Public lists of the catalogue (SQL only; the portal, the public API and search use them through
// index.ts): published publications only, filtered by agency, category, year, validity and
// channel. Lists use keyset pagination on (published_at, id); the page read is compiled once per
// shape of filter (db/fixed-query.ts shapedQuery).
import { PostgresAdapter, sql, type Expression, type SqlBool, type ExpressionBuilder } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Executor } from '../../platform/transaction.ts';
import { shapedQuery } from '../../db/fixed-query.ts';
import { PUBLIC_COLUMNS } from './publication.public-repository.ts';

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

/** A list filter as the SQL reads it: the year as a range of dates. */
interface FilterValues {
  agencyIds?: readonly number[];
  categoryIds?: readonly number[];
  publishedFrom?: string;
  publishedBefore?: string;
  validity?: string;
  channel?: string;
}

function filterValues(f: PublicListFilter): FilterValues {
  return {
    ...(f.agencyIds ? { agencyIds: f.agencyIds } : {}),
    ...(f.categoryIds ? { categoryIds: f.categoryIds } : {}),
    ...(f.year !== undefined ? { publishedFrom: `${f.year}-01-01`, publishedBefore: `${f.year + 1}-01-01` } : {}),
    ...(f.validity ? { validity: f.validity } : {}),
    ...(f.channel ? { channel: f.channel } : {}),
  };
}

/** The filter with each value in a slot (shapedQuery): which filters are set and the lists' lengths stay. */
function slotFilter(v: FilterValues, slot: <T>(value: T) => T): FilterValues {
  const out: FilterValues = {};
  if (v.agencyIds) out.agencyIds = v.agencyIds.map((id) => slot(id));
  if (v.categoryIds) out.categoryIds = v.categoryIds.map((id) => slot(id));
  if (v.publishedFrom !== undefined) out.publishedFrom = slot(v.publishedFrom);
  if (v.publishedBefore !== undefined) out.publishedBefore = slot(v.publishedBefore);
  if (v.validity) out.validity = slot(v.validity);
  if (v.channel) out.channel = slot(v.channel);
  return out;
}

function applyFilter(eb: ExpressionBuilder<DB & { p: DB['publications'] }, 'p'>, f: FilterValues, pg: boolean) {
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
  if (f.publishedFrom !== undefined) conds.push(eb('p.publishedOn', '>=', f.publishedFrom));
  if (f.publishedBefore !== undefined) conds.push(eb('p.publishedOn', '<', f.publishedBefore));
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

/** One page of a list: the filter, the order, where it starts and how many rows to read. */
interface ListInput {
  f: FilterValues;
  desc: boolean;
  start: { at: string; id: number; op: '<' | '>' | '<=' | '>=' } | null;
  rows: number;
}

/** The columns an HTML list shows (title, agency, date) and its keyset needs. */
const LISTED_COLUMNS = ['p.id', 'p.agencyId', 'p.title', 'p.publishedAt', 'p.publishedOn'] as const;

const slotList = (i: ListInput, slot: <T>(value: T) => T): ListInput => ({
  f: slotFilter(i.f, slot),
  desc: i.desc,
  start: i.start && { at: slot(i.start.at), id: slot(i.start.id), op: i.start.op },
  // In the shape, not a slot: a LIMIT is written into the SQL text (db/database.ts, LiteralLimitCompiler).
  rows: i.rows,
});

/** A list page's read, compiled once per shape of filter and start (db/fixed-query.ts). */
const listRows = shapedQuery(slotList, (db, i: ListInput) => listQuery(db, i).select(PUBLIC_COLUMNS));

/**
 * listRows with only LISTED_COLUMNS: the column list's page, whose 13 columns (CJK summaries …)
 * cost SQLite and the driver three times the CPU of these 5 (docs/PERFORMANCE.md, "Render cost").
 */
const listedRows = shapedQuery(slotList, (db, i: ListInput) => listQuery(db, i).select(LISTED_COLUMNS));

function listQuery(db: Executor, { f, desc, start, rows }: ListInput) {
  let q = db.selectFrom('publications as p').where((eb) => applyFilter(eb, f, onPostgres(db)));
  // A row value, so that both engines seek the (agency, state, published_at, id) index from the
  // start on (as neighbourQuery does): written `published_at < at OR (published_at = at AND id <=
  // id)`, SQLite walked the list from its first item to the start, checking each — a page's read
  // grew with its number (docs/PERFORMANCE.md, "Render cost at 200,000: …").
  if (start) q = q.where((eb) => eb(eb.refTuple('p.publishedAt', 'p.id'), start.op, eb.tuple(start.at, start.id)));
  return q
    .orderBy('p.publishedAt', desc ? 'desc' : 'asc')
    .orderBy('p.id', desc ? 'desc' : 'asc')
    .limit(rows);
}

export type PublicItem = Awaited<ReturnType<typeof listPublished>>['items'][number];
/** What an HTML list shows of an item (listPublishedPage). */
export type ListedItem = Pick<PublicItem, 'id' | 'agencyId' | 'title' | 'publishedAt' | 'publishedOn'>;

/**
 * One page of published items and the cursor of the next page (null on the last page): the items
 * after `after`, or from `from` on (that item included).
 */
export async function listPublished(
  db: Executor,
  f: PublicListFilter,
  opts: { sort?: ListSort; after?: Cursor | null; from?: Cursor | null; limit: number },
) {
  return pageOf(listRows, db, f, opts);
}

/** listPublished with `read`'s columns. */
async function pageOf<R extends { id: number; publishedAt: string | null }>(
  read: (db: Executor, i: ListInput) => Promise<R[]>,
  db: Executor,
  f: PublicListFilter,
  opts: { sort?: ListSort; after?: Cursor | null; from?: Cursor | null; limit: number },
) {
  const desc = (opts.sort ?? 'new') === 'new';
  const start = opts.after ?? opts.from;
  const op = opts.after ? (desc ? '<' : '>') : desc ? '<=' : '>=';
  const rows = await read(db, {
    f: filterValues(f),
    desc,
    start: start ? { at: start.at, id: start.id, op } : null,
    rows: opts.limit + 1,
  });
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
  opts: { sort?: ListSort; page: number; pageSize: number; total: number; starts?: readonly Cursor[] | undefined },
) {
  const position = (opts.page - 1) * opts.pageSize;
  if (position === 0 || position >= opts.total)
    return pageOf(listedRows, db, f, { sort: opts.sort, limit: opts.pageSize });
  if (opts.starts) {
    // Where each page starts, read once for the list (pageStarts): no OFFSET read.
    const from = opts.starts[opts.page - 1];
    if (!from) return { items: [], next: null };
    return pageOf(listedRows, db, f, { sort: opts.sort, from, limit: opts.pageSize });
  }
  const desc = (opts.sort ?? 'new') === 'new';
  const fromEnd = position > opts.total - 1 - position;
  const dir = desc !== fromEnd ? 'desc' : 'asc';
  const [key] = await pageKey(db, {
    f: filterValues(f),
    dir,
    offset: fromEnd ? opts.total - 1 - position : position,
  });
  // The list shrank between the count and this read: the page is read from its start as it is now.
  if (!key?.publishedAt) return { items: [], next: null };
  return pageOf(listedRows, db, f, {
    sort: opts.sort,
    from: { at: key.publishedAt, id: key.id },
    limit: opts.pageSize,
  });
}

/** A list's keys in its order (pageStarts), compiled once per shape of filter and sort. */
const listKeys = shapedQuery(
  (i: { f: FilterValues; desc: boolean }, slot) => ({ f: slotFilter(i.f, slot), desc: i.desc }),
  (db, i: { f: FilterValues; desc: boolean }) =>
    db
      .selectFrom('publications as p')
      .select(['p.publishedAt', 'p.id'])
      .where((eb) => applyFilter(eb, i.f, onPostgres(db)))
      .orderBy('p.publishedAt', i.desc ? 'desc' : 'asc')
      .orderBy('p.id', i.desc ? 'desc' : 'asc'),
);

/**
 * Where each numbered page of a list starts (the key of its first item), for listPublishedPage's
 * `starts`: one read of the list's keys (the (agency, state, published_at, id) index and the
 * category probe per item, as its count), of which every `pageSize`-th is kept. The portal keeps
 * it per list state and data version like the count, so a deeper page reads its items by keyset
 * from its start instead of first reading an OFFSET over every item before it
 * (docs/PERFORMANCE.md, "Render cost at 200,000: …").
 */
export async function pageStarts(
  db: Executor,
  f: PublicListFilter,
  opts: { sort?: ListSort; pageSize: number },
): Promise<Cursor[]> {
  const keys = await listKeys(db, { f: filterValues(f), desc: (opts.sort ?? 'new') === 'new' });
  const starts: Cursor[] = [];
  for (let i = 0; i < keys.length; i += opts.pageSize) {
    const k = keys[i] as { publishedAt: string | null; id: number };
    if (k.publishedAt) starts.push({ at: k.publishedAt, id: k.id });
  }
  return starts;
}

/** Where a numbered page starts: the list's order one way or the other and the offset from that end. */
interface KeyInput {
  f: FilterValues;
  dir: 'asc' | 'desc';
  offset: number;
}

/**
 * The key of a numbered page's first item (listPublishedPage), compiled once per shape of filter
 * and direction (db/fixed-query.ts): built through Kysely on each request it cost more than
 * reading it (the filter lists every category of the column).
 */
const pageKey = shapedQuery(
  (i: KeyInput, slot): KeyInput => ({ f: slotFilter(i.f, slot), dir: i.dir, offset: slot(i.offset) }),
  (db, i: KeyInput) =>
    db
      .selectFrom('publications as p')
      .select(['p.publishedAt', 'p.id'])
      .where((eb) => applyFilter(eb, i.f, onPostgres(db)))
      .orderBy('p.publishedAt', i.dir)
      .orderBy('p.id', i.dir)
      .limit(1)
      .offset(i.offset),
);

export async function countPublished(db: Executor, f: PublicListFilter): Promise<number> {
  const r = await db
    .selectFrom('publications as p')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where((eb) => applyFilter(eb, filterValues(f), onPostgres(db)))
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
      .where((eb) => applyFilter(eb, filterValues(f), onPostgres(db)));
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

/** A numbered page (the JSON API pages by number; the HTML lists use keysets). */
export function pagePublished(db: Executor, f: PublicListFilter, page: number, pageSize: number) {
  return db
    .selectFrom('publications as p')
    .select(PUBLIC_COLUMNS)
    .where((eb) => applyFilter(eb, filterValues(f), onPostgres(db)))
    .orderBy('p.publishedAt', 'desc')
    .orderBy('p.id', 'desc')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
}
