// `npx gongkai report check` on a folder or several files (#15 points 4 and 6): each file is checked
// on its own, then reports of the same agency in consecutive years are compared (二、上年结转 against
// the previous report's 四、结转下年度继续办理, rule 22), then a summary table is printed (file,
// agency, year, format, errors, warnings) or, with --json, one JSON object per file.

import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { isSameAgency } from '../agency-name.ts';
import { finding, hasErrors, withNumbers } from '../findings.ts';
import type { Finding } from '../findings.ts';
import { checkReportText } from './check-report-text.ts';
import type { CheckReportTextOptions, ReportCheckResult } from './check-report-text.ts';
import { readReportPath, REPORT_FILE } from './read-report.ts';

export interface CheckedFile {
  file: string;
  result: ReportCheckResult;
}

/** The report files named: files as given, folders walked (their .txt/.html/.htm/.docx files, sorted). */
export function collectReportFiles(paths: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (REPORT_FILE.test(name)) out.push(p);
    }
  };
  for (const p of paths) {
    const abs = resolve(p);
    if (statSync(abs).isDirectory()) walk(abs);
    else out.push(abs);
  }
  return out;
}

/** Rule 22 across files: this year's 上年结转 equals last year's 结转下年度 for the same agency. */
export function checkCarryOverAcrossFiles(files: readonly CheckedFile[]): void {
  for (const later of files) {
    const carriedOver = later.result.tables?.table3.carriedOver;
    const agency = later.result.agency?.name;
    if (!carriedOver || agency === undefined || later.result.year === null) continue;
    const earlier = files.find(
      (f) =>
        f !== later &&
        f.result.year === (later.result.year ?? 0) - 1 &&
        f.result.agency !== null &&
        isSameAgency(f.result.agency.name, agency) &&
        f.result.tables?.table3.carriedForward !== undefined,
    );
    const forward = earlier?.result.tables?.table3.carriedForward;
    if (!earlier || !forward || forward.total === carriedOver.total) continue;
    const f: Finding = withNumbers(
      finding(
        'carry-over-mismatch',
        'error',
        `表三“二、上年结转政府信息公开申请数量”为${carriedOver.total}件，而${earlier.result.year}年度报告（${basename(earlier.file)}）“四、结转下年度继续办理”为${forward.total}件。`,
        `上年结转 ${carriedOver.total} ≠ ${earlier.result.year}年结转下年度 ${forward.total}`,
        { table: 'table3', row: 'carriedOver' },
      ),
      [carriedOver.total, forward.total],
      'certain',
    );
    later.result.findings.push(f);
  }
}

/** Checks texts already read (plain text), each on its own, then across files (rule 22). */
export function checkTexts(
  entries: readonly { file: string; text: string }[],
  options: CheckReportTextOptions = {},
): CheckedFile[] {
  const files = entries.map(({ file, text }) => ({ file, result: checkReportText(text, options) }));
  checkCarryOverAcrossFiles(files);
  return files;
}

/** Reads the files (read-report.ts: text, HTML, Word) and checks them. */
export async function checkFiles(
  paths: readonly string[],
  options: CheckReportTextOptions = {},
): Promise<CheckedFile[]> {
  const entries = [];
  for (const file of paths) entries.push({ file, text: await readReportPath(file) });
  return checkTexts(entries, options);
}

export function fileJson(f: CheckedFile, base: string): object {
  return {
    file: relative(base, f.file) || basename(f.file),
    agency: f.result.agency?.name ?? null,
    year: f.result.year,
    format: f.result.format,
    findings: f.result.findings.map((x) => ({
      code: x.code,
      severity: x.severity,
      message: x.message,
      evidence: x.evidence,
      ...(x.numbers ? { numbers: x.numbers } : {}),
      ...(x.certainty ? { certainty: x.certainty } : {}),
      ...(x.location?.line !== undefined ? { line: x.location.line } : {}),
    })),
  };
}

const FORMAT_LABELS: Readonly<Record<string, string>> = {
  national2021: '2021格式',
  national2019: '2019格式',
  legacy2008: '旧版九部分',
  unknown: '未识别',
};

/** Display width: CJK characters count two columns. */
function width(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\uFFFF]/u.test(ch) ? 2 : 1;
  return w;
}
function pad(s: string, w: number): string {
  return s + ' '.repeat(Math.max(0, w - width(s)));
}

/** The summary table and, under it, each file's errors and warnings with their line. */
export function summaryText(files: readonly CheckedFile[], base: string): string {
  const head = ['文件', '机关', '年度', '结构', '错误', '警告'];
  const rows = files.map((f) => [
    relative(base, f.file) || basename(f.file),
    f.result.agency?.name ?? '（未识别）',
    f.result.year === null ? '—' : String(f.result.year),
    FORMAT_LABELS[f.result.format] ?? f.result.format,
    String(f.result.findings.filter((x) => x.severity === 'error').length),
    String(f.result.findings.filter((x) => x.severity === 'warning').length),
  ]);
  const widths = head.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ''))));
  const line = (r: readonly string[]) =>
    r
      .map((c, i) => pad(c, widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  const out = [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
  const errors = files.filter((f) => hasErrors(f.result.findings)).length;
  out.push('', `共${files.length}个文件，${errors}个有错误。`);
  for (const f of files) {
    if (f.result.findings.length === 0) continue;
    out.push('', `${relative(base, f.file) || basename(f.file)}：`);
    for (const x of f.result.findings) {
      const at = x.location?.line !== undefined ? `第${x.location.line}行 ` : '';
      out.push(
        `  ${x.severity === 'error' ? '错误' : '警告'} ${x.code} ${at}${x.message}${x.evidence ? `（${x.evidence}）` : ''}`,
      );
    }
  }
  return `${out.join('\n')}\n`;
}

/** Writes <dir>/<file name>.json for each file. */
export function writeJsonFiles(files: readonly CheckedFile[], base: string, dir: string): void {
  mkdirSync(dir, { recursive: true });
  for (const f of files) {
    const name = `${(relative(base, f.file) || basename(f.file)).replace(/[\\/]/g, '__')}.json`;
    writeFileSync(join(dir, name), `${JSON.stringify(fileJson(f, base), null, 2)}\n`);
  }
}
