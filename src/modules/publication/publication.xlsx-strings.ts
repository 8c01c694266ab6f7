// An XLSX file keeps most cell text in one table, xl/sharedStrings.xml, that the rows refer to by
// number. ExcelJS's streaming reader keeps that table in memory ('cache'): a workbook of 100,000
// publications held ~1.3 GB of strings before its first row was read, and a province's 1,000,000
// rows would hold ~10 GB (issue #16 point 3: memory flat). Here the table goes to a temporary file
// instead, with only each string's offset in memory (8 bytes a string), and a row's cells are read
// back from it by number.
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type ExcelJS from 'exceljs';

const CHUNK = 1 << 20;

/** Shared strings on disk: `add` in the file's order (index 0, 1, …), then `get(index)`. */
export class SpilledStrings {
  #dir = mkdtempSync(join(tmpdir(), 'gongkai-xlsx-'));
  #fd = openSync(join(this.#dir, 'strings'), 'w+');
  /** Start of string i at [i], its end at [i + 1]. */
  #offsets = new Float64Array(1024);
  #count = 0;
  #written = 0;
  #pending = Buffer.allocUnsafe(CHUNK);
  #pendingBytes = 0;
  #read = Buffer.allocUnsafe(64 * 1024);

  constructor() {
    // On Linux the file goes now and its space with the descriptor, even after kill -9; where an
    // open file cannot be removed, close() removes it.
    try {
      rmSync(this.#dir, { recursive: true });
    } catch {
      /* removed by close() */
    }
  }

  get count(): number {
    return this.#count;
  }

  add(text: string): void {
    const bytes = Buffer.byteLength(text);
    if (this.#pendingBytes + bytes > this.#pending.length) this.#flush();
    if (bytes > this.#pending.length) {
      this.#writeAll(Buffer.from(text));
    } else {
      this.#pending.write(text, this.#pendingBytes);
      this.#pendingBytes += bytes;
    }
    if (this.#count + 2 > this.#offsets.length) {
      const grown = new Float64Array(this.#offsets.length * 2);
      grown.set(this.#offsets);
      this.#offsets = grown;
    }
    this.#count += 1;
    this.#offsets[this.#count] = (this.#offsets[this.#count - 1] as number) + bytes;
  }

  /** String `index`, or undefined when the table has no such string. */
  get(index: number): string | undefined {
    if (!Number.isInteger(index) || index < 0 || index >= this.#count) return undefined;
    this.#flush();
    const start = this.#offsets[index] as number;
    const length = (this.#offsets[index + 1] as number) - start;
    if (length > this.#read.length) this.#read = Buffer.allocUnsafe(length);
    let got = 0;
    while (got < length) got += readSync(this.#fd, this.#read, got, length - got, start + got);
    return this.#read.toString('utf8', 0, length);
  }

  close(): void {
    closeSync(this.#fd);
    rmSync(this.#dir, { recursive: true, force: true });
  }

  #flush(): void {
    if (!this.#pendingBytes) return;
    this.#writeAll(this.#pending.subarray(0, this.#pendingBytes));
    this.#pendingBytes = 0;
  }

  #writeAll(bytes: Buffer): void {
    let done = 0;
    while (done < bytes.length) done += writeSync(this.#fd, bytes, done, bytes.length - done, this.#written + done);
    this.#written += bytes.length;
  }
}

type WorkbookReaderClass = typeof ExcelJS.stream.xlsx.WorkbookReader;
type Entry = { setEncoding?: (encoding: 'utf8') => unknown };
type ReaderInternals = {
  _parseSharedStrings(entry: Entry): AsyncGenerator<unknown>;
  _parseWorksheet(iterator: Entry, sheetNo: string): Generator<unknown>;
};

/**
 * ExcelJS's streaming WorkbookReader, its text decoded across chunks. ExcelJS 4.4 decodes each
 * chunk of an entry on its own (utils/parse-sax.js: `TextDecoder.decode(chunk)` without
 * `stream: true`), so a character whose UTF-8 bytes a chunk boundary splits comes out as U+FFFD:
 * 18,481 of 100,000 publications imported from the bench corpus had a character lost. Here the
 * shared strings' entry and the sheet's temporary file are read as strings (`setEncoding('utf8')`,
 * which keeps a split character for the next chunk), which parse-sax passes on as they are.
 * It relies on two methods of ExcelJS 4's reader; xlsx-shared-strings.test.ts fails if they change.
 */
export function utf8WorkbookReader(excel: typeof ExcelJS): WorkbookReaderClass {
  const Base = excel.stream.xlsx.WorkbookReader as unknown as new (...args: unknown[]) => ReaderInternals;
  class Utf8WorkbookReader extends Base {
    override _parseSharedStrings(entry: Entry) {
      entry.setEncoding?.('utf8');
      return super._parseSharedStrings(entry);
    }
    override _parseWorksheet(iterator: Entry, sheetNo: string) {
      iterator.setEncoding?.('utf8');
      return super._parseWorksheet(iterator, sheetNo);
    }
  }
  return Utf8WorkbookReader as unknown as WorkbookReaderClass;
}
