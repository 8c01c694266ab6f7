// A table as an XLSX workbook and back (exceljs, loaded on first use): one sheet, a bold header
// row, wrapped text, formula-like cells neutralised; reading takes the first sheet's cells as text.
import type ExcelJS from 'exceljs';
import { ValidationError } from '../errors.ts';
import { neutraliseCell } from './formula-injection.ts';
import { newWorkbook } from './workbook.ts';

export async function rowsToXlsx(
  rows: readonly (readonly string[])[],
  sheetName: string,
  widths: readonly number[] = [],
): Promise<Buffer> {
  const wb = await newWorkbook();
  wb.creator = 'Gongkai';
  const ws = wb.addWorksheet(sheetName);
  for (const r of rows) ws.addRow(r.map(neutraliseCell));
  ws.getRow(1).font = { bold: true };
  ws.columns.forEach((col, i) => {
    col.width = widths[i] ?? 16;
    col.alignment = { vertical: 'top', wrapText: true };
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((t) => t.text).join('');
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('result' in value) return value.result === undefined || value.result === null ? '' : String(value.result);
    if (value instanceof Date) return value.toISOString().slice(0, 10);
  }
  return String(value);
}

/** The first sheet's rows as strings; a file that is not a workbook is a validation error. */
export async function xlsxToRows(data: Buffer, columns: number, field = 'csv'): Promise<string[][]> {
  const wb = await newWorkbook();
  try {
    await wb.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    throw new ValidationError({ [field]: '无法读取该文件，请上传由本系统导出或另存为 .xlsx 格式的表格。' });
  }
  const ws = wb.worksheets[0];
  if (!ws) throw new ValidationError({ [field]: '表格中没有工作表。' });
  const rows: string[][] = [];
  ws.eachRow({ includeEmpty: false }, (row) => {
    const out: string[] = [];
    for (let c = 1; c <= columns; c++) out.push(cellText(row.getCell(c).value));
    rows.push(out);
  });
  return rows;
}
