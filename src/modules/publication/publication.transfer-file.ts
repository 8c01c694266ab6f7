// The transfer file of publications (CSV, XLSX, JSON Lines or JSON, the same shape both ways): its columns
// with their Chinese headers, reading a file into numbered rows and writing rows out. What the
// rows mean (checking, importing, exporting) is publication.transfer.ts.
import { AppError } from '../../platform/errors.ts';
import { once, type EventEmitter } from 'node:events';
import { createWriteStream, readFileSync, renameSync, rmSync, type WriteStream } from 'node:fs';
import type ExcelJS from 'exceljs';
import { newWorkbook } from '../../platform/spreadsheet/workbook.ts';
import { decodeText, UNDECODABLE_TEXT } from '../../platform/text-encoding.ts';
import { extname } from 'node:path';
import { parseCsv } from './csv.ts';
import { csvField, neutraliseCell, restoreNeutralisedCell } from '../../platform/spreadsheet/formula-injection.ts';

/** The columns of a file, in order. `categories` and `channels` are separated by “;”. */
export const TRANSFER_COLUMNS = [
  'indexNumber',
  'title',
  'summary',
  'body',
  'issuer',
  'formedOn',
  'publishedOn',
  'documentNumber',
  'docKind',
  'issuedOn',
  'validity',
  'effectiveOn',
  'topic',
  'keywords',
  'categories',
  'channels',
  'importKey',
] as const;
export type TransferColumn = (typeof TRANSFER_COLUMNS)[number];
export type TransferRow = Partial<Record<TransferColumn, string>>;

export const LABELS: Record<TransferColumn, string> = {
  indexNumber: '索引号',
  title: '标题',
  summary: '内容概述',
  body: '正文',
  issuer: '发布机构',
  formedOn: '成文日期',
  publishedOn: '发布日期',
  documentNumber: '文号',
  docKind: '文件类型',
  issuedOn: '印发日期',
  validity: '有效性',
  effectiveOn: '实施日期',
  topic: '主题分类',
  keywords: '关键词',
  categories: '目录分类',
  channels: '公开方式',
  importKey: '导入标识',
};

export interface NumberedRow {
  /** Line of the CSV file or JSON Lines file, row of the sheet, or position (1-based) in the JSON array. */
  row: number;
  values: TransferRow;
  /** Why the row could not be read at all (a JSON Lines line that is not an object). */
  problem?: string;
}

/** A header cell (English key or Chinese label) to its column. */
export const COLUMN_BY_HEADER = new Map<string, TransferColumn>(
  TRANSFER_COLUMNS.flatMap(
    (c) =>
      [
        [c, c],
        [LABELS[c], c],
      ] as [string, TransferColumn][],
  ),
);

/** The values of one JSON object (English keys or Chinese labels; arrays joined by “;”). */
export function valuesOfObject(item: unknown): TransferRow {
  const values: TransferRow = {};
  if (item && typeof item === 'object') {
    for (const [k, v] of Object.entries(item as Record<string, unknown>)) {
      const col = COLUMN_BY_HEADER.get(k);
      if (!col) continue;
      values[col] = Array.isArray(v) ? v.map(String).join(';') : v === null || v === undefined ? '' : String(v);
    }
  }
  return values;
}

/** The columns of a header row; a TransferFileError naming the cells that are no column. */
export function headerColumns(fields: string[]): (TransferColumn | undefined)[] {
  const cols = fields.map((h) => COLUMN_BY_HEADER.get(h.trim()));
  const unknown = fields.filter((_, i) => !cols[i]);
  if (unknown.length)
    throw new TransferFileError(
      `第 1 行（表头）有无法识别的列：${unknown.join('、')}。可用的列：${TRANSFER_COLUMNS.map((c) => `${c}（${LABELS[c]}）`).join('、')}。`,
    );
  return cols;
}

/** A data row of a CSV file or sheet as values by column. */
export function valuesOfFields(cols: (TransferColumn | undefined)[], fields: string[]): TransferRow {
  const values: TransferRow = {};
  cols.forEach((c, i) => {
    if (c) values[c] = (fields[i] ?? '').trim();
  });
  return values;
}

export class TransferFileError extends AppError {
  constructor(message: string) {
    super('transferFileInvalid', message);
    this.name = 'TransferFileError';
  }
}

export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((t) => t.text).join('');
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('result' in value) return value.result === undefined || value.result === null ? '' : String(value.result);
  }
  return String(value);
}

/** The first sheet of a workbook as CSV-like rows with their row numbers. */
async function readXlsx(data: Buffer): Promise<{ line: number; fields: string[] }[]> {
  const wb = await newWorkbook();
  try {
    await wb.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    throw new TransferFileError('无法读取该 XLSX 文件，它可能已损坏或不是 Excel 工作簿。');
  }
  const ws = wb.worksheets[0];
  if (!ws) throw new TransferFileError('工作簿中没有工作表。');
  const rows: { line: number; fields: string[] }[] = [];
  ws.eachRow((row, rowNumber) => {
    const fields: string[] = [];
    for (let i = 1; i <= ws.columnCount; i++) fields.push(cellText(row.getCell(i).value).trim());
    if (fields.some((f) => f !== '')) rows.push({ line: rowNumber, fields });
  });
  return rows;
}

/** Reads a .csv, .xlsx or .json file into rows; the header may use the English keys or the Chinese labels. */
export async function readTransferFile(path: string): Promise<{ rows: NumberedRow[]; unit: '行' | '条' }> {
  const ext = extname(path).toLowerCase();
  let raw: Buffer;
  try {
    raw = readFileSync(path);
  } catch (err) {
    throw new TransferFileError(`无法读取 ${path}：${err instanceof Error ? err.message : String(err)}`);
  }
  // A CSV in UTF-8 or GBK (platform/text-encoding.ts); JSON is UTF-8 by its standard (RFC 8259).
  const text = ext === '.xlsx' ? '' : ext === '.csv' ? decodeText(raw) : raw.toString('utf8');
  if (text === null) throw new TransferFileError(`文件${UNDECODABLE_TEXT}`);
  if (ext === '.json') {
    let data: unknown;
    try {
      data = JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch (err) {
      throw new TransferFileError(`JSON 格式错误：${err instanceof Error ? err.message : String(err)}`);
    }
    const list = Array.isArray(data) ? data : (data as { publications?: unknown })?.publications;
    if (!Array.isArray(list)) throw new TransferFileError('JSON 文件应为信息的数组，或 {"publications": [...]}。');
    return { unit: '条', rows: list.map((item, i) => ({ row: i + 1, values: valuesOfObject(item) })) };
  }
  if (ext !== '.csv' && ext !== '.xlsx')
    throw new TransferFileError(`不支持 ${ext || '无扩展名'} 文件：请使用 .csv、.xlsx 或 .json。`);
  let parsed;
  try {
    parsed = (ext === '.xlsx' ? await readXlsx(raw) : parseCsv(text)).map((r) => ({
      ...r,
      fields: r.fields.map(restoreNeutralisedCell),
    }));
  } catch (err) {
    if (err instanceof TransferFileError) throw err;
    throw new TransferFileError(err instanceof Error ? err.message : String(err));
  }
  const [head, ...body] = parsed;
  if (!head) throw new TransferFileError('文件是空的。');
  const cols = headerColumns(head.fields);
  return { unit: '行', rows: body.map((r) => ({ row: r.line, values: valuesOfFields(cols, r.fields) })) };
}

export type ExportRow = Record<TransferColumn, string>;

/** The formats an export writes, by extension. */
export const EXPORT_EXTENSIONS = ['.csv', '.jsonl', '.json', '.xlsx'] as const;

/** Rows of data a sheet can hold (Excel's limit of 1,048,576 rows, less the header). */
export const XLSX_MAX_ROWS = 1_048_575;

/** Refuses, before anything is written, an extension no writer knows or a sheet too small for `rows`. */
export function checkExportTarget(path: string, rows: number): void {
  const ext = extname(path).toLowerCase();
  if (!(EXPORT_EXTENSIONS as readonly string[]).includes(ext))
    throw new TransferFileError('导出文件应为 .csv、.jsonl、.json 或 .xlsx。');
  if (ext === '.xlsx' && rows > XLSX_MAX_ROWS)
    throw new TransferFileError(
      `共 ${rows.toLocaleString('en-US')} 条，超过 Excel 一个工作表的上限（${XLSX_MAX_ROWS.toLocaleString('en-US')} 条）：请导出为 .csv 或 .jsonl。`,
    );
}

/**
 * Writes `rows` to `path` in the format of its extension, row by row (`npx gongkai export
 * publications`), so that memory stays flat whatever their number (a province's agency at 1,000,000
 * publications: held whole, the rows alone were several GB). The file appears under its name only
 * once complete — written as `NAME.part` and renamed —, so an interrupted export never leaves a file
 * that looks whole. Returns the number of rows written.
 */
export async function writeTransferFile(
  path: string,
  rows: AsyncIterable<ExportRow> | Iterable<ExportRow>,
  onRow?: (written: number) => void,
): Promise<number> {
  const ext = extname(path).toLowerCase();
  checkExportTarget(path, 0);
  const part = `${path}.part`;
  let written = 0;
  const counted = async function* () {
    for await (const row of rows) {
      yield row;
      written++;
      onRow?.(written);
    }
  };
  try {
    if (ext === '.xlsx') await writeXlsx(part, counted());
    else await writeText(part, textOf(ext, counted()));
    renameSync(part, path);
  } catch (err) {
    rmSync(part, { force: true });
    throw err;
  }
  return written;
}

/** The pieces of text of a CSV (as the notice and service-hall exports: BOM, CRLF), JSON Lines or JSON file. */
async function* textOf(ext: string, rows: AsyncIterable<ExportRow>): AsyncGenerator<string> {
  if (ext === '.csv') {
    yield `\uFEFF${csvLine(TRANSFER_COLUMNS)}`;
    for await (const r of rows) yield csvLine(TRANSFER_COLUMNS.map((c) => r[c]));
  } else if (ext === '.jsonl') {
    for await (const r of rows) yield `${JSON.stringify(r)}\n`;
  } else {
    // The text JSON.stringify({ publications: rows }, null, 2) gives, one row at a time.
    let first = true;
    for await (const r of rows) {
      yield `${first ? '{\n  "publications": [\n' : ',\n'}    ${JSON.stringify(r, null, 2).replaceAll('\n', '\n    ')}`;
      first = false;
    }
    yield first ? '{\n  "publications": []\n}\n' : '\n  ]\n}\n';
  }
}

function csvLine(fields: readonly string[]): string {
  return `${fields.map(csvField).join(',')}\r\n`;
}

/** Writes the pieces in chunks of ~1 MB, waiting for the disk when the stream's buffer is full. */
async function writeText(path: string, pieces: AsyncIterable<string>): Promise<void> {
  const out = createWriteStream(path);
  const failed = failure(out);
  let chunk = '';
  for await (const piece of pieces) {
    chunk += piece;
    if (chunk.length >= 1 << 19) {
      await put(out, chunk, failed);
      chunk = '';
    }
  }
  if (chunk) await put(out, chunk, failed);
  out.end();
  await Promise.race([once(out, 'finish'), failed]);
}

function failure(out: WriteStream): Promise<never> {
  const failed = new Promise<never>((_, reject) =>
    out.once('error', (err) => reject(new TransferFileError(`无法写入导出文件：${err.message}`))),
  );
  failed.catch(() => undefined);
  return failed;
}

async function put(out: WriteStream, text: string, failed: Promise<never>): Promise<void> {
  if (!out.write(text)) await Promise.race([once(out, 'drain'), failed]);
}

/**
 * ExcelJS's streaming writer: each row committed to the zip as it comes. Strings are written inline
 * (`t="inlineStr"`, given as one run of rich text): shared strings would be kept for the end, all of
 * them in memory, and ExcelJS's plain inline form (`t="str"`) is the standard's type for a formula's
 * result.
 */
async function writeXlsx(path: string, rows: AsyncIterable<ExportRow>): Promise<void> {
  const { default: excel } = await import('exceljs');
  const wb = new excel.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true, useSharedStrings: false });
  wb.creator = 'Gongkai';
  const ws = wb.addWorksheet('主动公开信息');
  const header = ws.addRow(TRANSFER_COLUMNS.map(inline));
  header.font = { bold: true };
  header.commit();
  for await (const r of rows) {
    ws.addRow(TRANSFER_COLUMNS.map((c) => inline(neutraliseCell(r[c])))).commit();
    await zipCaughtUp(ws);
  }
  ws.commit();
  await wb.commit();
}

/**
 * Waits while the sheet's text waits to be compressed. ExcelJS's sheet stream ignores backpressure:
 * it writes into archiver's PassThrough for the entry (readable-stream's, which has no
 * `writableNeedDrain`), which the zip reads more slowly than the rows arrive, so without this the
 * whole sheet queued in memory (1.5 GB at 200,000 rows of the bench corpus). The PassThrough is
 * reached through the sheet's stream (`_stream.pipes`, ExcelJS 4); where it is not there, a turn of
 * the event loop now and then.
 */
async function zipCaughtUp(ws: unknown): Promise<void> {
  const sink = (ws as { _stream?: { pipes?: Sink[] } })._stream?.pipes?.[0];
  if (sink?._writableState) {
    if (sink._writableState.needDrain) await once(sink, 'drain');
  } else if (++turns % 100 === 0) await new Promise((done) => setImmediate(done));
}
type Sink = EventEmitter & { _writableState?: { needDrain: boolean } };
let turns = 0;

const inline = (text: string): ExcelJS.CellRichTextValue | null => (text === '' ? null : { richText: [{ text }] });
