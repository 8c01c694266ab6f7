// Admin console routes of the annual report. Every handler: validate → load → authorize against
// the report's agency → service in a transaction → redirect 303, or re-render with 422.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { contentDisposition } from '../../platform/http/content-disposition.ts';
import { authorize, can } from '../../platform/auth/policy.ts';
import { AppError, ValidationError, type FieldErrors } from '../../platform/errors.ts';
import { formValue, formValues, parseId } from '../../platform/forms.ts';
import { actorOf } from '../../platform/http/admin-guard.ts';
import { inTransaction } from '../../platform/transaction.ts';
import { findAgencyById, findRootAgency, listAgencies, type AgencyRow } from '../agency/index.ts';
import { todayInShanghai } from '../calendar/index.ts';
import { registerMultipart, uploadedFiles, uploadRoute } from '../../platform/http/multipart.ts';
import { bytesOf } from '../../platform/storage/file-store.ts';
import {
  annualReportDueDate,
  checkTexts,
  DEFAULT_TOWN_DUE_MONTH_DAY,
  hasErrors,
  htmlToText,
  looksLikeHtml,
  ReportFileError,
  reportTextOf,
  type Finding,
} from './index.ts';
import { loadReport, outputKindOf, publishedWhere, renderOutput, yearHistory } from './annual-report.build.tsx';
import { parseJson, scopeOf } from './annual-report.compute.ts';
import {
  findReport,
  findReportById,
  listComments,
  listReportsOf,
  type AnnualReportRow,
} from './annual-report.repository.ts';
import {
  approveReport,
  publishReport,
  returnReport,
  storeCheck,
  submitReport,
  type PublicationPublisher,
} from './annual-report.workflow.ts';
import {
  checkReport,
  NARRATIVE_KEYS,
  openReport,
  overviewFor,
  saveFigures,
  saveNarratives,
  saveScope,
  setTownDueMonthDay,
  townDueMonthDay,
  type Narratives,
  checkLegacyFor,
  computeLegacyFor,
  defaultFormatFor,
  validateFormat,
  type BuiltFormat,
} from './annual-report.service.ts';
import { LEGACY_FEE_FIGURES } from './queries/legacy-fees.query.ts';
import { LEGACY_XLSX_REFUSED, legacyDocx, legacyJson, legacyPdf } from './annual-report.legacy-output.tsx';
import { publishAsPublication } from './annual-report.publication.tsx';
import { cellRecords } from './annual-report.drilldown.ts';
import { CellRecordsPage, figureFormValues, ReportListPage, ReportPage } from './annual-report.views.tsx';
import { CHECKER_MAX_FILES, CheckerPage } from './annual-report.checker-views.tsx';
import { TABLE2_STAFF_FIGURES } from './queries/table2.query.ts';
import type { StaffFigures } from './queries/types.ts';

/** A report's text is a few hundred KB; its HTML page a little more. */
const CHECKER_MAX_FILE_BYTES = 5 * 1_048_576;

const CONTENT_TYPES = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
  json: 'application/json; charset=utf-8',
  html: 'text/html; charset=utf-8',
} as const;

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

interface FigureDefinition {
  key: string;
  label: string;
  unit: string;
  decimal: boolean;
}

const isLegacy = (report: AnnualReportRow) => report.format === 'legacy2008' && report.state !== 'imported';
const figureDefs = (report: AnnualReportRow): readonly FigureDefinition[] =>
  isLegacy(report) ? LEGACY_FEE_FIGURES : TABLE2_STAFF_FIGURES;

interface FormInput {
  narratives?: Narratives;
  figures?: Record<string, { value: string; note: string }>;
}

export async function annualReportRoutes(app: FastifyInstance): Promise<void> {
  registerMultipart(app);
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
      return reply.redirect(`/admin/annual-reports/${report.id}?notice=saved`, 303);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      const fresh = (await findReportById(app.db, report.id)) ?? report;
      return renderReport(req, reply, fresh, agency, err.fields ?? { form: err.message }, input);
    }
  };

  const renderList = async (
    req: FastifyRequest,
    reply: FastifyReply,
    yearParam: string | undefined,
    townInput?: { value: string; error?: string },
  ) => {
    const actor = actorOf(req);
    authorize(actor, 'annualReport.view');
    const defaultYear = app.deps.clock.now().getUTCFullYear() - 1;
    const y = Number(yearParam);
    const year = Number.isInteger(y) && y >= 2008 && y <= 9999 ? y : defaultYear;
    const agencies = (await listAgencies(app.db, { activeOnly: true })).filter((a) => actor.scopeAgencyIds.has(a.id));
    const reports = await listReportsOf(
      app.db,
      agencies.map((a) => a.id),
      year,
    );
    const townDue = await townDueMonthDay(app.db);
    const minDepth = Math.min(...agencies.map((a) => a.depth));
    return reply.page(
      <ReportListPage
        ctx={await req.pageContext(reply)}
        year={year}
        rows={agencies.map((a) => ({
          agencyId: a.id,
          agencyName: a.name,
          depth: a.depth - minDepth,
          report: reports.find((r) => r.agencyId === a.id) ?? null,
          dueOn: year >= 2008 ? annualReportDueDate(a.kind, year, townDue ? { townDueMonthDay: townDue } : {}) : '',
        }))}
        canOpen={agencies
          .filter((a) => can(actor, 'annualReport.edit', { agencyId: a.id }))
          .map((a) => ({ id: a.id, name: a.name }))}
        {...(can(actor, 'settings.manage') && actor.agencyDepth === 0
          ? { townDue: townInput ?? { value: townDue ?? DEFAULT_TOWN_DUE_MONTH_DAY } }
          : {})}
      />,
      townInput?.error ? 422 : 200,
    );
  };

  app.get('/admin/annual-reports', async (req, reply) => renderList(req, reply, (req.query as { year?: string }).year));

  app.post('/admin/annual-reports/town-due-date', async (req, reply) => {
    const actor = actorOf(req);
    authorize(actor, 'settings.manage');
    if (actor.agencyDepth !== 0) throw new AppError('forbidden', '乡镇年度报告截止日期由县级人民政府设置。');
    const value = formValue(req.body, 'townDueMonthDay').trim();
    try {
      await inTransaction(app.db, (trx) => setTownDueMonthDay(trx, req.auditContext(), value));
      return reply.redirect('/admin/annual-reports?notice=saved', 303);
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
    if (!Number.isInteger(year) || !format)
      throw new AppError(
        'badRequest',
        '系统编制2021年度及以后（2021年格式或旧版结构）和2018年度及以前（旧版九部分结构）的报告；2019、2020年度的报告请导入原文。',
      );
    try {
      validateFormat(year, format);
    } catch (err) {
      if (err instanceof ValidationError)
        throw new AppError('badRequest', Object.values(err.fields ?? {}).join(' ') || err.message);
      throw err;
    }
    const report = await inTransaction(app.db, (trx) => openReport(trx, req.auditContext(), agency, year, format));
    return reply.redirect(`/admin/annual-reports/${report.id}`, 303);
  });

  app.get('/admin/annual-reports/checker', async (req, reply) => {
    authorize(req.actor, 'annualReport.view');
    return reply.page(<CheckerPage ctx={await req.pageContext(reply)} text="" year="" agencyName="" />);
  });

  const checkerUpload = uploadRoute({
    requires: 'annualReport.view',
    maxFileBytes: CHECKER_MAX_FILE_BYTES,
    maxFiles: CHECKER_MAX_FILES,
    maxFieldBytes: 2 * 1_048_576,
  });
  /**
   * Several reports at once (#15 point 6): every uploaded file and the pasted text, each checked on
   * its own, then across files (上年结转 against the previous year's 结转下年度, rule 22).
   */
  app.post('/admin/annual-reports/checker', { config: checkerUpload }, async (req, reply) => {
    authorize(req.actor, 'annualReport.view');
    const files = uploadedFiles(req.body).filter((f) => f.fieldName === 'files' || f.fieldName === 'file');
    const text = formValue(req.body, 'text');
    const yearText = formValue(req.body, 'year').trim();
    const agencyName = formValue(req.body, 'agencyName').trim();
    const page = async (errors: FieldErrors, status: number) =>
      reply.page(
        <CheckerPage
          ctx={await req.pageContext(reply)}
          text={text}
          year={yearText}
          agencyName={agencyName}
          errors={errors}
        />,
        status,
      );
    const big = files.find((f) => f.tooLarge);
    if (big)
      return page(
        {
          files: `文件“${big.fileName}”超过 ${CHECKER_MAX_FILE_BYTES / 1_048_576} MB，未上传。请重新选择文件（可以先拆分较大的文件）。`,
        },
        413,
      );
    const errors: FieldErrors = {};
    const entries: { file: string; text: string }[] = [];
    for (const f of files) {
      if (!f.size) {
        errors.files = `文件“${f.fileName}”是空文件。`;
        break;
      }
      try {
        entries.push({ file: f.fileName, text: await reportTextOf(f.fileName, await bytesOf(f)) });
      } catch (err) {
        if (!(err instanceof ReportFileError)) throw err;
        errors.files = err.message;
        break;
      }
    }
    const pasted = text.replace(/^\uFEFF/u, '');
    if (pasted.trim()) entries.push({ file: '粘贴的文本', text: looksLikeHtml(pasted) ? htmlToText(pasted) : pasted });
    if (!entries.length && !errors.files) errors.text = '请上传报告文件或粘贴报告文本。';
    for (const e of entries)
      if (e.text.length > 500_000)
        errors[e.file === '粘贴的文本' ? 'text' : 'files'] = `“${e.file}”过长（超过 50 万字符）。`;
    const year = yearText ? Number(yearText) : undefined;
    if (year !== undefined && !(Number.isInteger(year) && year >= 2008 && year <= 9999))
      errors.year = '年度应为 2008 年以后的四位年份。';
    if (agencyName && entries.length > 1)
      errors.agencyName = '检查多份报告时请不要填写机构名称：各报告的机构从其标题、开头或落款中识别。';
    if (Object.keys(errors).length) return page(errors, 422);
    const checked = checkTexts(entries, {
      ...(year !== undefined ? { year } : {}),
      ...(agencyName ? { agencyName } : {}),
    });
    return reply.page(
      <CheckerPage
        ctx={await req.pageContext(reply)}
        text={text}
        year={yearText}
        agencyName={agencyName}
        results={checked.map((c, i) => ({
          name: c.file,
          agency: c.result.agency?.name ?? null,
          year: c.result.year,
          format: c.result.format,
          findings: c.result.findings,
          text: entries[i]?.text ?? '',
        }))}
      />,
    );
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

  app.post('/admin/annual-reports/:id/check', async (req, reply) => {
    const { report, agency } = await load(req, 'annualReport.view');
    const { findings } = await findingsOf(report, agency);
    await inTransaction(app.db, (trx) => storeCheck(trx, req.auditContext(), report, findings));
    return reply.redirect(`/admin/annual-reports/${report.id}#check-title`, 303);
  });

  /** Publishes the report as a publication with an index number in the agency's 年报 category. */
  const publisher = async (req: FastifyRequest, agency: AgencyRow): Promise<PublicationPublisher> => {
    const cal = await app.deps.calendar.get();
    const where = publishedWhere(agency, await siteName());
    return (trx, c) =>
      publishAsPublication(trx, req.auditContext(), cal, {
        agency,
        data: c.data,
        fees: c.fees,
        publishedWhere: where,
        today: today(),
      });
  };

  /** The check of either format: the national identities, or the text checker on the legacy text. */
  const findingsOf = async (report: AnnualReportRow, agency: AgencyRow): Promise<{ findings: Finding[] }> =>
    isLegacy(report)
      ? checkLegacyFor(app.db, report, agency, publishedWhere(agency, await siteName()))
      : checkReport(app.db, report, agency, today());

  const overrideOf = (req: FastifyRequest, agency: AgencyRow) => ({
    allowed: can(actorOf(req), 'annualReport.override', { agencyId: agency.id }),
    reason: formValue(req.body, 'overrideReason').slice(0, 500),
  });

  app.post('/admin/annual-reports/:id/submit', async (req, reply) => {
    const { report, agency } = await load(req, 'annualReport.submit');
    const override = overrideOf(req, agency);
    return act(req, reply, report, agency, async () => {
      const { findings } = await findingsOf(report, agency);
      // Refused for its errors: the findings are stored first, so the page shows what to correct
      // (the refused submission's own transaction is rolled back).
      if (hasErrors(findings) && !(override.allowed && override.reason.trim()))
        await inTransaction(app.db, (trx) => storeCheck(trx, req.auditContext(), report, findings));
      await inTransaction(app.db, (trx) => submitReport(trx, req.auditContext(), report, agency, findings, override));
    });
  });

  app.post('/admin/annual-reports/:id/review', async (req, reply) => {
    const { report, agency } = await load(req, 'annualReport.review');
    if (!canReview(req, agency)) throw new AppError('forbidden', '年度报告由上级机关审核。');
    const decision = formValue(req.body, 'decision');
    const comment = formValue(req.body, 'comment').slice(0, 2000);
    const override = overrideOf(req, agency);
    return act(req, reply, report, agency, async () => {
      if (decision === 'return') {
        await inTransaction(app.db, (trx) => returnReport(trx, req.auditContext(), report, comment));
        return;
      }
      if (decision !== 'approve') throw new ValidationError({ decision: '请选择审核通过或退回修改。' });
      const publishNow =
        !isLegacy(report) &&
        formValue(req.body, 'publishNow') === '1' &&
        can(actorOf(req), 'annualReport.publish', { agencyId: agency.id });
      const checked = publishNow ? await checkReport(app.db, report, agency, today()) : null;
      // Prepared outside the transaction: on the embedded engine it holds the only connection.
      const asPublication = await publisher(req, agency);
      await inTransaction(app.db, async (trx) => {
        await approveReport(trx, req.auditContext(), report, comment);
        if (checked) {
          const approved = await findReportById(trx, report.id);
          if (approved)
            await publishReport(
              trx,
              req.auditContext(),
              approved,
              checked.computed,
              checked.findings,
              override,
              asPublication,
            );
        }
      });
    });
  });

  app.post('/admin/annual-reports/:id/publish', async (req, reply) => {
    const { report, agency } = await load(req, 'annualReport.publish');
    const override = overrideOf(req, agency);
    return act(req, reply, report, agency, async () => {
      if (isLegacy(report))
        throw new ValidationError({
          state:
            '旧版九部分结构的报告暂不能在平台直接发布，请导出 DOCX 或 PDF 后作为信息发布到“政府信息公开年报”栏目。',
        });
      const { computed, findings } = await checkReport(app.db, report, agency, today());
      const asPublication = await publisher(req, agency);
      await inTransaction(app.db, (trx) =>
        publishReport(trx, req.auditContext(), report, computed, findings, override, asPublication),
      );
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
      .header('content-type', CONTENT_TYPES[kind])
      .header('content-disposition', contentDisposition(name, 'attachment', `${agency.slug}-${report.year}.${kind}`))
      .send(buf);
  });
}
