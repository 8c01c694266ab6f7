// Shapes shared by the annual-report format definitions (RULES.md §3: 国办公开办函〔2021〕30号,
// the 2019 trial format of 国办公开办函〔2019〕60号, and the pre-2019 nine-part narrative).
// A format is plain data: renderers (HTML/DOCX/XLSX) and checkers read the same definition, so a
// label is written exactly once.

export type ReportFormatId = 'national2021' | 'national2019' | 'legacy2008';

export type SectionContent = 'narrative' | 'table2' | 'table3' | 'table4';

export interface SectionDefinition<K extends string = string> {
  key: K;
  /** Chinese ordinal with its 顿号, e.g. "一、". */
  ordinal: string;
  title: string;
  /** ordinal + title, exactly as printed. */
  heading: string;
  content: SectionContent;
}

/** A node of a merged header: internal nodes span their leaves, leaves carry the data key. */
export interface HeaderNode {
  label: string;
  key?: string;
  children?: readonly HeaderNode[];
}

/**
 * One merged cell of a header laid out along one axis. `start`/`span` run along the axis of the
 * data (columns for a column header, rows for a row header); `level`/`levelSpan` run across it.
 */
export interface SpanCell {
  label: string;
  key?: string;
  start: number;
  span: number;
  level: number;
  levelSpan: number;
}

/** A cell positioned in a grid: row/column are 0-based, spans ≥ 1. */
export interface GridCell {
  label: string;
  key?: string;
  row: number;
  column: number;
  rowSpan: number;
  colSpan: number;
}

export type Table2ValueType = 'integer' | 'signedInteger' | 'decimal';

export interface Table2Column<K extends string = string> {
  key: K;
  label: string;
  valueType: Table2ValueType;
}

export interface Table2Row<K extends string = string> {
  key: K;
  label: string;
}

/** One stacked sub-table of table 二, introduced by its caption row (第二十条第（一）项 …). */
export interface Table2SubTable {
  key: string;
  caption: string;
  /** The printed header row: 信息内容 followed by the column labels. */
  headerLabels: readonly string[];
  columns: readonly Table2Column[];
  rows: readonly Table2Row[];
}

export interface Table2Definition {
  title: string;
  subTables: readonly Table2SubTable[];
}

/** The part a table 三 row plays in the identities of RULES.md §3.3. */
export type Table3RowRole = 'received' | 'carriedOver' | 'result' | 'total' | 'carriedForward';

export interface Table3RowDefinition {
  key: string;
  /** The label as printed in the innermost label cell. */
  label: string;
  role: Table3RowRole;
  /** Labels of the enclosing merged label cells, outermost first. */
  path: readonly string[];
}

export interface Table3Definition {
  title: string;
  cornerNote: string;
  labelColumnCount: number;
  headerRowCount: number;
  columnHeader: readonly HeaderNode[];
  rowHeader: readonly HeaderNode[];
  columns: readonly { key: string; label: string }[];
  rows: readonly Table3RowDefinition[];
  /** Header cells including the corner note, positioned in the whole table's grid. */
  headerCells: readonly GridCell[];
  /** Row label cells positioned in the whole table's grid (rows start after the header rows). */
  rowLabelCells: readonly GridCell[];
}

export interface Table4Definition {
  title: string;
  columnHeader: readonly HeaderNode[];
  columns: readonly { key: string; label: string; group: string; outcome: string }[];
  headerCells: readonly GridCell[];
  headerRowCount: number;
}
