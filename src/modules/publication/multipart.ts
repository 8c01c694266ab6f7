// Multipart uploads with CSRF. The global CSRF hook runs at preValidation on the root, before a
// plugin's own preValidation hooks, i.e. before @fastify/multipart has read any field. Routes
// that opt in with `config: { csrfAfterMultipart: true }` are skipped there; this plugin scope
// then parses the form (the hidden `_csrf` field must come before the file: a file arriving
// first is refused unread) and runs the same CSRF check before the handler.
import fastifyMultipart, { type MultipartFile } from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors.ts';

export interface Upload {
  fieldName: string;
  fileName: string;
  data: Buffer;
  /** The file was larger than the limit (and was cut off while reading). */
  tooLarge: boolean;
}

const UPLOADS = Symbol('uploads');

type WithUploads = FastifyRequest & { [UPLOADS]?: Upload[] };

export function uploadsOf(req: FastifyRequest): Upload[] {
  return (req as WithUploads)[UPLOADS] ?? [];
}

export async function registerMultipart(app: FastifyInstance, maxFileBytes: number): Promise<void> {
  await app.register(fastifyMultipart, {
    attachFieldsToBody: 'keyValues',
    limits: { fileSize: maxFileBytes, files: 1, fields: 30, fieldSize: 1_048_576, parts: 32 },
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
      const data = await part.toBuffer();
      const list = ((this as WithUploads)[UPLOADS] ??= []);
      list.push({ fieldName: part.fieldname, fileName: part.filename, data, tooLarge: part.file.truncated });
    },
  });
  // After the multipart hook above has filled req.body with the fields (keyValues).
  app.addHook('preValidation', (req, reply, done) => {
    const cfg = req.routeOptions.config as { csrfAfterMultipart?: boolean };
    if (!cfg.csrfAfterMultipart || !/^multipart\/form-data/i.test(req.headers['content-type'] ?? '')) return done();
    app.csrfProtection(req, reply, done);
  });
}
