// `npx gongkai import publications <file> --agency <slug> [--batch N] [--report <file>] [--workers N]`: the bulk
// import (publication.bulk-import.ts) as an operator runs it — a progress bar on a terminal (rows
// per second, per cent of the file read, time left), a plain progress line every 10 s otherwise;
// bad rows written to a report file (行号, 列, 问题) while the good rows go in; Ctrl+C (SIGINT)
// stops after the batch being written is committed and tells how to carry on.
import { createWriteStream, type WriteStream } from 'node:fs';
import { basename, resolve } from 'node:path';
import { systemContext } from '../../bootstrap.ts';
import type { Clock } from '../../platform/clock.ts';
import type { AppDeps } from '../../platform/http/types.ts';
import { csvField } from '../../platform/spreadsheet/formula-injection.ts';
import { bulkImport, defaultWorkers, type BulkImportStats } from './publication.bulk-import.ts';
import { syncWalFile } from './publication.bulk-import-write.ts';
import { TransferFileError } from './publication.transfer-file.ts';
import { openTransferRowsAside } from './publication.transfer-reader.ts';
import { problemLine, type RowProblem } from './publication.transfer.ts';

const n = (x: number) => x.toLocaleString('en-US');

function duration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '—';
  const s = Math.round(seconds);
  if (s < 60) return `${s} 秒`;
  if (s < 3600) return `${Math.floor(s / 60)} 分 ${s % 60} 秒`;
  return `${Math.floor(s / 3600)} 小时 ${Math.floor((s % 3600) / 60)} 分`;
}

/** The span of the file's recent progress that the remaining time is projected from, in ms. */
export const ETA_WINDOW_MS = 60_000;

/**
 * The remaining time of an import, in seconds, from the share of the file read over the last
 * ETA_WINDOW_MS (or since the start, if sooner): a second run skips the rows already in many times
 * faster than it imports the rest, so the pace of the whole run so far promised minutes that were
 * not there (at 73 % of a 1,000,000-row file after 502,000 skipped rows: 「剩余约 1 分 30 秒」 with
 * ~5 minutes left). `samples` are [ms, share] in time order, the newest last.
 */
export function remainingSeconds(samples: readonly (readonly [number, number])[]): number {
  const last = samples[samples.length - 1];
  if (!last) return Number.NaN;
  const [now, share] = last;
  let i = 0;
  while (i < samples.length - 2 && now - samples[i + 1]![0] >= ETA_WINDOW_MS) i++;
  const [then, before] = samples[i]!;
  const pace = (share - before) / Math.max(0.001, (now - then) / 1000);
  return share >= 1 ? 0 : pace > 0 ? (1 - share) / pace : Number.NaN;
}

/**
 * Progress on stderr: redrawn in place on a terminal, a line every `everySeconds` otherwise. `unit`
 * is what the file holds: 行 (a CSV or XLSX row, a JSON Lines line) or 条 (an item of a `.json` list).
 */
export function importProgress(size: number, bytesRead: () => number, unit: '行' | '条', everySeconds = 10) {
  const started = Date.now();
  let lastLine = started;
  const tty = process.stderr.isTTY === true;
  const samples: [number, number][] = [[started, 0]];
  return (s: BulkImportStats, final = false) => {
    const now = Date.now();
    const secs = Math.max(0.001, (now - started) / 1000);
    const share = size > 0 ? Math.min(1, bytesRead() / size) : 1;
    samples.push([now, share]);
    while (samples.length > 2 && now - samples[1]![0] >= ETA_WINDOW_MS) samples.shift();
    const eta = remainingSeconds(samples);
    const rate = `${n(Math.round(s.read / secs))} ${unit}/秒`;
    const counts = `已导入 ${n(s.imported)}，跳过 ${n(s.skipped)}，有问题 ${n(s.bad)}`;
    if (tty) {
      const width = 24;
      const filled = Math.round(share * width);
      process.stderr.write(
        `\r导入 [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${Math.floor(share * 100)}% ${n(s.read)} ${unit} · ${rate} · 剩余约 ${duration(eta)} · ${counts}\u001b[K`,
      );
      if (final) process.stderr.write('\n');
    } else if (final || now - lastLine >= everySeconds * 1000) {
      lastLine = now;
      process.stderr.write(
        `导入：已读 ${n(s.read)} ${unit}（文件的 ${Math.floor(share * 100)}%），${counts}；${rate}；${final ? `用时 ${duration(secs)}` : `剩余约 ${duration(eta)}`}\n`,
      );
    }
  };
}

/** The report of bad rows: a CSV (行号, 列, 问题) opened on the first problem. */
function problemReport(path: string, unit: '行' | '条') {
  let out: WriteStream | null = null;
  let shown = 0;
  return {
    add(p: RowProblem) {
      if (!out) {
        out = createWriteStream(path);
        out.write(`\uFEFF${[`${unit}号`, '列', '问题'].map(csvField).join(',')}\r\n`);
      }
      out.write(`${[String(p.row), p.column, p.message].map(csvField).join(',')}\r\n`);
      // A line of its own: on a terminal the progress bar's line is cleared first and redrawn below.
      if (shown++ < 10) process.stderr.write(`${process.stderr.isTTY ? '\r\u001b[K' : ''}  ${problemLine(p, unit)}\n`);
    },
    async close(): Promise<boolean> {
      const o = out as WriteStream | null;
      if (!o) return false;
      await new Promise<void>((done) => o.end(done));
      return true;
    },
  };
}

export async function importCommand(
  deps: AppDeps,
  agency: { id: number; name: string; slug: string },
  file: string,
  options: { batch?: string; report?: string; workers?: string },
  clock: Clock,
): Promise<number> {
  const batchSize = options.batch === undefined ? 1000 : Number(options.batch);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 100_000) {
    console.error('--batch 应为 1 到 100000 之间的整数（每个事务写入的行数）。');
    return 2;
  }
  const workers = options.workers === undefined ? defaultWorkers() : Number(options.workers);
  if (!Number.isInteger(workers) || workers < 0 || workers > 16) {
    console.error('--workers 应为 0 到 16 之间的整数（处理各行的工作线程数，0 为只用主线程）。');
    return 2;
  }
  const path = resolve(file);
  const reportPath = resolve(options.report ?? `${path}.问题.csv`);
  let stopping = false;
  const onSigint = () => {
    if (stopping) {
      // A second Ctrl+C: the open transaction is rolled back; the batches committed before it are
      // synced to the disk first (the import commits without waiting for the disk, bulkCache()).
      const file = deps.database.sqlite?.name;
      if (file && file !== ':memory:') syncWalFile(file);
      process.exit(130);
    }
    stopping = true;
    process.stderr.write('\n收到中断信号：写完当前这一批后停止（再按一次 Ctrl+C 立即退出，这一批不会写入）……\n');
  };
  process.on('SIGINT', onSigint);
  try {
    const notice = (m: string) => process.stderr.write(`${process.stderr.isTTY ? '\r\u001b[K' : ''}${m}\n`);
    // A large file read and parsed on a thread of its own (not with --workers 0): the main thread is
    // the import's writer.
    const source = openTransferRowsAside(path, { onNotice: notice, ...(workers === 0 ? { thread: false } : {}) });
    const report = problemReport(reportPath, source.unit);
    const show = importProgress(source.size, source.bytesRead, source.unit);
    const r = await bulkImport(
      deps.database.db,
      systemContext(clock),
      await deps.calendar.get(),
      agency.id,
      source.rows,
      {
        batchSize,
        workers,
        onNotice: notice,
        fileName: basename(path),
        onProblem: report.add,
        onBatch: (s) => show(s),
        shouldStop: () => stopping,
        fileShare: () => (source.size > 0 ? source.bytesRead() / source.size : 1),
      },
    );
    show(r, true);
    const reported = await report.close();
    const summary = `${agency.name}：本次导入并发布 ${n(r.imported)} 条，跳过已导入的 ${n(r.skipped)} 条，有问题未导入 ${n(r.bad)} 条。`;
    if (r.stopped) {
      console.log(`已中断。${summary}`);
      console.log(
        `已写入的批次都已提交。再次运行同一命令即可接着导入（已导入的${source.unit === '条' ? '条目' : '行'}按导入标识跳过）：\n  npx gongkai import publications ${file} --agency ${agency.slug}`,
      );
    } else console.log(summary);
    if (reported)
      console.log(`有问题的${source.unit === '条' ? '条目' : '行'}及原因见 ${reportPath}，改正后可再次导入同一文件。`);
    return r.stopped ? 130 : r.bad ? 1 : 0;
  } catch (err) {
    if (err instanceof TransferFileError) {
      console.error(`\n${err.message}`);
      return 1;
    }
    throw err;
  } finally {
    process.off('SIGINT', onSigint);
  }
}
