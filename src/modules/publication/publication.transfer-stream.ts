// Reading a transfer file row by row in flat memory (issue #16 point 3): CSV through the
// incremental parser (csv.ts), JSON Lines (.jsonl: one object per line) line by line, XLSX through
// ExcelJS's streaming WorkbookReader (first sheet only; its shared strings in a temporary file,
// publication.xlsx-strings.ts), a .json list item by item (json-items.ts).
// bytesRead() tells the progress bar how far into the file the reader is (for the ETA).
import { createReadStream, ReadStream, statSync } from 'node:fs';
import { extname } from 'node:path';
import { createInterface } from 'node:readline';
import { StringDecoder } from 'node:string_decoder';
import { pipeline, Transform, type Readable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { restoreNeutralisedCell } from '../../platform/spreadsheet/formula-injection.ts';
import { TextChunks, UNDECODABLE_TEXT, undecodable } from '../../platform/text-encoding.ts';
import { CsvParser } from './csv.ts';
import { JsonItems, JsonItemsError } from './json-items.ts';
import { SpilledStrings, utf8WorkbookReader } from './publication.xlsx-strings.ts';
import {
  cellText,
  headerColumns,
  TransferFileError,
  valuesOfFields,
  valuesOfObject,
  type NumberedRow,
  type TransferColumn,
} from './publication.transfer-file.ts';

export interface TransferRows {
  /** 行 for files with lines or sheet rows, 条 for JSON items. */
  unit: '行' | '条';
  /** The file's size in bytes. */
  size: number;
  bytesRead(): number;
  rows: AsyncIterable<NumberedRow>;
}

export const STREAMED_EXTENSIONS = ['.csv', '.xlsx', '.jsonl', '.json'] as const;

function countingStream(path: string): { stream: Readable; read: () => number } {
  let read = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      read += chunk.length;
      done(null, chunk);
    },
  });
  const stream = pipeline(createReadStream(path, { highWaterMark: 256 * 1024 }), counter, () => {});
  return { stream, read: () => read };
}

async function* csvRows(stream: Readable): AsyncGenerator<NumberedRow> {
  const parser = new CsvParser();
  let cols: (TransferColumn | undefined)[] | null = null;
  function* emit(rows: { line: number; fields: string[] }[]): Generator<NumberedRow> {
    for (const r of rows) {
      const fields = r.fields.map(restoreNeutralisedCell);
      if (!cols) cols = headerColumns(fields);
      else yield { row: r.line, values: valuesOfFields(cols, fields) };
    }
  }
  // UTF-8 or, as Excel's 「CSV（逗号分隔）」 writes it on a Chinese Windows, GBK (platform/text-encoding.ts).
  const text = new TextChunks();
  try {
    for await (const chunk of stream) yield* emit(parser.push(text.push(chunk as Buffer)));
    yield* emit(parser.push(text.end()));
    yield* emit(parser.end());
  } catch (err) {
    if (err instanceof TransferFileError) throw err;
    if (undecodable(err)) throw new TransferFileError(`文件${UNDECODABLE_TEXT}`);
    throw new TransferFileError(err instanceof Error ? err.message : String(err));
  }
  if (!cols) throw new TransferFileError('文件是空的。');
}

async function* jsonLinesRows(stream: Readable): AsyncGenerator<NumberedRow> {
  let line = 0;
  for await (const text of createInterface({ input: stream, crlfDelay: Infinity })) {
    line++;
    const t = (line === 1 ? text.replace(/^\uFEFF/, '') : text).trim();
    if (t === '') continue;
    let item: unknown;
    try {
      item = JSON.parse(t);
    } catch (err) {
      yield {
        row: line,
        values: {},
        problem: `不是正确的 JSON（${err instanceof Error ? err.message : String(err)}）`,
      };
      continue;
    }
    if (!item || typeof item !== 'object' || Array.isArray(item))
      yield { row: line, values: {}, problem: '每一行应为一条信息的 JSON 对象 {…}' };
    else yield { row: line, values: valuesOfObject(item) };
  }
}

/**
 * The items of a .json list, each parsed alone as it arrives: one that is not correct JSON is a
 * problem of its own item (as a JSON Lines line), a list that is not a list stops the reading.
 */
async function* jsonRows(stream: Readable): AsyncGenerator<NumberedRow> {
  const scanner = new JsonItems();
  const decoder = new StringDecoder('utf8'); // JSON is UTF-8 by its standard (RFC 8259)
  let row = 0;
  function* parsed(texts: string[]): Generator<NumberedRow> {
    for (const text of texts) {
      row++;
      let item: unknown;
      try {
        item = JSON.parse(text);
      } catch (err) {
        yield { row, values: {}, problem: `不是正确的 JSON（${err instanceof Error ? err.message : String(err)}）` };
        continue;
      }
      if (!item || typeof item !== 'object' || Array.isArray(item))
        yield { row, values: {}, problem: '每一条应为一条信息的 JSON 对象 {…}' };
      else yield { row, values: valuesOfObject(item) };
    }
  }
  try {
    for await (const chunk of stream) yield* parsed(scanner.push(decoder.write(chunk as Buffer)));
    yield* parsed(scanner.push(decoder.end()));
    yield* parsed(scanner.end());
  } catch (err) {
    if (err instanceof JsonItemsError) throw new TransferFileError(err.message);
    throw err;
  }
}

/** A shared string's number in a cell read with `sharedStrings: 'emit'` (ExcelJS's WorksheetReader). */
function sharedStringIndex(value: unknown): number | undefined {
  return value !== null && typeof value === 'object' && 'sharedString' in value
    ? (value as { sharedString: number }).sharedString
    : undefined;
}

/**
 * The first sheet's rows. The shared strings go to a temporary file (publication.xlsx-strings.ts)
 * as ExcelJS's parse() yields them — before any sheet, whose entry it keeps in a temporary file of
 * its own until the strings are read — so memory stays flat. The zip is read whole before the first
 * row, so its bytes say nothing of the rows: `progress` is given the share of the sheet's file read
 * (the highest shared string used of all the file's where the sheet is not read from a file).
 */
async function* xlsxRows(stream: Readable, progress: (share: () => number) => void): AsyncGenerator<NumberedRow> {
  // Loaded on first use, like every exceljs user (platform/spreadsheet/workbook.ts).
  const { default: excel } = await import('exceljs');
  const reader = new (utf8WorkbookReader(excel))(stream, {
    sharedStrings: 'emit',
    hyperlinks: 'ignore',
    styles: 'cache', // a date cell's number format makes it a date
    worksheets: 'emit',
    entries: 'emit',
  });
  const strings = new SpilledStrings();
  let cols: (TransferColumn | undefined)[] | null = null;
  let highest = 0;
  const text = (value: unknown): string => {
    const index = sharedStringIndex(value);
    if (index === undefined) return cellText(value as ExcelJS.CellValue);
    const found = strings.get(index);
    if (found === undefined) throw new TransferFileError('无法读取该 XLSX 文件：单元格引用了不存在的共享字符串。');
    if (index > highest) highest = index;
    return found;
  };
  try {
    for await (const item of { [Symbol.asyncIterator]: () => reader.parse() }) {
      const event = item as { eventType?: string; value?: unknown; index?: number; text?: unknown };
      if (event.eventType === undefined && typeof event.index === 'number') {
        strings.add(cellText((event.text ?? null) as ExcelJS.CellValue));
        continue;
      }
      if (event.eventType !== 'worksheet') continue;
      // ExcelJS reads a sheet kept in a temporary file through a ReadStream (its `iterator`).
      const sheetFile = (event.value as { iterator?: unknown }).iterator;
      if (sheetFile instanceof ReadStream) {
        const total = statSync(sheetFile.path).size;
        progress(() => (total > 0 ? sheetFile.bytesRead / total : 1));
      } else progress(() => (strings.count ? (highest + 1) / strings.count : 1));
      for await (const row of event.value as ExcelJS.stream.xlsx.WorksheetReader) {
        const values = Array.isArray(row.values) ? row.values : [];
        const fields: string[] = [];
        for (let i = 1; i < Math.max(values.length, (cols?.length ?? 0) + 1); i++)
          fields.push(restoreNeutralisedCell(text(values[i]).trim()));
        if (!fields.some((f) => f !== '')) continue;
        if (!cols) cols = headerColumns(fields.slice(0, fields.findLastIndex((f) => f !== '') + 1));
        else yield { row: row.number, values: valuesOfFields(cols, fields) };
      }
      break; // the first sheet only
    }
  } catch (err) {
    if (err instanceof TransferFileError) throw err;
    throw new TransferFileError('无法读取该 XLSX 文件，它可能已损坏或不是 Excel 工作簿。');
  } finally {
    strings.close();
  }
  if (!cols) throw new TransferFileError('工作簿中没有工作表，或第一张工作表是空的。');
}

/** A transfer file's unit and size, or the TransferFileError that openTransferRows would throw. */
export function transferFileInfo(path: string): { unit: '行' | '条'; size: number } {
  const ext = extname(path).toLowerCase();
  if (!(STREAMED_EXTENSIONS as readonly string[]).includes(ext))
    throw new TransferFileError(`不支持 ${ext || '无扩展名'} 文件：请使用 .csv、.xlsx、.jsonl 或 .json。`);
  try {
    return { unit: ext === '.json' ? '条' : '行', size: statSync(path).size };
  } catch (err) {
    throw new TransferFileError(`无法读取 ${path}：${err instanceof Error ? err.message : String(err)}`);
  }
}

/** Opens a .csv, .xlsx, .jsonl or .json file for reading row by row. */
export function openTransferRows(path: string): TransferRows {
  const ext = extname(path).toLowerCase();
  const { size } = transferFileInfo(path);
  const { stream, read } = countingStream(path);
  if (ext === '.json') return { unit: '条', size, bytesRead: read, rows: jsonRows(stream) };
  if (ext === '.xlsx') {
    // The zip is read whole before the first row (the sheet waits in a temporary file while the
    // shared strings are read): the bytes read say nothing of the rows, the strings used do.
    let share = () => 0;
    const rows = xlsxRows(stream, (s) => (share = s));
    return { unit: '行', size, bytesRead: () => Math.round(Math.min(1, share()) * size), rows };
  }
  const rows = ext === '.csv' ? csvRows(stream) : jsonLinesRows(stream);
  return { unit: '行', size, bytesRead: read, rows };
}
