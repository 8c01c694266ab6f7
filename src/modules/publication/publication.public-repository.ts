// Public reads of the catalogue (SQL only; the portal, the public API and search use them through
// index.ts): published publications only (drafts, reviews, withdrawn items and internal comments
// never leave here). The lists are in publication.public-lists.ts.
import { PostgresAdapter, sql, type Expression } from 'kysely';
import type { Executor } from '../../platform/transaction.ts';
import { fixedQuery, shapedQuery } from '../../db/fixed-query.ts';
import { publicArticleBody } from './article-content.tsx';

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

/** The columns of a publication's own page but its body. */
const PAGE_COLUMNS_BUT_BODY = [
  ...PUBLIC_COLUMNS,
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
] as const;

/** The columns of a publication's own page. */
const PAGE_COLUMNS = [...PAGE_COLUMNS_BUT_BODY, 'p.body'] as const;

/** Published or withdrawn items by id (withdrawn ones so that their URL can explain it). */
const publicById = fixedQuery((db: Executor, id: number) =>
  db
    .selectFrom('publications as p')
    .select(PAGE_COLUMNS)
    .where('p.id', '=', id)
    .where('p.state', 'in', ['published', 'withdrawn']),
);

/** 1 when the subquery has a row, else 0 (a number on both engines). */
function exists(subquery: Expression<unknown>) {
  return sql<number>`CASE WHEN EXISTS ${subquery} THEN 1 ELSE 0 END`;
}

/**
 * findPublicById for the article page, with what tells which of the page's other reads it needs:
 * whether it has attachments, related items, more than one revision (the page lists them only
 * then) or released 解读, and the title of the released policy it explains. Each is a subquery of
 * this one statement: in the server a statement of its own costs far more than the subquery does
 * in the database (docs/PERFORMANCE.md, "Render cost"), and most items have none of these.
 */
const publicArticle = fixedQuery((db: Executor, id: number) =>
  db
    .selectFrom('publications as p')
    .select(PAGE_COLUMNS_BUT_BODY)
    .select((eb) => [
      // The body as its UTF-8 bytes on the embedded engine (publicArticleBody): a BLOB is handed
      // over as a Buffer, not decoded into a string. PostgreSQL sends the text as before.
      sql<
        Buffer | string
      >`${db.getExecutor().adapter instanceof PostgresAdapter ? sql.ref('p.body') : sql`CAST(${sql.ref('p.body')} AS BLOB)`}`.as(
        'body',
      ),
      exists(eb.selectFrom('attachments as a').select('a.id').whereRef('a.publicationId', '=', 'p.id')).as(
        'hasAttachments',
      ),
      exists(
        eb
          .selectFrom('publicationRelated as r')
          .select('r.publicationId')
          .where((w) => w.or([w('r.publicationId', '=', w.ref('p.id')), w('r.relatedId', '=', w.ref('p.id'))])),
      ).as('hasRelated'),
      eb
        .selectFrom('publicationRevisions as v')
        .select((c) => c.fn.countAll<number>().as('n'))
        .whereRef('v.publicationId', '=', 'p.id')
        .where('v.state', '=', 'released')
        .as('revisionCount'),
      exists(
        eb
          .selectFrom('publications as i')
          .select('i.id')
          .whereRef('i.interpretsId', '=', 'p.id')
          // SQLite: unary + keeps the probe on the interprets_id index. Most items explain nothing
          // (interprets_id NULL), so its statistics say ~half the table per value and the planner
          // took the (state, …) index instead: every published item read for every article
          // (14 µs on the demo, 52 ms at 20,000 items before the statistics were refreshed).
          .where(
            db.getExecutor().adapter instanceof PostgresAdapter ? sql.ref('i.state') : sql`+${sql.ref('i.state')}`,
            '=',
            'published',
          ),
      ).as('hasInterpretations'),
      eb
        .selectFrom('publications as pol')
        .select('pol.title')
        .whereRef('pol.id', '=', 'p.interpretsId')
        .where('pol.state', '=', 'published')
        .as('policyTitle'),
    ])
    .where('p.id', '=', id)
    .where('p.state', 'in', ['published', 'withdrawn']),
);

export async function findPublicArticle(db: Executor, id: number) {
  const row = (await publicArticle(db, id))[0];
  return row && { ...row, body: publicArticleBody(row.body) };
}

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

/** Published items by id (the article's related items, the API's search hits), compiled once per number of ids. */
export const publishedByIds = (() => {
  const read = shapedQuery(
    (ids: readonly number[], slot) => ids.map((id) => slot(id)),
    (db: Executor, ids: readonly number[]) =>
      db
        .selectFrom('publications as p')
        .select([...PUBLIC_COLUMNS, 'p.body'])
        .where('p.id', 'in', ids)
        .where('p.state', '=', 'published'),
  );
  return (db: Executor, ids: readonly number[]) => (ids.length ? read(db, ids) : Promise.resolve([]));
})();

/** The columns the search page shows of a hit (its title, snippet text, agency, date, 索引号), but the body. */
const SEARCH_HIT_COLUMNS = [
  'p.id',
  'p.agencyId',
  'p.title',
  'p.summary',
  'p.documentNumber',
  'p.indexNumber',
  'p.publishedOn',
] as const;

/** The body as its UTF-8 bytes where it is longer than 2 KB, else as text (embedded engine). */
const BODY_BYTES_ABOVE_2KB = sql<string | Buffer>`CASE WHEN length(CAST(p.body AS BLOB)) > 2048
  THEN CAST(p.body AS BLOB) ELSE p.body END`;

/**
 * Published items by id with what the search page shows of them: publishedByIds' rows cut to
 * SEARCH_HIT_COLUMNS and the body, compiled once per number of ids (shapedQuery) instead of built
 * per request. The embedded engine gives a body of more than 2 KB as its UTF-8 bytes (`CAST(… AS
 * BLOB)`, a copy of them): the snippet decodes only what its window needs (search/hit-snippet.ts),
 * where a string would be the whole body decoded; a shorter body as a string (decoding half of 1 KB
 * saves less than a second try costs when the window is not in it). PostgreSQL gives a string.
 */
export const searchHitsByIds = (() => {
  const read = shapedQuery(
    (ids: readonly number[], slot) => ids.map((id) => slot(id)),
    (db: Executor, ids: readonly number[]) =>
      db
        .selectFrom('publications as p')
        .select(SEARCH_HIT_COLUMNS)
        .select(
          (db.getExecutor().adapter instanceof PostgresAdapter ? sql<string>`p.body` : BODY_BYTES_ABOVE_2KB).as('body'),
        )
        .where('p.id', 'in', ids)
        .where('p.state', '=', 'published'),
  );
  return (db: Executor, ids: readonly number[]) => (ids.length ? read(db, ids) : Promise.resolve([]));
})();

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
    .where('state', '=', 'released')
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

/**
 * The next item of an agency's list (newest first) on one side of (at, id); `newer` looks up. A row
 * value, so that both engines seek the (agency, state, published_at, id) index from (at, id) on:
 * `published_at > at OR (published_at = at AND id > id)` bounded only agency and state, and the
 * read walked the agency's items from one end to the item.
 */
function neighbourQuery(db: Executor, newer: boolean, agencyId: number, at: string, id: number) {
  return db
    .selectFrom('publications as p')
    .select(['p.id', 'p.title'])
    .where('p.agencyId', '=', agencyId)
    .where('p.state', '=', 'published')
    .where((eb) => eb(eb.refTuple('p.publishedAt', 'p.id'), newer ? '>' : '<', eb.tuple(at, id)))
    .orderBy('p.publishedAt', newer ? 'asc' : 'desc')
    .orderBy('p.id', newer ? 'asc' : 'desc')
    .limit(1);
}

/** Both neighbours in one statement: each side's query as it was, tagged with its side. */
const neighboursOf = fixedQuery((db: Executor, agencyId: number, at: string, id: number) =>
  db
    .selectFrom(neighbourQuery(db, true, agencyId, at, id).as('n'))
    .select(['n.id', 'n.title', sql<number>`1`.as('newer')])
    .unionAll(
      db
        .selectFrom(neighbourQuery(db, false, agencyId, at, id).as('o'))
        .select(['o.id', 'o.title', sql<number>`0`.as('newer')]),
    ),
);

/** The neighbours of an item in its agency's list (newest first): previous = newer, next = older. */
export async function neighbours(db: Executor, agencyId: number, at: string, id: number) {
  const rows = await neighboursOf(db, agencyId, at, id);
  const side = (newer: number) => {
    const r = rows.find((x) => x.newer === newer);
    return r && { id: r.id, title: r.title };
  };
  return { newer: side(1), older: side(0) };
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
