// Annual report rules and transactions: opening a year's report (last year's narrative offered as
// the start), narratives and staff figures, the consistency check, the workflow with the
// supervising agency, the admin override (audited), publication, and importing past reports.
import { AppError, ValidationError } from '../../platform/errors.ts';
import type { Executor, Trx } from '../../platform/transaction.ts';
import { listActiveStaffWithRoles } from '../account/index.ts';
import type { AgencyRow } from '../agency/index.ts';
import { recordEvent, type AuditContext } from '../../platform/audit.ts';
import { queueNotification } from '../notification/index.ts';
import { annualReportDueDate, checkAnnualReport, hasErrors, type Finding } from './index.ts';
import { checkReportText } from './checker/text/check-report-text.ts';
import { extractContact, extractStatedTotals } from './checker/text/extract.ts';
import { htmlToText, looksLikeHtml } from './checker/text/html-to-text.ts';
import { readTable3 } from './checker/text/tables.ts';
import { NATIONAL_2019_FORMAT } from './format/national2019.ts';
import { NATIONAL_2021_FORMAT } from './format/national2021.ts';
import type { Table3Row } from './report-data.ts';
import { normaliseWidth } from './checker/plain-text.ts';
import type { NarrativeSectionKey } from './format/national2021.ts';
import { computeReport, parseJson, scopeOf, rollupFigures, type ComputedReport } from './annual-report.compute.ts';
import {
  findReport,
  findReportById,
  insertComment,
  insertReport,
  updateReport,
  type AnnualReportRow,
} from './annual-report.repository.ts';
import { annualReportMachine, isEditable, type AnnualReportTransition } from './annual-report.states.ts';
import type { StaffFigures } from './queries/types.ts';
import { checkLegacyReport, computeLegacyReport, type Legacy2008ReportData } from './annual-report.legacy.ts';
import { overviewFacts, overviewSentences } from './annual-report.overview.ts';

export const NARRATIVE_KEYS: readonly NarrativeSectionKey[] = ['overview', 'problems', 'other'];
export const NARRATIVE_LABELS: Record<NarrativeSectionKey, string> = {
  overview: '一、总体情况',
  problems: '五、存在的主要问题及改进情况',
  other: '六、其他需要报告的事项',
};
export const NARRATIVE_MAX = 20000;

export type Narratives = Partial<Record<NarrativeSectionKey, string>>;

/** Last year's narrative with its year numbers moved on by one (offered, never imposed; 五 and 六 only in national2021). */
export function carryNarrative(text: string, fromYear: number): string {
  return text.replaceAll(`${fromYear}年`, `${fromYear + 1}年`).replaceAll(`${fromYear - 1}年`, `${fromYear}年`);
}

export type BuiltFormat = 'national2021' | 'legacy2008';

/** The format a new report of the year gets unless staff choose: national2021 from 2021, legacy2008 up to 2018. */
export function defaultFormatFor(year: number): BuiltFormat | null {
  return year >= 2021 ? 'national2021' : year >= 2008 && year <= 2018 ? 'legacy2008' : null;
}

/** Refuses a year/format pair the system cannot build (2019 and 2020 stay national2019 imports). */
export function validateFormat(year: number, format: BuiltFormat): void {
  if (!Number.isInteger(year) || year < 2008 || year > 9999)
    throw new ValidationError({ year: '年度应为2008年以后的四位年份。' });
  if (format === 'national2021' && year < 2021)
    throw new ValidationError({
      format: '国办公开办函〔2021〕30号格式适用于2021年度及以后的报告；2018年度及以前可选旧版九部分结构。',
    });
  if (year === 2019 || year === 2020)
    throw new ValidationError({
      year: '2019、2020年度的报告采用国办公开办函〔2019〕60号试行格式，系统不编制，请导入原文。',
    });
}

export async function openReport(
  trx: Trx,
  ctx: AuditContext,
  agency: AgencyRow,
  year: number,
  chosen?: BuiltFormat,
): Promise<AnnualReportRow> {
  const existing = await findReport(trx, agency.id, year);
  if (existing) return existing;
  const format = chosen ?? defaultFormatFor(year);
  if (!format)
    throw new ValidationError({
      year: '2019、2020年度的报告采用国办公开办函〔2019〕60号试行格式，系统不编制，请导入原文。',
    });
  validateFormat(year, format);
  const last = await findReport(trx, agency.id, year - 1);
  const lastNarratives = last ? parseJson<Narratives>(last.narratives, {}) : {};
  const narratives: Narratives = {};
  for (const k of NARRATIVE_KEYS)
    if (lastNarratives[k]) narratives[k] = carryNarrative(lastNarratives[k] ?? '', year - 1);
  const id = await insertReport(trx, {
    agencyId: agency.id,
    year,
    format,
    state: 'draft',
    source: 'system',
    narratives: JSON.stringify(narratives),
    figures: '{}',
    checkResults: '[]',
    checkedAt: null,
    overrideReason: '',
    scope: JSON.stringify({ kind: 'own' }),
    submittedAt: null,
    approvedAt: null,
    publishedAt: null,
    publicationId: null,
    publishedData: null,
    importedText: '',
    extracted: '{}',
    createdAt: ctx.at,
    updatedAt: ctx.at,
  });
  await recordEvent(
    trx,
    ctx,
    'annualReport.create',
    { type: 'annualReport', id, agencyId: agency.id },
    { after: { year, format, fromLastYear: Boolean(last), overviewFromRecords: format === 'national2021' } },
  );
  const row = await findReportById(trx, id);
  if (!row) throw new AppError('notFound');
  if (format !== 'national2021') return row;
  // 一、总体情况 starts as sentences written from the records (#15 point 5), not last year's text,
  // whose numbers would all be stale (the page shows last year's text beside the field).
  const prefilled: Narratives = { ...narratives, overview: await overviewFor(trx, row, agency) };
  await updateReport(trx, id, { narratives: JSON.stringify(prefilled) });
  return { ...row, narratives: JSON.stringify(prefilled) };
}

/** The 总体情况 sentences of a national2021 report, computed from the records now (annual-report.overview.ts). */
export async function overviewFor(db: Executor, report: AnnualReportRow, agency: AgencyRow): Promise<string> {
  const computed = await computeFor(db, report, agency);
  return overviewSentences(
    await overviewFacts(db, { agencyIds: computed.agencyIds, year: report.year }, computed.data.table3),
  );
}

function requireEditable(report: AnnualReportRow): void {
  if (!isEditable(report.state))
    throw new ValidationError({ state: '报告已报送或已发布，不能修改。如需修改，请由上级机关退回。' });
}

export async function saveNarratives(
  trx: Trx,
  ctx: AuditContext,
  report: AnnualReportRow,
  narratives: Narratives,
): Promise<void> {
  requireEditable(report);
  const errors: Record<string, string> = {};
  for (const k of NARRATIVE_KEYS)
    if ([...(narratives[k] ?? '')].length > NARRATIVE_MAX)
      errors[k] = `${NARRATIVE_LABELS[k]}不能超过 ${NARRATIVE_MAX} 个字符。`;
  if (Object.keys(errors).length) throw new ValidationError(errors);
  await updateReport(trx, report.id, { narratives: JSON.stringify(narratives), updatedAt: ctx.at });
  await recordEvent(
    trx,
    ctx,
    'annualReport.narratives',
    { type: 'annualReport', id: report.id, agencyId: report.agencyId },
    { before: parseJson(report.narratives, {}), after: narratives },
  );
}

export async function saveFigures(
  trx: Trx,
  ctx: AuditContext,
  report: AnnualReportRow,
  figures: StaffFigures,
): Promise<void> {
  requireEditable(report);
  await updateReport(trx, report.id, { figures: JSON.stringify(figures), updatedAt: ctx.at });
  await recordEvent(
    trx,
    ctx,
    'annualReport.figures',
    { type: 'annualReport', id: report.id, agencyId: report.agencyId },
    { before: parseJson(report.figures, {}), after: figures },
  );
}

export async function saveScope(
  trx: Trx,
  ctx: AuditContext,
  report: AnnualReportRow,
  agencyIds: readonly number[],
): Promise<void> {
  requireEditable(report);
  const scope =
    agencyIds.length <= 1 && (agencyIds[0] ?? report.agencyId) === report.agencyId
      ? { kind: 'own' }
      : { kind: 'rollup', agencyIds: [...new Set(agencyIds)] };
  await updateReport(trx, report.id, { scope: JSON.stringify(scope), updatedAt: ctx.at });
  await recordEvent(
    trx,
    ctx,
    'annualReport.scope',
    { type: 'annualReport', id: report.id, agencyId: report.agencyId },
    { before: parseJson(report.scope, {}), after: scope },
  );
}

/** Computes the report's current data from records and figures. */
export async function computeFor(db: Executor, report: AnnualReportRow, agency: AgencyRow): Promise<ComputedReport> {
  const agencyIds = scopeOf(report);
  const rollup = agencyIds.length !== 1 || agencyIds[0] !== agency.id;
  const figures = rollup
    ? await rollupFigures(db, agencyIds, report.year)
    : parseJson<StaffFigures>(report.figures, {});
  return computeReport(db, {
    agency,
    year: report.year,
    agencyIds,
    figures,
    narratives: parseJson<Narratives>(report.narratives, {}),
    drillBase: `/admin/annual-reports/${report.id}/cell`,
  });
}

/** Other agencies' names (full and short) that must not appear in this agency's narrative. */
export async function otherAgencyNames(db: Executor, agencyId: number): Promise<string[]> {
  const rows = await db.selectFrom('agencies').select(['name', 'shortName']).where('id', '!=', agencyId).execute();
  return [...new Set(rows.flatMap((r) => [r.name, r.shortName]).filter(Boolean))];
}

export async function checkReport(
  db: Executor,
  report: AnnualReportRow,
  agency: AgencyRow,
  today: string,
): Promise<{ computed: ComputedReport; findings: Finding[] }> {
  const computed = await computeFor(db, report, agency);
  const townDue = await townDueMonthDay(db);
  const findings = checkAnnualReport(computed.data, {
    knownAgencyNames: await otherAgencyNames(db, agency.id),
    publishedOn: today,
    fees: computed.fees,
    ...(townDue ? { deadlineSettings: { townDueMonthDay: townDue } } : {}),
  });
  return { computed, findings };
}

/** A legacy2008 report's current data, computed from records and the staff's narratives and figures. */
export async function computeLegacyFor(
  db: Executor,
  report: AnnualReportRow,
  agency: AgencyRow,
  publishedWhere: string,
): Promise<Legacy2008ReportData> {
  return computeLegacyReport(db, {
    agency,
    year: report.year,
    agencyIds: scopeOf(report),
    figures: parseJson<StaffFigures>(report.figures, {}),
    narratives: parseJson<Narratives>(report.narratives, {}),
    publishedWhere,
    drillBase: `/admin/annual-reports/${report.id}/cell`,
  });
}

/** The legacy report's check: the text checker on the generated text plus the opening and narratives. */
export async function checkLegacyFor(
  db: Executor,
  report: AnnualReportRow,
  agency: AgencyRow,
  publishedWhere: string,
): Promise<{ data: Legacy2008ReportData; findings: Finding[] }> {
  const data = await computeLegacyFor(db, report, agency, publishedWhere);
  return { data, findings: checkLegacyReport(data, await otherAgencyNames(db, agency.id)) };
}

export async function townDueMonthDay(db: Executor): Promise<string | undefined> {
  const row = await db
    .selectFrom('settings')
    .select('value')
    .where('agencyId', '=', 0)
    .where('key', '=', TOWN_DUE_SETTING)
    .executeTakeFirst();
  const v = parseJson<unknown>(row?.value, null);
  return typeof v === 'string' ? v : undefined;
}

export const TOWN_DUE_SETTING = 'annualReport.townDueMonthDay';

/** Sets the towns' due date (MM-DD of the following year): a platform setting, audited. */
export async function setTownDueMonthDay(trx: Trx, ctx: AuditContext, monthDay: string): Promise<void> {
  try {
    annualReportDueDate('town', 2025, { townDueMonthDay: monthDay });
  } catch {
    throw new ValidationError({ townDueMonthDay: '请按 MM-DD 格式填写一个每年都存在的日期，如 01-31。' });
  }
  const before = await townDueMonthDay(trx);
  const value = JSON.stringify(monthDay);
  const res = await trx
    .updateTable('settings')
    .set({ value, updatedAt: ctx.at })
    .where('agencyId', '=', 0)
    .where('key', '=', TOWN_DUE_SETTING)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0)
    await trx.insertInto('settings').values({ agencyId: 0, key: TOWN_DUE_SETTING, value, updatedAt: ctx.at }).execute();
  await recordEvent(
    trx,
    ctx,
    'annualReport.townDueDate',
    { type: 'setting', id: TOWN_DUE_SETTING, agencyId: null },
    { before: { monthDay: before ?? null }, after: { monthDay } },
  );
}

export async function storeCheck(
  trx: Trx,
  ctx: AuditContext,
  report: AnnualReportRow,
  findings: readonly Finding[],
): Promise<void> {
  await updateReport(trx, report.id, { checkResults: JSON.stringify(findings), checkedAt: ctx.at });
  await recordEvent(
    trx,
    ctx,
    'annualReport.check',
    { type: 'annualReport', id: report.id, agencyId: report.agencyId },
    {
      after: {
        errors: findings.filter((f) => f.severity === 'error').length,
        warnings: findings.filter((f) => f.severity === 'warning').length,
      },
    },
  );
}

/** Decides a step before anything is written (a refusal is a 422 on the state). */
function transition(report: AnnualReportRow, t: AnnualReportTransition) {
  return annualReportMachine.plan(undefined, report, t).to;
}

/**
 * Errors of the consistency check block submitting and publishing unless an admin gives a
 * reason to override; the override is recorded as a comment and in the audit log.
 */
async function guardFindings(
  trx: Trx,
  ctx: AuditContext,
  report: AnnualReportRow,
  findings: readonly Finding[],
  override: { allowed: boolean; reason: string },
  step: string,
): Promise<string> {
  await storeCheck(trx, ctx, report, findings);
  if (!hasErrors(findings)) return '';
  const reason = override.reason.trim();
  if (!override.allowed || !reason) {
    throw new ValidationError({
      check: `一致性检查发现 ${findings.filter((f) => f.severity === 'error').length} 个错误，请修改后再${step}${override.allowed ? '，或填写理由强制' + step : ''}。`,
    });
  }
  await insertComment(trx, {
    reportId: report.id,
    authorUserId: ctx.actorUserId,
    authorName: ctx.actorName,
    kind: 'override',
    body: reason,
    createdAt: ctx.at,
  });
  await recordEvent(
    trx,
    ctx,
    'annualReport.override',
    { type: 'annualReport', id: report.id, agencyId: report.agencyId },
    { note: reason, after: { step, errors: findings.filter((f) => f.severity === 'error').map((f) => f.code) } },
  );
  return reason;
}

export async function submitReport(
  trx: Trx,
  ctx: AuditContext,
  report: AnnualReportRow,
  agency: AgencyRow,
  findings: readonly Finding[],
  override: { allowed: boolean; reason: string },
): Promise<void> {
  const to = transition(report, 'submit');
  const reason = await guardFindings(trx, ctx, report, findings, override, '报送');
  await updateReport(trx, report.id, {
    state: to,
    submittedAt: ctx.at,
    updatedAt: ctx.at,
    ...(reason ? { overrideReason: reason } : {}),
  });
  await annualReportMachine.transition(trx, ctx, {
    subject: report,
    event: 'submit',
    summary: { before: { state: report.state }, after: { state: to } },
  });
  if (agency.parentId !== null) {
    const admins = await listActiveStaffWithRoles(trx, agency.parentId, ['admin']);
    for (const u of admins) {
      await queueNotification(
        trx,
        {
          agencyId: agency.parentId,
          recipientUserId: u.id,
          toAddress: u.email,
          recipientName: u.displayName,
          subject: `${agency.name}报送了${report.year}年政府信息公开工作年度报告`,
          body: `${agency.name}已报送${report.year}年度政府信息公开工作年度报告，请登录管理平台审核：/admin/annual-reports/${report.id}`,
          relatedType: 'annualReport',
          relatedId: report.id,
        },
        ctx.at,
      );
    }
  }
}

export async function returnReport(
  trx: Trx,
  ctx: AuditContext,
  report: AnnualReportRow,
  comment: string,
): Promise<void> {
  const to = transition(report, 'return');
  if (!comment.trim()) throw new ValidationError({ comment: '退回时请填写修改意见。' });
  await insertComment(trx, {
    reportId: report.id,
    authorUserId: ctx.actorUserId,
    authorName: ctx.actorName,
    kind: 'return',
    body: comment.trim(),
    createdAt: ctx.at,
  });
  await updateReport(trx, report.id, { state: to, updatedAt: ctx.at });
  await annualReportMachine.transition(trx, ctx, {
    subject: report,
    event: 'return',
    summary: { before: { state: report.state }, after: { state: to }, note: comment.trim() },
  });
}

export async function approveReport(
  trx: Trx,
  ctx: AuditContext,
  report: AnnualReportRow,
  comment: string,
): Promise<void> {
  const to = transition(report, 'approve');
  if (comment.trim())
    await insertComment(trx, {
      reportId: report.id,
      authorUserId: ctx.actorUserId,
      authorName: ctx.actorName,
      kind: 'approve',
      body: comment.trim(),
      createdAt: ctx.at,
    });
  await updateReport(trx, report.id, { state: to, approvedAt: ctx.at, updatedAt: ctx.at });
  await annualReportMachine.transition(trx, ctx, {
    subject: report,
    event: 'approve',
    summary: { before: { state: report.state }, after: { state: to } },
  });
}

/** Publishes the approved report: the computed data are frozen, so the public page never changes afterwards. */
/** Where the report goes as a publication (annual-report.publication.tsx); null = its own page only. */
export type PublicationPublisher = (
  trx: Trx,
  data: ComputedReport,
) => Promise<{ publicationId: number; indexNumber: string | null } | null>;

export async function publishReport(
  trx: Trx,
  ctx: AuditContext,
  report: AnnualReportRow,
  computed: ComputedReport,
  findings: readonly Finding[],
  override: { allowed: boolean; reason: string },
  asPublication?: PublicationPublisher,
): Promise<void> {
  const to = transition(report, 'publish');
  const reason = await guardFindings(trx, ctx, report, findings, override, '发布');
  const frozen = { ...computed.data, fees: computed.fees, agencyIds: computed.agencyIds };
  const pub = asPublication ? await asPublication(trx, computed) : null;
  await updateReport(trx, report.id, {
    state: to,
    publishedAt: ctx.at,
    publishedData: JSON.stringify(frozen),
    updatedAt: ctx.at,
    publicationId: pub?.publicationId ?? null,
    ...(reason ? { overrideReason: reason } : {}),
  });
  await annualReportMachine.transition(trx, ctx, {
    subject: report,
    event: 'publish',
    summary: {
      before: { state: report.state },
      after: { state: to, publicationId: pub?.publicationId ?? null, indexNumber: pub?.indexNumber ?? null },
    },
  });
}

export interface ImportedFigures {
  table3CarriedForward?: Table3Row;
  table3: Partial<Record<string, Table3Row>>;
  statedTotals: { total: number; unit: string; parts: { label: string; value: number }[] }[];
  contact: Record<string, string>;
  findings: Finding[];
  format: string;
}

/** Extracts what a past report's text states: totals and their parts, contact fields, check findings. */
export function extractFigures(input: string, year: number, agencyName: string): ImportedFigures {
  const text = looksLikeHtml(input) ? htmlToText(input) : input;
  const norm = normaliseWidth(text);
  const result = checkReportText(text, { year, agencyName });
  const contact: Record<string, string> = {};
  for (const [k, v] of Object.entries(extractContact(norm))) if (v) contact[k] = v.value;
  // National-format texts: the table 三 rows that could be read, for the next year's carry-over check (rule 22).
  const table3 =
    result.format === 'national2021' || result.format === 'national2019'
      ? readTable3(norm, 0, (result.format === 'national2021' ? NATIONAL_2021_FORMAT : NATIONAL_2019_FORMAT).table3)
          .rows
      : {};
  return {
    ...(table3.carriedForward ? { table3CarriedForward: table3.carriedForward } : {}),
    table3,
    statedTotals: extractStatedTotals(norm).map((t) => ({
      total: t.total,
      unit: t.unit,
      parts: t.parts.map((p) => ({ label: p.label, value: p.value })),
    })),
    contact,
    findings: result.findings,
    format: result.format,
  };
}

export async function importReport(
  trx: Trx,
  ctx: AuditContext,
  agency: AgencyRow,
  year: number,
  input: string,
): Promise<{ id: number; figures: ImportedFigures }> {
  const text = input.replace(/^\uFEFF/u, '');
  if (!text.trim()) throw new ValidationError({ file: '报告文本为空。' });
  const existing = await findReport(trx, agency.id, year);
  if (existing && existing.state !== 'imported')
    throw new ValidationError({ year: `${agency.name}${year}年度的报告已在本系统中编制，不能再导入。` });
  const figures = extractFigures(text, year, agency.name);
  const format = figures.format === 'unknown' ? (year <= 2018 ? 'legacy2008' : 'national2021') : figures.format;
  const values = {
    format,
    state: 'imported' as const,
    source: 'import',
    importedText: text,
    extracted: JSON.stringify(figures),
    checkResults: JSON.stringify(figures.findings),
    checkedAt: ctx.at,
    updatedAt: ctx.at,
  };
  let id: number;
  if (existing) {
    id = existing.id;
    await updateReport(trx, id, values);
  } else {
    id = await insertReport(trx, {
      ...values,
      agencyId: agency.id,
      year,
      narratives: '{}',
      figures: '{}',
      overrideReason: '',
      scope: JSON.stringify({ kind: 'own' }),
      submittedAt: null,
      approvedAt: null,
      publishedAt: null,
      publicationId: null,
      publishedData: null,
      createdAt: ctx.at,
    });
  }
  await recordEvent(
    trx,
    ctx,
    'annualReport.import',
    { type: 'annualReport', id, agencyId: agency.id },
    {
      after: {
        year,
        format,
        findings: figures.findings.length,
        errors: figures.findings.filter((f) => f.severity === 'error').length,
      },
    },
  );
  return { id, figures };
}
