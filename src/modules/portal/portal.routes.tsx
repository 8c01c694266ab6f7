// Public portal routes: no login, nothing but published data and office contacts.
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../platform/errors.ts';
import type { VNode } from 'preact';
import type { PageContext } from '../../platform/views/page-context.ts';
import { listAgencies, presentOffice, publicAgencies, publicAgencyBySlug, type AgencyRow } from '../agency/index.ts';
import { AGENCY_KIND_LABELS, buildTree } from '../agency/index.ts';
import { OneOf, params, Slug } from '../../platform/http/schema.ts';
import type { Static } from 'typebox';
import { listPublished } from '../publication/index.ts';
import { buildDirectory, type PublicAgency } from './directory.ts';
import { DIRECTORY_QUERY, directoryPage } from './directory.routes.tsx';
import {
  COLUMN_LIST_QUERY,
  latestAcrossAgencies,
  publicCategories,
  LIST_COLUMNS,
  renderAgencyLanding,
  renderColumnList,
  type ListColumn,
} from './catalog.routes.tsx';
import { EmptyColumnPage, GuidePage, InfoRequestColumnPage } from './portal.agency-views.tsx';
import { COLUMNS, directoryParts, HomePage, SiteMapPage } from './portal.views.tsx';

const agencyParams = params({ slug: Slug() });

/**
 * What the portal shows but another module owns, handed in by src/modules/routes.ts (the portal
 * imports no module that sits above it): the 年报 column is the annual report's page.
 */
export interface PortalRoutesOptions {
  reportsColumn: (app: FastifyInstance, ctx: PageContext, agency: AgencyRow) => Promise<VNode>;
}

/**
 * The publications filed under the 政府信息公开指南 column's categories (an uploaded 指南, its
 * revisions), newest first, listed on the guide page under the guide the platform writes; kept
 * while no public data changes (db/version-memo.ts).
 */
export function guideDocuments(app: FastifyInstance, agency: AgencyRow) {
  return app.memo.get(`guide.documents:${agency.id}`, async () => {
    const ids = (await publicCategories(app, agency.id)).filter((c) => c.columnKey === 'guide').map((c) => c.id);
    if (!ids.length) return [];
    return (await listPublished(app.db, { agencyIds: [agency.id], categoryIds: ids }, { limit: 50 })).items;
  });
}

export async function portalRoutes(app: FastifyInstance, opts: PortalRoutesOptions): Promise<void> {
  // The agencies as 机构目录 groups them, with the parts of home, 机构目录 and 网站地图 that depend
  // only on them rendered and encoded, once per data version (db/version-memo.ts): 2,000 agencies
  // took 2.7–7.5 ms a request to render (docs/PERFORMANCE.md).
  const directory = () =>
    app.memo.get('agencies.directory', async () => {
      const rows: PublicAgency[] = (await publicAgencies(app)).map(
        ({ id, parentId, name, shortName, kind, slug, depth }) => ({
          id,
          parentId,
          name,
          shortName,
          kind,
          slug,
          depth,
        }),
      );
      const tree = buildTree(rows);
      const dir = buildDirectory(tree);
      return { dir, parts: directoryParts(dir, tree) };
    });

  app.get('/', { config: { publicCache: true } }, async (req, reply) => {
    const { dir, parts } = await directory();
    const latest = await latestAcrossAgencies(app);
    return reply.page(
      <HomePage ctx={await req.pageContext(reply)} agencies={parts.home} count={dir.count} latest={latest} />,
    );
  });

  app.get('/site-map', { config: { publicCache: true } }, async (req, reply) => {
    const { siteMap } = (await directory()).parts;
    return reply.page(<SiteMapPage ctx={await req.pageContext(reply)} agencies={siteMap} />);
  });

  app.get(
    '/agencies',
    { config: { publicCache: true }, schema: { querystring: DIRECTORY_QUERY } },
    async (req, reply) => {
      const query = req.query as Static<typeof DIRECTORY_QUERY>;
      const { dir, parts } = await directory();
      return reply.page(directoryPage(await req.pageContext(reply), dir, parts.directory, query));
    },
  );

  app.get(
    '/agencies/:slug',
    { config: { publicCache: true }, schema: { params: agencyParams } },
    async (req, reply) => {
      const agency = await publicAgencyBySlug(app, (req.params as { slug: string }).slug);
      return renderAgencyLanding(app, req, reply, agency);
    },
  );

  const columnSchema = {
    params: params({
      slug: Slug(),
      column: OneOf(
        '栏目',
        COLUMNS.map((c) => c.key),
      ),
    }),
    querystring: COLUMN_LIST_QUERY,
  };
  app.get('/agencies/:slug/:column', { config: { publicCache: true }, schema: columnSchema }, async (req, reply) => {
    const { slug, column } = req.params as { slug: string; column: string };
    const col = COLUMNS.find((c) => c.key === column);
    if (!col) throw new AppError('notFound');
    const agency = await publicAgencyBySlug(app, slug);
    if ((LIST_COLUMNS as readonly string[]).includes(col.key))
      return renderColumnList(app, req, reply, agency, col.key as ListColumn);
    const ctx = await req.pageContext(reply);
    if (col.key === 'guide')
      return reply.page(<GuidePage ctx={ctx} agency={agency} documents={await guideDocuments(app, agency)} />);
    if (col.key === 'apply') return reply.page(<InfoRequestColumnPage ctx={ctx} agency={agency} />);
    if (col.key === 'reports') return reply.page(await opts.reportsColumn(app, ctx, agency));
    return reply.page(<EmptyColumnPage ctx={ctx} agency={agency} column={col.key} title={col.title} />);
  });

  const officeSchema = {
    type: 'object',
    properties: Object.fromEntries(
      ['name', 'address', 'postcode', 'phone', 'fax', 'email', 'hours'].map((k) => [k, { type: 'string' }]),
    ),
  };
  const agencySchema = {
    type: 'object',
    properties: {
      id: { type: 'integer' },
      parentId: { type: 'integer', nullable: true },
      name: { type: 'string' },
      shortName: { type: 'string' },
      kind: { type: 'string' },
      kindLabel: { type: 'string' },
      slug: { type: 'string' },
      creditCode: { type: 'string', description: '统一社会信用代码' },
      office: officeSchema,
    },
  };
  const agenciesSchema = {
    tags: ['agencies'],
    summary: '机构目录（含政府信息公开工作机构的联系方式）',
    response: {
      200: {
        type: 'object',
        properties: { items: { type: 'array', items: agencySchema }, total: { type: 'integer' } },
      },
    },
  };
  app.get('/api/v1/agencies', { config: { publicCache: true }, schema: agenciesSchema }, async (_req, reply) => {
    const rows = await listAgencies(app.db, { activeOnly: true });
    return reply.send({
      items: rows.map((a) => ({
        id: a.id,
        parentId: a.parentId,
        name: a.name,
        shortName: a.shortName,
        kind: a.kind,
        kindLabel: AGENCY_KIND_LABELS[a.kind],
        slug: a.slug,
        creditCode: a.creditCode,
        office: presentOffice(a),
      })),
      total: rows.length,
    });
  });
}
