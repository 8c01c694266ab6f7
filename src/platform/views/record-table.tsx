// A table of records in its scrolling region (the admin registers: staff, trainings, evaluations,
// inspections, accountability): one header cell per column, one row per record, the cells given.
import type { ComponentChildren } from 'preact';
import { TableScroll } from './components.tsx';

export function RecordTable<T extends { id: number }>(p: {
  /** The region's accessible name. */
  label: string;
  columns: readonly string[];
  rows: readonly T[];
  /** The cells of a record's row. */
  cells: (row: T) => ComponentChildren;
}) {
  return (
    <TableScroll label={p.label}>
      <table>
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
          {p.rows.map((r) => (
            <tr key={r.id}>{p.cells(r)}</tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
