// A report file as the checker reads it, from the command line or an upload (#15 point 6): plain
// text (.txt, UTF-8, with or without BOM), a web page (.html/.htm, or any text with tags) or a Word
// file (.docx, through mammoth: its tables become HTML tables and then tab-separated rows). mammoth
// is imported only when a .docx arrives, so `report check` on text and HTML loads nothing more.
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { AppError } from '../../../../platform/errors.ts';
import { decodeText, UNDECODABLE_TEXT } from '../../../../platform/text-encoding.ts';
import { htmlToText, looksLikeHtml } from './html-to-text.ts';

export const REPORT_FILE_EXTENSIONS = ['.txt', '.html', '.htm', '.docx'] as const;
export const REPORT_FILE = /\.(?:txt|html?|docx)$/i;

/** A file that is not a report the checker can read, with a Chinese message naming it. */
export class ReportFileError extends AppError {
  constructor(message: string) {
    super('reportFileUnreadable', message);
    this.name = 'ReportFileError';
  }
}

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

export async function reportTextOf(fileName: string, bytes: Buffer): Promise<string> {
  const ext = extname(fileName).toLowerCase();
  if (ext === '.docx') {
    if (!bytes.subarray(0, 4).equals(ZIP_MAGIC))
      throw new ReportFileError(`“${fileName}”不是 Word 文档（.docx）；旧版 .doc 文件请在 Word 中另存为 .docx。`);
    const { default: mammoth } = await import('mammoth');
    let html: string;
    try {
      html = (await mammoth.convertToHtml({ buffer: bytes }, { externalFileAccess: false })).value;
    } catch {
      throw new ReportFileError(`无法读取“${fileName}”，文件可能已损坏；请在 Word 中打开并重新保存。`);
    }
    return htmlToText(html);
  }
  if (ext !== '' && !REPORT_FILE.test(fileName))
    throw new ReportFileError(`“${fileName}”不是可检查的文件：请上传 .txt、.html、.htm 或 .docx 文件。`);
  if (bytes.subarray(0, 4).equals(ZIP_MAGIC))
    throw new ReportFileError(`“${fileName}”是压缩文件或 Word 文档，请把扩展名改为 .docx 或另存为文本。`);
  // UTF-8 or GBK (an older site's gb2312 page, Notepad's ANSI): platform/text-encoding.ts.
  const text = decodeText(bytes);
  if (text === null) throw new ReportFileError(`“${fileName}”${UNDECODABLE_TEXT}`);
  // A .html/.htm file is always read as HTML (others only when they look like HTML).
  return /^\.html?$/u.test(ext) || looksLikeHtml(text) ? htmlToText(text) : text;
}

export async function readReportPath(path: string): Promise<string> {
  return reportTextOf(path, await readFile(path));
}
