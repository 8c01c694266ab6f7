import { toSafeCsv } from '../../platform/spreadsheet/formula-injection.ts';

// RFC 4180 CSV: quoted fields, doubled quotes, CR/LF inside quotes; a UTF-8 BOM is ignored.

/** Rows of fields with the 1-based line number each row starts on. */
export function parseCsv(text: string): { line: number; fields: string[] }[] {
  const src = text.replace(/^\uFEFF/, '');
  const rows: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  let i = 0;
  const endRow = () => {
    fields.push(field);
    if (!(fields.length === 1 && fields[0] === '')) rows.push({ line: rowLine, fields });
    fields = [];
    field = '';
  };
  while (i < src.length) {
    const c = src[i] as string;
    if (quoted) {
      if (c === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        if (c === '\n') line++;
        field += c;
      }
      i++;
      continue;
    }
    if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      fields.push(field);
      field = '';
    } else if (c === '\r' || c === '\n') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      endRow();
      line++;
      rowLine = line;
    } else field += c;
    i++;
  }
  if (quoted) throw new Error(`第 ${rowLine} 行的引号没有闭合。`);
  if (field !== '' || fields.length) endRow();
  return rows;
}

/** CSV text with a BOM (so that spreadsheet programs read the Chinese text as UTF-8); formula-like cells neutralised. */
export function toCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return toSafeCsv([header, ...rows]);
}
