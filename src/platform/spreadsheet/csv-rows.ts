// Reading CSV (RFC 4180): quoted fields with commas, quotes and line breaks; a UTF-8 BOM (which our
// exports write so that spreadsheet programs read Chinese text) is tolerated; an uploaded file's
// bytes are UTF-8 or GBK (csvText, platform/text-encoding.ts). Used by every
// import of a table (service items, the 基层政务公开标准目录) and by the privacy scan of .csv files.
import { decodeText, UNDECODABLE_TEXT } from '../text-encoding.ts';

/**
 * Every record of a CSV text as written, blank ones included (the n-th record is the n-th row of the
 * file), a leading BOM skipped; `unclosedQuote` when the text ends inside a quoted field (what was
 * read of that field is the last cell). The privacy scan reads a broken file all the same.
 */
/** An uploaded CSV's text, UTF-8 or GBK; an Error with the message for the user otherwise. */
export function csvText(bytes: Uint8Array): string {
  const text = decodeText(bytes);
  if (text === null) throw new Error(`该 CSV 文件${UNDECODABLE_TEXT}`);
  return text;
}

export function csvRecords(text: string): { rows: string[][]; unclosedQuote: boolean } {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return { rows, unclosedQuote: quoted };
}

/** The rows of an imported table: blank rows left out, an unclosed quote refused. */
export function parseCsv(text: string): string[][] {
  const { rows, unclosedQuote } = csvRecords(text);
  if (unclosedQuote) throw new RangeError('CSV 内容有未闭合的引号。');
  return rows.filter((r) => r.some((f) => f.trim() !== ''));
}
