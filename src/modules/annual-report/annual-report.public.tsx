// Public pages of the annual report: the agency's 年报 column (published and imported past
// reports, newest first), one published report (frozen data, print stylesheet on A4, the
// year-over-year chart) and its JSON. Only published data: no comments, no check results.
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../platform/errors.ts';
import { params, Slug, Year } from '../../platform/http/schema.ts';
import { Breadcrumbs } from '../../platform/views/components.tsx';
import { PortalLayout } from '../../platform/views/layout.tsx';
import type { PageContext } from '../../platform/views/page-context.ts';
import { findRootAgency, publicAgencyById, publicAgencyBySlug, type AgencyRow } from '../agency/index.ts';
import { encodedPart, placeEncoded } from '../../platform/views/render.ts';
import {
  loadReport,
  OUTPUT_CONTENT_TYPES,
  publishedWhere,
  renderOutput,
  yearHistory,
  type LoadedReport,
} from './annual-report.build.tsx';
import { contentDisposition } from '../../platform/http/content-disposition.ts';
import { YearChart } from './annual-report.chart.tsx';
import type { RenderedChart } from '../../platform/views/chart.tsx';
import { ReportDocument } from './annual-report.document.tsx';
import { findReport, listPublicReports } from './annual-report.repository.ts';
import { REPORT_JSON_ROUTE_SCHEMA } from './annual-report.openapi.ts';
import { beijingDate } from '../../platform/chinese-date.ts';

type PublicReportItem = Awaited<ReturnType<typeof listPublicReports>>[number];

export function reportTitle(agency: Pick<AgencyRow, 'name'>, year: number): string {
  return `${agency.name}${year}年政府信息公开工作年度报告`;
}

/** What the 年报 column shows inside the layout: nothing in it depends on the request. */
function ReportsColumnBody(p: { agency: AgencyRow; reports: PublicReportItem[] }) {
  const a = p.agency;
  return (
    <>
      <Breadcrumbs
        items={[
          { href: '/', label: '首页' },
          { href: `/agencies/${a.slug}`, label: a.name },
          { label: '政府信息公开年报' },
        ]}
      />
      <h1>政府信息公开年报</h1>
      {p.reports.length === 0 ? (
        <p>本栏目发布本机关历年政府信息公开工作年度报告。目前暂无已发布的年度报告。</p>
      ) : (
        <ul class="report-list">
          {p.reports.map((r) => (
            <li key={r.id}>
              <a href={`/agencies/${a.slug}/reports/${r.year}`}>{reportTitle(a, r.year)}</a>
              <span class="muted">
                {' '}
                {r.state === 'imported' ? '往年报告原文' : `发布日期：${beijingDate(r.publishedAt)}`}
                {r.indexNumber ? ` 索引号：${r.indexNumber}` : ''}
              </span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/**
 * The agency's 年报 column, for the portal's column route (handed to portalRoutes by
 * src/modules/routes.ts). Its body depends on public data alone: rendered once per data version
 * and kept encoded (db/version-memo.ts, EncodedPart), from the agency and reports as they are
 * when it is rendered; each request renders only the layout.
 */
export async function reportsColumn(app: FastifyInstance, ctx: PageContext, agency: AgencyRow) {
  const body = await app.memo.get(`reports.column:${agency.id}`, async () => {
    const current = (await publicAgencyById(app, agency.id)) ?? agency;
    return encodedPart(<ReportsColumnBody agency={current} reports={await listPublicReports(app.db, agency.id)} />);
  });
  return (
    <PortalLayout title={`政府信息公开年报 - ${agency.name}`} ctx={ctx}>
      {placeEncoded(body)}
    </PortalLayout>
  );
}

function PublicReportPage(p: { ctx: PageContext; loaded: LoadedReport; where: string; history: RenderedChart }) {
  const { agency, data, report } = p.loaded;
  const title = reportTitle(agency, data.year);
  return (
    <PortalLayout title={title} ctx={p.ctx} wide>
      <Breadcrumbs
        items={[
          { href: '/', label: '首页' },
          { href: `/agencies/${agency.slug}`, label: agency.name },
          { href: `/agencies/${agency.slug}/reports`, label: '政府信息公开年报' },
          { label: `${data.year}年度` },
        ]}
      />
      <h1>{title}</h1>
      <p class="muted">
        发布日期：{beijingDate(report.publishedAt)} 下载：
        <a href={`/agencies/${agency.slug}/reports/${data.year}/download.docx`}>Word（DOCX）</a>{' '}
        <a href={`/agencies/${agency.slug}/reports/${data.year}/download.pdf`}>PDF</a>{' '}
        <a href={`/api/v1/agencies/${agency.slug}/annual-reports/${data.year}`}>机器可读数据（JSON）</a>
      </p>
      <ReportDocument
        data={data}
        fees={p.loaded.fees}
        publishedWhere={p.where}
        {...(p.loaded.cells ? { cells: p.loaded.cells } : {})}
        {...(p.loaded.breakdown ? { breakdown: p.loaded.breakdown } : {})}
      />
      <YearChart chart={p.history} />
    </PortalLayout>
  );
}

function ImportedReportPage(p: { ctx: PageContext; agency: AgencyRow; year: number; text: string }) {
  const title = reportTitle(p.agency, p.year);
  return (
    <PortalLayout title={title} ctx={p.ctx}>
      <Breadcrumbs
        items={[
          { href: '/', label: '首页' },
          { href: `/agencies/${p.agency.slug}`, label: p.agency.name },
          { href: `/agencies/${p.agency.slug}/reports`, label: '政府信息公开年报' },
          { label: `${p.year}年度` },
        ]}
      />
      <h1>{title}</h1>
      <p class="muted">以下为本机关当年发布的报告原文。</p>
      <div class="pre-wrap report-original">{p.text}</div>
    </PortalLayout>
  );
}

/** Word and PDF downloads of published reports a client may ask for in a minute (@fastify/rate-limit, 429). */
export const DOWNLOADS_PER_MINUTE = 20;

export async function annualReportPublicRoutes(app: FastifyInstance): Promise<void> {
  const published = async (slug: string, year: number) => {
    const agency = await publicAgencyBySlug(app, slug);
    const report = await findReport(app.db, agency.id, year);
    if (!report || (report.state !== 'published' && report.state !== 'imported'))
      throw new AppError('notFound', '该年度报告尚未发布。');
    return { agency, report };
  };

  const reportParams = { params: params({ slug: Slug(), year: Year('报告年度') }) };
  app.get(
    '/agencies/:slug/reports/:year',
    { config: { publicCache: true }, schema: reportParams },
    async (req, reply) => {
      const { slug, year } = req.params as { slug: string; year: number };
      const { agency, report } = await published(slug, year);
      const ctx = await req.pageContext(reply);
      if (report.state === 'imported')
        return reply.page(
          <ImportedReportPage ctx={ctx} agency={agency} year={report.year} text={report.importedText} />,
        );
      const loaded = await loadReport(app.db, agency, report);
      const root = await findRootAgency(app.db);
      return reply.page(
        <PublicReportPage
          ctx={ctx}
          loaded={loaded}
          where={publishedWhere(agency, root?.name ?? '')}
          history={await yearHistory(app.db, agency.id, loaded.data)}
        />,
      );
    },
  );

  // The opening paragraph says the report can be read and downloaded in the 年报 column: Word and PDF.
  // Each is rendered from the frozen report when asked for (a PDF ~0.3–0.5 s of CPU, a DOCX ~0.1 s):
  // a client may ask for DOWNLOADS_PER_MINUTE a minute, so that no one keeps the server rendering.
  app.get(
    '/agencies/:slug/reports/:year/download.:ext',
    { config: { rateLimit: { max: DOWNLOADS_PER_MINUTE, timeWindow: '1 minute' } } },
    async (req, reply) => {
      const { slug, year, ext } = req.params as { slug: string; year: string; ext: string };
      const y = Number(year);
      if (!/^\d{4}$/.test(year) || (ext !== 'docx' && ext !== 'pdf')) throw new AppError('notFound');
      const { agency, report } = await published(slug, y);
      if (report.state === 'imported') throw new AppError('notFound', '往年导入的报告只有原文，没有结构化数据。');
      const root = await findRootAgency(app.db);
      const buf = await renderOutput(app.db, await loadReport(app.db, agency, report), ext, root?.name ?? '');
      const name = `${agency.name}${y}年政府信息公开工作年度报告.${ext}`;
      return reply
        .header('content-type', OUTPUT_CONTENT_TYPES[ext])
        .header('content-disposition', contentDisposition(name, 'attachment', `${agency.slug}-${y}.${ext}`))
        .send(buf);
    },
  );

  app.get('/api/v1/agencies/:slug/annual-reports/:year', { schema: REPORT_JSON_ROUTE_SCHEMA }, async (req, reply) => {
    const { slug, year } = req.params as { slug: string; year: number };
    const { agency, report } = await published(slug, year);
    if (report.state === 'imported') throw new AppError('notFound', '往年导入的报告只有原文，没有结构化数据。');
    const loaded = await loadReport(app.db, agency, report);
    const root = await findRootAgency(app.db);
    return reply
      .header('content-type', 'application/json; charset=utf-8')
      .send(await renderOutput(app.db, loaded, 'json', root?.name ?? ''));
  });
}
