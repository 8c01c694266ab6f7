// `npx gongkai report build|import`: the annual report outside the web server.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Clock } from '../../platform/clock.ts';
import { ValidationError } from '../../platform/errors.ts';
import { inTransaction, type Db } from '../../platform/transaction.ts';
import { findAgencyBySlug, findRootAgency, type AgencyRow } from '../agency/index.ts';
import type { AuditContext } from '../../platform/audit.ts';
import { loadReport, outputKindOf, publishedWhere, renderOutput, type OutputKind } from './annual-report.build.tsx';
import { parseJson, scopeOf } from './annual-report.compute.ts';
import { computeLegacyReport } from './annual-report.legacy.ts';
import { LEGACY_XLSX_REFUSED, legacyDocx, legacyHtml, legacyJson, legacyPdf } from './annual-report.legacy-output.tsx';
import type { StaffFigures } from './queries/types.ts';
import { findReport, type AnnualReportRow } from './annual-report.repository.ts';
import { importReport } from './annual-report.import.ts';
import { newReportValues } from './annual-report.tables.ts';
import { type Narratives } from './annual-report.service.ts';
import { MissingFontError } from './exports/pdf.ts';
import { decodeText, UNDECODABLE_TEXT } from '../../platform/text-encoding.ts';

export class CliUsageError extends Error {}

function option(args: readonly string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

function yearOption(args: readonly string[]): number {
  const text = option(args, 'year');
  const year = Number(text);
  if (!text || !Number.isInteger(year) || year < 2008 || year > 9999)
    throw new CliUsageError(`年度“${text ?? ''}”不正确，应为 2008 年以后的四位年份（--year 2025）。`);
  return year;
}

async function agencyOption(db: Db, args: readonly string[]) {
  const slug = option(args, 'agency');
  if (!slug) throw new CliUsageError('请用 --agency <网址标识> 指定机构，例如 --agency lingxi。');
  const agency = await findAgencyBySlug(db, slug);
  if (!agency) throw new CliUsageError(`找不到网址标识为 ${slug} 的机构。`);
  return agency;
}

/** `report build --agency <slug> --year Y [--format national2021|legacy2008] --out <file>`. */
export async function reportBuildCommand(db: Db, args: readonly string[], clock: Clock): Promise<string> {
  const agency = await agencyOption(db, args);
  const year = yearOption(args);
  const format = option(args, 'format') ?? 'national2021';
  if (format !== 'national2021' && format !== 'legacy2008')
    throw new CliUsageError(
      `格式“${format}”无法由系统生成：可选 national2021（国办公开办函〔2021〕30号格式，2021年度及以后）或 legacy2008（旧版九部分结构）。`,
    );
  if (format === 'national2021' && year < 2021)
    throw new CliUsageError(
      '系统生成的年度报告采用2021年格式，年度应为2021年及以后（更早的年度可用 --format legacy2008）。',
    );
  const out = option(args, 'out');
  if (!out) throw new CliUsageError('请用 --out <文件.html|.docx|.xlsx|.pdf|.json> 指定输出文件。');
  const kind = outputKindOf(out);
  if (!kind) throw new CliUsageError('输出文件的扩展名应为 .html、.docx、.xlsx、.pdf 或 .json。');
  if (format === 'legacy2008') return legacyBuild(db, agency, year, kind, out);
  const now = clock.now().toISOString();
  const stored = await findReport(db, agency.id, year);
  // Without a stored report the tables are still computed from the records (no narrative yet).
  const report: AnnualReportRow = stored ?? { id: 0, ...newReportValues(agency.id, year, 'national2021', now) };
  if (report.state === 'imported')
    throw new CliUsageError(`${agency.name}${year}年度的报告是导入的往年报告原文，没有系统数据可生成。`);
  const loaded = await loadReport(db, agency, report);
  const root = await findRootAgency(db);
  let buf: Buffer;
  try {
    buf = await renderOutput(db, loaded, kind, root?.name ?? '');
  } catch (err) {
    if (err instanceof MissingFontError) throw new CliUsageError(err.message);
    throw err;
  }
  const path = resolve(out);
  writeFileSync(path, buf);
  return `已生成 ${path}（${agency.name}${year}年度，${loaded.frozen ? '已发布版本' : '按当前记录计算'}）。`;
}

/**
 * `report build --format legacy2008`: computed from the records now, never stored. A stored
 * legacy2008 report of the year lends its narratives and staff-entered figures; an imported
 * original of the year (the demo's 灵溪镇 2013) stays as it is.
 */
async function legacyBuild(db: Db, agency: AgencyRow, year: number, kind: OutputKind, out: string): Promise<string> {
  if (kind === 'xlsx') throw new CliUsageError(LEGACY_XLSX_REFUSED);
  const stored = await findReport(db, agency.id, year);
  const own = stored && stored.format === 'legacy2008' && stored.state !== 'imported' ? stored : undefined;
  const root = await findRootAgency(db);
  const data = await computeLegacyReport(db, {
    agency,
    year,
    agencyIds: own ? scopeOf(own) : [agency.id],
    figures: parseJson<StaffFigures>(own?.figures, {}),
    narratives: parseJson<Narratives>(own?.narratives, {}),
    publishedWhere: publishedWhere(agency, root?.name ?? ''),
    drillBase: own ? `/admin/annual-reports/${own.id}/cell` : '',
  });
  let buf: Buffer;
  try {
    buf =
      kind === 'json'
        ? legacyJson(data, { slug: agency.slug, state: own?.state ?? 'draft' })
        : kind === 'html'
          ? legacyHtml(data)
          : kind === 'docx'
            ? await legacyDocx(data)
            : await legacyPdf(data);
  } catch (err) {
    if (err instanceof MissingFontError) throw new CliUsageError(err.message);
    throw err;
  }
  const path = resolve(out);
  writeFileSync(path, buf);
  const kept = stored?.state === 'imported' ? '；该年度已导入的报告原文不受影响' : '';
  return `已生成 ${path}（${agency.name}${year}年度，旧版九部分结构，按当前记录计算${kept}）。`;
}

/** `report import <file> --agency <slug> --year Y`. */
export async function reportImportCommand(db: Db, args: readonly string[], ctx: AuditContext): Promise<string> {
  const file = args[0];
  if (!file || file.startsWith('--'))
    throw new CliUsageError('用法：npx gongkai report import <文件.txt|.html> --agency <网址标识> --year <年度>');
  const path = resolve(file);
  if (!existsSync(path)) throw new CliUsageError(`找不到文件 ${path}。`);
  const agency = await agencyOption(db, args);
  const year = yearOption(args);
  // A past report saved as text or a web page: UTF-8 or GBK (platform/text-encoding.ts).
  const text = decodeText(readFileSync(path));
  if (text === null) throw new CliUsageError(`${path} ${UNDECODABLE_TEXT}`);
  try {
    const r = await inTransaction(db, (trx) => importReport(trx, ctx, agency, year, text));
    const errors = r.figures.findings.filter((f) => f.severity === 'error').length;
    return `已导入 ${agency.name}${year}年度报告（编号 ${r.id}，格式 ${r.figures.format}）：提取数字 ${r.figures.statedTotals.length} 组，检查发现 ${errors} 个错误、${r.figures.findings.length - errors} 个提示。`;
  } catch (err) {
    if (err instanceof ValidationError)
      throw new CliUsageError(Object.values(err.fields ?? {}).join(' ') || err.message);
    throw err;
  }
}
