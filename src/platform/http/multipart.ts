// Multipart uploads, the one mechanism for every form that uploads files. Three rules:
//
// 1. Nothing of the body is read before the sender is known to be allowed. The admin guard runs
//    at onRequest (admin-guard.ts); a route takes multipart bodies only when it declares an
//    upload (`config: uploadRoute({...})`), whose role check, object check (the object named in
//    the URL) and declared size are checked here at onRequest too. Anyone else is answered
//    401/403/413/415 while the body is still on the wire.
// 2. Files go to disk, not memory: each file is streamed into a temporary file and hashed on the
//    way (FileStore.stage); a service stores it by moving it into the content-addressed store.
//    Staged files that were not stored are removed when the request ends.
// 3. CSRF: the global check (security.ts) runs at preValidation, before @fastify/multipart has
//    read any field, so it skips multipart requests of these scopes. Here the hidden `_csrf`
//    field must arrive before any file and be valid, or the file is refused unread; the usual
//    check runs again once the whole form is parsed.
import { rm } from 'node:fs/promises';
import fastifyMultipart, { type MultipartFile } from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authorize, type Action } from '../auth/policy.ts';
import { AppError, ValidationError } from '../errors.ts';
import { fileStore, type StagedFile } from '../storage/file-store.ts';

export interface UploadedFile extends StagedFile {
  fieldName: string;
  /** The file's own name (without any client path). */
  fileName: string;
  contentType: string;
  /** The file was larger than the limit (and was cut off while arriving): never store it. */
  tooLarge: boolean;
}

export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

export interface UploadLimits {
  /**
   * Role-level permission, checked before the body is read; null for a public form, which must
   * then say in `authorize` who may send it (e.g. the applicant's signed tracking cookie).
   */
  requires: Action | null;
  /** Object-level check of the object named in the URL, before the body is read. */
  authorize?: (req: FastifyRequest) => Promise<void>;
  /** Per file; a larger file is cut off, marked `tooLarge` and answered 413 by the route. */
  maxFileBytes: number;
  maxFiles: number;
  /** Per text field of the form (default 1 MB). */
  maxFieldBytes?: number;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    upload?: UploadLimits;
  }
}

const MAX_FIELDS = 100;
const DEFAULT_FIELD_BYTES = 1_048_576;
/** A staged file older than this belongs to no running request. */
const STALE_STAGED_MS = 3_600_000;

/** The route config of a form that uploads files (rule 1), with its limits for the parser. */
export function uploadRoute(limits: UploadLimits) {
  return {
    upload: limits,
    multipartOptions: {
      limits: {
        fileSize: limits.maxFileBytes,
        files: limits.maxFiles,
        fields: MAX_FIELDS,
        fieldSize: limits.maxFieldBytes ?? DEFAULT_FIELD_BYTES,
        parts: MAX_FIELDS + limits.maxFiles,
      },
    },
  };
}

/**
 * The most a request to the route may declare: its files — each of which may exceed its limit a
 * little so that the form comes back with a 413 message — and its fields.
 */
function maxRequestBytes(l: UploadLimits): number {
  return l.maxFiles * (l.maxFileBytes + 1_048_576) + 4 * (l.maxFieldBytes ?? DEFAULT_FIELD_BYTES) + 65_536;
}

const MULTIPART_SCOPE = Symbol('multipartScope');
const UPLOADS = Symbol('uploads');

type Marked = FastifyRequest & { [MULTIPART_SCOPE]?: true; [UPLOADS]?: UploadedFile[] };

function isMultipartRequest(req: FastifyRequest): boolean {
  return /^multipart\/form-data/i.test(req.headers['content-type'] ?? '');
}

/** True when a multipart request carried at least one chosen file (an empty file input is not one). */
export function carriedFiles(req: FastifyRequest): boolean {
  return ((req as Marked)[UPLOADS]?.length ?? 0) > 0;
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

/** Throws the 413 form error (the route re-renders its form) when a file was over its limit. */
export function refuseTooLarge(files: readonly UploadedFile[], field: string, maxBytes: number): void {
  const big = files.find((f) => f.tooLarge);
  if (!big) return;
  const limit = maxBytes >= 1_048_576 ? `${Math.floor(maxBytes / 1_048_576)} MB` : `${Math.ceil(maxBytes / 1024)} KB`;
  throw new ValidationError(
    { [field]: `文件“${big.fileName}”超过 ${limit}，未上传。请压缩或拆分后重新选择文件。` },
    '上传的文件过大。',
    'payloadTooLarge',
  );
}

/**
 * The plugin's own check of a token, on a form whose body is not parsed yet. It reads the
 * secret through `reply.unsignCookie` and answers failure through `reply.send`: both are
 * provided here, so the request itself is untouched.
 */
function tokenIsValid(app: FastifyInstance, req: FastifyRequest, token: string): boolean {
  let valid = false;
  const probeReq = Object.create(req, { body: { value: { _csrf: token } } }) as FastifyRequest;
  const probeReply = { unsignCookie: (v: string) => req.unsignCookie(v), send: () => probeReply };
  app.csrfProtection(probeReq, probeReply as unknown as FastifyReply, () => {
    valid = true;
  });
  return valid;
}

/** Registers multipart parsing (and its checks) in the calling plugin's scope only. */
export function registerMultipart(app: FastifyInstance): void {
  const store = fileStore(app.deps.config.dataDir);
  void app.register(fastifyMultipart, {
    attachFieldsToBody: 'keyValues',
    // Routes without an upload never get here (onRequest below); these bound the rest.
    limits: { fileSize: 0, files: 0, fields: MAX_FIELDS, fieldSize: DEFAULT_FIELD_BYTES, parts: MAX_FIELDS },
    throwFileSizeLimit: false,
    async onFile(this: FastifyRequest, part: MultipartFile) {
      const fields = part.fields as Record<string, { value?: unknown } | undefined>;
      const token = fields._csrf?.value;
      // Field keys are in arrival order: the token must have arrived before this file.
      const order = Object.keys(fields);
      if (
        typeof token !== 'string' ||
        order.indexOf('_csrf') > order.indexOf(part.fieldname) ||
        !tokenIsValid(app, this, token)
      ) {
        part.file.resume();
        throw new AppError('csrfInvalid');
      }
      if (!part.filename) {
        part.file.resume(); // an empty file input
        return;
      }
      const staged = await store.stage(part.file);
      ((this as Marked)[UPLOADS] ??= []).push({
        ...staged,
        fieldName: part.fieldname,
        fileName: part.filename,
        contentType: part.mimetype || 'application/octet-stream',
        tooLarge: part.file.truncated,
      });
    },
  });
  // File times are wall-clock times, so this compares with the wall clock, not the app's clock.
  app.addHook('onReady', () => store.sweepStaging(STALE_STAGED_MS, Date.now()));
  app.addHook('onRequest', async (req) => {
    (req as Marked)[MULTIPART_SCOPE] = true;
    if (!isMultipartRequest(req)) return;
    const upload = req.routeOptions.config.upload;
    if (!upload) throw new AppError('unsupportedMediaType', '该地址不接受文件上传。');
    if (upload.requires) authorize(req.actor, upload.requires);
    else if (!upload.authorize) throw new AppError('forbidden');
    await upload.authorize?.(req);
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > maxRequestBytes(upload)) refuseTooLargeRequest(upload);
  });
  // preHandler: after every preValidation hook, so after @fastify/multipart has filled req.body.
  app.addHook('preHandler', (req, reply, done) => {
    if (!isMultipartRequest(req)) return done();
    if (req.body && typeof req.body === 'object')
      (req.body as { _files?: UploadedFile[] })._files = (req as Marked)[UPLOADS] ?? [];
    app.csrfProtection(req, reply, done);
  });
  // Before the answer leaves (the handler is done with its files), and when the client goes away.
  const cleanUp = async (req: FastifyRequest) => {
    const files = (req as Marked)[UPLOADS];
    if (files) await Promise.all(files.map((f) => rm(f.stagedPath, { force: true })));
  };
  app.addHook('onSend', async (req, _reply, payload) => {
    await cleanUp(req);
    return payload;
  });
  app.addHook('onRequestAbort', cleanUp);
}

function refuseTooLargeRequest(l: UploadLimits): never {
  const mb = Math.max(1, Math.floor(l.maxFileBytes / 1_048_576));
  throw new AppError(
    'payloadTooLarge',
    l.maxFiles > 1
      ? `上传的内容过大：每个文件不能超过 ${mb} MB，一次最多 ${l.maxFiles} 个文件。请返回上一页重新选择。`
      : `上传的文件不能超过 ${mb} MB。请返回上一页，压缩或拆分后重新选择文件。`,
  );
}
