// The item list as an XLSX workbook: the same 11 columns as the CSV, wrapped text so that the
// one-per-line materials stay readable (platform/spreadsheet/xlsx-rows.ts); and reading one back.
import { rowsToXlsx as tableToXlsx, xlsxToRows as xlsxTable } from '../../platform/spreadsheet/xlsx-rows.ts';

const WIDTHS = [24, 10, 16, 30, 30, 30, 12, 12, 16, 8, 30];

export function rowsToXlsx(rows: readonly (readonly string[])[], sheetName: string): Promise<Buffer> {
  return tableToXlsx(rows, sheetName, WIDTHS);
}

/** The first sheet's rows as strings; a file that is not a workbook is a validation error. */
export function xlsxToRows(data: Buffer): Promise<string[][]> {
  return xlsxTable(data, 11);
}
