// Loads a report's data for display or export — frozen published data, or computed now from the
// records — and writes it in the requested output (HTML, DOCX, XLSX, PDF, JSON).
import { renderToString } from 'preact-render-to-string';
import type { Executor } from '../../platform/transaction.ts';
import type { AgencyRow } from '../agency/index.ts';
import { computeFor } from './annual-report.service.ts';
import { parseJson, scopeOf } from './annual-report.compute.ts';
import { ReportDocument, type BreakdownRow, type DocumentCells } from './annual-report.document.tsx';
import { YearChart, yearChart, type YearFigures } from './annual-report.chart.tsx';
import type { RenderedChart } from '../../platform/views/chart.tsx';
import { presentReportJson } from './annual-report.presenter.ts';
import { breakdownQuery } from './queries/breakdown.query.ts';
import type { AnnualReportRow } from './annual-report.repository.ts';
import { buildPdf } from './exports/pdf.ts';
import type { National2021ReportData } from './report-data.ts';
import type { FeesResult } from './queries/fees.query.ts';

export interface LoadedReport {
  agency: AgencyRow;
  report: AnnualReportRow;
  data: National2021ReportData;
  fees: FeesResult;
  /** Where each figure came from: all cells when computed now, the ※ cells when published. */
  cells?: DocumentCells;
  breakdown?: BreakdownRow[];
  rollupOf?: string[];
  frozen: boolean;
}

/** publishedData: the figures, and (since the ※ marks were kept) the marked cells. */
type Frozen = National2021ReportData & { fees: FeesResult; agencyIds: number[]; cells?: DocumentCells };

export function publishedWhere(agency: Pick<AgencyRow, 'name'>, siteName: string): string {
  return `${siteName}政府信息公开平台${agency.name}政府信息公开专栏“政府信息公开年报”栏目`;
}

async function breakdownFor(
  db: Executor,
  report: AnnualReportRow,
  agencyIds: readonly number[],
): Promise<{ rows: BreakdownRow[]; names: string[] }> {
  const agencies = await db
    .selectFrom('agencies')
    .select(['id', 'name'])
    .where('id', 'in', [...agencyIds])
    .execute();
  const names = new Map(agencies.map((a) => [a.id, a.name]));
  const rows = await breakdownQuery(
    db,
    { agencyIds: agencyIds.filter((id) => names.has(id)), year: report.year },
    names,
  );
  return { rows, names: rows.map((r) => r.agencyName) };
}

/** The report's data: frozen at publication, otherwise computed from the records now. */
export async function loadReport(db: Executor, agency: AgencyRow, report: AnnualReportRow): Promise<LoadedReport> {
  const agencyIds = scopeOf(report);
  const rollup = agencyIds.length !== 1 || agencyIds[0] !== agency.id;
  const extra = rollup ? await breakdownFor(db, report, agencyIds) : undefined;
  const base = { agency, report, frozen: false, ...(extra ? { breakdown: extra.rows, rollupOf: extra.names } : {}) };
  if (report.state === 'published' && report.publishedData) {
    const { fees, agencyIds: _ids, cells, ...data } = parseJson<Frozen>(report.publishedData, {} as Frozen);
    return { ...base, data, fees, ...(cells ? { cells } : {}), frozen: true };
  }
  const computed = await computeFor(db, report, agency);
  return { ...base, data: computed.data, fees: computed.fees, cells: computed.cells };
}

/** Main figures of every earlier published report of the agency that has them, and this one, as a chart. */
export async function yearHistory(
  db: Executor,
  agencyId: number,
  data: National2021ReportData,
): Promise<RenderedChart> {
  const rows = await db
    .selectFrom('annualReports')
    .select(['year', 'publishedData'])
    .where('agencyId', '=', agencyId)
    .where('state', '=', 'published')
    .where('year', '<', data.year)
    .orderBy('year')
    .execute();
  const out: YearFigures[] = [];
  for (const r of rows) {
    const d = parseJson<National2021ReportData | null>(r.publishedData, null);
    if (d?.table3 && d.table2) out.push(figuresOf(d));
  }
  out.push(figuresOf(data));
  return yearChart(out);
}

function figuresOf(d: National2021ReportData): YearFigures {
  return {
    year: d.year,
    newlyReceived: d.table3.newlyReceived.total,
    concluded: d.table3.total.total,
    normativeIssued: d.table2.normativeDocument.issued,
  };
}

export type OutputKind = 'html' | 'docx' | 'xlsx' | 'pdf' | 'json';

export const OUTPUT_CONTENT_TYPES: Record<OutputKind, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
  json: 'application/json; charset=utf-8',
  html: 'text/html; charset=utf-8',
};

export function outputKindOf(file: string): OutputKind | null {
  const m = /\.(html?|docx|xlsx|pdf|json)$/i.exec(file);
  if (!m) return null;
  const ext = (m[1] ?? '').toLowerCase();
  return ext === 'htm' ? 'html' : (ext as OutputKind);
}

const STANDALONE_CSS = `body{font-family:"Noto Sans CJK SC","Source Han Sans SC",sans-serif;max-width:60rem;margin:2rem auto;line-height:1.7;color:#111}
table{border-collapse:collapse;width:100%;margin:1rem 0;font-size:.9rem}th,td{border:1px solid #444;padding:.3rem .4rem;text-align:center}caption{font-weight:700;text-align:left;margin:.5rem 0}
@media print{@page{size:A4;margin:18mm 15mm}body{margin:0;font-size:11pt}}`;

export async function renderOutput(
  db: Executor,
  loaded: LoadedReport,
  kind: OutputKind,
  siteName: string,
): Promise<Buffer> {
  const where = publishedWhere(loaded.agency, siteName);
  const title = `${loaded.agency.name}${loaded.data.year}年政府信息公开工作年度报告`;
  switch (kind) {
    case 'json':
      return Buffer.from(
        `${JSON.stringify(presentReportJson({ data: loaded.data, fees: loaded.fees, slug: loaded.agency.slug, state: loaded.report.state, publishedAt: loaded.report.publishedAt, ...(loaded.rollupOf ? { rollupOf: loaded.rollupOf } : {}), ...(loaded.breakdown ? { breakdown: loaded.breakdown } : {}) }), null, 2)}\n`,
      );
    case 'xlsx':
      return (await import('./exports/xlsx.ts')).buildXlsx(loaded.data);
    case 'docx':
      return (await import('./exports/docx.ts')).buildDocx(loaded.data, loaded.fees, where, loaded.cells);
    case 'pdf':
      return buildPdf(loaded.data, loaded.fees, where, loaded.cells);
    case 'html': {
      const history = await yearHistory(db, loaded.agency.id, loaded.data);
      const body = renderToString(
        <main>
          <h1>{title}</h1>
          <ReportDocument
            data={loaded.data}
            fees={loaded.fees}
            publishedWhere={where}
            {...(loaded.cells ? { cells: loaded.cells } : {})}
            {...(loaded.breakdown ? { breakdown: loaded.breakdown } : {})}
          />
          <YearChart chart={history} />
        </main>,
      );
      return Buffer.from(
        `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>${title}</title><style>${STANDALONE_CSS}</style></head><body>${body}</body></html>\n`,
      );
    }
  }
}
