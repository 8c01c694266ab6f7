// The files that come with the publication form (a Word file for the body, attachments) and
// 预览, the form shown as the public will see it without saving.
import type { FastifyRequest } from 'fastify';
import { ValidationError } from '../../platform/errors.ts';
import { formValue } from '../../platform/forms.ts';
import { actorOf } from '../../platform/http/admin-guard.ts';
import { refuseTooLarge, uploadedFiles } from '../../platform/http/multipart.ts';
import { bytesOf } from '../../platform/storage/file-store.ts';
import type { Trx } from '../../platform/transaction.ts';
import { addAttachment, prepareUpload, storeBodyImages, type PreparedUpload } from './attachment.service.ts';
import { convertDocx, type ConvertedDocx } from './docx-import.ts';
import type { PublicationInput } from './publication.input.ts';
import { listAttachments, type PublicationRow } from './publication.repository.ts';
import { PublicationPreview } from './publication.review-views.tsx';
import type { PublicationRouteContext } from './publication.route-context.ts';
import { autoSummary, storedBody } from './publication.content.ts';
import { DOC_KINDS, VALIDITIES, type DocKind, type Validity } from './publication.tables.ts';
import { sanitizeBody } from './sanitize.ts';

/** Attachments that may come with one save of the form. */
export const MAX_FORM_ATTACHMENTS = 10;

export function publicationFormUploads(c: PublicationRouteContext) {
  const { app, maxBytes, store, catOptions } = c;

  /**
   * The form's files (multipart): a Word file whose content becomes the body, and attachments
   * stored with the save. Without files (or without JavaScript and a plain form) nothing changes.
   */
  const formUploads = async (req: FastifyRequest, input: PublicationInput, forSave = true) => {
    const files = uploadedFiles(req.body);
    const docxFile = files.find((f) => f.fieldName === 'docx');
    const attachments = files.filter((f) => f.fieldName === 'attachments');
    refuseTooLarge(docxFile ? [docxFile] : [], 'docx', maxBytes);
    refuseTooLarge(attachments, 'attachments', maxBytes);
    if (attachments.length > MAX_FORM_ATTACHMENTS)
      throw new ValidationError({ attachments: `一次最多上传 ${MAX_FORM_ATTACHMENTS} 个附件。` });
    let docx: ConvertedDocx | null = null;
    if (docxFile) {
      docx = await convertDocx(docxFile.fileName, await bytesOf(docxFile));
      input.values.body = docx.html;
    }
    // Attachments are parsed and scanned now, before the save's transaction; a file refused here is
    // reported where the save would have refused it (after the form's own checks).
    const prepared: Array<PreparedUpload | ValidationError> = [];
    if (forSave)
      for (const f of attachments)
        prepared.push(
          await prepareUpload(app.db, f.fileName, f).catch((err: unknown) => {
            if (err instanceof ValidationError) return err;
            throw err;
          }),
        );
    return { docx, attachments, prepared };
  };

  /** Stores what came with the form, in the transaction of the save; errors name the form's fields. */
  const storeUploads = async (
    trx: Trx,
    req: FastifyRequest,
    id: number,
    uploads: Awaited<ReturnType<typeof formUploads>>,
  ) => {
    try {
      if (uploads.docx) await storeBodyImages(trx, req.auditContext(), actorOf(req), store(), id, uploads.docx.images);
    } catch (err) {
      if (err instanceof ValidationError) throw new ValidationError({ docx: Object.values(err.fields ?? {})[0] ?? '' });
      throw err;
    }
    for (const [i, f] of uploads.attachments.entries()) {
      try {
        const file = uploads.prepared[i] ?? f;
        if (file instanceof ValidationError) throw file;
        await addAttachment(trx, req.auditContext(), actorOf(req), store(), id, f.fileName, file);
      } catch (err) {
        if (err instanceof ValidationError)
          throw new ValidationError({ attachments: `${Object.values(err.fields ?? {})[0] ?? ''}请重新选择附件。` });
        throw err;
      }
    }
  };

  /** Where to go after a save, saying what was imported from Word. */
  const savedUrl = (id: number, flash: string, uploads: Awaited<ReturnType<typeof formUploads>>) => {
    if (!uploads.docx) return `/admin/publications/${id}?flash=${flash}`;
    const skipped = uploads.docx.warnings.length;
    return `/admin/publications/${id}?flash=docx&images=${uploads.docx.images.length}${skipped ? `&skipped=${skipped}` : ''}`;
  };

  /** A form that failed after its Word file was read: the typed body comes back, not the import. */
  const afterFailedImport = (body: string, input: PublicationInput, errors: Record<string, string>) => {
    if (!input.values.body || body === input.values.body) return errors;
    input.values.body = body;
    return { ...errors, docx: errors.docx ?? '表单中还有其他问题，Word 文件尚未导入；改正后请重新选择该文件。' };
  };

  /**
   * 预览 (the form's second button): the publication as the public will see it, rendered by the
   * portal's own component, without saving. A Word file is converted for the preview only (its
   * pictures inline); files must be chosen again for the save, as a browser does not keep them.
   */
  const previewOf = async (req: FastifyRequest, input: PublicationInput, agencyId: number, pub?: PublicationRow) => {
    const uploads = await formUploads(req, input, false);
    let body = storedBody(input.values.body);
    if (uploads.docx) {
      const dataUris = new Map(
        uploads.docx.images.map((img) => [
          img.placeholder,
          `data:${img.fileName.endsWith('.jpg') ? 'image/jpeg' : `image/${img.fileName.split('.').pop()}`};base64,${img.data.toString('base64')}`,
        ]),
      );
      body = sanitizeBody(uploads.docx.html.replace(/\/attachments\/docx-image-\d+/g, (ph) => dataUris.get(ph) ?? ''));
    }
    const v = input.values;
    const cats = await catOptions(agencyId);
    const existing = pub ? await listAttachments(app.db, pub.id) : [];
    const chosen = [...uploads.attachments.map((f) => f.fileName), ...(uploads.docx ? ['Word 文件'] : [])];
    return (
      <>
        {chosen.length ? (
          <p class="flash" role="status">
            预览不保存文件：保存时请重新选择 {chosen.join('、')}。
          </p>
        ) : null}
        <PublicationPreview
          article={{
            id: pub?.id ?? 0,
            title: v.title,
            summary: v.summary || autoSummary(body),
            body,
            issuer: v.issuer,
            formedOn: v.formedOn,
            publishedOn: pub?.publishedOn ?? null,
            documentNumber: v.documentNumber,
            validity: (VALIDITIES as readonly string[]).includes(v.validity) ? (v.validity as Validity) : 'valid',
            topic: v.topic,
            indexNumber: pub?.indexNumber ?? null,
            docKind: (DOC_KINDS as readonly string[]).includes(v.docKind) ? (v.docKind as DocKind) : 'other',
            keywords: v.keywords,
            effectiveOn: v.effectiveOn || null,
            invalidOn: pub?.invalidOn ?? null,
            repealedOn: pub?.repealedOn ?? null,
          }}
          categories={cats.filter((c) => input.categoryIds.includes(c.value)).map((c) => c.label.trim())}
          channels={input.channels}
          attachments={[
            ...existing.map((a) => ({ id: a.id, title: a.title || a.fileName, size: a.size })),
            ...uploads.attachments.map((f, i) => ({
              id: -1 - i,
              title: f.fileName.replace(/\.[A-Za-z0-9]{1,8}$/, ''),
              size: f.size,
            })),
          ]}
          attachmentHref={(id) => (pub && id > 0 ? `/admin/publications/${pub.id}/attachments/${id}` : '#')}
          heading="预览：公开后的样子（尚未保存）"
        />
      </>
    );
  };
  const wantsPreview = (req: FastifyRequest) => formValue(req.body, 'preview') === '1';

  return { formUploads, storeUploads, savedUrl, afterFailedImport, previewOf, wantsPreview };
}
