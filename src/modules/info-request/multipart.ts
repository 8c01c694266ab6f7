// A small multipart/form-data body parser for the staff forms that upload documents. It runs as
// a content-type parser (before preValidation), so the site-wide CSRF check finds `_csrf` in
// the body exactly as with urlencoded forms — @fastify/multipart parses later, in preValidation,
// after the CSRF hook has already rejected the request.
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../platform/errors.ts';

export interface UploadedFile {
  fieldName: string;
  fileName: string;
  contentType: string;
  content: Buffer;
}

export interface MultipartBody {
  [field: string]: string | UploadedFile[] | undefined;
  _files?: UploadedFile[];
}

export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

function header(headers: string, name: string): string {
  const m = new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(headers);
  return m?.[1]?.trim() ?? '';
}

function param(value: string, name: string): string | null {
  const star = new RegExp(`${name}\\*=UTF-8''([^;]+)`, 'i').exec(value);
  if (star?.[1]) return decodeURIComponent(star[1]);
  const m = new RegExp(`${name}="([^"]*)"`, 'i').exec(value);
  return m?.[1] ?? null;
}

export function parseMultipart(body: Buffer, contentType: string): MultipartBody {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  const b = boundary?.[1] ?? boundary?.[2];
  if (!b) throw new AppError('badRequest');
  const delimiter = Buffer.from(`--${b}`);
  const out: MultipartBody = {};
  const files: UploadedFile[] = [];
  let pos = body.indexOf(delimiter);
  while (pos !== -1) {
    let start = pos + delimiter.length;
    if (body.subarray(start, start + 2).toString() === '--') break;
    if (body.subarray(start, start + 2).toString() === '\r\n') start += 2;
    const next = body.indexOf(delimiter, start);
    if (next === -1) break;
    const part = body.subarray(start, next - 2); // strip the CRLF before the delimiter
    const split = part.indexOf('\r\n\r\n');
    if (split !== -1) {
      const headers = part.subarray(0, split).toString('utf8');
      const content = part.subarray(split + 4);
      const disposition = header(headers, 'content-disposition');
      const name = param(disposition, 'name');
      const fileName = param(disposition, 'filename');
      if (name !== null) {
        if (fileName !== null) {
          if (fileName !== '' && content.length > 0) {
            files.push({ fieldName: name, fileName: fileName.replace(/^.*[\\/]/, ''), contentType: header(headers, 'content-type') || 'application/octet-stream', content: Buffer.from(content) });
          }
        } else if (out[name] === undefined) {
          out[name] = content.toString('utf8');
        }
      }
    }
    pos = next;
  }
  out._files = files;
  return out;
}

/** Registers the parser in the calling plugin's scope only. */
export function registerMultipart(app: FastifyInstance): void {
  app.addContentTypeParser('multipart/form-data', { parseAs: 'buffer', bodyLimit: MAX_UPLOAD_BYTES }, (req, body, done) => {
    try {
      done(null, parseMultipart(body as Buffer, String(req.headers['content-type'] ?? '')));
    } catch (err) {
      done(err as Error, undefined);
    }
  });
}

export function uploadedFiles(body: unknown): UploadedFile[] {
  if (!body || typeof body !== 'object') return [];
  const files = (body as MultipartBody)._files;
  return Array.isArray(files) ? files : [];
}
