// OpenAPI description of the published report's JSON (schema "gongkai.annualReport/1"). The
// handler sends the serialised presenter output, so this schema documents the shape; the
// presenter (annual-report.presenter.ts) is what produces it.
import { params, Slug, Year } from '../../platform/http/schema.ts';

const numbers = { type: 'object', additionalProperties: { type: 'number' } } as const;

export const REPORT_JSON_ROUTE_SCHEMA = {
  tags: ['agencies'],
  summary: '已发布的政府信息公开工作年度报告（结构化数据）',
  description:
    '表二、表三、表四的全部单元格及文字部分；行、列的键与《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）的行列一一对应。',
  params: params({ slug: Slug('机构网址标识'), year: Year('报告年度', '报告年度') }),
  response: {
    200: {
      type: 'object',
      properties: {
        schema: { type: 'string', enum: ['gongkai.annualReport/1'] },
        agency: {
          type: 'object',
          properties: { name: { type: 'string' }, kind: { type: 'string' }, slug: { type: 'string' } },
        },
        year: { type: 'integer' },
        format: { type: 'string', enum: ['national2021'] },
        state: { type: 'string' },
        publishedAt: { type: 'string', nullable: true },
        contact: { type: 'object', additionalProperties: { type: 'string' } },
        narratives: {
          type: 'object',
          additionalProperties: { type: 'string' },
          description: 'overview（一）、problems（五）、other（六）',
        },
        table2: {
          type: 'array',
          items: {
            type: 'object',
            properties: { row: { type: 'string' }, label: { type: 'string' }, values: numbers },
          },
        },
        table3: {
          type: 'array',
          description: '25 行：newlyReceived、carriedOver、各办理结果、total、carriedForward',
          items: {
            type: 'object',
            properties: {
              row: { type: 'string' },
              label: { type: 'string' },
              path: { type: 'array', items: { type: 'string' } },
              values: numbers,
            },
          },
        },
        table3Columns: {
          type: 'array',
          items: { type: 'object', properties: { key: { type: 'string' }, label: { type: 'string' } } },
        },
        table4: {
          type: 'array',
          items: { type: 'object', properties: { group: { type: 'string' }, values: numbers } },
        },
        fees: {
          type: 'object',
          properties: { informationProcessing: { type: 'number', description: '元' }, paidCount: { type: 'integer' } },
        },
        rollupOf: { type: 'array', nullable: true, items: { type: 'string' } },
        breakdown: { type: 'array', nullable: true, items: { type: 'object', additionalProperties: true } },
      },
    },
  },
};
