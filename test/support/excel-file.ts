// An XLSX file as Excel itself saves one: every string in the shared-strings table (`t="s"`), which
// Gongkai's own export does not write (it streams its rows with the strings inline). The readers
// must take both.
import ExcelJS from 'exceljs';
import { TRANSFER_COLUMNS, type TransferColumn } from '../../src/modules/publication/publication.transfer-file.ts';

export async function writeExcelSavedXlsx(
  path: string,
  rows: readonly Record<TransferColumn, string>[],
): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  ws.addRow([...TRANSFER_COLUMNS]);
  for (const r of rows) ws.addRow(TRANSFER_COLUMNS.map((c) => r[c]));
  await wb.xlsx.writeFile(path);
}
