// Admin console routes of the annual report. Every handler: validate → load → authorize against
// the report's agency → service in a transaction → redirect 303, or re-render with 422. The shared
// helpers are annual-report.route-context.tsx; the checker page and the workflow steps register
// their routes from annual-report.checker-routes.tsx and annual-report.workflow-routes.tsx.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { beijingDate } from '../../platform/chinese-date.ts';
import { contentDisposition } from '../../platform/http/content-disposition.ts';
import { authorize, can } from '../../platform/auth/policy.ts';
import { AppError, ValidationError } from '../../platform/errors.ts';
import { formValue, formValues, parseId } from '../../platform/forms.ts';
import { actorOf } from '../../platform/http/admin-guard.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { inTransaction } from '../../platform/transaction.ts';
import { findAgencyById, listAgencies } from '../agency/index.ts';
import { registerMultipart } from '../../platform/http/multipart.ts';
import { annualReportDueDate, currentReportYear, DEFAULT_TOWN_DUE_MONTH_DAY, townDeadlineOf } from './deadlines.ts';
import {
  loadReport,
  OUTPUT_CONTENT_TYPES,
  outputKindOf,
  publishedWhere,
  renderOutput,
} from './annual-report.build.tsx';
import { scopeOf } from './annual-report.compute.ts';
import { listReportsOf } from './annual-report.repository.ts';
import {
  NARRATIVE_KEYS,
  openReport,
  saveFigures,
  saveNarratives,
  saveScope,
  setTownDueMonthDay,
  townDueMonthDay,
  townDueSettings,
  type Narratives,
  computeLegacyFor,
  defaultFormatFor,
  validateFormat,
  type BuiltFormat,
} from './annual-report.service.ts';
import { LEGACY_XLSX_REFUSED, legacyDocx, legacyJson, legacyPdf } from './annual-report.legacy-output.tsx';
import { cellRecords } from './annual-report.drilldown.ts';
import { CellRecordsPage } from './annual-report.views.tsx';
import { ReportListPage } from './annual-report.list-views.tsx';
import { agenciesAtLevel } from './annual-report.list-rows.ts';
import { registerCheckerRoutes } from './annual-report.checker-routes.tsx';
import { figureDefs, isLegacy, parseFigures, reportRouteContext } from './annual-report.route-context.tsx';
import { registerWorkflowRoutes } from './annual-report.workflow-routes.tsx';

export async function annualReportRoutes(app: FastifyInstance): Promise<void> {
  registerMultipart(app);
  const rc = reportRouteContext(app);
  const { siteName, load, renderReport, act } = rc;

  /**
   * Whose towns' due date this actor sets: the platform's (0) for an admin at the top; its own
   * government's for an admin of a county or prefecture government below it (the county sets its
   * towns' date, RULES.md §1.14); null for anyone else.
   */
  const townDueTarget = async (actor: Actor): Promise<number | null> => {
    if (!can(actor, 'settings.manage')) return null;
    if (actor.agencyDepth === 0) return 0;
    const own = await findAgencyById(app.db, actor.agencyId);
    return own && (own.kind === 'countyGovernment' || own.kind === 'prefectureGovernment') ? own.id : null;
  };

  const renderList = async (
    req: FastifyRequest,
    reply: FastifyReply,
    yearParam: string | undefined,
    townInput?: { value: string; error?: string },
  ) => {
    const actor = actorOf(req);
    authorize(actor, 'annualReport.view');
    // The 工作台's 「年报逾期」 link opens last year's list (an overdue report is always last
    // year's); otherwise the year the console works on now.
    const today = beijingDate(app.deps.clock.now().toISOString());
    const overdue = (req.query as { queue?: string }).queue === 'overdue';
    const defaultYear = overdue ? Number(today.slice(0, 4)) - 1 : currentReportYear(today);
    const y = Number(yearParam);
    const year = Number.isInteger(y) && y >= 2008 && y <= 9999 ? y : defaultYear;
    const inScope = (await listAgencies(app.db, { activeOnly: true })).filter((a) => actor.scopeAgencyIds.has(a.id));
    const wanted = parseId((req.query as { agency?: string }).agency);
    const root = inScope.find((a) => a.id === wanted) ?? inScope.find((a) => a.id === actor.agencyId) ?? inScope[0];
    if (!root) throw new AppError('forbidden');
    const { rows: agencies, withBelow } = agenciesAtLevel(root, inScope);
    const up = root.id !== actor.agencyId ? inScope.find((a) => a.id === root.parentId) : undefined;
    const reports = await listReportsOf(
      app.db,
      agencies.map((a) => a.id),
      year,
    );
    // By agency: a province's list has thousands of rows (a find per row was quadratic).
    const reportOf = new Map(reports.map((r) => [r.agencyId, r]));
    const townDue = await townDueSettings(app.db);
    const target = await townDueTarget(actor);
    const minDepth = Math.min(...agencies.map((a) => a.depth));
    return reply.page(
      <ReportListPage
        ctx={await req.pageContext(reply)}
        year={year}
        level={{ id: root.id, name: root.name, ...(up ? { up: { id: up.id, name: up.name } } : {}) }}
        rows={agencies.map((a) => ({
          agencyId: a.id,
          agencyName: a.name,
          depth: a.depth - minDepth,
          report: reportOf.get(a.id) ?? null,
          below: withBelow.has(a.id),
          dueOn: year >= 2008 ? annualReportDueDate(a.kind, year, townDeadlineOf(townDue, a.parentId)) : '',
        }))}
        canOpen={new Set(agencies.filter((a) => can(actor, 'annualReport.edit', { agencyId: a.id })).map((a) => a.id))}
        {...(target !== null
          ? {
              townDue: townInput ?? {
                value: (await townDueMonthDay(app.db, target)) ?? DEFAULT_TOWN_DUE_MONTH_DAY,
              },
              townDueScope: target === 0 ? 'platform' : 'own',
            }
          : {})}
      />,
      townInput?.error ? 422 : 200,
    );
  };

  app.get('/admin/annual-reports', async (req, reply) => renderList(req, reply, (req.query as { year?: string }).year));

  app.post('/admin/annual-reports/town-due-date', async (req, reply) => {
    const actor = actorOf(req);
    authorize(actor, 'settings.manage');
    const target = await townDueTarget(actor);
    if (target === null) throw new AppError('forbidden', '乡镇年度报告截止日期由县级人民政府设置。');
    const value = formValue(req.body, 'townDueMonthDay').trim();
    try {
      await inTransaction(app.db, (trx) => setTownDueMonthDay(trx, req.auditContext(), value, target));
      return reply.redirect('/admin/annual-reports?flash=saved', 303);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return renderList(req, reply, undefined, { value, error: err.fields?.townDueMonthDay ?? err.message });
    }
  });

  app.post('/admin/annual-reports', async (req, reply) => {
    const agencyId = parseId(formValue(req.body, 'agencyId'));
    const year = Number(formValue(req.body, 'year'));
    const agency = agencyId ? await findAgencyById(app.db, agencyId) : undefined;
    if (!agency) throw new AppError('notFound', '该机构不存在。');
    authorize(req.actor, 'annualReport.edit', { agencyId: agency.id });
    const formatText = formValue(req.body, 'format');
    if (formatText && formatText !== 'national2021' && formatText !== 'legacy2008')
      throw new AppError('badRequest', '报告格式只能是2021年格式（national2021）或旧版九部分结构（legacy2008）。');
    const format = (formatText || defaultFormatFor(year)) as BuiltFormat | null;
    if (!Number.isInteger(year) || !format) {
      const message =
        '系统编制2021年度及以后（2021年格式或旧版结构）和2018年度及以前（旧版九部分结构）的报告；2019、2020年度的报告请导入原文。';
      throw new ValidationError({ year: message }, message); // 422, as validateFormat below
    }
    validateFormat(year, format); // a ValidationError: the error handler answers 422 with its sentence
    const report = await inTransaction(app.db, (trx) => openReport(trx, req.auditContext(), agency, year, format));
    return reply.redirect(`/admin/annual-reports/${report.id}`, 303);
  });

  app.get('/admin/annual-reports/:id', async (req, reply) => {
    const { report, agency } = await load(req, 'annualReport.view');
    return renderReport(req, reply, report, agency);
  });

  app.post('/admin/annual-reports/:id/narratives', async (req, reply) => {
    const { report, agency } = await load(req, 'annualReport.edit');
    const narratives: Narratives = {};
    for (const k of NARRATIVE_KEYS) narratives[k] = formValue(req.body, k).replace(/\r\n/g, '\n').trim();
    return act(
      req,
      reply,
      report,
      agency,
      () => inTransaction(app.db, (trx) => saveNarratives(trx, req.auditContext(), report, narratives)),
      { narratives },
    );
  });

  app.post('/admin/annual-reports/:id/figures', async (req, reply) => {
    const { report, agency } = await load(req, 'annualReport.edit');
    const { figures, errors } = parseFigures(req.body, figureDefs(report));
    const typed: Record<string, { value: string; note: string }> = {};
    for (const f of figureDefs(report))
      typed[f.key] = {
        value: formValue(req.body, `v:${f.key}`).trim(),
        note: formValue(req.body, `n:${f.key}`).trim(),
      };
    return act(
      req,
      reply,
      report,
      agency,
      async () => {
        if (Object.keys(errors).length) throw new ValidationError(errors);
        await inTransaction(app.db, (trx) => saveFigures(trx, req.auditContext(), report, figures));
      },
      { figures: typed },
    );
  });

  app.post('/admin/annual-reports/:id/scope', async (req, reply) => {
    const { report, agency } = await load(req, 'annualReport.edit');
    const ids = formValues(req.body, 'agencyIds')
      .map(parseId)
      .filter((x): x is number => x !== null);
    return act(req, reply, report, agency, async () => {
      if (ids.length === 0) throw new ValidationError({ agencyIds: '请至少选择一个机构。' });
      for (const id of ids) {
        const a = await findAgencyById(app.db, id);
        if (!a || !a.path.startsWith(agency.path))
          throw new ValidationError({ agencyIds: '只能汇总本机关及下级机关。' });
        authorize(req.actor, 'annualReport.view', { agencyId: id });
      }
      await inTransaction(app.db, (trx) => saveScope(trx, req.auditContext(), report, ids));
    });
  });

  app.get('/admin/annual-reports/:id/cell', async (req, reply) => {
    const { report, agency } = await load(req, 'annualReport.view');
    const cell = String((req.query as { cell?: string }).cell ?? '');
    const result = await cellRecords(app.db, { agencyIds: scopeOf(report), year: report.year }, cell);
    if (!result) throw new AppError('notFound', '该单元格没有可查看的记录。');
    return reply.page(
      <CellRecordsPage
        ctx={await req.pageContext(reply)}
        reportId={report.id}
        title={`${agency.name}${report.year}年度报告`}
        {...result}
      />,
    );
  });

  app.get('/admin/annual-reports/:id/export.:ext', async (req, reply) => {
    const { report, agency } = await load(req, 'annualReport.view');
    const kind = outputKindOf(`x.${(req.params as { ext: string }).ext}`);
    if (!kind || kind === 'html') throw new AppError('notFound');
    if (isLegacy(report) && kind === 'xlsx') throw new AppError('badRequest', LEGACY_XLSX_REFUSED);
    // Without the CJK font the PDF is refused with a 400 naming the package (MissingFontError).
    let buf: Buffer;
    if (isLegacy(report)) {
      const data = await computeLegacyFor(app.db, report, agency, publishedWhere(agency, await siteName()));
      buf =
        kind === 'json'
          ? legacyJson(data, { slug: agency.slug, state: report.state })
          : kind === 'docx'
            ? await legacyDocx(data)
            : await legacyPdf(data);
    } else buf = await renderOutput(app.db, await loadReport(app.db, agency, report), kind, await siteName());
    const name = `${agency.name}${report.year}年政府信息公开工作年度报告.${kind}`;
    return reply
      .header('content-type', OUTPUT_CONTENT_TYPES[kind])
      .header('content-disposition', contentDisposition(name, 'attachment', `${agency.slug}-${report.year}.${kind}`))
      .send(buf);
  });
  registerCheckerRoutes(app);
  registerWorkflowRoutes(app, rc);
}
