import { toSafeCsv } from '../../platform/spreadsheet/formula-injection.ts';

// RFC 4180 CSV: quoted fields, doubled quotes, CR/LF inside quotes; a UTF-8 BOM is ignored. The
// parser is incremental (CsvParser.push() per chunk of a stream, end() at the end of the file), so
// an import reads a file of any size in flat memory; parseCsv() is the same parser over one string.

export interface CsvRow {
  /** The 1-based line the row starts on. */
  line: number;
  fields: string[];
}

/** Reads CSV text chunk by chunk; complete rows come out of push() as soon as they end. */
export class CsvParser {
  private buf = '';
  private fields: string[] = [];
  private field = '';
  private quoted = false;
  /** The previous chunk ended on the quote that may close a quoted field (or start a doubled one). */
  private quoteAtEnd = false;
  private started = false;
  private line = 1;
  private rowLine = 1;
  private pendingCr = false;

  push(chunk: string): CsvRow[] {
    let src = this.buf + chunk;
    this.buf = '';
    if (!this.started && src.length) {
      src = src.replace(/^\uFEFF/, '');
      this.started = true;
    }
    const rows: CsvRow[] = [];
    let i = 0;
    const n = src.length;
    if (this.pendingCr) {
      this.pendingCr = false;
      if (src[0] === '\n') i = 1;
    }
    if (this.quoteAtEnd) {
      this.quoteAtEnd = false;
      if (n === 0) {
        this.quoteAtEnd = true;
        return rows;
      }
      if (src[0] === '"') {
        this.field += '"';
        i = 1;
      } else this.quoted = false;
    }
    while (i < n) {
      if (this.quoted) {
        const q = src.indexOf('"', i);
        if (q < 0) {
          this.countLines(src, i, n);
          this.field += src.slice(i);
          return rows;
        }
        this.countLines(src, i, q);
        this.field += src.slice(i, q);
        if (q + 1 >= n) {
          this.quoteAtEnd = true;
          return rows;
        }
        if (src[q + 1] === '"') {
          this.field += '"';
          i = q + 2;
        } else {
          this.quoted = false;
          i = q + 1;
        }
        continue;
      }
      const c = src[i] as string;
      if (c === '"' && this.field === '') {
        this.quoted = true;
        i++;
      } else if (c === ',') {
        this.fields.push(this.field);
        this.field = '';
        i++;
      } else if (c === '\r' || c === '\n') {
        this.endRow(rows);
        if (c === '\r') {
          if (i + 1 >= n) this.pendingCr = true;
          else if (src[i + 1] === '\n') i++;
        }
        i++;
        this.line++;
        this.rowLine = this.line;
      } else {
        let j = i + 1;
        while (j < n) {
          const d = src.charCodeAt(j);
          if (d === 44 || d === 13 || d === 10) break; // , \r \n
          j++;
        }
        this.field += src.slice(i, j);
        i = j;
      }
    }
    return rows;
  }

  /** The last row (a file need not end with a newline); throws on an unclosed quote. */
  end(): CsvRow[] {
    const rows: CsvRow[] = [];
    if (this.quoteAtEnd) {
      this.quoteAtEnd = false;
      this.quoted = false;
    }
    if (this.quoted) throw new Error(`第 ${this.rowLine} 行的引号没有闭合。`);
    if (this.field !== '' || this.fields.length) this.endRow(rows);
    return rows;
  }

  private countLines(src: string, from: number, to: number): void {
    for (let k = src.indexOf('\n', from); k >= 0 && k < to; k = src.indexOf('\n', k + 1)) this.line++;
  }

  private endRow(rows: CsvRow[]): void {
    this.fields.push(this.field);
    if (!(this.fields.length === 1 && this.fields[0] === '')) rows.push({ line: this.rowLine, fields: this.fields });
    this.fields = [];
    this.field = '';
  }
}

/** Rows of fields with the 1-based line number each row starts on. */
export function parseCsv(text: string): CsvRow[] {
  const p = new CsvParser();
  return [...p.push(text), ...p.end()];
}

/** CSV text with a BOM (so that spreadsheet programs read the Chinese text as UTF-8); formula-like cells neutralised. */
export function toCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return toSafeCsv([header, ...rows]);
}
