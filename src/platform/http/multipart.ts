// Multipart uploads with CSRF, the one mechanism for every form that uploads files. The global
// CSRF hook (security.ts) runs at preValidation on the root, before @fastify/multipart has read
// any field. A scope that calls registerMultipart marks its requests; the global hook skips
// marked multipart requests, and this scope parses the form (the hidden `_csrf` field must come
// before the files: a file arriving first is refused unread) and runs the same CSRF check before
// the handler. Requests outside such a scope keep the global check.
import fastifyMultipart, { type MultipartFile } from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';

export interface UploadedFile {
  fieldName: string;
  /** The file's own name (without any client path). */
  fileName: string;
  contentType: string;
  content: Buffer;
  /** The file was larger than the limit (and was cut off while reading). */
  tooLarge: boolean;
}

export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

const MULTIPART_SCOPE = Symbol('multipartScope');
const UPLOADS = Symbol('uploads');

type Marked = FastifyRequest & { [MULTIPART_SCOPE]?: true; [UPLOADS]?: UploadedFile[] };

export function isMultipartRequest(req: FastifyRequest): boolean {
  return /^multipart\/form-data/i.test(req.headers['content-type'] ?? '');
}

/** True when the request's route parses multipart bodies and checks their CSRF token itself. */
export function checksCsrfAfterMultipart(req: FastifyRequest): boolean {
  return (req as Marked)[MULTIPART_SCOPE] === true && isMultipartRequest(req);
}

/** The uploaded files of a multipart form (files sent with an empty name are left out). */
export function uploadedFiles(body: unknown): UploadedFile[] {
  if (!body || typeof body !== 'object') return [];
  const files = (body as { _files?: unknown })._files;
  return Array.isArray(files) ? (files as UploadedFile[]) : [];
}

export interface MultipartOptions {
  /** Per file; a larger file is cut off and marked `tooLarge`. */
  maxFileBytes?: number;
  maxFiles?: number;
}

/** Registers multipart parsing (and its CSRF check) in the calling plugin's scope only. */
export function registerMultipart(app: FastifyInstance, opts: MultipartOptions = {}): void {
  const maxFiles = opts.maxFiles ?? 20;
  void app.register(fastifyMultipart, {
    attachFieldsToBody: 'keyValues',
    limits: {
      fileSize: opts.maxFileBytes ?? MAX_UPLOAD_BYTES,
      files: maxFiles,
      fields: 100,
      fieldSize: 4 * 1_048_576,
      parts: 100 + maxFiles,
    },
    throwFileSizeLimit: false,
    async onFile(this: FastifyRequest, part: MultipartFile) {
      const fields = part.fields as Record<string, { value?: unknown } | undefined>;
      const token = fields._csrf?.value;
      // Field keys are in arrival order: the token must have arrived before this file.
      const order = Object.keys(fields);
      if (typeof token !== 'string' || token === '' || order.indexOf('_csrf') > order.indexOf(part.fieldname)) {
        part.file.resume();
        throw new AppError('csrfInvalid');
      }
      const content = await part.toBuffer();
      if (!part.filename) return; // an empty file input
      const list = ((this as Marked)[UPLOADS] ??= []);
      list.push({
        fieldName: part.fieldname,
        fileName: part.filename,
        contentType: part.mimetype || 'application/octet-stream',
        content,
        tooLarge: part.file.truncated,
      });
    },
  });
  app.addHook('onRequest', (req, _reply, done) => {
    (req as Marked)[MULTIPART_SCOPE] = true;
    done();
  });
  // preHandler: after every preValidation hook, so after @fastify/multipart has filled req.body.
  app.addHook('preHandler', (req, reply, done) => {
    if (!isMultipartRequest(req)) return done();
    if (req.body && typeof req.body === 'object')
      (req.body as { _files?: UploadedFile[] })._files = (req as Marked)[UPLOADS] ?? [];
    app.csrfProtection(req, reply, done);
  });
}
