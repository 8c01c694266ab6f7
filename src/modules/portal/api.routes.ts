// The public read API (JSON): published publications, found by list filters or full-text search.
// Route schemas validate the query, serialise the output (nothing outside the schema leaves the
// server) and generate the OpenAPI document at /api/openapi.json.
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { Line, params, query } from '../../platform/http/schema.ts';
import { AppError } from '../../platform/errors.ts';
import { listAgencies } from '../agency/index.ts';
import { findCategoryByCode, findCategoryById } from '../catalog/index.ts';
import { searchPublications } from '../search/index.ts';
import {
  attachmentsOfPublication,
  categoriesOfMany,
  channelsOfPublication,
  countPublished,
  findPublicById,
  findPublicIdByIndexNumber,
  pagePublished,
  publishedByIds,
  revisionDates,
  type PublicListFilter,
} from '../publication/index.ts';
import { presentPublication } from './catalog.present.ts';

const API_PAGE_SIZE = 20;

const publicationSchema = {
  type: 'object',
  required: ['indexNumber', 'title', 'agency', 'formedOn', 'publishedAt', 'categories'],
  properties: {
    id: { type: 'integer' },
    indexNumber: { type: 'string', description: '索引号' },
    title: { type: 'string' },
    summary: { type: 'string', description: '内容概述' },
    agency: { type: 'object', nullable: true, properties: { slug: { type: 'string' }, name: { type: 'string' } } },
    issuer: { type: 'string', description: '发布机构' },
    formedOn: { type: 'string', format: 'date', description: '成文日期' },
    publishedAt: { type: 'string', format: 'date-time', description: '首次发布时间' },
    publishedOn: { type: 'string', format: 'date', description: '发布日期' },
    documentNumber: { type: 'string', description: '文号' },
    validity: { type: 'string', enum: ['valid', 'invalid', 'repealed'], description: '有效性：有效、失效、废止' },
    topic: { type: 'string', description: '主题分类' },
    docKind: { type: 'string', enum: ['other', 'regulation', 'normativeDocument'] },
    categories: {
      type: 'array',
      items: { type: 'object', properties: { code: { type: 'string' }, name: { type: 'string' } } },
    },
    url: { type: 'string' },
  },
} as const;

const errorSchema = {
  type: 'object',
  properties: { error: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' } } } },
} as const;

export async function apiRoutes(app: FastifyInstance): Promise<void> {
  const baseUrl = () => app.deps.config.publicBaseUrl.replace(/\/+$/, '');

  const present = async (rows: Awaited<ReturnType<typeof pagePublished>>) => {
    const agencies = new Map((await listAgencies(app.db)).map((a) => [a.id, { id: a.id, slug: a.slug, name: a.name }]));
    const cats = await categoriesOfMany(
      app.db,
      rows.map((r) => r.id),
    );
    return rows.map((r) => presentPublication(r, agencies.get(r.agencyId), cats.get(r.id) ?? [], baseUrl()));
  };

  app.get(
    '/api/v1/publications',
    {
      config: { publicCache: true },
      schema: {
        tags: ['publications'],
        summary: '已发布的政府信息列表或全文检索',
        querystring: query({
          agency: Line('机构网址标识', 40, '机构网址标识（slug）'),
          category: Line('分类', 100, '分类编号（id），或与 agency 同用的分类代码'),
          q: Line('检索词', 200, '检索词，多个词用空格分开（同时包含）'),
          year: Type.Integer({ title: '发布年份', minimum: 1949, maximum: 9999, description: '发布年份' }),
          page: Type.Integer({ title: '页码', minimum: 1, maximum: 100000, default: 1 }),
        }),
        response: {
          200: {
            type: 'object',
            required: ['items', 'total', 'page'],
            properties: {
              items: { type: 'array', items: publicationSchema },
              total: { type: 'integer' },
              page: { type: 'integer' },
              pageSize: { type: 'integer' },
              totalIsLowerBound: {
                type: 'boolean',
                description: '检索结果超过 total 条时为 true：只能翻阅前 total 条，请增加筛选条件或使用更具体的关键词',
              },
            },
          },
          404: errorSchema,
        },
      },
    },
    async (req) => {
      const q = req.query as { agency?: string; category?: string; q?: string; year?: number; page?: number };
      const page = q.page ?? 1;
      const filter: PublicListFilter = {};
      let agencyId: number | undefined;
      if (q.agency) {
        const agency = (await listAgencies(app.db, { activeOnly: true })).find((a) => a.slug === q.agency);
        if (!agency) throw new AppError('notFound', '没有该机构。');
        agencyId = agency.id;
        filter.agencyIds = [agency.id];
      }
      if (q.category) {
        const category = /^\d{1,9}$/.test(q.category)
          ? await findCategoryById(app.db, Number(q.category))
          : agencyId
            ? await findCategoryByCode(app.db, agencyId, q.category)
            : undefined;
        if (!category || (agencyId && category.agencyId !== agencyId)) throw new AppError('notFound', '没有该分类。');
        filter.categoryIds = [category.id];
      }
      if (q.year) filter.year = q.year;
      if (q.q && q.q.trim()) {
        const r = await searchPublications(app.db, { q: q.q, page, pageSize: API_PAGE_SIZE, order: 'date', ...filter });
        const rows = await publishedByIds(app.db, r.ids);
        const byId = new Map(rows.map((row) => [row.id, row]));
        const ordered = r.ids.flatMap((id) => (byId.has(id) ? [byId.get(id) as (typeof rows)[number]] : []));
        return {
          items: await present(ordered),
          total: r.total,
          totalIsLowerBound: r.totalIsLowerBound,
          page,
          pageSize: API_PAGE_SIZE,
        };
      }
      const [rows, total] = await Promise.all([
        pagePublished(app.db, filter, page, API_PAGE_SIZE),
        countPublished(app.db, filter),
      ]);
      return { items: await present(rows), total, page, pageSize: API_PAGE_SIZE };
    },
  );

  app.get(
    '/api/v1/publications/:indexNumber',
    {
      config: { publicCache: true },
      schema: {
        tags: ['publications'],
        summary: '按索引号获取一条已发布的政府信息',
        params: params({ indexNumber: Line('索引号', 100, '索引号（含“/”时请编码为 %2F）') }),
        response: {
          200: {
            type: 'object',
            properties: {
              ...publicationSchema.properties,
              body: { type: 'string', description: '正文（HTML，已净化）' },
              channels: { type: 'array', items: { type: 'string' } },
              attachments: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: { fileName: { type: 'string' }, size: { type: 'integer' }, url: { type: 'string' } },
                },
              },
              revisions: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: { revision: { type: 'integer' }, releasedAt: { type: 'string' } },
                },
              },
            },
          },
          404: errorSchema,
          410: errorSchema,
        },
      },
    },
    async (req, reply) => {
      const id = await findPublicIdByIndexNumber(app.db, (req.params as { indexNumber: string }).indexNumber);
      const pub = id ? await findPublicById(app.db, id) : undefined;
      if (!pub) throw new AppError('notFound', '没有该索引号的已发布信息。');
      if (pub.state === 'withdrawn')
        return reply.code(410).send({ error: { code: 'withdrawn', message: '该信息已撤回，不再公开。' } });
      const [item] = await present([pub]);
      const [channels, attachments, revisions] = await Promise.all([
        channelsOfPublication(app.db, pub.id),
        attachmentsOfPublication(app.db, pub.id),
        revisionDates(app.db, pub.id),
      ]);
      return {
        ...item,
        body: pub.body,
        channels,
        attachments: attachments.map((a) => ({
          fileName: a.fileName,
          size: a.size,
          url: `${baseUrl()}/attachments/${a.id}`,
        })),
        revisions: revisions.map((r) => ({ revision: r.revision, releasedAt: r.releasedAt })),
      };
    },
  );
}
