// A transfer file read and parsed on a thread of its own (issue #16 point 3): the bulk import's main
// thread is its only SQLite writer and the bound of its wall time, and reading and parsing the CSV
// took ~60 ms of its CPU a batch of 1,000 bench rows (docs/PERFORMANCE.md "Embedded bulk import: the
// commit path"). Here a thread runs openTransferRows (publication.transfer-stream.ts) and sends the
// rows in chunks, one chunk ahead of what the import has taken; the main thread only receives them
// (a structured clone, ~6 ms a batch). Same rows, same row numbers, same TransferFileError messages
// as openTransferRows in the main thread, which is still used for a `.json` array (read whole) and
// for small files (a thread's start, ~1 s of CPU through tsx, is not worth it there).
import { extname } from 'node:path';
import { startThreadPool, type ThreadPool } from '../../platform/thread-pool.ts';
import { TransferFileError, type NumberedRow } from './publication.transfer-file.ts';
import { openTransferRows, transferFileInfo, type TransferRows } from './publication.transfer-stream.ts';

/** Rows a chunk sends across (~5 MB of the bench corpus). */
export const READ_CHUNK_ROWS = 1000;

/** Files from this size on are read on a thread (from the transfer streams' own code otherwise). */
export const READ_THREAD_BYTES = 32 * 1024 * 1024;

/** A chunk of rows, the bytes read so far, and whether the file ended (or why it could not be read). */
interface Chunk {
  rows: NumberedRow[];
  bytesRead: number;
  done: boolean;
  problem?: string;
}

/** The thread's task: each input asks for the next chunk of the file given at the start. */
export function createTask(init: { path: string; chunkRows: number }) {
  const source = openTransferRows(init.path);
  const it = source.rows[Symbol.asyncIterator]();
  return async (): Promise<Chunk> => {
    const rows: NumberedRow[] = [];
    try {
      while (rows.length < init.chunkRows) {
        const r = await it.next();
        if (r.done) return { rows, bytesRead: source.bytesRead(), done: true };
        rows.push(r.value);
      }
    } catch (err) {
      if (!(err instanceof TransferFileError)) throw err;
      return { rows, bytesRead: source.bytesRead(), done: true, problem: err.message };
    }
    return { rows, bytesRead: source.bytesRead(), done: false };
  };
}

/**
 * Opens a transfer file as openTransferRows does, read on a thread of its own when it is a streamed
 * file of READ_THREAD_BYTES or more (or `thread` says so). Errors about the file itself (opening it,
 * its extension) are thrown here, as openTransferRows throws them; if the thread cannot start, the
 * file is read in this thread and `onNotice` is told.
 */
export function openTransferRowsAside(
  path: string,
  o: { thread?: boolean; onNotice?: (message: string) => void; chunkRows?: number } = {},
): TransferRows {
  const { unit, size } = transferFileInfo(path);
  if (!(o.thread ?? size >= READ_THREAD_BYTES) || extname(path).toLowerCase() === '.json')
    return openTransferRows(path);
  let bytesRead = () => 0;
  const chunkRows = Math.max(1, o.chunkRows ?? READ_CHUNK_ROWS);
  async function* rows(): AsyncGenerator<NumberedRow> {
    let pool: ThreadPool<null, Chunk> | null = null;
    try {
      pool = await startThreadPool<null, Chunk>(
        new URL('./publication.transfer-reader.ts', import.meta.url).href,
        { path, chunkRows },
        1,
      );
    } catch (err) {
      o.onNotice?.(
        `无法启动读取文件的线程，改在主线程中读取（${err instanceof Error ? err.message.split('\n')[0] : String(err)}）。`,
      );
      const here = openTransferRows(path);
      bytesRead = here.bytesRead;
      yield* here.rows;
      return;
    }
    const p = pool;
    const ask = () => p.run([null]).then(([c]) => c as Chunk);
    let next: Promise<Chunk> | null = ask();
    try {
      while (next) {
        const chunk: Chunk = await next;
        // The next chunk is read and parsed there while these rows are taken here.
        next = chunk.done ? null : ask();
        const read = chunk.bytesRead;
        bytesRead = () => read;
        yield* chunk.rows;
        if (chunk.problem !== undefined) throw new TransferFileError(chunk.problem);
      }
    } finally {
      // Stopped early (the import's end, an error): the chunk asked for is not wanted.
      next?.catch(() => {});
      await p.close();
    }
  }
  return { unit, size, bytesRead: () => bytesRead(), rows: rows() };
}
