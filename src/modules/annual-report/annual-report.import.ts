// Importing a past annual report (a year before Gongkai, or one published elsewhere): what its text
// states — totals and their parts, the table 三 rows for next year's carry-over check (rule 22), the
// contact fields and the checker's findings — stored beside the report.
import { ValidationError } from '../../platform/errors.ts';
import type { Trx } from '../../platform/transaction.ts';
import type { AgencyRow } from '../agency/index.ts';
import { recordEvent, type AuditContext } from '../../platform/audit.ts';
import { type Finding } from './checker/index.ts';
import { checkReportText } from './checker/text/check-report-text.ts';
import { extractContact, extractStatedTotals } from './checker/text/extract.ts';
import { htmlToText, looksLikeHtml } from './checker/text/html-to-text.ts';
import { readTable3 } from './checker/text/tables.ts';
import { NATIONAL_2019_FORMAT } from './format/national2019.ts';
import { NATIONAL_2021_FORMAT } from './format/national2021.ts';
import type { Table3Row } from './report-data.ts';
import { normaliseWidth } from './checker/plain-text.ts';
import { findReport, insertReport, updateReport } from './annual-report.repository.ts';
import { newReportValues } from './annual-report.tables.ts';

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
    id = await insertReport(trx, { ...newReportValues(agency.id, year, format, ctx.at), ...values });
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
