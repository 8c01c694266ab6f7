// A table of records in its scrolling region (the admin registers: staff, trainings, evaluations,
// inspections, accountability; the lists of meetings, notices, letters, case events …): one header
// cell per column, one row per record, the cells given.
import type { ComponentChildren } from 'preact';
import { TableScroll } from './components.tsx';

export function RecordTable<T>(p: {
  /** The region's accessible name. */
  label: string;
  /** The table's caption, where it has one. */
  caption?: ComponentChildren;
  tableClass?: string;
  columns: readonly string[];
  rows: readonly T[];
  /** The cells of a record's row (and its place in the list). */
  cells: (row: T, index: number) => ComponentChildren;
}) {
  return (
    <TableScroll label={p.label}>
      <table class={p.tableClass}>
        {p.caption ? <caption>{p.caption}</caption> : null}
        <thead>
          <tr>
            {p.columns.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {p.rows.map((r, i) => (
            <tr key={i}>{p.cells(r, i)}</tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
