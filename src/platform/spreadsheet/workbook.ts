// A new exceljs workbook, the library loaded on first use. exceljs and what it requires are about
// 500 modules; importing it at startup cost every process (server, CLI, worker, each test file)
// that never reads or writes a spreadsheet about a second of CPU (docs/PERFORMANCE.md).
import type ExcelJS from 'exceljs';

export async function newWorkbook(): Promise<ExcelJS.Workbook> {
  const { default: lib } = await import('exceljs');
  return new lib.Workbook();
}
