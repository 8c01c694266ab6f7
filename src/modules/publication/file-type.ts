// Attachment types are decided by content (magic bytes and, for ZIP containers, the entries
// inside), never by the name alone; the name's extension must agree with the content.
import { ValidationError } from '../../platform/errors.ts';
import { extractPdfText } from '../../platform/storage/pdf-text.ts';
import { inflateRawSync } from 'node:zlib';

export type FileKind =
  'pdf' | 'docx' | 'xlsx' | 'xls' | 'odt' | 'png' | 'jpeg' | 'gif' | 'webp' | 'zip' | 'mp4' | 'mp3';

export const FILE_KINDS: Record<FileKind, { mime: string; label: string; extensions: readonly string[] }> = {
  pdf: { mime: 'application/pdf', label: 'PDF 文件', extensions: ['pdf'] },
  docx: {
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    label: 'Word 文档（DOCX）',
    extensions: ['docx'],
  },
  xlsx: {
    mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    label: 'Excel 表格（XLSX）',
    extensions: ['xlsx'],
  },
  // Excel 97–2003 (BIFF in an OLE2 compound file): still what many offices' 名单 are saved as.
  xls: { mime: 'application/vnd.ms-excel', label: 'Excel 97-2003 表格（XLS）', extensions: ['xls'] },
  odt: { mime: 'application/vnd.oasis.opendocument.text', label: 'ODT 文档', extensions: ['odt'] },
  png: { mime: 'image/png', label: 'PNG 图片', extensions: ['png'] },
  jpeg: { mime: 'image/jpeg', label: 'JPEG 图片', extensions: ['jpg', 'jpeg'] },
  gif: { mime: 'image/gif', label: 'GIF 图片', extensions: ['gif'] },
  webp: { mime: 'image/webp', label: 'WebP 图片', extensions: ['webp'] },
  zip: { mime: 'application/zip', label: 'ZIP 压缩包', extensions: ['zip'] },
  // 音视频解读 (issue #17 point 1): the recording as an attachment.
  mp4: { mime: 'video/mp4', label: 'MP4 视频', extensions: ['mp4', 'm4v'] },
  mp3: { mime: 'audio/mpeg', label: 'MP3 音频', extensions: ['mp3'] },
};

export const ALLOWED_EXTENSIONS = Object.values(FILE_KINDS).flatMap((k) => k.extensions);

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  localOffset: number;
}

/** Entries from the ZIP central directory; null when the buffer is not a readable ZIP. */
export function zipEntries(buf: Buffer): ZipEntry[] | null {
  const min = Math.max(0, buf.length - 65_557);
  let eocd = -1;
  for (let i = buf.length - 22; i >= min; i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const out: ZipEntry[] = [];
  for (let n = 0; n < count; n++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) return null;
    const method = buf.readUInt16LE(p + 10);
    const compressedSize = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const localOffset = buf.readUInt32LE(p + 42);
    out.push({ name: buf.toString('utf8', p + 46, p + 46 + nameLen), method, compressedSize, localOffset });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

/** The uncompressed bytes of one entry (stored or deflated), or null. */
export function zipRead(buf: Buffer, entry: ZipEntry, maxBytes = 20_000_000): Buffer | null {
  const p = entry.localOffset;
  if (p + 30 > buf.length || buf.readUInt32LE(p) !== 0x04034b50) return null;
  const start = p + 30 + buf.readUInt16LE(p + 26) + buf.readUInt16LE(p + 28);
  const data = buf.subarray(start, start + entry.compressedSize);
  try {
    if (entry.method === 0) return data;
    if (entry.method === 8) return inflateRawSync(data, { maxOutputLength: maxBytes });
  } catch {
    return null;
  }
  return null;
}

const OLE2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/**
 * Whether an OLE2 compound file holds an Excel workbook: one of its directory entries (128 bytes
 * each, in 512-byte sectors after the header) is the stream "Workbook" (BIFF8) or "Book" (BIFF5),
 * its UTF-16 name followed by the name's byte length (with the terminator) at offset 64.
 */
function isOleWorkbook(buf: Buffer): boolean {
  for (const name of ['Workbook', 'Book']) {
    const needle = Buffer.from(`${name}\0`, 'utf16le');
    for (let i = buf.indexOf(needle, 512); i >= 0; i = buf.indexOf(needle, i + 2))
      if (i % 128 === 0 && i + 66 <= buf.length && buf.readUInt16LE(i + 64) === needle.length) return true;
  }
  return false;
}

export function sniffFileKind(buf: Buffer): FileKind | null {
  const head = (s: string, at = 0) => buf.length >= at + s.length && buf.toString('latin1', at, at + s.length) === s;
  if (head('%PDF-')) return 'pdf';
  if (head('\x89PNG\r\n\x1a\n')) return 'png';
  if (buf.length >= 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return 'jpeg';
  if (head('GIF87a') || head('GIF89a')) return 'gif';
  if (head('RIFF') && head('WEBP', 8)) return 'webp';
  // ISO base media (MP4): a box of type ftyp first; MP3: an ID3 tag or an MPEG audio frame header.
  if (head('ftyp', 4)) return 'mp4';
  if (head('ID3') || (buf.length >= 2 && buf[0] === 0xff && ((buf[1] ?? 0) & 0xe0) === 0xe0)) return 'mp3';
  if (buf.length >= 512 && buf.subarray(0, 8).equals(OLE2)) return isOleWorkbook(buf) ? 'xls' : null;
  if (head('PK\x03\x04') || head('PK\x05\x06')) {
    const entries = zipEntries(buf);
    if (!entries) return null;
    const names = new Set(entries.map((e) => e.name));
    const mimetype = entries.find((e) => e.name === 'mimetype');
    if (mimetype && zipRead(buf, mimetype)?.toString('latin1') === FILE_KINDS.odt.mime) return 'odt';
    if (names.has('[Content_Types].xml') && names.has('word/document.xml')) return 'docx';
    if (names.has('[Content_Types].xml') && names.has('xl/workbook.xml')) return 'xlsx';
    return 'zip';
  }
  return null;
}

export function extensionOf(fileName: string): string {
  const m = /\.([A-Za-z0-9]{1,8})$/.exec(fileName);
  return m ? (m[1] as string).toLowerCase() : '';
}

/**
 * An upload refused for its type or content: code fileTypeRefused (422) in the catalogue, and a
 * ValidationError on the file's form field, so a form route shows it there with what was typed —
 * no caller translates it.
 */
export class FileTypeError extends ValidationError {
  constructor(message: string, field: string) {
    super({ [field]: message }, message, 'fileTypeRefused');
    this.name = 'FileTypeError';
  }
}

/**
 * Checks an upload: an allowed extension, recognised content, and the two agree (a .zip may
 * hold an Office document; nothing else may differ). Returns the kind and the MIME type; refuses
 * with a FileTypeError on `field`.
 */
export function checkUpload(fileName: string, buf: Buffer, field = 'file'): { kind: FileKind; mime: string } {
  const refuse = (message: string) => new FileTypeError(message, field);
  const ext = extensionOf(fileName);
  if (!ALLOWED_EXTENSIONS.includes(ext)) {
    throw refuse(
      `不支持“${fileName}”的文件类型。可上传 PDF、DOCX、XLSX、XLS、ODT、图片（PNG、JPEG、GIF、WebP）、ZIP 或音视频（MP4、MP3）文件。`,
    );
  }
  if (buf.length === 0) throw refuse(`文件“${fileName}”是空文件，请重新选择。`);
  const kind = sniffFileKind(buf);
  if (!kind) throw refuse(`无法识别文件“${fileName}”的内容，它可能已损坏或不是所标示的类型。`);
  const declared = (Object.keys(FILE_KINDS) as FileKind[]).find((k) =>
    FILE_KINDS[k].extensions.includes(ext),
  ) as FileKind;
  const compatible =
    declared === kind || (declared === 'zip' && (kind === 'docx' || kind === 'xlsx' || kind === 'odt'));
  if (!compatible) {
    throw refuse(
      `文件“${fileName}”的扩展名表示${FILE_KINDS[declared].label}，但内容实际是${FILE_KINDS[kind].label}，请检查后重新上传。`,
    );
  }
  return { kind: declared, mime: FILE_KINDS[declared].mime };
}

/** Text of a DOCX, ODT or PDF for the search index ('' for other kinds or when unreadable). */
export function extractText(kind: FileKind, buf: Buffer): string {
  // PDF through pdftotext (poppler-utils) when installed; '' without it.
  if (kind === 'pdf') return extractPdfText(buf);
  const part = kind === 'docx' ? 'word/document.xml' : kind === 'odt' ? 'content.xml' : null;
  if (!part) return '';
  const entry = zipEntries(buf)?.find((e) => e.name === part);
  const xml = entry ? zipRead(buf, entry)?.toString('utf8') : undefined;
  if (!xml) return '';
  return xml
    .replace(/<\/(w:p|text:p|text:h)>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\n{2,}/g, '\n')
    .trim()
    .slice(0, 200_000);
}
