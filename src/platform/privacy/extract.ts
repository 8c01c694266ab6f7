// Text out of every kind of attachment for the personal-data guard (issue #18 point 2), as
// segments that know where they come from (page, table cell), so that a finding can say where it is:
// - PDF: the text layer per page through pdftotext (poppler-utils); a page with (almost) no text is
//   a scanned page, to be read by OCR;
// - .docx: mammoth's HTML, tables included (each cell labelled 表N 第R行第C列);
// - .xlsx: every cell of every sheet through exceljs (labelled with the sheet and the cell address);
// - .xls (Excel 97–2003): converted to .xlsx by LibreOffice headless (xls.ts), then read as .xlsx;
//   without LibreOffice the file is "not scanned";
// - .csv: every cell;
// - images and scanned PDF pages: OCR with Debian's tesseract-ocr and tesseract-ocr-chi-sim, PDF
//   pages rendered by pdftoppm first, with a page limit and a time limit per file. When tesseract
//   (or its Chinese data) is missing, the file is "not scanned" — never clean.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cellAt, htmlText } from './html-text.ts';
import { csvRecords } from '../spreadsheet/csv-rows.ts';
import { decodeText } from '../text-encoding.ts';
import { newWorkbook } from '../spreadsheet/workbook.ts';
import { xlsToXlsx } from './xls.ts';

export interface TextSegment {
  text: string;
  /** 1-based page of a PDF, or null. */
  page: number | null;
  /** A table cell (表1 第2行第3列) or a sheet cell (Sheet1!B3), else ''. */
  cell: string;
  /** Per-offset cell labels, when one segment holds a whole table. */
  cellAt?: (offset: number) => string;
  ocr?: boolean;
}

export type ScanOutcome =
  | { status: 'done'; segments: TextSegment[]; note: string }
  | { status: 'needsOcr'; segments: TextSegment[]; ocrPages: number[] | 'image'; note: string }
  | { status: 'notScanned'; segments: TextSegment[]; note: string };

export interface OcrLimits {
  /** Pages of one file read by OCR at most. */
  pageLimit: number;
  /** Time for one file's OCR, in milliseconds. */
  timeLimitMs: number;
}

export const DEFAULT_OCR_LIMITS: OcrLimits = { pageLimit: 20, timeLimitMs: 120_000 };

/** A page with fewer characters than this (spaces aside) in its text layer is a scanned page. */
const SCANNED_PAGE_CHARS = 20;

let tesseractLangs: string[] | undefined;

/** Languages tesseract can read here ([] when tesseract is not installed). */
export function ocrLanguages(): string[] {
  if (tesseractLangs === undefined) {
    const r = spawnSync('tesseract', ['--list-langs'], { encoding: 'utf8', timeout: 10_000 });
    tesseractLangs =
      r.error || r.status !== 0
        ? []
        : `${r.stdout}\n${r.stderr}`
            .split('\n')
            .map((l) => l.trim())
            .filter((l) => /^[a-z_]+$/u.test(l));
  }
  return tesseractLangs;
}

/** Why OCR cannot run here, or null when it can. */
export function ocrUnavailableReason(): string | null {
  const langs = ocrLanguages();
  if (langs.length === 0) return '未安装 tesseract-ocr，图片和扫描页未扫描';
  if (!langs.includes('chi_sim')) return '未安装 tesseract-ocr-chi-sim（简体中文识别数据），图片和扫描页未扫描';
  return null;
}

let pdftotextHere: boolean | undefined;
const havePdftotext = () =>
  (pdftotextHere ??= spawnSync('pdftotext', ['-v'], { encoding: 'utf8' }).error === undefined);

/** The text layer of each page of a PDF, or null when pdftotext is missing or cannot read it. */
export function pdfPages(pdf: Buffer): string[] | null {
  if (!havePdftotext()) return null;
  const r = spawnSync('pdftotext', ['-q', '-layout', '-enc', 'UTF-8', '-', '-'], {
    input: pdf,
    maxBuffer: 64 * 1024 * 1024,
    timeout: 60_000,
  });
  if (r.status !== 0 || !r.stdout) return null;
  const pages = r.stdout.toString('utf8').split('\f');
  if (pages.length > 1 && pages.at(-1)?.trim() === '') pages.pop();
  return pages;
}

async function docxSegments(buf: Buffer): Promise<TextSegment[]> {
  const { default: mammoth } = await import('mammoth');
  const { value } = await mammoth.convertToHtml({ buffer: buf });
  const t = htmlText(value);
  return [{ text: t.text, page: null, cell: '', cellAt: (o) => cellAt(t, o) }];
}

function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') {
    const o = v as { text?: unknown; richText?: Array<{ text: string }>; result?: unknown; hyperlink?: string };
    if (Array.isArray(o.richText)) return o.richText.map((r) => r.text).join('');
    if (o.text !== undefined) return String(o.text);
    if (o.result !== undefined) return cellText(o.result);
    if (v instanceof Date) return v.toISOString().slice(0, 10);
    return '';
  }
  return String(v);
}

/** A table as text: cells separated by tabs, rows by line breaks, each cell's range labelled. */
function tableSegment(rows: Array<Array<{ text: string; label: string }>>, page: number | null = null): TextSegment {
  let text = '';
  const cells: Array<{ start: number; end: number; label: string }> = [];
  for (const row of rows) {
    row.forEach((c, i) => {
      if (i > 0) text += '\t';
      const clean = c.text.replace(/[\t\n\r]+/gu, ' ');
      cells.push({ start: text.length, end: text.length + clean.length, label: c.label });
      text += clean;
    });
    text += '\n';
  }
  return { text, page, cell: '', cellAt: (o) => cells.find((c) => o >= c.start && o < c.end)?.label ?? '' };
}

async function xlsxSegments(buf: Buffer): Promise<TextSegment[]> {
  const wb = await newWorkbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const out: TextSegment[] = [];
  wb.eachSheet((sheet) => {
    const rows: Array<Array<{ text: string; label: string }>> = [];
    sheet.eachRow({ includeEmpty: false }, (row) => {
      const cells: Array<{ text: string; label: string }> = [];
      row.eachCell({ includeEmpty: false }, (cell) => {
        cells.push({ text: cellText(cell.value), label: `${sheet.name}!${cell.address}` });
      });
      rows.push(cells);
    });
    out.push(tableSegment(rows));
  });
  return out;
}

const colName = (n: number): string =>
  n < 26 ? String.fromCharCode(65 + n) : colName(Math.floor(n / 26) - 1) + colName(n % 26);

function csvSegments(buf: Buffer): TextSegment[] {
  const { rows } = csvRecords(decodeText(buf) ?? buf.toString('utf8'));
  return [tableSegment(rows.map((r, ri) => r.map((text, ci) => ({ text, label: `${colName(ci)}${ri + 1}` }))))];
}

/**
 * The text of an attachment that needs no OCR. A PDF's scanned pages (and images) are named in
 * `ocrPages` for ocrSegments.
 */
export async function textSegments(kind: string, buf: Buffer): Promise<ScanOutcome> {
  try {
    if (kind === 'docx') return { status: 'done', segments: await docxSegments(buf), note: '' };
    if (kind === 'xlsx') return { status: 'done', segments: await xlsxSegments(buf), note: '' };
    if (kind === 'xls') {
      const converted = await xlsToXlsx(buf);
      if (!converted.ok) return { status: 'notScanned', segments: [], note: converted.note };
      return { status: 'done', segments: await xlsxSegments(converted.xlsx), note: '' };
    }
    if (kind === 'csv') return { status: 'done', segments: csvSegments(buf), note: '' };
    if (kind === 'png' || kind === 'jpeg' || kind === 'gif' || kind === 'webp')
      return { status: 'needsOcr', segments: [], ocrPages: 'image', note: '' };
    if (kind === 'pdf') {
      const pages = pdfPages(buf);
      if (!pages)
        return {
          status: 'notScanned',
          segments: [],
          note: '无法读取该 PDF 文件的文字（未安装 poppler-utils 或文件已损坏）',
        };
      const segments = pages.map((text, i) => ({ text, page: i + 1, cell: '' }));
      const scanned = pages.flatMap((p, i) => (p.replace(/\s/gu, '').length < SCANNED_PAGE_CHARS ? [i + 1] : []));
      if (scanned.length) return { status: 'needsOcr', segments, ocrPages: scanned, note: '' };
      return { status: 'done', segments, note: '' };
    }
    if (kind === 'odt' || kind === 'zip')
      return { status: 'notScanned', segments: [], note: '该类型的文件不在扫描范围内，请人工检查' };
  } catch {
    return { status: 'notScanned', segments: [], note: '文件无法读取，未扫描' };
  }
  return { status: 'notScanned', segments: [], note: '该类型的文件不在扫描范围内，请人工检查' };
}

function run(cmd: string, args: string[], input: Buffer | null, timeoutMs: number): Promise<Buffer | null> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'ignore'] });
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => child.kill('SIGKILL'), Math.max(1, timeoutMs));
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.on('error', () => {
      clearTimeout(timer);
      resolve(null);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve(code === 0 ? Buffer.concat(chunks) : null);
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(input ?? undefined);
  });
}

/** OCR output with the spaces tesseract puts between digits and between Chinese characters closed. */
export function tidyOcrText(text: string): string {
  return text.replace(/(?<=\d) (?=\d)/gu, '').replace(/(?<=[\u4e00-\u9fa5]) (?=[\u4e00-\u9fa5])/gu, '');
}

async function ocrImage(png: Buffer, timeoutMs: number): Promise<string | null> {
  const out = await run('tesseract', ['stdin', 'stdout', '-l', 'chi_sim+eng', '--psm', '3'], png, timeoutMs);
  return out ? tidyOcrText(out.toString('utf8')) : null;
}

/**
 * OCR of an image or of a PDF's scanned pages, within the limits. Pages past the page limit or the
 * time limit are named in the note: the file then counts as not (fully) scanned.
 */
export async function ocrSegments(
  buf: Buffer,
  pages: number[] | 'image',
  limits: OcrLimits = DEFAULT_OCR_LIMITS,
): Promise<{ segments: TextSegment[]; complete: boolean; note: string }> {
  const unavailable = ocrUnavailableReason();
  if (unavailable) return { segments: [], complete: false, note: unavailable };
  const deadline = Date.now() + limits.timeLimitMs;
  if (pages === 'image') {
    const text = await ocrImage(buf, limits.timeLimitMs);
    if (text === null) return { segments: [], complete: false, note: '图片无法识别（文件损坏或超时），未扫描' };
    return { segments: [{ text, page: null, cell: '', ocr: true }], complete: true, note: '' };
  }
  const segments: TextSegment[] = [];
  const todo = pages.slice(0, limits.pageLimit);
  const missed: number[] = pages.slice(limits.pageLimit);
  // pdftoppm reads and writes files (no standard output for PNG in poppler 22): a private temp folder.
  const dir = await mkdtemp(join(tmpdir(), 'gk-ocr-'));
  try {
    await writeFile(join(dir, 'in.pdf'), buf);
    for (const p of todo) {
      const left = deadline - Date.now();
      if (left <= 0) {
        missed.push(p);
        continue;
      }
      const out = join(dir, `p${p}`);
      const ok = await run(
        'pdftoppm',
        ['-r', '200', '-gray', '-png', '-f', String(p), '-l', String(p), '-singlefile', join(dir, 'in.pdf'), out],
        null,
        left,
      );
      const png = ok ? await readFile(`${out}.png`).catch(() => null) : null;
      const text = png && png.length ? await ocrImage(png, deadline - Date.now()) : null;
      if (text === null) missed.push(p);
      else segments.push({ text, page: p, cell: '', ocr: true });
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  missed.sort((a, b) => a - b);
  return {
    segments,
    complete: missed.length === 0,
    note: missed.length
      ? `第 ${missed.join('、')} 页未能识别（超出每个文件 ${limits.pageLimit} 页或 ${Math.round(limits.timeLimitMs / 1000)} 秒的识别上限，或页面无法读取），未扫描`
      : '',
  };
}
