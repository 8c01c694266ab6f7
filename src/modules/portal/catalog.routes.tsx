// Public catalogue routes: the 专栏 columns with their lists, the article page (with its QR code
// and print view), the notice at a withdrawn publication's address, RSS and the sitemap.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import { beijingDate } from '../../platform/chinese-date.ts';
import { Id, OneOf, PageNo, params, query, Slug, Year } from '../../platform/http/schema.ts';
import { AppError } from '../../platform/errors.ts';
import type { AgencyRow } from '../agency/index.ts';
import { listAgencies, publicAgencies, publicAgencyById, publicAgencyBySlug } from '../agency/index.ts';
import { listCategories } from '../catalog/index.ts';
import { CHANNELS, VALIDITIES } from '../publication/index.ts';
import { ArticlePage, WithdrawnPage, type ArticleExtras } from './article.views.tsx';
import type { Executor } from '../../platform/transaction.ts';
import { readTogether } from '../../db/direct-read.ts';
import {
  attachmentsOfPublication,
  categoriesOfMany,
  categoriesOfPublication,
  channelsOfPublication,
  countPublished,
  findPublicArticle,
  findPublicById,
  listPublished,
  listPublishedPage,
  neighbours,
  pageStarts,
  publishedYears,
  publishedInterpretationsOf,
  relatedPublished,
  revisionDates,
  sitemapEntries,
  type PublicListFilter,
} from '../publication/index.ts';
import { presentPublication, rssDocument, xmlEscape } from './catalog.present.ts';
import { encodedPart, placeEncoded, prerendered, renderPart } from '../../platform/views/render.ts';
import {
  categoryTreeHtml,
  LandingLatest,
  LatestSection,
  listQuery,
  stateOf,
  type ListState,
} from './catalog.views.tsx';
import { ColumnListBody, ColumnListItems, ColumnListPage, columnListFrame } from './column-list.views.tsx';
import { AgencyLandingBody, AgencyLandingPage } from './portal.agency-views.tsx';
import { COLUMNS } from './portal.views.tsx';

/** The columns listed from the catalogue (年报 are listed by the annual-report module). */
export const LIST_COLUMNS = ['system', 'statutory'] as const;
export type ListColumn = (typeof LIST_COLUMNS)[number];
const PAGE_SIZE = 20;
/** A list's page starts are kept up to this many items (50 pages); a longer list's deeper page reads its OFFSET: reading all of a 200,000-item list's keys after each change cost ~0.6 s. */
const KEPT_STARTS_MAX = 1_000;

/** The keyset cursor of the lists before numbered pages (old links are sent to page 1). */
const Cursor = () =>
  Type.String({ title: '翻页位置', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]{1,20}Z_[1-9][0-9]{0,9}$' });

/** The query of a column's list: filters, sort and the page number. */
export const COLUMN_LIST_QUERY = query({
  category: Id('分类'),
  year: Year(),
  sort: OneOf('排序', ['new', 'old']),
  validity: OneOf('有效性', VALIDITIES),
  channel: OneOf('公开渠道', CHANNELS),
  page: PageNo(),
  after: Cursor(),
});
type ColumnListQuery = Static<typeof COLUMN_LIST_QUERY>;

/** An agency's active categories, kept while no public data changes (db/version-memo.ts); shared, read-only. */
export function publicCategories(app: FastifyInstance, agencyId: number) {
  return app.memo.get(`categories.active:${agencyId}`, () => listCategories(app.db, agencyId, { activeOnly: true }));
}

/** A category and everything under it. */
function subtreeIds(all: readonly { id: number; parentId: number | null }[], rootId: number): number[] {
  const out = [rootId];
  for (let i = 0; i < out.length; i += 1) for (const c of all) if (c.parentId === out[i]) out.push(c.id);
  return out;
}

/**
 * The county-wide latest list for the home page (published items of the active agencies). It
 * changes only with public data: kept rendered (db/version-memo.ts), so a request builds no map of
 * every agency's name (2,000 at a province's scale) and renders no list.
 */
export async function latestAcrossAgencies(app: FastifyInstance) {
  const html = await app.memo.get('latest.home.html', async () => {
    const agencies = await publicAgencies(app);
    const { items } = await listPublished(app.db, { agencyIds: agencies.map((a) => a.id) }, { limit: 10 });
    return renderPart(<LatestSection items={items} agencyNames={new Map(agencies.map((a) => [a.id, a.name]))} />);
  });
  return prerendered(html);
}

/**
 * The 专栏 landing page with the latest items of each list column. Its body depends on public data
 * alone: rendered once per data version and kept encoded (db/version-memo.ts, EncodedPart), from
 * the agency and lists as they are when it is rendered; each request renders only the layout.
 */
export async function renderAgencyLanding(
  app: FastifyInstance,
  req: FastifyRequest,
  reply: FastifyReply,
  agency: AgencyRow,
) {
  const body = await app.memo.get(`landing.body:${agency.id}`, async () => {
    const current = (await publicAgencyById(app, agency.id)) ?? agency;
    const categories = await publicCategories(app, agency.id);
    const latest = [];
    for (const key of LIST_COLUMNS) {
      const col = COLUMNS.find((c) => c.key === key);
      if (!col) continue;
      const ids = categories.filter((c) => c.columnKey === key).map((c) => c.id);
      const { items } = await listPublished(app.db, { agencyIds: [agency.id], categoryIds: ids }, { limit: 5 });
      latest.push({ key, title: col.title, hint: col.hint, items });
    }
    return encodedPart(
      <AgencyLandingBody agency={current} latest={<LandingLatest agency={current} latest={latest} />} />,
    );
  });
  return reply.page(<AgencyLandingPage ctx={await req.pageContext(reply)} agency={agency} body={body} />);
}

/** A column's list (or one category of it) with filters, sorting and keyset pages. */
export async function renderColumnList(
  app: FastifyInstance,
  req: FastifyRequest,
  reply: FastifyReply,
  agency: AgencyRow,
  column: ListColumn,
) {
  const q = req.query as ColumnListQuery;
  const col = COLUMNS.find((c) => c.key === column) as (typeof COLUMNS)[number];
  const view = await columnListView(app, agency, column, q.category, stateOf(q));
  // A link from before numbered pages: the same list from its first page.
  if (q.after) return reply.redirect(`/agencies/${agency.slug}/${column}${listQuery(view.state)}`, 301);
  const pages = Math.max(1, Math.ceil(view.total / PAGE_SIZE));
  const page = q.page ?? 1;
  if (page > pages) throw new AppError('notFound', `该页不存在：共 ${pages} 页。`);
  const title = view.category?.name ?? col.title;
  // The first page, what most visitors and crawlers read, changes only with public data: its body
  // (everything inside the layout) is rendered once per data version and kept encoded, from the
  // reads as they are when it is rendered. A deeper page reads and renders its items and pager on
  // each request (keeping every page of every list would crowd the memo's other reads out) between
  // the list's frame, kept the same way per list state.
  const stateKey = `${agency.id}:${column}:${JSON.stringify(view.state)}`;
  const kept = async <T,>(make: (now: ColumnListView) => Promise<T>) => {
    const current = (await publicAgencyById(app, agency.id)) ?? agency;
    return make(await columnListView(app, current, column, q.category, view.state));
  };
  let body;
  if (page === 1) {
    body = placeEncoded(
      await app.memo.get(`list.body:${stateKey}`, () =>
        kept(async (now) =>
          encodedPart(<ColumnListBody {...await frameProps(app, now)} {...await items(app, now, 1)} />),
        ),
      ),
    );
  } else {
    const frame = await app.memo.get(`list.frame:${stateKey}`, () =>
      kept(async (now) => columnListFrame(await frameProps(app, now))),
    );
    body = (
      <>
        {placeEncoded(frame.before)}
        <ColumnListItems
          base={`/agencies/${agency.slug}/${column}`}
          state={view.state}
          {...await items(app, view, page)}
        />
        {placeEncoded(frame.after)}
      </>
    );
  }
  return reply.page(
    <ColumnListPage ctx={await req.pageContext(reply)} title={`${title} - ${agency.name}`} body={body} />,
  );
}

interface ColumnListView {
  agency: AgencyRow;
  column: ListColumn;
  category: { id: number; name: string } | undefined;
  state: ListState;
  /** The column's items (the filter without year, 有效性 and 公开方式), for the years it has items in. */
  base: PublicListFilter;
  filter: PublicListFilter;
  total: number;
}

/** What a column list shows before its items: kept reads (db/version-memo.ts) only. */
async function columnListView(
  app: FastifyInstance,
  agency: AgencyRow,
  column: ListColumn,
  categoryId: number | undefined,
  filters: Omit<ListState, 'category'>,
): Promise<ColumnListView> {
  const inColumn = (await publicCategories(app, agency.id)).filter((c) => c.columnKey === column);
  const category = categoryId ? inColumn.find((c) => c.id === categoryId) : undefined;
  if (categoryId && !category) throw new AppError('notFound', '该分类不存在。');
  const state: ListState = {
    sort: filters.sort,
    ...(category ? { category: category.id } : {}),
    ...(filters.year ? { year: filters.year } : {}),
    ...(filters.validity ? { validity: filters.validity } : {}),
    ...(filters.channel ? { channel: filters.channel } : {}),
  };
  const base: PublicListFilter = {
    agencyIds: [agency.id],
    categoryIds: category ? subtreeIds(inColumn, category.id) : inColumn.map((c) => c.id),
  };
  const filter: PublicListFilter = {
    ...base,
    ...(state.year ? { year: state.year } : {}),
    ...(state.validity ? { validity: state.validity } : {}),
    ...(state.channel ? { channel: state.channel } : {}),
  };
  // The count and the years of a list change only with public data: kept (db/version-memo.ts).
  const total = await app.memo.get(`count:${JSON.stringify(filter)}`, () => countPublished(app.db, filter));
  return { agency, column, category, state, base, filter, total };
}

/** One page of a list's items (read here) with its count and number of pages. */
async function items(app: FastifyInstance, v: ColumnListView, page: number) {
  const pages = Math.max(1, Math.ceil(v.total / PAGE_SIZE));
  const { sort } = v.state;
  const size = { sort, pageSize: PAGE_SIZE };
  // Where each page starts changes only with public data: kept per list state, like the count.
  const key = `starts:${sort}:${JSON.stringify(v.filter)}`;
  const kept = page > 1 && v.total <= KEPT_STARTS_MAX;
  const starts = kept ? await app.memo.get(key, () => pageStarts(app.db, v.filter, size)) : undefined;
  const { items } = await listPublishedPage(app.db, v.filter, { ...size, page, total: v.total, starts });
  return { items, total: v.total, page, pages };
}

/** What a list's page shows around its items: kept reads (db/version-memo.ts) only. */
async function frameProps(app: FastifyInstance, v: ColumnListView) {
  const { agency, column } = v;
  // The category tree changes only with the categories: rendered once per data version, from the
  // categories as they are when it is rendered (not the ones this request read before).
  const listBase = `/agencies/${agency.slug}/${column}`;
  const tree = await app.memo.get(`catalog.tree:${agency.id}:${listBase}:${v.category?.id ?? ''}`, async () => {
    const cats = (await publicCategories(app, agency.id)).filter((c) => c.columnKey === column);
    return categoryTreeHtml(
      cats.map((c) => ({ id: c.id, parentId: c.parentId, name: c.name })),
      listBase,
      v.category?.id,
    );
  });
  return {
    agency,
    column: COLUMNS.find((c) => c.key === column) as (typeof COLUMNS)[number],
    state: v.state,
    categoryTree: tree,
    categoryName: v.category?.name ?? null,
    years: await app.memo.get(`years:${JSON.stringify(v.base)}`, () => publishedYears(app.db, v.base)),
  };
}

/** What the article page shows from modules above the portal, handed in by src/modules/routes.ts. */
export interface CatalogDeps {
  /** 会议公开 (#17 point 5): the meetings whose published decisions produced a publication. */
  meetingsOf?: (db: Executor, publicationId: number) => Promise<ArticleExtras['meetings']>;
}

export async function catalogRoutes(app: FastifyInstance, deps: CatalogDeps = {}): Promise<void> {
  const baseUrl = () => app.deps.config.publicBaseUrl.replace(/\/+$/, '');

  const withAgency = async <P extends { agencyId: number }>(pub: P | undefined) => {
    if (!pub) throw new AppError('notFound', '该信息不存在或尚未发布。');
    const agency = await publicAgencyById(app, pub.agencyId);
    if (!agency || agency.active !== 1) throw new AppError('notFound', '该信息不存在或尚未发布。');
    return { pub, agency };
  };
  const loadArticle = async (id: number) => withAgency(await findPublicById(app.db, id));

  const article = { params: params({ id: Id('信息编号') }) };
  app.get('/publications/:id', { config: { publicCache: true }, schema: article }, async (req, reply) => {
    const { pub, agency } = await withAgency(await findPublicArticle(app.db, (req.params as { id: number }).id));
    const ctx = await req.pageContext(reply);
    if (pub.state === 'withdrawn') {
      // 410 Gone: the address existed and was removed on purpose; the page says so.
      return reply.page(
        <WithdrawnPage
          ctx={ctx}
          agency={agency}
          title={pub.title}
          indexNumber={pub.indexNumber}
          withdrawnOn={beijingDate(pub.withdrawnAt)}
        />,
        410,
      );
    }
    // Only the reads the article has something for (findPublicArticle says which), started
    // together: on the embedded engine they run at once in one read transaction (db/direct-read.ts).
    const [categories, channels, attachments, related, around, revisions, interpretations, meetings] =
      await Promise.all(
        readTogether(app.db, () => [
          categoriesOfPublication(app.db, pub.id),
          channelsOfPublication(app.db, pub.id),
          pub.hasAttachments ? attachmentsOfPublication(app.db, pub.id) : [],
          pub.hasRelated ? relatedPublished(app.db, pub.id) : [],
          neighbours(app.db, pub.agencyId, pub.publishedAt ?? '', pub.id),
          (pub.revisionCount ?? 0) > 1 ? revisionDates(app.db, pub.id) : [],
          pub.interpretationForm || !pub.hasInterpretations ? [] : publishedInterpretationsOf(app.db, pub.id),
          deps.meetingsOf ? deps.meetingsOf(app.db, pub.id) : [],
        ]),
      );
    const policy =
      pub.interpretsId !== null && pub.policyTitle !== null
        ? { id: pub.interpretsId, title: pub.policyTitle }
        : undefined;
    return reply.page(
      <ArticlePage
        ctx={ctx}
        agency={agency}
        article={pub}
        extras={{
          categories,
          channels,
          attachments,
          related,
          newer: around.newer,
          older: around.older,
          revisions,
          policy,
          meetings,
          interpretations,
        }}
      />,
    );
  });

  app.get('/publications/:id/qr.svg', { config: { publicCache: true }, schema: article }, async (req, reply) => {
    const { pub } = await loadArticle((req.params as { id: number }).id);
    const { default: QRCode } = await import('qrcode');
    const svg = await QRCode.toString(`${baseUrl()}/publications/${pub.id}`, {
      type: 'svg',
      errorCorrectionLevel: 'M',
      margin: 2,
      color: { dark: '#000000', light: '#ffffff' },
    });
    return reply.type('image/svg+xml; charset=utf-8').header('cache-control', 'public, max-age=86400').send(svg);
  });

  const rss = { params: params({ slug: Slug() }), querystring: query({ category: Id('分类') }) };
  app.get('/agencies/:slug/rss.xml', { config: { publicCache: true }, schema: rss }, async (req, reply) => {
    const agency = await publicAgencyBySlug(app, (req.params as { slug: string }).slug);
    const categoryId = (req.query as { category?: number }).category;
    const all = await publicCategories(app, agency.id);
    const category = categoryId ? all.find((c) => c.id === categoryId) : undefined;
    if (categoryId && !category) throw new AppError('notFound', '该分类不存在。');
    const filter: PublicListFilter = {
      agencyIds: [agency.id],
      ...(category ? { categoryIds: subtreeIds(all, category.id) } : {}),
    };
    const { items } = await listPublished(app.db, filter, { limit: 30 });
    const cats = await categoriesOfMany(
      app.db,
      items.map((i) => i.id),
    );
    const ref = { id: agency.id, slug: agency.slug, name: agency.name };
    const column = category ? `/${category.columnKey}?category=${category.id}` : '';
    const xml = rssDocument(
      {
        title: `${agency.name}${category ? ` · ${category.name}` : ''} - 政府信息公开`,
        link: `${baseUrl()}/agencies/${agency.slug}${column}`,
        description: `${agency.name}主动公开的政府信息`,
      },
      items.map((i) => presentPublication(i, ref, cats.get(i.id) ?? [], baseUrl())),
    );
    return reply.type('application/rss+xml; charset=utf-8').send(xml);
  });

  app.get('/sitemap.xml', { config: { publicCache: true } }, async (_req, reply) => {
    const agencies = await listAgencies(app.db, { activeOnly: true });
    const urls: string[] = [`${baseUrl()}/`, `${baseUrl()}/agencies`];
    for (const a of agencies)
      for (const c of ['', '/guide', '/system', '/statutory', '/reports', '/apply'])
        urls.push(`${baseUrl()}/agencies/${a.slug}${c}`);
    const entries = urls.map((u) => `<url><loc>${xmlEscape(u)}</loc></url>`);
    // The sitemap protocol allows 50,000 URLs per file.
    for (const p of await sitemapEntries(app.db, 50_000 - urls.length)) {
      entries.push(
        `<url><loc>${baseUrl()}/publications/${p.id}</loc><lastmod>${(p.publishedAt ?? '').slice(0, 10)}</lastmod></url>`,
      );
    }
    return reply
      .type('application/xml; charset=utf-8')
      .send(
        `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${entries.join('')}</urlset>\n`,
      );
  });
}
