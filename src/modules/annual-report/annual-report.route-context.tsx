// The shared context of the annual report's admin routes: loading a report with its agency and
// authorising the action, who may review, rendering the report page (with the user's input and 422
// on a validation error), running a step and redirecting 303, and the staff-figure form.
import { overviewCounts } from './annual-report.overview-counts.tsx';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authorize, can } from '../../platform/auth/policy.ts';
import { AppError, ValidationError, type FieldErrors } from '../../platform/errors.ts';
import { formValue, parseId } from '../../platform/forms.ts';
import { actorOf } from '../../platform/http/admin-guard.ts';
import { findAgencyById, findRootAgency, listAgencies, type AgencyRow } from '../agency/index.ts';
import { todayInShanghai } from '../calendar/index.ts';
import { type Finding } from './checker/index.ts';
import { loadReport, publishedWhere, yearHistory } from './annual-report.build.tsx';
import { parseJson, scopeOf } from './annual-report.compute.ts';
import { findReport, findReportById, listComments, type AnnualReportRow } from './annual-report.repository.ts';
import { overviewFor, type Narratives, computeLegacyFor } from './annual-report.service.ts';
import { LEGACY_FEE_FIGURES } from './queries/legacy-fees.query.ts';
import { figureFormValues, ReportPage } from './annual-report.views.tsx';
import { TABLE2_STAFF_FIGURES } from './queries/table2.query.ts';
import type { StaffFigures } from './queries/types.ts';

/** Parses the staff-figure form: a number (non-negative; 万元 may have decimals) and a source note for each filled value. */
export function parseFigures(
  body: unknown,
  defs: readonly FigureDefinition[] = TABLE2_STAFF_FIGURES,
): { figures: StaffFigures; errors: FieldErrors } {
  const figures: StaffFigures = {};
  const errors: FieldErrors = {};
  for (const f of defs) {
    const raw = formValue(body, `v:${f.key}`).trim();
    const note = formValue(body, `n:${f.key}`).trim();
    if (!raw) {
      if (note) errors[`v:${f.key}`] = `填写了数据来源，请同时填写${f.label}的数值。`;
      continue;
    }
    const ok = f.decimal ? /^\d+(\.\d{1,4})?$/.test(raw) : /^\d+$/.test(raw);
    if (!ok)
      errors[`v:${f.key}`] = f.decimal
        ? `${f.label}应为不小于 0 的数，最多 4 位小数。`
        : `${f.label}应为不小于 0 的整数。`;
    else if (!note) errors[`n:${f.key}`] = `请说明${f.label}的数据来源（如“县市场监管局行政许可台账”）。`;
    else if ([...note].length > 200) errors[`n:${f.key}`] = '数据来源说明不能超过 200 个字符。';
    else figures[f.key] = { value: Number(raw), note };
  }
  return { figures, errors };
}

export interface FigureDefinition {
  key: string;
  label: string;
  unit: string;
  decimal: boolean;
}

export const isLegacy = (report: AnnualReportRow) => report.format === 'legacy2008' && report.state !== 'imported';
export const figureDefs = (report: AnnualReportRow): readonly FigureDefinition[] =>
  isLegacy(report) ? LEGACY_FEE_FIGURES : TABLE2_STAFF_FIGURES;

export interface FormInput {
  narratives?: Narratives;
  figures?: Record<string, { value: string; note: string }>;
}

/** The helpers every annual-report route uses, bound to the app. */
export function reportRouteContext(app: FastifyInstance) {
  const today = () => todayInShanghai(app.deps.clock.now());
  const siteName = async () => (await findRootAgency(app.db))?.name ?? '';

  const load = async (req: FastifyRequest, action: Parameters<typeof authorize>[1]) => {
    const id = parseId((req.params as { id: string }).id);
    const report = id ? await findReportById(app.db, id) : undefined;
    if (!report) throw new AppError('notFound', '该年度报告不存在。');
    authorize(req.actor, action, { agencyId: report.agencyId });
    const agency = await findAgencyById(app.db, report.agencyId);
    if (!agency) throw new AppError('notFound');
    return { report, agency };
  };

  /** Reviewing belongs to the supervising agency: an admin above the report's agency (the top agency reviews its own). */
  const canReview = (req: FastifyRequest, agency: AgencyRow) => {
    const actor = actorOf(req);
    return (
      can(actor, 'annualReport.review', { agencyId: agency.id }) &&
      (actor.agencyId !== agency.id || agency.parentId === null)
    );
  };

  const renderReport = async (
    req: FastifyRequest,
    reply: FastifyReply,
    report: AnnualReportRow,
    agency: AgencyRow,
    errors?: FieldErrors,
    input?: FormInput,
  ) => {
    const actor = actorOf(req);
    const loaded = await loadReport(app.db, agency, report);
    const last = await findReport(app.db, agency.id, report.year - 1);
    const subordinates = (await listAgencies(app.db, { activeOnly: true, underPath: agency.path })).filter(
      (a) => a.id !== agency.id && actor.scopeAgencyIds.has(a.id),
    );
    const editable = report.state === 'draft' || report.state === 'returned';
    const where = publishedWhere(agency, await siteName());
    const legacy = isLegacy(report) ? await computeLegacyFor(app.db, report, agency, where) : undefined;
    const overviewFromRecords =
      editable && report.format === 'national2021' ? await overviewFor(app.db, report, agency) : undefined;
    return reply.page(
      <ReportPage
        ctx={await req.pageContext(reply)}
        loaded={loaded}
        narratives={input?.narratives ?? parseJson<Narratives>(report.narratives, {})}
        lastYear={last ? parseJson<Narratives>(last.narratives, {}) : {}}
        figures={input?.figures ?? figureFormValues(parseJson<StaffFigures>(report.figures, {}))}
        findings={parseJson<Finding[]>(report.checkResults, [])}
        comments={await listComments(app.db, report.id)}
        history={await yearHistory(app.db, agency.id, loaded.data)}
        publishedWhere={where}
        {...(legacy ? { legacy } : {})}
        {...(overviewFromRecords ? { overviewFromRecords } : {})}
        {...(report.format === 'national2021'
          ? { overviewCounts: await overviewCounts(app.db, { agencyIds: scopeOf(report), year: report.year }) }
          : {})}
        can={{
          edit: editable && can(actor, 'annualReport.edit', { agencyId: agency.id }),
          submit: can(actor, 'annualReport.submit', { agencyId: agency.id }),
          review: canReview(req, agency),
          publish: can(actor, 'annualReport.publish', { agencyId: agency.id }),
          override: can(actor, 'annualReport.override', { agencyId: agency.id }),
        }}
        subordinates={subordinates.map((a) => ({ id: a.id, name: a.name }))}
        scopeIds={scopeOf(report)}
        {...(errors ? { errors } : {})}
      />,
      errors ? 422 : 200,
    );
  };

  /** Runs `fn`; a ValidationError re-renders the report page with 422 and the user's input. */
  const act = async (
    req: FastifyRequest,
    reply: FastifyReply,
    report: AnnualReportRow,
    agency: AgencyRow,
    fn: () => Promise<void>,
    input?: FormInput,
  ) => {
    try {
      await fn();
      return reply.redirect(`/admin/annual-reports/${report.id}?flash=saved`, 303);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      const fresh = (await findReportById(app.db, report.id)) ?? report;
      return renderReport(req, reply, fresh, agency, err.fields ?? { form: err.message }, input);
    }
  };

  return { today, siteName, load, canReview, renderReport, act };
}

export type ReportRouteContext = ReturnType<typeof reportRouteContext>;
