// Attachments of a publication in the admin console: upload, rename, delete and the staff
// download (drafts' attachments too, for the reviewer and the signer).
import type { FastifyInstance } from 'fastify';
import { AppError, ValidationError } from '../../platform/errors.ts';
import { formValue, parseId } from '../../platform/forms.ts';
import { actorOf } from '../../platform/http/admin-guard.ts';
import { contentDisposition } from '../../platform/http/content-disposition.ts';
import { refuseTooLarge, uploadedFiles, uploadRoute } from '../../platform/http/multipart.ts';
import { inTransaction } from '../../platform/transaction.ts';
import {
  addAttachment,
  authorizeAttachmentChange,
  prepareUpload,
  removeAttachment,
  renameAttachment,
} from './attachment.service.ts';
import { findAttachment } from './publication.repository.ts';
import type { PublicationRouteContext } from './publication.route-context.ts';
import type { RenderDetail } from './publication.workflow-routes.ts';

export function publicationAttachmentRoutes(
  app: FastifyInstance,
  c: PublicationRouteContext,
  renderDetail: RenderDetail,
) {
  const { maxBytes, store, load } = c;

  const attachmentUpload = uploadRoute({
    requires: 'publication.view',
    authorize: async (req) => authorizeAttachmentChange(actorOf(req), await load(req)),
    maxFileBytes: maxBytes,
    maxFiles: 1,
  });
  app.post('/admin/publications/:id/attachments', { config: attachmentUpload }, async (req, reply) => {
    const pub = await load(req);
    authorizeAttachmentChange(actorOf(req), pub);
    const files = uploadedFiles(req.body).filter((u) => u.fieldName === 'file');
    const upload = files[0];
    try {
      if (!upload || !upload.fileName) throw new ValidationError({ file: '请选择要上传的文件。' });
      refuseTooLarge(files, 'file', maxBytes);
      // The file is parsed and scanned before the transaction opens (no write lock held meanwhile).
      const prepared = await prepareUpload(app.db, upload.fileName, upload);
      await inTransaction(app.db, (trx) =>
        addAttachment(
          trx,
          req.auditContext(),
          actorOf(req),
          store(),
          pub.id,
          upload.fileName,
          prepared,
          formValue(req.body, 'title'),
        ),
      );
      return reply.redirect(`/admin/publications/${pub.id}?flash=saved`, 303);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return renderDetail(req, reply, pub, err.fields, { title: formValue(req.body, 'title') }, err.status);
    }
  });

  app.post('/admin/publications/:id/attachments/:attachmentId/title', async (req, reply) => {
    const pub = await load(req);
    authorizeAttachmentChange(actorOf(req), pub);
    const attachmentId = parseId((req.params as { attachmentId: string }).attachmentId);
    if (!attachmentId) throw new AppError('notFound');
    const title = formValue(req.body, 'title');
    try {
      await inTransaction(app.db, (trx) =>
        renameAttachment(trx, req.auditContext(), actorOf(req), pub.id, attachmentId, title),
      );
      return reply.redirect(`/admin/publications/${pub.id}?flash=saved#h-attachments`, 303);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return renderDetail(req, reply, pub, err.fields, { [`title-${attachmentId}`]: title });
    }
  });

  app.post('/admin/publications/:id/attachments/:attachmentId/delete', async (req, reply) => {
    const pub = await load(req);
    authorizeAttachmentChange(actorOf(req), pub);
    const attachmentId = parseId((req.params as { attachmentId: string }).attachmentId);
    if (!attachmentId) throw new AppError('notFound');
    await inTransaction(app.db, (trx) => removeAttachment(trx, req.auditContext(), actorOf(req), pub.id, attachmentId));
    return reply.redirect(`/admin/publications/${pub.id}?flash=saved`, 303);
  });

  // Staff download: drafts' attachments too, for the reviewer and the signer.
  app.get('/admin/publications/:id/attachments/:attachmentId', async (req, reply) => {
    const pub = await load(req);
    const att = await findAttachment(app.db, parseId((req.params as { attachmentId: string }).attachmentId) ?? 0);
    if (!att || att.publicationId !== pub.id) throw new AppError('notFound');
    const data = await store().get(att.sha256);
    if (!data) throw new AppError('notFound', '附件文件缺失，请联系管理员。');
    return reply
      .header('content-type', att.mime)
      .header('content-disposition', contentDisposition(att.fileName))
      .header('cache-control', 'no-store')
      .send(data);
  });
}
