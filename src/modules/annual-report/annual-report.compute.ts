// Computes a report's data from the records (one query per section, queries/*.ts) plus the
// staff-entered figures, for one agency or a roll-up over several. Rendering is elsewhere
// (annual-report.render.ts, exports/*): this file only produces typed data.
import type { Executor } from '../../platform/transaction.ts';
import type { AgencyRow } from '../agency/index.ts';
import { TABLE3_COLUMN_KEYS } from './format/national2021.ts';
import type { National2021ReportData, Table3Row } from './report-data.ts';
import { feesQuery, type FeesResult } from './queries/fees.query.ts';
import { table2Query } from './queries/table2.query.ts';
import { table3Query } from './queries/table3.query.ts';
import { table4Query } from './queries/table4.query.ts';
import type { CellProvenance, StaffFigures } from './queries/types.ts';
import type { AnnualReportRow } from './annual-report.repository.ts';

export type ReportScopeSetting = { kind: 'own' } | { kind: 'rollup'; agencyIds: number[] };

export interface ComputedReport {
  data: National2021ReportData;
  fees: FeesResult;
  cells: {
    table2: Record<string, CellProvenance>;
    table3: Record<string, CellProvenance>;
    table4: Record<string, CellProvenance>;
    fees: Record<string, CellProvenance>;
  };
  agencyIds: number[];
}

/** The cells of tables 二/三/四 that carry a ※ on the page and in the documents. */
export type MarkedCells = Partial<Pick<ComputedReport['cells'], 'table2' | 'table3' | 'table4'>>;

/**
 * The cells not counted from records (entered by staff, or none), with their notes: what a
 * published report keeps (annual-report.workflow.ts publishReport) so that its page and its Word
 * and PDF documents show the ※ marks.
 */
export function markedCells(cells: MarkedCells | undefined): MarkedCells {
  const out: MarkedCells = {};
  for (const t of ['table2', 'table3', 'table4'] as const) {
    const kept = Object.entries(cells?.[t] ?? {}).filter(([, c]) => c.source !== 'records');
    if (kept.length) out[t] = Object.fromEntries(kept);
  }
  return out;
}

export function parseJson<T>(text: string | null | undefined, fallback: T): T {
  if (!text) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

export function scopeOf(report: Pick<AnnualReportRow, 'scope' | 'agencyId'>): number[] {
  const s = parseJson<ReportScopeSetting>(report.scope, { kind: 'own' });
  return s.kind === 'rollup' && s.agencyIds.length ? [...new Set(s.agencyIds)] : [report.agencyId];
}

export function contactOf(a: AgencyRow): National2021ReportData['contact'] {
  return {
    office: a.officeName,
    address: a.officeAddress,
    postcode: a.officePostcode,
    phone: a.officePhone,
    email: a.officeEmail,
  };
}

/** Sums the staff figures of the included agencies' reports for the year (roll-up). */
export async function rollupFigures(db: Executor, agencyIds: readonly number[], year: number): Promise<StaffFigures> {
  if (agencyIds.length === 0) return {};
  const rows = await db
    .selectFrom('annualReports')
    .select(['agencyId', 'figures'])
    .where('agencyId', 'in', [...agencyIds])
    .where('year', '=', year)
    .execute();
  const out: Record<string, { value: number; note: string; n: number }> = {};
  for (const r of rows) {
    for (const [k, f] of Object.entries(parseJson<StaffFigures>(r.figures, {}))) {
      if (!f || !Number.isFinite(f.value)) continue;
      const cur = out[k] ?? { value: 0, note: '', n: 0 };
      cur.value += f.value;
      cur.n += 1;
      out[k] = cur;
    }
  }
  // The note says how many of the agencies rolled up entered the figure: the others count as 0.
  const all = new Set(agencyIds).size;
  const figures: StaffFigures = {};
  for (const [k, v] of Object.entries(out))
    figures[k] = {
      value: Math.round(v.value * 10000) / 10000,
      note:
        v.n < all
          ? `汇总范围内 ${v.n} 个机构填报数之和，其余 ${all - v.n} 个机构未填报，按 0 计`
          : `汇总范围内 ${v.n} 个机构填报数之和`,
    };
  return figures;
}

/** The previous year's 结转下年度继续办理 row: from its frozen published data, if any (rule 22). */
export async function previousCarriedForward(
  db: Executor,
  agencyId: number,
  year: number,
): Promise<Table3Row | undefined> {
  const prev = await db
    .selectFrom('annualReports')
    .select(['publishedData', 'extracted'])
    .where('agencyId', '=', agencyId)
    .where('year', '=', year - 1)
    .executeTakeFirst();
  if (!prev) return undefined;
  const published = parseJson<{ table3?: { carriedForward?: Table3Row } } | null>(prev.publishedData, null);
  const row =
    published?.table3?.carriedForward ??
    parseJson<{ table3CarriedForward?: Table3Row }>(prev.extracted, {}).table3CarriedForward;
  if (!row) return undefined;
  return TABLE3_COLUMN_KEYS.every((k) => typeof row[k] === 'number') ? row : undefined;
}

/** What a report is computed from, whatever its format. */
export interface ReportInput {
  agency: AgencyRow;
  year: number;
  /** The agencies whose records are counted (the agency, or a roll-up's). */
  agencyIds: readonly number[];
  figures: StaffFigures;
  narratives: National2021ReportData['narratives'];
  /** The admin link under which each cell's records are listed ('' for none). */
  drillBase: string;
}

export async function computeReport(db: Executor, input: ReportInput): Promise<ComputedReport> {
  const scope = { agencyIds: [...input.agencyIds], year: input.year };
  const [t2, t3, t4, fees] = [
    await table2Query(db, scope, input.figures, input.drillBase),
    await table3Query(db, scope, input.drillBase),
    await table4Query(db, scope, input.drillBase),
    await feesQuery(db, scope),
  ];
  const rollup = input.agencyIds.length !== 1 || input.agencyIds[0] !== input.agency.id;
  const prev = rollup ? undefined : await previousCarriedForward(db, input.agency.id, input.year);
  const data: National2021ReportData = {
    format: 'national2021',
    year: input.year,
    agency: { name: input.agency.name, kind: input.agency.kind },
    contact: contactOf(input.agency),
    narratives: input.narratives,
    table2: t2.values,
    table3: t3.values,
    table4: t4.values,
    ...(prev ? { previousYearCarriedForward: prev } : {}),
  };
  return {
    data,
    fees: fees.values,
    cells: { table2: t2.cells, table3: t3.cells, table4: t4.cells, fees: fees.cells },
    agencyIds: [...input.agencyIds],
  };
}
