// The machine-readable report (JSON, stable schema "gongkai.annualReport/1", documented in
// docs/openapi): the same data as the tables, with labels from the format definition.
import {
  NATIONAL_2021_FORMAT,
  TABLE3_COLUMN_KEYS,
  TABLE4_GROUP_KEYS,
  TABLE4_OUTCOME_KEYS,
} from './format/national2021.ts';
import type { National2021ReportData } from './report-data.ts';
import type { FeesResult } from './queries/fees.query.ts';
import type { BreakdownRow } from './annual-report.document.tsx';
import type { ComputedReport } from './annual-report.compute.ts';

export const REPORT_JSON_SCHEMA = 'gongkai.annualReport/1';

export interface ReportJson {
  schema: typeof REPORT_JSON_SCHEMA;
  agency: { name: string; kind: string; slug: string };
  year: number;
  format: 'national2021';
  state: string;
  publishedAt: string | null;
  contact: National2021ReportData['contact'];
  narratives: National2021ReportData['narratives'];
  table2: { row: string; label: string; values: Record<string, number> }[];
  table3: { row: string; label: string; path: readonly string[]; values: Record<string, number> }[];
  table3Columns: { key: string; label: string }[];
  table4: { group: string; values: Record<string, number> }[];
  fees: FeesResult;
  rollupOf: string[] | null;
  breakdown: BreakdownRow[] | null;
}

export function presentReportJson(p: {
  data: National2021ReportData;
  fees: FeesResult;
  slug: string;
  state: string;
  publishedAt: string | null;
  rollupOf?: string[];
  breakdown?: BreakdownRow[];
}): ReportJson {
  const { data } = p;
  const t2 = data.table2 as unknown as Record<string, Record<string, number>>;
  return {
    schema: REPORT_JSON_SCHEMA,
    agency: { name: data.agency.name, kind: data.agency.kind, slug: p.slug },
    year: data.year,
    format: 'national2021',
    state: p.state,
    publishedAt: p.publishedAt,
    contact: data.contact,
    narratives: data.narratives,
    table2: NATIONAL_2021_FORMAT.table2.subTables.flatMap((st) =>
      st.rows.map((r) => ({ row: r.key, label: r.label, values: { ...(t2[r.key] ?? {}) } })),
    ),
    table3: NATIONAL_2021_FORMAT.table3.rows.map((r) => ({
      row: r.key,
      label: r.label,
      path: r.path,
      values: Object.fromEntries(TABLE3_COLUMN_KEYS.map((k) => [k, data.table3[r.key as keyof typeof data.table3][k]])),
    })),
    table3Columns: NATIONAL_2021_FORMAT.table3.columns.map((c) => ({ key: c.key, label: c.label })),
    table4: TABLE4_GROUP_KEYS.map((g) => ({
      group: g,
      values: Object.fromEntries(TABLE4_OUTCOME_KEYS.map((o) => [o, data.table4[g][o]])),
    })),
    fees: p.fees,
    rollupOf: p.rollupOf ?? null,
    breakdown: p.breakdown ?? null,
  };
}

/** The main figures of one agency for the roll-up appendix. */
export function breakdownRow(agencyName: string, c: Pick<ComputedReport, 'data'>): BreakdownRow {
  const d = c.data;
  const t4 = d.table4;
  return {
    agencyName,
    newlyReceived: d.table3.newlyReceived.total,
    carriedOver: d.table3.carriedOver.total,
    concluded: d.table3.total.total,
    carriedForward: d.table3.carriedForward.total,
    normativeIssued: d.table2.normativeDocument.issued,
    reconsiderations: t4.reconsideration.total,
    lawsuits: t4.lawsuitDirect.total + t4.lawsuitAfterReconsideration.total,
  };
}
