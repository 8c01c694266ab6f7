// The transfer file of publications (CSV, XLSX or JSON, the same shape both ways): its columns
// with their Chinese headers, reading a file into numbered rows and writing rows out. What the
// rows mean (checking, importing, exporting) is publication.transfer.ts.
import { AppError } from '../../platform/errors.ts';
import { readFileSync, writeFileSync } from 'node:fs';
import type ExcelJS from 'exceljs';
import { newWorkbook } from '../../platform/spreadsheet/workbook.ts';
import { decodeText, UNDECODABLE_TEXT } from '../../platform/text-encoding.ts';
import { extname } from 'node:path';
import { parseCsv, toCsv } from './csv.ts';
import { neutraliseCell, restoreNeutralisedCell } from '../../platform/spreadsheet/formula-injection.ts';

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

export async function writeTransferFile(path: string, rows: Record<TransferColumn, string>[]): Promise<void> {
  const ext = extname(path).toLowerCase();
  if (ext === '.json') writeFileSync(path, `${JSON.stringify({ publications: rows }, null, 2)}\n`);
  else if (ext === '.csv')
    writeFileSync(
      path,
      toCsv(
        TRANSFER_COLUMNS,
        rows.map((r) => TRANSFER_COLUMNS.map((c) => r[c])),
      ),
    );
  else if (ext === '.xlsx') {
    const wb = await newWorkbook();
    wb.creator = 'Gongkai';
    const ws = wb.addWorksheet('主动公开信息');
    ws.addRow([...TRANSFER_COLUMNS]);
    for (const r of rows) ws.addRow(TRANSFER_COLUMNS.map((c) => neutraliseCell(r[c])));
    ws.getRow(1).font = { bold: true };
    writeFileSync(path, Buffer.from(await wb.xlsx.writeBuffer()));
  } else throw new TransferFileError('导出文件应为 .csv、.xlsx 或 .json。');
}
