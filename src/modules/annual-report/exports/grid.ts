// Tables 二/三/四 as positioned grids (labels and numbers, merged cells) built from the format's
// layout data: the one source for the XLSX, DOCX and PDF outputs, so their merged headers are
// exactly those of the HTML page and of RULES.md §3.
import {
  NATIONAL_2021_FORMAT,
  TABLE3_COLUMN_KEYS,
  TABLE4_GROUP_KEYS,
  TABLE4_OUTCOME_KEYS,
} from '../format/national2021.ts';
import type { National2021ReportData } from '../report-data.ts';
import type { GridCell } from '../format/types.ts';
import type { CellProvenance } from '../queries/types.ts';
import type { DocumentCells } from '../annual-report.document.tsx';

export interface GridItem {
  row: number;
  column: number;
  rowSpan: number;
  colSpan: number;
  text: string;
  header: boolean;
  /** A figure not counted from records (entered by staff, or none): printed with ※ as on the page. */
  mark?: boolean;
}

/** Where each table's figures came from (annual-report.document.tsx DocumentCells); none: no marks. */
type Cells = Record<string, CellProvenance> | undefined;

/** The ※ of a figure whose cell says it is not counted from records (annual-report.document.tsx, Num). */
function marked(cells: Cells, key: string): { mark?: true } {
  const c = cells?.[key];
  return c && c.source !== 'records' ? { mark: true } : {};
}

export interface ReportGrid {
  key: 'table2' | 'table3' | 'table4';
  title: string;
  sheetName: string;
  rowCount: number;
  columnCount: number;
  items: GridItem[];
}

function num(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toFixed(4).replace(/0+$/, '').replace(/\.$/, '');
}

export function table2Grid(data: National2021ReportData, cells?: Cells): ReportGrid {
  const def = NATIONAL_2021_FORMAT.table2;
  const width = Math.max(...def.subTables.map((s) => s.headerLabels.length));
  const items: GridItem[] = [];
  const t2 = data.table2 as unknown as Record<string, Record<string, number>>;
  let row = 0;
  for (const st of def.subTables) {
    items.push({ row, column: 0, rowSpan: 1, colSpan: width, text: st.caption, header: true });
    row += 1;
    const lastSpan = width - st.headerLabels.length + 1;
    st.headerLabels.forEach((l, i) =>
      items.push({
        row,
        column: i,
        rowSpan: 1,
        colSpan: i === st.headerLabels.length - 1 ? lastSpan : 1,
        text: l,
        header: true,
      }),
    );
    row += 1;
    for (const r of st.rows) {
      items.push({ row, column: 0, rowSpan: 1, colSpan: 1, text: r.label, header: true });
      st.columns.forEach((c, i) =>
        items.push({
          row,
          column: i + 1,
          rowSpan: 1,
          colSpan: i === st.columns.length - 1 ? lastSpan : 1,
          text: num(t2[r.key]?.[c.key] ?? 0),
          header: false,
          ...marked(cells, `${r.key}.${c.key}`),
        }),
      );
      row += 1;
    }
  }
  return { key: 'table2', title: def.title, sheetName: '表二 主动公开', rowCount: row, columnCount: width, items };
}

/** A heading cell of the national format (a column or row label) as a grid item. */
const heading = (c: GridCell): GridItem => ({
  row: c.row,
  column: c.column,
  rowSpan: c.rowSpan,
  colSpan: c.colSpan,
  text: c.label,
  header: true,
});

export function table3Grid(data: National2021ReportData, cells?: Cells): ReportGrid {
  const def = NATIONAL_2021_FORMAT.table3;
  const items: GridItem[] = [...def.headerCells.map(heading), ...def.rowLabelCells.map(heading)];
  def.rows.forEach((r, i) => {
    TABLE3_COLUMN_KEYS.forEach((k, j) => {
      items.push({
        row: def.headerRowCount + i,
        column: def.labelColumnCount + j,
        rowSpan: 1,
        colSpan: 1,
        text: num(data.table3[r.key as keyof typeof data.table3][k]),
        header: false,
        ...marked(cells, `${r.key}.${k}`),
      });
    });
  });
  return {
    key: 'table3',
    title: def.title,
    sheetName: '表三 依申请公开',
    rowCount: def.headerRowCount + def.rows.length,
    columnCount: def.labelColumnCount + TABLE3_COLUMN_KEYS.length,
    items,
  };
}

export function table4Grid(data: National2021ReportData, cells?: Cells): ReportGrid {
  const def = NATIONAL_2021_FORMAT.table4;
  const items: GridItem[] = def.headerCells.map(heading);
  let column = 0;
  for (const g of TABLE4_GROUP_KEYS)
    for (const o of TABLE4_OUTCOME_KEYS)
      items.push({
        row: def.headerRowCount,
        column: column++,
        rowSpan: 1,
        colSpan: 1,
        text: num(data.table4[g][o]),
        header: false,
        ...marked(cells, `${g}.${o}`),
      });
  return {
    key: 'table4',
    title: def.title,
    sheetName: '表四 复议诉讼',
    rowCount: def.headerRowCount + 1,
    columnCount: column,
    items,
  };
}

/** The three tables; with `cells`, the figures not counted from records carry their ※ mark. */
export function reportGrids(data: National2021ReportData, cells?: DocumentCells): ReportGrid[] {
  return [table2Grid(data, cells?.table2), table3Grid(data, cells?.table3), table4Grid(data, cells?.table4)];
}

/** Items starting in each row, by column. */
export function rowsOf(grid: ReportGrid): GridItem[][] {
  const rows: GridItem[][] = Array.from({ length: grid.rowCount }, () => []);
  for (const it of grid.items) rows[it.row]?.push(it);
  for (const r of rows) r.sort((a, b) => a.column - b.column);
  return rows;
}
