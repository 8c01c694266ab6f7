// The personal-data guard's actions on a publication (issue #18 point 3): mask one finding in the
// text, confirm with a reason that it may be published, replace an attachment, scan the files now.
// Each authorizes by the publication's state (privacyActionFor: clerk on a draft, reviewer at
// 保密审查, signer at 签发) before reading the form, and writes its audit event in the service.
import type { FastifyInstance } from 'fastify';
import { authorize } from '../../platform/auth/policy.ts';
import { AppError, ValidationError } from '../../platform/errors.ts';
import { formValue, parseId } from '../../platform/forms.ts';
import { actorOf } from '../../platform/http/admin-guard.ts';
import { refuseTooLarge, uploadedFiles, uploadRoute } from '../../platform/http/multipart.ts';
import { inTransaction } from '../../platform/transaction.ts';
import { prepareUpload, privacyActionFor, replaceAttachmentFile } from './attachment.service.ts';
import { knownPublicData, scanTextFields } from './privacy-guard.ts';
import { maskFinding, overrideFinding } from './privacy-resolve.ts';
import { redactDocx, redactXlsx } from '../../platform/privacy/redact.ts';
import { sniffFileKind } from './file-type.ts';
import { finishQueuedScans, scanStoredAttachment } from './privacy-file-scan.ts';
import { findAttachment, listAttachments } from './publication.repository.ts';
import type { PublicationRouteContext } from './publication.route-context.ts';
import type { RenderDetail } from './publication.workflow-routes.ts';

export function publicationPrivacyRoutes(app: FastifyInstance, c: PublicationRouteContext, renderDetail: RenderDetail) {
  const { load, store, maxBytes } = c;
  const findingId = (params: unknown) => {
    const id = parseId((params as { findingId: string }).findingId);
    if (!id) throw new AppError('notFound');
    return id;
  };

  app.post('/admin/publications/:id/privacy/:findingId/mask', async (req, reply) => {
    const pub = await load(req);
    authorize(req.actor, privacyActionFor(pub.state), pub);
    const fid = findingId(req.params);
    await inTransaction(app.db, (trx) => maskFinding(trx, req.auditContext(), actorOf(req), pub.id, fid));
    return reply.redirect(`/admin/publications/${pub.id}?notice=saved#privacy`, 303);
  });

  app.post('/admin/publications/:id/privacy/:findingId/override', async (req, reply) => {
    const pub = await load(req);
    // A clerk cannot wave a finding through: the reviewer or the signer decides.
    if (pub.state === 'draft') authorize(req.actor, 'publication.review', pub);
    else authorize(req.actor, privacyActionFor(pub.state), pub);
    const fid = findingId(req.params);
    const reason = formValue(req.body, 'reason');
    try {
      await inTransaction(app.db, (trx) => overrideFinding(trx, req.auditContext(), actorOf(req), pub.id, fid, reason));
      return reply.redirect(`/admin/publications/${pub.id}?notice=saved#privacy`, 303);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return renderDetail(
        req,
        reply,
        pub,
        { [`reason-${fid}`]: err.fields?.reason ?? '请写明理由。' },
        { [`reason-${fid}`]: reason },
      );
    }
  });

  const replaceUpload = uploadRoute({
    requires: 'publication.view',
    authorize: async (req) => {
      const pub = await load(req);
      authorize(req.actor, privacyActionFor(pub.state), pub);
    },
    maxFileBytes: maxBytes,
    maxFiles: 1,
  });
  app.post(
    '/admin/publications/:id/attachments/:attachmentId/replace',
    { config: replaceUpload },
    async (req, reply) => {
      const pub = await load(req);
      authorize(req.actor, privacyActionFor(pub.state), pub);
      const attachmentId = parseId((req.params as { attachmentId: string }).attachmentId);
      const att = attachmentId ? await findAttachment(app.db, attachmentId) : undefined;
      if (!att || att.publicationId !== pub.id) throw new AppError('notFound');
      const files = uploadedFiles(req.body).filter((u) => u.fieldName === 'file');
      const upload = files[0];
      try {
        if (!upload || !upload.fileName) throw new ValidationError({ file: '请选择用来替换的文件。' });
        refuseTooLarge(files, 'file', maxBytes);
        const prepared = await prepareUpload(app.db, upload.fileName, upload);
        await inTransaction(app.db, (trx) =>
          replaceAttachmentFile(
            trx,
            req.auditContext(),
            actorOf(req),
            store(),
            pub.id,
            att.id,
            upload.fileName,
            prepared,
          ),
        );
        return reply.redirect(`/admin/publications/${pub.id}?notice=saved#privacy`, 303);
      } catch (err) {
        if (!(err instanceof ValidationError)) throw err;
        return renderDetail(req, reply, pub, err.fields, {}, err.status);
      }
    },
  );

  // 生成遮盖副本: the platform masks every personal datum of a .docx or .xlsx and the copy replaces
  // the attachment through the same path as an upload (audited, old findings 'replaced', rescanned).
  app.post('/admin/publications/:id/attachments/:attachmentId/redact', async (req, reply) => {
    const pub = await load(req);
    authorize(req.actor, privacyActionFor(pub.state), pub);
    const attachmentId = parseId((req.params as { attachmentId: string }).attachmentId);
    const att = attachmentId ? await findAttachment(app.db, attachmentId) : undefined;
    if (!att || att.publicationId !== pub.id) throw new AppError('notFound');
    const data = await store().get(att.sha256);
    const kind = data ? sniffFileKind(data) : null;
    if (!data || (kind !== 'docx' && kind !== 'xlsx'))
      throw new AppError(
        'conflict',
        '只有 Word（DOCX）和 Excel（XLSX）附件可以由平台生成遮盖副本；其他文件请处理后替换上传。',
      );
    const known = await knownPublicData(app.db);
    const copy = kind === 'docx' ? redactDocx(data, known) : await redactXlsx(data, known);
    if (!copy) throw new AppError('conflict', '附件无法读取，不能生成遮盖副本；请处理后替换上传。');
    const name = att.fileName.replace(/(\.[A-Za-z0-9]{1,8})$/u, '（已遮盖）$1');
    const prepared = await prepareUpload(app.db, name, copy.file);
    await inTransaction(app.db, (trx) =>
      replaceAttachmentFile(trx, req.auditContext(), actorOf(req), store(), pub.id, att.id, name, prepared),
    );
    return reply.redirect(`/admin/publications/${pub.id}?notice=saved#privacy`, 303);
  });

  app.post('/admin/publications/:id/privacy/rescan', async (req, reply) => {
    const pub = await load(req);
    authorize(req.actor, privacyActionFor(pub.state), pub);
    const at = () => app.deps.clock.now().toISOString();
    // Files never scanned (uploaded before the guard) are read first, then the OCR queue runs.
    const scanned = new Set(
      (
        await app.db.selectFrom('privacyFileScans').select('attachmentId').where('publicationId', '=', pub.id).execute()
      ).map((r) => r.attachmentId),
    );
    for (const att of await listAttachments(app.db, pub.id)) {
      if (!scanned.has(att.id)) await scanStoredAttachment(app.db, store(), pub, att, at);
    }
    await inTransaction(app.db, (trx) => scanTextFields(trx, pub.id, at()));
    await finishQueuedScans(app.db, store(), pub.id, at);
    return reply.redirect(`/admin/publications/${pub.id}?notice=saved#privacy`, 303);
  });
}
