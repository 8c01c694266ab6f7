// Excel 97–2003 (.xls, BIFF in an OLE2 file) for the personal-data guard (issue #18 point 2). No
// maintained npm library reads BIFF (the SheetJS build on the npm registry is years old and has
// open advisories), so the file is converted to .xlsx by LibreOffice headless — `soffice
// --convert-to xlsx`, Debian's libreoffice-calc — with a time limit, in a private folder with its
// own LibreOffice profile (conversions may run side by side). Without LibreOffice, or when the
// conversion fails or takes too long, the file is "not scanned" — never clean.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const XLS_TIME_LIMIT_MS = 90_000;

let sofficeHere: boolean | undefined;

/** Whether LibreOffice's soffice can be started here. */
export function sofficeAvailable(): boolean {
  sofficeHere ??= spawnSync('soffice', ['--version'], { encoding: 'utf8', timeout: 30_000 }).status === 0;
  return sofficeHere;
}

/** Runs a command in its own process group; the whole group is killed at the time limit. */
function runGroup(cmd: string, args: string[], timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: 'ignore', detached: true });
    const timer = setTimeout(() => {
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }, timeoutMs);
    child.on('error', () => {
      clearTimeout(timer);
      resolve(false);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve(code === 0);
    });
  });
}

export type XlsConversion = { ok: true; xlsx: Buffer } | { ok: false; note: string };

/** The .xlsx LibreOffice makes of an .xls, or why there is none (the note says "未扫描"). */
export async function xlsToXlsx(xls: Buffer, timeoutMs = XLS_TIME_LIMIT_MS): Promise<XlsConversion> {
  if (!sofficeAvailable())
    return {
      ok: false,
      note: '未安装 LibreOffice（libreoffice-calc），.xls 表格未扫描，请人工检查或另存为 .xlsx 后上传',
    };
  const dir = await mkdtemp(join(tmpdir(), 'gk-xls-'));
  try {
    await writeFile(join(dir, 'in.xls'), xls);
    const ok = await runGroup(
      'soffice',
      [
        `-env:UserInstallation=${pathToFileURL(join(dir, 'profile')).href}`,
        '--headless',
        '--norestore',
        '--nolockcheck',
        '--convert-to',
        'xlsx',
        '--outdir',
        join(dir, 'out'),
        join(dir, 'in.xls'),
      ],
      timeoutMs,
    );
    const xlsx = ok ? await readFile(join(dir, 'out', 'in.xlsx')).catch(() => null) : null;
    if (!xlsx?.length)
      return {
        ok: false,
        note: `.xls 表格无法转换读取（文件损坏或超过 ${Math.ceil(timeoutMs / 1000)} 秒的时限），未扫描，请人工检查`,
      };
    return { ok: true, xlsx };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
