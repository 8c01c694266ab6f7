// XLSX output (exceljs): one sheet per table, merged header cells as in the official layout,
// each sheet set to print on one A4 landscape page.
import ExcelJS from 'exceljs';
import type { National2021ReportData } from '../report-data.ts';
import { reportGrids } from './grid.ts';
import { neutraliseCell } from '../../../platform/spreadsheet/formula-injection.ts';

export async function buildXlsx(data: National2021ReportData): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Gongkai';
  wb.title = `${data.agency.name}${data.year}年政府信息公开工作年度报告`;
  for (const grid of reportGrids(data)) {
    const ws = wb.addWorksheet(grid.sheetName, {
      pageSetup: {
        paperSize: 9,
        orientation: 'landscape',
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 1,
        horizontalCentered: true,
        margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.2, footer: 0.2 },
      },
    });
    ws.getCell(1, 1).value = neutraliseCell(`${data.agency.name}${data.year}年度 ${grid.title}`);
    ws.getCell(1, 1).font = { bold: true, size: 12 };
    if (grid.columnCount > 1) ws.mergeCells(1, 1, 1, grid.columnCount);
    const offset = 2;
    for (const it of grid.items) {
      const cell = ws.getCell(offset + it.row, 1 + it.column);
      const n = Number(it.text);
      cell.value = !it.header && it.text !== '' && Number.isFinite(n) ? n : neutraliseCell(it.text);
      cell.alignment = {
        vertical: 'middle',
        horizontal: it.header && it.column > 0 ? 'center' : it.header ? 'left' : 'center',
        wrapText: true,
      };
      if (it.header) cell.font = { bold: it.row < 3 };
      if (it.rowSpan > 1 || it.colSpan > 1)
        ws.mergeCells(offset + it.row, 1 + it.column, offset + it.row + it.rowSpan - 1, 1 + it.column + it.colSpan - 1);
    }
    for (let r = 0; r < grid.rowCount; r++) {
      for (let c = 0; c < grid.columnCount; c++) {
        ws.getCell(offset + r, 1 + c).border = {
          top: { style: 'thin' },
          left: { style: 'thin' },
          bottom: { style: 'thin' },
          right: { style: 'thin' },
        };
      }
    }
    ws.columns.forEach((col, i) => {
      col.width = grid.key === 'table3' && i < 3 ? (i === 2 ? 30 : 14) : grid.key === 'table2' && i === 0 ? 22 : 11;
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
