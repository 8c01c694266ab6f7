// A table of records in its scrolling region (the admin registers: staff, trainings, evaluations,
// inspections, accountability; the lists of meetings, notices, letters, case events …): one header
// cell per column, one row per record, the cells given. Below a register, the form that adds to it;
// in a row, the one-control form that changes it.
import type { ComponentChildren } from 'preact';
import type { FieldErrors } from '../errors.ts';
import { Csrf, ErrorSummary, OnceField, TableScroll } from './components.tsx';

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

/**
 * The form below a register that adds one record to it: its heading, the error summary of the
 * record sent back, the fields given and the submit button (「登记」 unless named).
 */
export function RecordForm(p: {
  action: string;
  title: string;
  heading?: 'h2' | 'h3';
  errors: FieldErrors;
  csrf: string;
  /** The form's one-time token: each form sent makes one record (createOnce). */
  once: string;
  button?: string;
  children: ComponentChildren;
}) {
  const Heading = p.heading ?? 'h2';
  return (
    <form method="post" action={p.action}>
      <Heading>{p.title}</Heading>
      <ErrorSummary errors={p.errors} />
      <Csrf token={p.csrf} />
      <OnceField token={p.once} />
      {p.children}
      <button type="submit" class="button">
        {p.button ?? '登记'}
      </button>
    </form>
  );
}

/**
 * A one-control form in a register's row (end a member's service, update an inspection's fixes):
 * the control's label is for screen readers only (the row says what it is about), then the button.
 */
export function RowForm(p: {
  action: string;
  csrf: string;
  /** The id of the control given as `children`. */
  controlId: string;
  label: string;
  button: string;
  children: ComponentChildren;
}) {
  return (
    <form method="post" action={p.action} class="inline-form">
      <Csrf token={p.csrf} />
      <label class="visually-hidden" for={p.controlId}>
        {p.label}
      </label>
      {p.children}
      <button type="submit" class="button secondary">
        {p.button}
      </button>
    </form>
  );
}
