// A transfer file read on a thread of its own (publication.transfer-reader.ts) gives what the
// streaming readers give in the main thread: the same rows and row numbers for CSV, XLSX and JSON
// Lines, the same message for a file that cannot be read, all its bytes counted at the end; an
// import that stops early lets the thread go.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { openTransferRowsAside } from '../../src/modules/publication/publication.transfer-reader.ts';
import { TransferFileError, writeTransferFile } from '../../src/modules/publication/publication.transfer-file.ts';
import { openTransferRows, type TransferRows } from '../../src/modules/publication/publication.transfer-stream.ts';
import { importRow } from '../support/import-rows.ts';

const dir = mkdtempSync(join(tmpdir(), 'gk-transfer-reader-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const row = (i: number) => importRow(i, '读取', { subject: '线程', detail: '逐行', numbered: true });

/** Every row of a source, then its error's class and message (or null), and its bytes read. */
async function drain(source: TransferRows) {
  const rows: unknown[] = [];
  let error: string | null = null;
  try {
    for await (const r of source.rows) rows.push(r);
  } catch (err) {
    error = `${err instanceof TransferFileError ? 'TransferFileError' : 'Error'}: ${(err as Error).message}`;
  }
  return { rows, error, bytes: source.bytesRead(), size: source.size, unit: source.unit };
}

describe('a transfer file read on a thread of its own', () => {
  for (const ext of ['csv', 'xlsx', 'jsonl'] as const) {
    test(`${ext}: the same rows, row numbers and bytes as read in this thread`, async () => {
      const file = join(dir, `rows.${ext}`);
      const rows = Array.from({ length: 230 }, (_, i) => row(i + 1));
      if (ext === 'jsonl') writeFileSync(file, rows.map((r) => JSON.stringify(r)).join('\n'));
      else await writeTransferFile(file, rows);
      const here = await drain(openTransferRows(file));
      const aside = await drain(openTransferRowsAside(file, { thread: true, chunkRows: 64 }));
      assert.equal(here.rows.length, 230);
      assert.deepEqual(aside, here);
      assert.equal(aside.bytes, aside.size);
    });
  }

  test('a file that cannot be parsed: the rows before the fault, then the same TransferFileError', async () => {
    const file = join(dir, 'broken.csv');
    await writeTransferFile(
      file,
      Array.from({ length: 150 }, (_, i) => row(i + 1)),
    );
    // An unclosed quote at the end: the parser fails at the end of the file.
    writeFileSync(file, `${readFileSync(file, 'utf8')}"未闭合,`);
    const here = await drain(openTransferRows(file));
    const aside = await drain(openTransferRowsAside(file, { thread: true, chunkRows: 64 }));
    assert.match(here.error ?? '', /^TransferFileError: /);
    assert.deepEqual(aside, here);
    const empty = join(dir, 'empty.csv');
    writeFileSync(empty, '');
    const e1 = await drain(openTransferRows(empty));
    assert.deepEqual(await drain(openTransferRowsAside(empty, { thread: true })), e1);
    assert.equal(e1.error, 'TransferFileError: 文件是空的。');
    assert.throws(() => openTransferRowsAside(join(dir, 'rows.txt'), { thread: true }), TransferFileError);
  });

  test('stopped after a few rows, the thread is let go (the test process would not end otherwise)', async () => {
    const file = join(dir, 'stopped.csv');
    await writeTransferFile(
      file,
      Array.from({ length: 300 }, (_, i) => row(i + 1)),
    );
    const source = openTransferRowsAside(file, { thread: true, chunkRows: 20 });
    const seen: number[] = [];
    for await (const r of source.rows) {
      seen.push(r.row);
      if (seen.length === 30) break;
    }
    assert.deepEqual(
      seen,
      Array.from({ length: 30 }, (_, i) => i + 2),
    );
    assert.ok(source.bytesRead() > 0 && source.bytesRead() <= source.size);
  });
});
