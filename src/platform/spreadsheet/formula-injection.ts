// Formula (CSV) injection: a spreadsheet program runs a cell that starts with = + - @ (or a tab or
// carriage return before one of them) as a formula, e.g. =HYPERLINK(...) or a DDE call that starts
// a program. OWASP's recommendation (https://owasp.org/www-community/attacks/CSV_Injection): put a
// single quote before such a cell, so that it is read as text, and quote every field that holds a
// separator or a quote (the CSV writer does that). Every CSV and XLSX export goes through
// `neutraliseCell`: an XLSX string cell is never run as a formula by itself, but the same text saved
// again as CSV from the spreadsheet program would be.
//
// One exception, documented because it is a choice: a plain decimal number (-12, +3, -0.5) is left
// alone. It cannot call anything, and amounts and differences in exports stay numbers.
//
// Imports of our own exports undo the quote with `restoreNeutralisedCell`, so that an export → edit
// → import round trip gives back the text that was exported.

const TRIGGER = /^[=+\-@\t\r]/u;
const PLAIN_NUMBER = /^[+-]?\d+(?:\.\d+)?$/u;

/** True when a spreadsheet program could take this cell for a formula. */
export function isFormulaLike(value: string): boolean {
  return TRIGGER.test(value) && !PLAIN_NUMBER.test(value);
}

/** The cell as it may be written into a CSV or XLSX file: formula-like text gets a leading `'`. */
export function neutraliseCell(value: string): string {
  return isFormulaLike(value) ? `'${value}` : value;
}

/** Undoes `neutraliseCell` on import: `'=A1` → `=A1`; any other value is returned as it is. */
export function restoreNeutralisedCell(value: string): string {
  return value.startsWith("'") && isFormulaLike(value.slice(1)) ? value.slice(1) : value;
}

/** One CSV field (RFC 4180): neutralised, then quoted when it holds a comma, quote, line break or edge space. */
export function csvField(value: string): string {
  const safe = neutraliseCell(value);
  return /[",\r\n]/u.test(safe) || /^\s|\s$/u.test(safe) ? `"${safe.replace(/"/gu, '""')}"` : safe;
}

/** CSV text (CRLF line ends) with a UTF-8 BOM so that spreadsheet programs read Chinese text as UTF-8. */
export function toSafeCsv(rows: readonly (readonly string[])[]): string {
  return `\uFEFF${rows.map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`;
}
