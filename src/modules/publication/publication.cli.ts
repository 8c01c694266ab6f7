// `npx gongkai import publications <file.csv|xlsx|jsonl|json> --agency <slug>` (publication.import-cli.ts) and
// `npx gongkai export publications --agency <slug> --out <file.csv|xlsx|jsonl|json>`.
import { resolve } from 'node:path';
import type { Clock } from '../../platform/clock.ts';
import type { AppDeps } from '../../platform/http/types.ts';
import { findAgencyBySlug } from '../agency/index.ts';
import { EXPORT_PAGE, exportRows } from './publication.transfer.ts';
import { countPublished } from './publication.repository.ts';
import { importCommand } from './publication.import-cli.ts';
import { fileStore } from '../../platform/storage/file-store.ts';
import { continueRun, openFindingsByAgency, publishedWithFindings, startOrResumeRun } from './privacy-retro.ts';
import { checkExportTarget, TransferFileError, writeTransferFile } from './publication.transfer-file.ts';

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

/** A progress bar on stderr (redrawn in place on a terminal, every 10 % otherwise). */
function progressBar(label: string) {
  let lastShown = -1;
  return (done: number, total: number) => {
    const pct = Math.floor((done / Math.max(1, total)) * 100);
    if (process.stderr.isTTY) {
      const width = 30;
      const filled = Math.round((pct / 100) * width);
      process.stderr.write(`\r${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} ${pct}%`);
      if (done === total) process.stderr.write('\n');
    } else if (Math.floor(pct / 10) !== Math.floor(lastShown / 10) || done === total) {
      process.stderr.write(`${label} ${done}/${total}（${pct}%）\n`);
    }
    lastShown = pct;
  };
}

export const PUBLICATION_CLI_USAGE = `  import publications <文件.csv|.xlsx|.jsonl|.json> --agency <网址标识> [--batch 1000] [--report <问题报告.csv>] [--workers N]
                                   导入并发布主动公开信息：逐行校验，有问题的行写入问题报告、其余照常导入；
                                   每批一个事务，中断（Ctrl+C）后再次运行同一命令会跳过已导入的行；
                                   各行的校验与检索文本由 N 个工作线程预先处理（默认为核数减一，0 为只用主线程）
  export publications --agency <网址标识> --out <文件.csv|.xlsx|.jsonl|.json>
                                   导出本机关已发布的信息（与导入格式相同）`;

export async function publicationTransferCommand(
  deps: AppDeps,
  cmd: 'import' | 'export',
  args: string[],
  clock: Clock,
): Promise<number> {
  const [what, ...rest] = args;
  const slug = option(rest, 'agency');
  const file = cmd === 'import' ? rest[0] : option(rest, 'out');
  if (what !== 'publications' || !slug || !file || file.startsWith('--')) {
    console.error(`用法：\n${PUBLICATION_CLI_USAGE}`);
    return 2;
  }
  const agency = await findAgencyBySlug(deps.database.db, slug);
  if (!agency) {
    console.error(`找不到网址标识为 ${slug} 的机构。`);
    return 2;
  }
  if (cmd === 'import')
    return importCommand(
      deps,
      agency,
      file,
      { batch: option(rest, 'batch'), report: option(rest, 'report'), workers: option(rest, 'workers') },
      clock,
    );
  try {
    const out = resolve(file);
    const total = await countPublished(deps.database.db, agency.id);
    checkExportTarget(out, total);
    const bar = progressBar('导出');
    const written = await writeTransferFile(out, exportRows(deps.database.db, agency.id), (k) => {
      if (k % EXPORT_PAGE === 0 || k === total) bar(k, total);
    });
    console.log(`已导出 ${agency.name} 的 ${written} 条已发布信息到 ${out}。`);
    return 0;
  } catch (err) {
    if (err instanceof TransferFileError) {
      console.error(err.message);
      return 1;
    }
    throw err;
  }
}

export const PRIVACY_CLI_USAGE = `  privacy scan [--agency <网址标识>] [--since YYYY-MM-DD]
                                   扫描已发布信息及其附件中的个人信息（中断后再次运行会接着扫描）`;

/** `npx gongkai privacy scan [--agency SLUG] [--since DATE]`: the retroactive scan, resumable. */
export async function privacyScanCommand(deps: AppDeps, args: string[], clock: Clock): Promise<number> {
  const slug = option(args, 'agency');
  const since = option(args, 'since') ?? null;
  if (since !== null && !/^\d{4}-\d{2}-\d{2}$/u.test(since)) {
    console.error('--since 应为日期 YYYY-MM-DD。');
    return 2;
  }
  const agency = slug ? await findAgencyBySlug(deps.database.db, slug) : undefined;
  if (slug && !agency) {
    console.error(`没有网址标识为“${slug}”的机关。`);
    return 2;
  }
  const at = () => clock.now().toISOString();
  const db = deps.database.db;
  const store = fileStore(deps.config.dataDir);
  const runId = await startOrResumeRun(db, { agencyId: agency?.id ?? null, since }, null, at());
  const bar = progressBar('扫描已发布信息');
  for (;;) {
    const finished = await continueRun(db, store, runId, at, 50);
    const run = await db.selectFrom('privacyScanRuns').selectAll().where('id', '=', runId).executeTakeFirstOrThrow();
    bar(run.done, run.total);
    if (finished) break;
  }
  const scopeIds = agency
    ? (await db.selectFrom('agencies').select('id').where('path', 'like', `${agency.path}%`).execute()).map((a) => a.id)
    : (await db.selectFrom('agencies').select('id').execute()).map((a) => a.id);
  const table = await openFindingsByAgency(db, scopeIds);
  if (table.length === 0)
    console.log(
      '已发布信息中未发现待处理的个人信息（图片和扫描页由后台文字识别处理，结果见管理后台“已发布信息个人信息扫描” /admin/privacy）。',
    );
  for (const r of table) console.log(`${r.agencyName}：${r.publications} 条信息，${r.open} 处个人信息`);
  for (const p of await publishedWithFindings(db, scopeIds))
    console.log(`  /admin/publications/${p.id}  ${p.title}（${p.open} 处：${p.kinds}）`);
  return 0;
}
