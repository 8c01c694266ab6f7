// The item list as an XLSX workbook (exceljs): the same columns as the CSV, one sheet, wrapped
// text so that the one-per-line materials stay readable, formula-like cells neutralised; and reading such a workbook back.
import type ExcelJS from 'exceljs';
import { newWorkbook } from '../../platform/spreadsheet/workbook.ts';
import { ValidationError } from '../../platform/errors.ts';
import { neutraliseCell } from '../../platform/spreadsheet/formula-injection.ts';

export async function rowsToXlsx(rows: readonly (readonly string[])[], sheetName: string): Promise<Buffer> {
  const wb = await newWorkbook();
  wb.creator = 'Gongkai';
  const ws = wb.addWorksheet(sheetName);
  for (const r of rows) ws.addRow(r.map(neutraliseCell));
  ws.getRow(1).font = { bold: true };
  ws.columns.forEach((col, i) => {
    col.width = [24, 10, 16, 30, 30, 30, 12, 12, 16, 8, 30][i] ?? 16;
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
export async function xlsxToRows(data: Buffer): Promise<string[][]> {
  const wb = await newWorkbook();
  try {
    await wb.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    throw new ValidationError({ csv: '无法读取该文件，请上传由本系统导出或另存为 .xlsx 格式的表格。' });
  }
  const ws = wb.worksheets[0];
  if (!ws) throw new ValidationError({ csv: '表格中没有工作表。' });
  const rows: string[][] = [];
  ws.eachRow({ includeEmpty: false }, (row) => {
    const out: string[] = [];
    for (let c = 1; c <= 11; c++) out.push(cellText(row.getCell(c).value));
    rows.push(out);
  });
  return rows;
}
