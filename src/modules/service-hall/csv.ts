import { toSafeCsv } from '../../platform/spreadsheet/formula-injection.ts';
export { csvText, parseCsv } from '../../platform/spreadsheet/csv-rows.ts';

// CSV in and out (RFC 4180): quoted fields with commas, quotes and line breaks; a UTF-8 BOM on
// export so that spreadsheet programs open Chinese text correctly, and tolerated on import.

/** Formula-like cells get a leading ' (platform/spreadsheet), then RFC 4180 quoting. */
export function toCsv(rows: readonly (readonly string[])[]): string {
  return toSafeCsv(rows);
}
