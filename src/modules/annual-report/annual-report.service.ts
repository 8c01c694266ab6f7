// Annual report rules and transactions while it is drafted: opening a year's report (last year's
// narrative offered as the start), narratives and staff figures, the scope of a roll-up, the computed
// data and its consistency check, the town due-date setting. The workflow with the supervising agency
// (submit, return, approve, publish) is annual-report.workflow.ts; importing past reports,
// annual-report.import.ts.
import { AppError, ValidationError } from '../../platform/errors.ts';
import type { Executor, Trx } from '../../platform/transaction.ts';
import type { AgencyRow } from '../agency/index.ts';
import { recordEvent, type AuditContext } from '../../platform/audit.ts';
import { checkAnnualReport, type Finding } from './checker/index.ts';
import { annualReportDueDate } from './deadlines.ts';
import { NATIONAL_2021_SECTIONS, narrativeHeadings, type NarrativeSectionKey } from './format/national2021.ts';
import { computeReport, parseJson, scopeOf, rollupFigures, type ComputedReport } from './annual-report.compute.ts';
import {
  findReport,
  findReportById,
  insertReport,
  updateReport,
  type AnnualReportRow,
} from './annual-report.repository.ts';
import { isEditable } from './annual-report.states.ts';
import { newReportValues } from './annual-report.tables.ts';
import type { StaffFigures } from './queries/types.ts';
import { readSetting, writeSetting } from '../settings/index.ts';
import { checkLegacyReport, computeLegacyReport, type Legacy2008ReportData } from './annual-report.legacy.ts';
import { overviewFacts, overviewSentences } from './annual-report.overview.ts';

export const NARRATIVE_KEYS: readonly NarrativeSectionKey[] = ['overview', 'problems', 'other'];
export const NARRATIVE_LABELS = narrativeHeadings(NATIONAL_2021_SECTIONS);
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
  const refuse = (field: 'year' | 'format', message: string) => new ValidationError({ [field]: message }, message);
  if (!Number.isInteger(year) || year < 2008 || year > 9999) throw refuse('year', '年度应为2008年以后的四位年份。');
  if (format === 'national2021' && year < 2021)
    throw refuse(
      'format',
      '国办公开办函〔2021〕30号格式适用于2021年度及以后的报告；2018年度及以前可选旧版九部分结构。',
    );
  if (year === 2019 || year === 2020)
    throw refuse('year', '2019、2020年度的报告采用国办公开办函〔2019〕60号试行格式，系统不编制，请导入原文。');
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
    ...newReportValues(agency.id, year, format, ctx.at),
    narratives: JSON.stringify(narratives),
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

/** Stores one of the report's JSON parts and audits it as annualReport.<part>, before and after. */
async function saveJsonPart(
  trx: Trx,
  ctx: AuditContext,
  report: AnnualReportRow,
  part: 'narratives' | 'figures' | 'scope',
  value: Record<string, unknown>,
): Promise<void> {
  await updateReport(trx, report.id, { [part]: JSON.stringify(value), updatedAt: ctx.at });
  await recordEvent(
    trx,
    ctx,
    `annualReport.${part}`,
    { type: 'annualReport', id: report.id, agencyId: report.agencyId },
    { before: parseJson(report[part], {}), after: value },
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
  await saveJsonPart(trx, ctx, report, 'narratives', narratives);
}

export async function saveFigures(
  trx: Trx,
  ctx: AuditContext,
  report: AnnualReportRow,
  figures: StaffFigures,
): Promise<void> {
  requireEditable(report);
  await saveJsonPart(trx, ctx, report, 'figures', figures);
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
  await saveJsonPart(trx, ctx, report, 'scope', scope);
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
  const townDue = agency.parentId === null ? undefined : await townDueMonthDay(db, agency.parentId);
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

/**
 * The towns' due date (MM-DD) set by the government `governmentId` for the towns under it (条例
 * 第四十九条 does not name 乡镇: the county sets their date, RULES.md §1.14), else the platform's
 * (agency 0, set at the top), else undefined (the default 01-31).
 */
export async function townDueMonthDay(db: Executor, governmentId = 0): Promise<string | undefined> {
  const v = await readSetting(db, governmentId, TOWN_DUE_SETTING);
  return typeof v === 'string' ? v : undefined;
}

/** Every town due-date setting by the agency that set it (0: the platform's), for lists of agencies. */
export async function townDueSettings(db: Executor): Promise<ReadonlyMap<number, string>> {
  const rows = await db
    .selectFrom('settings')
    .select(['agencyId', 'value'])
    .where('key', '=', TOWN_DUE_SETTING)
    .execute();
  const out = new Map<number, string>();
  for (const r of rows) {
    try {
      const v = JSON.parse(r.value) as unknown;
      if (typeof v === 'string') out.set(r.agencyId, v);
    } catch {
      // An unreadable value is as if unset.
    }
  }
  return out;
}

export const TOWN_DUE_SETTING = 'annualReport.townDueMonthDay';

/**
 * Sets the towns' due date (MM-DD of the following year) for the towns under `governmentId`, or for
 * the platform (0: where a government set none), audited.
 */
export async function setTownDueMonthDay(
  trx: Trx,
  ctx: AuditContext,
  monthDay: string,
  governmentId = 0,
): Promise<void> {
  try {
    annualReportDueDate('town', 2025, { townDueMonthDay: monthDay });
  } catch {
    throw new ValidationError({ townDueMonthDay: '请按 MM-DD 格式填写一个每年都存在的日期，如 01-31。' });
  }
  const before = await townDueMonthDay(trx, governmentId);
  await writeSetting(trx, governmentId, TOWN_DUE_SETTING, monthDay, ctx.at);
  await recordEvent(
    trx,
    ctx,
    'annualReport.townDueDate',
    { type: 'setting', id: TOWN_DUE_SETTING, agencyId: governmentId || null },
    { before: { monthDay: before ?? null }, after: { monthDay } },
  );
}
