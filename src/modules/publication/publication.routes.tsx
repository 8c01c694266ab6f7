// Admin console of proactive disclosure and the public attachment download. Every handler:
// validate → load → authorize against the publication's agency → service in a transaction →
// redirect 303, or re-render the form with 422 keeping what the user typed. The pages are
// rendered by publication.pages.tsx, the form's files handled by publication.form-uploads.tsx,
// the workflow steps and attachments registered by their own files.
import type { FastifyInstance } from 'fastify';
import { authorize, can } from '../../platform/auth/policy.ts';
import { AppError, ValidationError } from '../../platform/errors.ts';
import { createOnce } from '../../platform/http/public-submission.ts';
import { formValue, parseId } from '../../platform/forms.ts';
import { actorOf } from '../../platform/http/admin-guard.ts';
import { contentDisposition } from '../../platform/http/content-disposition.ts';
import { serveClientScript } from '../../platform/http/client-bundle.ts';
import { registerMultipart, uploadRoute } from '../../platform/http/multipart.ts';
import { fileStore } from '../../platform/storage/file-store.ts';
import { inTransaction } from '../../platform/transaction.ts';
import { todayInShanghai, workingDaysBefore } from '../calendar/index.ts';
import { interpretationDays } from './interpretation.repository.ts';
import { interpretationSettingRoutes } from './interpretation.routes.tsx';
import { attributeReviewCutoff } from './disclosure.rules.ts';
import { attributeReviewMonths } from './disclosure.service.ts';
import { disclosureRoutes } from './disclosure.routes.tsx';
import { publicAttachment } from './index.ts';
import { publicationAttachmentRoutes } from './publication.attachment-routes.ts';
import { MAX_FORM_ATTACHMENTS, publicationFormUploads } from './publication.form-uploads.tsx';
import { emptyInput, inputFromBody, type PublicationInput } from './publication.input.ts';
import { publicationPages } from './publication.pages.tsx';
import { PUBLICATION_QUEUE_VIEWS } from './publication.queues.ts';
import { countForAdmin, countLate, countOverdueUnreleased, listForAdmin } from './publication.repository.ts';
import { publicationRouteContext } from './publication.route-context.ts';
import { createDraft, editDraft } from './publication.service.ts';
import { findPendingRevision } from './publication.revision-repository.ts';
import { saveRevisionDraft } from './publication.revision-service.ts';
import { publicationRevisionRoutes } from './publication.revision-routes.ts';
import { inputOf } from './publication.content.ts';
import { TRANSITIONS } from './publication.states.ts';
import { PUBLICATION_STATES, type PublicationState } from './publication.tables.ts';
import { PUBLICATION_EDITOR_SCRIPT, UPLOAD_PROGRESS_SCRIPT } from './publication.form-views.tsx';
import { PublicationListPage } from './publication.list-views.tsx';
import { publicationWorkflowRoutes } from './publication.workflow-routes.ts';
import { publicationPrivacyRoutes } from './publication.privacy-routes.ts';
import { privacyAdminRoutes } from './privacy-admin.tsx';

const PAGE_SIZE = 30;

export async function publicationAdminRoutes(app: FastifyInstance): Promise<void> {
  registerMultipart(app);
  const c = publicationRouteContext(app);
  const { maxBytes, scopeAgencies, load, catOptions } = c;
  const { renderNew, renderDetail, renderEdit } = publicationPages(c);
  const { formUploads, storeUploads, savedUrl, afterFailedImport, previewOf, wantsPreview } = publicationFormUploads(c);

  app.get('/admin/publications', async (req, reply) => {
    const actor = actorOf(req);
    authorize(actor, 'publication.view');
    const q = req.query as Record<string, string | undefined>;
    const agencies = await scopeAgencies(req, 'publication.view');
    const agencyId = parseId(q.agency ?? '');
    const chosen = agencyId && agencies.some((a) => a.id === agencyId) ? [agencyId] : agencies.map((a) => a.id);
    const state = PUBLICATION_STATES.includes(q.state as PublicationState) ? (q.state as PublicationState) : undefined;
    const categoryId = parseId(q.category ?? '') ?? undefined;
    const late = q.late === '1';
    const queueView = PUBLICATION_QUEUE_VIEWS.find((v) => v === q.queue);
    const today = todayInShanghai(app.deps.clock.now());
    const page = Math.max(1, Math.min(10_000, Number(q.page) || 1));
    const interpretationReleasedBy =
      queueView === 'noInterpretation'
        ? workingDaysBefore(await app.deps.calendar.get(), today, await interpretationDays(app.db))
        : today;
    const attributeDecidedBy =
      queueView === 'attributeReview' ? attributeReviewCutoff(today, await attributeReviewMonths(app.db)) : today;
    const filter = {
      agencyIds: chosen,
      state,
      categoryId,
      late,
      queue: queueView
        ? { view: queueView, today, userId: actor.userId, interpretationReleasedBy, attributeDecidedBy }
        : undefined,
      q: (q.q ?? '').trim().slice(0, 50) || undefined,
      limit: PAGE_SIZE,
      offset: (page - 1) * PAGE_SIZE,
    };
    const [rows, total, lateCount, overdueCount] = await Promise.all([
      listForAdmin(app.db, filter),
      countForAdmin(app.db, filter),
      countLate(app.db, chosen),
      countOverdueUnreleased(app.db, chosen, today),
    ]);
    return reply.page(
      <PublicationListPage
        ctx={await req.pageContext(reply)}
        rows={rows}
        total={total}
        page={page}
        pageSize={PAGE_SIZE}
        filters={{
          agency: agencyId && chosen.length === 1 ? String(agencyId) : '',
          state: state ?? '',
          category: categoryId ? String(categoryId) : '',
          late,
          queue: queueView ?? '',
          q: filter.q ?? '',
        }}
        agencies={agencies.map((a) => ({ value: String(a.id), label: `${'　'.repeat(a.depth)}${a.name}` }))}
        categories={agencyId && chosen.length === 1 ? await catOptions(agencyId) : []}
        lateCount={lateCount}
        overdueCount={overdueCount}
        canDraft={agencies.some((a) => can(actor, 'publication.draft', { agencyId: a.id }))}
      />,
    );
  });

  app.get('/admin/publications/new', async (req, reply) => {
    const agencies = await scopeAgencies(req, 'publication.draft');
    const wanted = parseId((req.query as { agency?: string }).agency ?? '');
    const agency =
      agencies.find((a) => a.id === wanted) ?? agencies.find((a) => a.id === actorOf(req).agencyId) ?? agencies[0];
    if (!agency) throw new AppError('forbidden');
    const input = emptyInput(agency.officeName, todayInShanghai(app.deps.clock.now()));
    // 起草该文件的政策解读 (the policy's page): the 解读 fields start filled in.
    const interprets = parseId((req.query as { interprets?: string }).interprets ?? '');
    if (interprets) input.interpretation = { form: 'text', interprets: String(interprets), mediaUrl: '' };
    return renderNew(req, reply, agency.id, input);
  });

  const createUpload = uploadRoute({
    requires: 'publication.draft',
    maxFileBytes: maxBytes,
    maxFiles: MAX_FORM_ATTACHMENTS + 1,
  });
  app.post('/admin/publications', { config: createUpload }, async (req, reply) => {
    const agencyId = parseId(formValue(req.body, 'agencyId'));
    const input = inputFromBody(req.body);
    if (!agencyId) throw new AppError('badRequest');
    authorize(req.actor, 'publication.draft', { agencyId });
    const typedBody = input.values.body;
    try {
      if (wantsPreview(req)) {
        const preview = await previewOf(req, input, agencyId);
        input.values.body = typedBody;
        return renderNew(req, reply, agencyId, input, undefined, 200, preview);
      }
      const uploads = await formUploads(req, input);
      const cal = await app.deps.calendar.get();
      // Once per form: the same form sent twice (a double click, two tabs) makes one draft and
      // sends the second to it (the form's one-time token, registerOnce).
      return await createOnce(app, req, reply, 'publication.create', async (trx) => {
        const id = await createDraft(trx, req.auditContext(), actorOf(req), cal, agencyId, input);
        await storeUploads(trx, req, id, uploads);
        return { location: savedUrl(id, 'created', uploads), value: id };
      });
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return renderNew(req, reply, agencyId, input, afterFailedImport(typedBody, input, err.fields ?? {}), err.status);
    }
  });

  app.get('/admin/publications/:id', async (req, reply) => renderDetail(req, reply, await load(req)));

  app.get('/admin/publications/:id/edit', async (req, reply) => {
    const pub = await load(req);
    authorize(req.actor, TRANSITIONS[pub.state === 'published' ? 'revise' : 'edit'].action, pub);
    if (pub.state === 'recorded')
      throw new AppError('conflict', '不公开的文件不能编辑；复核时调整为主动公开后，可在保密审查中退回起草人修改。');
    if (pub.state !== 'draft' && pub.state !== 'published')
      throw new AppError('conflict', '信息在审查或签发中，不能编辑；如需修改，请由审查人或签发人退回。');
    // 修订: the draft of the next version when there is one, else the text as released.
    const pending = pub.state === 'published' ? await findPendingRevision(app.db, pub.id) : undefined;
    if (pending && pending.state !== 'draft')
      throw new AppError('conflict', '修订稿在保密审查或签发中，不能修改；如需修改，请由审查人或签发人退回。');
    const draft = pending?.draftInput ? (JSON.parse(pending.draftInput) as PublicationInput) : undefined;
    return renderEdit(req, reply, pub, draft ?? (await inputOf(app.db, pub)), undefined, pending?.note);
  });

  const editUpload = uploadRoute({
    requires: 'publication.view',
    authorize: async (req) => {
      const pub = await load(req);
      authorize(req.actor, TRANSITIONS[pub.state === 'published' ? 'revise' : 'edit'].action, pub);
    },
    maxFileBytes: maxBytes,
    maxFiles: MAX_FORM_ATTACHMENTS + 1,
  });
  app.post('/admin/publications/:id', { config: editUpload }, async (req, reply) => {
    const pub = await load(req);
    // Also for a form sent without files (the upload hook checks multipart requests only).
    authorize(req.actor, TRANSITIONS[pub.state === 'published' ? 'revise' : 'edit'].action, pub);
    const input = inputFromBody(req.body);
    const note = formValue(req.body, 'note').trim();
    const typedBody = input.values.body;
    try {
      if (wantsPreview(req)) {
        const preview = await previewOf(req, input, pub.agencyId, pub);
        input.values.body = typedBody;
        return renderEdit(req, reply, pub, input, undefined, note, 200, preview);
      }
      const uploads = await formUploads(req, input);
      if (pub.state === 'published') {
        if (!note) throw new ValidationError({ note: '请填写修订说明。' });
        // A draft of the next version: live only after 保密审查 and 签发 (publication.revision-service.ts).
        await inTransaction(app.db, async (trx) => {
          await saveRevisionDraft(trx, req.auditContext(), actorOf(req), pub.id, input, note);
          await storeUploads(trx, req, pub.id, uploads);
        });
        return reply.redirect(savedUrl(pub.id, 'revision-saved', uploads), 303);
      } else {
        const cal = await app.deps.calendar.get();
        await inTransaction(app.db, async (trx) => {
          await editDraft(trx, req.auditContext(), actorOf(req), cal, pub.id, input);
          await storeUploads(trx, req, pub.id, uploads);
        });
      }
      return reply.redirect(savedUrl(pub.id, 'saved', uploads), 303);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return renderEdit(
        req,
        reply,
        pub,
        input,
        afterFailedImport(typedBody, input, err.fields ?? {}),
        note,
        err.status,
      );
    }
  });

  interpretationSettingRoutes(app);
  disclosureRoutes(app, c, renderDetail);
  publicationWorkflowRoutes(app, c, renderDetail);
  publicationRevisionRoutes(app, c, renderDetail);
  publicationAttachmentRoutes(app, c, renderDetail);
  publicationPrivacyRoutes(app, c, renderDetail);
  privacyAdminRoutes(app);
}

/** Public download of a released publication's attachment (the portal links /attachments/:id). */
export async function publicationPublicRoutes(app: FastifyInstance): Promise<void> {
  // The body editor of the publication form (client/body-editor.ts): public, like the stylesheet.
  serveClientScript(app, PUBLICATION_EDITOR_SCRIPT, new URL('./client/body-editor.ts', import.meta.url));
  serveClientScript(app, UPLOAD_PROGRESS_SCRIPT, new URL('./client/upload-progress.ts', import.meta.url));
  app.get('/attachments/:id', async (req, reply) => {
    const id = parseId((req.params as { id: string }).id);
    const att = id ? await publicAttachment(app.db, id) : undefined;
    if (!att) throw new AppError('notFound', '该附件不存在，或所属信息已撤回。');
    // Streamed from the store (a PostgreSQL-stored file chunk by chunk), never whole in memory.
    const data = await fileStore(app.deps.config.dataDir).stream(att.sha256);
    if (!data) throw new AppError('notFound');
    const inline = att.mime === 'application/pdf' || att.mime.startsWith('image/');
    return reply
      .header('content-type', att.mime)
      .header('content-disposition', contentDisposition(att.fileName, inline ? 'inline' : 'attachment'))
      .header('etag', `"${att.sha256}"`)
      .header('cache-control', 'public, max-age=300')
      .header('content-length', String(att.size))
      .send(data);
  });
}
