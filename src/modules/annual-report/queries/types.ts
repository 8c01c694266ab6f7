// Shared shapes of the report queries (STYLE practice 8: every number is a query with a typed
// result). A query takes the agencies it covers (one agency, or the agencies of a roll-up) and
// the report year, and returns the values plus, per cell, where the number comes from: records
// (with a link to them where a records page exists) or a figure entered by staff with its note.

export interface ReportScope {
  /** The agencies whose records are counted (one, or several for a roll-up). */
  agencyIds: readonly number[];
  year: number;
}

export type CellProvenance =
  | { source: 'records'; href?: string; detail?: string }
  | { source: 'staff'; note: string }
  | { source: 'none'; note: string };

export interface SectionResult<T> {
  values: T;
  /** Cell key (e.g. "regulation.issued", "newlyReceived.naturalPerson") → provenance. */
  cells: Record<string, CellProvenance>;
}

/** A figure entered by staff where no module records it yet, with its source note. */
export interface StaffFigure {
  value: number;
  note: string;
}

export type StaffFigures = Partial<Record<string, StaffFigure>>;

/** Inclusive first and last day of a report year as 'YYYY-MM-DD' (platform/report-year.ts). */
/**
 * The most records a drill-down page lists (its queries fetch one more, to know there are more);
 * past it the page says so instead of giving a count that contradicts the table's figure.
 */
export const CELL_RECORDS_LIMIT = 5000;

export { reportYear as yearBounds, inReportYear } from '../../../platform/report-year.ts';

/** The scope's agencies as an `in` list: [0], which no agency has, when the scope is empty (`in ()` is not SQL). */
export function scopeAgencyIds(scope: ReportScope): number[] {
  return scope.agencyIds.length ? [...scope.agencyIds] : [0];
}

export { countRows } from '../../../platform/rows.ts';

/** One count per key, in the keys' order (the overview's counts, each with its drill-down). */
export async function countPerKey<K extends string>(
  keys: readonly K[],
  count: (key: K) => Promise<number>,
): Promise<Record<K, number>> {
  const out = {} as Record<K, number>;
  for (const key of keys) out[key] = await count(key);
  return out;
}

/** The cells of a table counted from records, row by row, each linked to the list of its records. */
export function recordCells(
  table: string,
  rows: readonly string[],
  columns: readonly string[],
  drillBase: string,
): Record<string, CellProvenance> {
  const cells: Record<string, CellProvenance> = {};
  for (const r of rows)
    for (const c of columns) cells[`${r}.${c}`] = { source: 'records', href: `${drillBase}?cell=${table}.${r}.${c}` };
  return cells;
}

/** A staff figure, or 0 with a 'none' provenance when nobody entered it. */
export function staffCell(figures: StaffFigures, key: string): { value: number; cell: CellProvenance } {
  const f = figures[key];
  if (f && Number.isFinite(f.value)) return { value: f.value, cell: { source: 'staff', note: f.note } };
  return { value: 0, cell: { source: 'none', note: '本系统尚无该项记录，工作人员未填报，按 0 计。' } };
}
