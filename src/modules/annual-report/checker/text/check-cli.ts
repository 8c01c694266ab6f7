// `npx gongkai report check <file|folder>...` (#15 point 6): the checker of reports published
// elsewhere on the command line. src/cli.ts imports the checker's door (checker/index.ts) alone for
// `report check`, so the command loads the checker and nothing else of the application (no
// database, no web server, no page): the start-up is most of its time on 30 files
// (docs/PERFORMANCE.md).
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { reportExitCode } from './check-report-text.ts';
import { checkFiles, collectReportFiles, fileJson, summaryText, writeJsonFiles } from './check-files.ts';

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

/**
 * `report check <file|folder>...`: checks the texts of annual reports published elsewhere. Needs no
 * database and no configuration. One file: its JSON (as always). Several files or a folder: a
 * summary table (or, with --json, one JSON object per file; --json-dir writes one file each), and
 * reports of one agency in consecutive years are compared (上年结转 against 结转下年度).
 */
export async function reportCheckCommand(sub: string | undefined, rest: string[]): Promise<number> {
  const usage =
    '用法：npx gongkai report check <文件或文件夹>... [--year 年度] [--agency 机构名称] [--json] [--json-dir 目录]';
  const valued = new Set(['--year', '--agency', '--json-dir']);
  const paths: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i] ?? '';
    if (valued.has(a)) i++;
    else if (!a.startsWith('--')) paths.push(a);
  }
  if (sub !== 'check' || paths.length === 0) fail(usage);
  const yearText = option(rest, 'year');
  const year = yearText === undefined ? undefined : Number(yearText);
  if (year !== undefined && !(Number.isInteger(year) && year >= 2008 && year <= 9999))
    fail(`年度“${yearText ?? ''}”不正确，应为 2008 年以后的四位年份。`);
  const agencyName = option(rest, 'agency');
  if (agencyName !== undefined && agencyName.trim() === '') fail('--agency 后应跟机构名称。');
  const jsonDir = option(rest, 'json-dir');
  if (rest.includes('--json-dir') && (jsonDir === undefined || jsonDir.startsWith('--')))
    fail('--json-dir 后应跟目录。');
  for (const p of paths) if (!existsSync(resolve(p))) fail(`找不到文件 ${resolve(p)}。`);
  let files: string[];
  try {
    files = collectReportFiles(paths);
  } catch (err) {
    fail(`无法读取：${err instanceof Error ? err.message : String(err)}`);
  }
  if (files.length === 0) fail(`${paths.join('、')} 中没有 .txt、.html、.htm 或 .docx 文件。`);
  const options = {
    ...(year !== undefined ? { year } : {}),
    ...(agencyName !== undefined ? { agencyName: agencyName.trim() } : {}),
  };
  let checked: Awaited<ReturnType<typeof checkFiles>>;
  try {
    checked = await checkFiles(files, options);
  } catch (err) {
    fail(`无法读取：${err instanceof Error ? err.message : String(err)}`);
  }
  const base = process.cwd();
  const single = files.length === 1 && paths.length === 1 && !statSync(resolve(paths[0] ?? '')).isDirectory();
  if (jsonDir !== undefined) writeJsonFiles(checked, base, resolve(jsonDir));
  if (single && !rest.includes('--json') && jsonDir === undefined) {
    const [only] = checked;
    const result = only?.result;
    const output = {
      agency: result?.agency?.name ?? null,
      year: result?.year ?? null,
      format: result?.format ?? 'unknown',
      findings: (result?.findings ?? []).map(({ code, severity, message, evidence }) => ({
        code,
        severity,
        message,
        evidence,
      })),
    };
    process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
  } else if (rest.includes('--json')) {
    process.stdout.write(
      `${JSON.stringify(
        checked.map((f) => fileJson(f, base)),
        null,
        2,
      )}\n`,
    );
  } else {
    process.stdout.write(summaryText(checked, base));
  }
  return checked.some((f) => reportExitCode(f.result) === 1) ? 1 : 0;
}
