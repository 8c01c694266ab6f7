// Reading a transfer file row by row in flat memory (issue #16 point 3): CSV through the
// incremental parser (csv.ts), JSON Lines (.jsonl: one object per line) line by line, XLSX through
// ExcelJS's streaming WorkbookReader (first sheet only). A .json array is still read whole
// (publication.transfer-file.ts): its memory grows with the file, so large loads use .jsonl.
// bytesRead() tells the progress bar how far into the file the reader is (for the ETA).
import { createReadStream, statSync } from 'node:fs';
import { extname } from 'node:path';
import { createInterface } from 'node:readline';
import { pipeline, Transform, type Readable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { restoreNeutralisedCell } from '../../platform/spreadsheet/formula-injection.ts';
import { CsvParser } from './csv.ts';
import {
  cellText,
  headerColumns,
  readTransferFile,
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
  stream.setEncoding('utf8');
  try {
    for await (const chunk of stream) yield* emit(parser.push(chunk as string));
    yield* emit(parser.end());
  } catch (err) {
    if (err instanceof TransferFileError) throw err;
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

async function* xlsxRows(stream: Readable): AsyncGenerator<NumberedRow> {
  // Loaded on first use, like every exceljs user (platform/spreadsheet/workbook.ts).
  const { default: excel } = await import('exceljs');
  const reader = new excel.stream.xlsx.WorkbookReader(stream, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    worksheets: 'emit',
    entries: 'emit',
  });
  let cols: (TransferColumn | undefined)[] | null = null;
  try {
    for await (const sheet of reader) {
      for await (const row of sheet) {
        const values = Array.isArray(row.values) ? row.values : [];
        const fields: string[] = [];
        for (let i = 1; i < Math.max(values.length, (cols?.length ?? 0) + 1); i++)
          fields.push(restoreNeutralisedCell(cellText(values[i] as ExcelJS.CellValue).trim()));
        if (!fields.some((f) => f !== '')) continue;
        if (!cols) cols = headerColumns(fields.slice(0, fields.findLastIndex((f) => f !== '') + 1));
        else yield { row: row.number, values: valuesOfFields(cols, fields) };
      }
      break; // the first sheet only
    }
  } catch (err) {
    if (err instanceof TransferFileError) throw err;
    throw new TransferFileError('无法读取该 XLSX 文件，它可能已损坏或不是 Excel 工作簿。');
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
  if (ext === '.json') {
    let done = false;
    return {
      unit: '条',
      size,
      bytesRead: () => (done ? size : 0),
      rows: (async function* () {
        const { rows } = await readTransferFile(path);
        done = true;
        yield* rows;
      })(),
    };
  }
  const { stream, read } = countingStream(path);
  const rows = ext === '.csv' ? csvRows(stream) : ext === '.jsonl' ? jsonLinesRows(stream) : xlsxRows(stream);
  return { unit: '行', size, bytesRead: read, rows };
}
