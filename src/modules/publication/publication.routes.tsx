// Admin console of proactive disclosure and the public attachment download. Every handler:
// validate → load → authorize against the publication's agency → service in a transaction →
// redirect 303, or re-render the form with 422 keeping what the user typed.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authorize, can } from '../../platform/auth/policy.ts';
import { AppError, ValidationError } from '../../platform/errors.ts';
import { formValue, parseId } from '../../platform/forms.ts';
import { actorOf } from '../../platform/http/admin-guard.ts';
import { inTransaction, type Trx } from '../../platform/transaction.ts';
import { findAgencyById, listAgencies } from '../agency/index.ts';
import { todayInShanghai } from '../calendar/index.ts';
import { listCategories, listCategoriesByIds } from '../catalog/index.ts';
import { categoryOptions } from '../catalog/index.ts';
import { contentDisposition } from '../../platform/http/content-disposition.ts';
import { bytesOf, fileStore } from '../../platform/storage/file-store.ts';
import { convertDocx, type ConvertedDocx } from './docx-import.ts';
import {
  addAttachment,
  authorizeAttachmentChange,
  removeAttachment,
  renameAttachment,
  storeBodyImages,
} from './attachment.service.ts';
import { publicAttachment } from './index.ts';
import { refuseTooLarge, registerMultipart, uploadedFiles, uploadRoute } from '../../platform/http/multipart.ts';
import { serveClientScript } from '../../platform/http/client-bundle.ts';
import { emptyInput, inputFromBody, type PublicationInput } from './publication.input.ts';
import {
  categoryIdsOf,
  channelsOf,
  countForAdmin,
  countLate,
  countOverdueUnreleased,
  findAttachment,
  findPublicationById,
  latestSubmissions,
  listAttachments,
  listForAdmin,
  type PublicationRow,
} from './publication.repository.ts';
import { CHANNEL_LABELS } from './publication.rules.ts';
import type { ComponentChildren } from 'preact';
import { sanitizeBody } from './sanitize.ts';
import { DOC_KINDS, type DocKind } from './publication.tables.ts';
import {
  autoSummary,
  storedBody,
  createDraft,
  editDraft,
  inputOf,
  review,
  revise,
  setValidity,
  signOff,
  submit,
  withdraw,
} from './publication.service.ts';
import { eventsFrom, TRANSITIONS, type PublicationEvent } from './publication.states.ts';
import { ChangesSinceSubmission, PublicationPreview } from './publication.review-views.tsx';
import { publicationDiff } from './revision-diff.ts';
import { PUBLICATION_STATES, VALIDITIES, type PublicationState, type Validity } from './publication.tables.ts';
import { PublicationDetailPage, type TimelineEntry } from './publication.detail-views.tsx';
import {
  PUBLICATION_EDITOR_SCRIPT,
  PublicationFormPage,
  PublicationListPage,
  UPLOAD_PROGRESS_SCRIPT,
} from './publication.views.tsx';
import { PUBLICATION_QUEUE_VIEWS } from './publication.queues.ts';

const PAGE_SIZE = 30;
/** Attachments that may come with one save of the form. */
const MAX_FORM_ATTACHMENTS = 10;

/** The banner after each step of the workflow says what happened (`?notice=` after the redirect). */
function workflowNotice(
  query: { notice?: string; images?: string; skipped?: string },
  pub: PublicationRow,
): string | null {
  switch (query.notice) {
    case 'submitted':
      return '已提交保密审查，等待审查。';
    case 'reviewPassed':
      return '保密审查已通过，等待签发。';
    case 'returned':
      return '已退回修改，退回意见已转给起草人。';
    case 'published':
      return pub.indexNumber ? `已发布，索引号 ${pub.indexNumber}。` : null;
    case 'withdrawn':
      return '已撤回，原网址将说明该信息已撤回。';
    case 'docx': {
      const n = Number(query.images) || 0;
      const skipped = Number(query.skipped) || 0;
      return `已保存，正文已从 Word 文件导入${n ? `，${n} 张图片已作为附件保存并显示在正文中` : ''}${
        skipped ? `；${skipped} 张图片的格式网页无法显示，未导入，请另存为 PNG 或 JPEG 后作为附件上传` : ''
      }。请在下方预览中核对。`;
    }
    default:
      return null;
  }
}

/** ISO instant shown as Beijing time. */
const beijing = (iso: string) =>
  new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().replace('T', ' ').slice(0, 16);

export async function publicationAdminRoutes(app: FastifyInstance): Promise<void> {
  registerMultipart(app);
  const maxBytes = app.deps.config.attachmentMaxBytes;
  const maxLabel =
    maxBytes >= 1024 * 1024 ? `${Math.floor(maxBytes / 1024 / 1024)} MB` : `${Math.ceil(maxBytes / 1024)} KB`;
  const store = () => fileStore(app.deps.config.dataDir);

  const scopeAgencies = async (req: FastifyRequest, action: 'publication.view' | 'publication.draft') => {
    const actor = actorOf(req);
    return (await listAgencies(app.db, { activeOnly: true })).filter((a) => can(actor, action, { agencyId: a.id }));
  };

  const load = async (req: FastifyRequest): Promise<PublicationRow> => {
    const id = parseId((req.params as { id: string }).id);
    const pub = id ? await findPublicationById(app.db, id) : undefined;
    if (!pub) throw new AppError('notFound');
    authorize(req.actor, 'publication.view', { agencyId: pub.agencyId });
    return pub;
  };

  const catOptions = async (agencyId: number) =>
    categoryOptions(await listCategories(app.db, agencyId, { activeOnly: true }));

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
    const filter = {
      agencyIds: chosen,
      state,
      categoryId,
      late,
      queue: queueView ? { view: queueView, today, userId: actor.userId } : undefined,
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

  const renderNew = async (
    req: FastifyRequest,
    reply: FastifyReply,
    agencyId: number,
    input: PublicationInput,
    errors?: Record<string, string>,
    status = errors ? 422 : 200,
    preview?: ComponentChildren,
  ) => {
    const agencies = await scopeAgencies(req, 'publication.draft');
    const agency = agencies.find((a) => a.id === agencyId);
    if (!agency) throw new AppError('forbidden');
    return reply.page(
      <PublicationFormPage
        ctx={await req.pageContext(reply)}
        mode="new"
        agencyId={agency.id}
        agencyName={agency.name}
        input={input}
        categories={await catOptions(agency.id)}
        errors={errors}
        agencies={agencies.map((a) => ({ value: String(a.id), label: a.name }))}
        maxLabel={maxLabel}
        preview={preview}
      />,
      status,
    );
  };

  app.get('/admin/publications/new', async (req, reply) => {
    const agencies = await scopeAgencies(req, 'publication.draft');
    const wanted = parseId((req.query as { agency?: string }).agency ?? '');
    const agency =
      agencies.find((a) => a.id === wanted) ?? agencies.find((a) => a.id === actorOf(req).agencyId) ?? agencies[0];
    if (!agency) throw new AppError('forbidden');
    return renderNew(req, reply, agency.id, emptyInput(agency.officeName, todayInShanghai(app.deps.clock.now())));
  });

  /**
   * The form's files (multipart): a Word file whose content becomes the body, and attachments
   * stored with the save. Without files (or without JavaScript and a plain form) nothing changes.
   */
  const formUploads = async (req: FastifyRequest, input: PublicationInput) => {
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
    return { docx, attachments };
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
    for (const f of uploads.attachments) {
      try {
        await addAttachment(trx, req.auditContext(), actorOf(req), store(), id, f.fileName, f);
      } catch (err) {
        if (err instanceof ValidationError)
          throw new ValidationError({ attachments: `${Object.values(err.fields ?? {})[0] ?? ''}请重新选择附件。` });
        throw err;
      }
    }
  };

  /** Where to go after a save, saying what was imported from Word. */
  const savedUrl = (id: number, notice: string, uploads: Awaited<ReturnType<typeof formUploads>>) => {
    if (!uploads.docx) return `/admin/publications/${id}?notice=${notice}`;
    const skipped = uploads.docx.warnings.length;
    return `/admin/publications/${id}?notice=docx&images=${uploads.docx.images.length}${skipped ? `&skipped=${skipped}` : ''}`;
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
    const uploads = await formUploads(req, input);
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
          <p class="notice" role="status">
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
      const id = await inTransaction(app.db, async (trx) => {
        const id = await createDraft(trx, req.auditContext(), actorOf(req), cal, agencyId, input);
        await storeUploads(trx, req, id, uploads);
        return id;
      });
      return reply.redirect(savedUrl(id, 'created', uploads), 303);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return renderNew(req, reply, agencyId, input, afterFailedImport(typedBody, input, err.fields ?? {}), err.status);
    }
  });

  const renderDetail = async (
    req: FastifyRequest,
    reply: FastifyReply,
    pub: PublicationRow,
    errors?: Record<string, string>,
    values?: Record<string, string>,
    status = errors ? 422 : 200,
  ) => {
    const actor = actorOf(req);
    const [agency, catIds, channels, attachments, submissions, events] = await Promise.all([
      findAgencyById(app.db, pub.agencyId),
      categoryIdsOf(app.db, pub.id),
      channelsOf(app.db, pub.id),
      listAttachments(app.db, pub.id),
      latestSubmissions(app.db, pub.id, 2),
      app.db
        .selectFrom('auditEvents')
        .select(['at', 'actorName', 'action', 'summary'])
        .where('entityType', '=', 'publication')
        .where('entityId', '=', String(pub.id))
        .orderBy('id')
        .execute(),
    ]);
    const cats = await listCategoriesByIds(app.db, catIds);
    const allowed = new Set<PublicationEvent>(
      eventsFrom(pub.state).filter((e) => can(actor, TRANSITIONS[e].action, { agencyId: pub.agencyId })),
    );
    const timeline: TimelineEntry[] = events.map((e) => {
      let note = '';
      try {
        const s = JSON.parse(e.summary) as { note?: string };
        note = s.note ?? '';
      } catch {
        note = '';
      }
      return { at: beijing(e.at), actorName: e.actorName, action: e.action, note };
    });
    const canEditAttachments =
      (pub.state === 'draft' && can(actor, 'publication.draft', pub)) ||
      (pub.state === 'published' && can(actor, 'publication.signOff', pub));
    // After a return: in review, the submission before this one; on the draft, the one returned.
    const inReview = pub.state === 'submitted' || pub.state === 'reviewed';
    const previous = inReview ? submissions[1] : pub.state === 'draft' ? submissions[0] : undefined;
    const changes = previous
      ? {
          diff: publicationDiff(previous, pub),
          heading: inReview
            ? `退回后的修改（与 ${beijing(previous.submittedAt)} 提交的版本相比）`
            : `退回后已做的修改（与 ${beijing(previous.submittedAt)} 提交的版本相比）`,
        }
      : null;
    const ctx = await req.pageContext(reply);
    ctx.notice = workflowNotice(req.query as Record<string, string | undefined>, pub) ?? ctx.notice;
    const base = `/admin/publications/${pub.id}`;
    const content = (
      <>
        {changes ? <ChangesSinceSubmission diff={changes.diff} heading={changes.heading} /> : null}
        <PublicationPreview
          article={pub}
          categories={cats.map((c) => c.name)}
          channels={channels}
          attachments={attachments.map((a) => ({ id: a.id, title: a.title || a.fileName, size: a.size }))}
          attachmentHref={(id) => `${base}/attachments/${id}`}
          heading={pub.state === 'draft' ? '预览：公开后的样子' : '全文（公开后的样子）'}
        />
      </>
    );
    return reply.page(
      <PublicationDetailPage
        ctx={ctx}
        content={content}
        pub={pub}
        agencyName={agency?.name ?? ''}
        categories={cats.map((c) => c.name)}
        channels={channels.map((c) => CHANNEL_LABELS[c])}
        attachments={attachments}
        timeline={timeline}
        allowed={allowed}
        canEditAttachments={canEditAttachments}
        maxLabel={maxLabel}
        errors={errors}
        values={values}
        publicUrl={pub.state === 'published' || pub.state === 'withdrawn' ? `/publications/${pub.id}` : null}
      />,
      status,
    );
  };

  app.get('/admin/publications/:id', async (req, reply) => renderDetail(req, reply, await load(req)));

  const renderEdit = async (
    req: FastifyRequest,
    reply: FastifyReply,
    pub: PublicationRow,
    input: PublicationInput,
    errors?: Record<string, string>,
    note?: string,
    status = errors ? 422 : 200,
    preview?: ComponentChildren,
  ) => {
    const agency = await findAgencyById(app.db, pub.agencyId);
    return reply.page(
      <PublicationFormPage
        ctx={await req.pageContext(reply)}
        mode={pub.state === 'published' ? 'revise' : 'edit'}
        agencyId={pub.agencyId}
        agencyName={agency?.name ?? ''}
        publication={pub}
        input={input}
        categories={await catOptions(pub.agencyId)}
        errors={errors}
        note={note}
        maxLabel={maxLabel}
        canAttach={pub.state === 'draft' || can(actorOf(req), 'publication.signOff', pub)}
        preview={preview}
      />,
      status,
    );
  };

  app.get('/admin/publications/:id/edit', async (req, reply) => {
    const pub = await load(req);
    authorize(req.actor, TRANSITIONS[pub.state === 'published' ? 'revise' : 'edit'].action, pub);
    if (pub.state !== 'draft' && pub.state !== 'published')
      throw new AppError('conflict', '信息在审查或签发中，不能编辑；如需修改，请由审查人或签发人退回。');
    return renderEdit(req, reply, pub, await inputOf(app.db, pub));
  });

  const editUpload = uploadRoute({
    requires: 'publication.draft',
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
      const cal = await app.deps.calendar.get();
      if (pub.state === 'published') {
        if (!note) throw new ValidationError({ note: '请填写修订说明。' });
        await inTransaction(app.db, async (trx) => {
          await revise(trx, req.auditContext(), actorOf(req), cal, pub.id, input, note);
          await storeUploads(trx, req, pub.id, uploads);
        });
      } else {
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

  /** A workflow action: validation problems re-render the page with the typed values. */
  const action = (
    path: string,
    event: PublicationEvent,
    run: (req: FastifyRequest, pub: PublicationRow) => Promise<unknown>,
    fields: string[],
    notice: (req: FastifyRequest) => string = () => 'saved',
  ) => {
    app.post(`/admin/publications/:id/${path}`, async (req, reply) => {
      const pub = await load(req);
      // The role before the form: someone who may not take the step learns nothing from its checks.
      authorize(req.actor, TRANSITIONS[event].action, pub);
      try {
        await run(req, pub);
        return reply.redirect(`/admin/publications/${pub.id}?notice=${notice(req)}`, 303);
      } catch (err) {
        if (!(err instanceof ValidationError)) throw err;
        return renderDetail(
          req,
          reply,
          pub,
          err.fields,
          Object.fromEntries(fields.map((f) => [f, formValue(req.body, f)])),
        );
      }
    });
  };

  action(
    'submit',
    'submit',
    (req, pub) => inTransaction(app.db, (trx) => submit(trx, req.auditContext(), actorOf(req), pub.id)),
    [],
    () => 'submitted',
  );
  action(
    'review',
    'passReview',
    (req, pub) => {
      const decision = formValue(req.body, 'decision');
      if (decision !== 'pass' && decision !== 'return') throw new AppError('badRequest');
      return inTransaction(app.db, (trx) =>
        review(trx, req.auditContext(), actorOf(req), pub.id, decision, formValue(req.body, 'comment')),
      );
    },
    ['comment'],
    (req) => (formValue(req.body, 'decision') === 'pass' ? 'reviewPassed' : 'returned'),
  );
  action(
    'sign-off',
    'approve',
    (req, pub) => {
      const decision = formValue(req.body, 'decision');
      if (decision !== 'approve' && decision !== 'return') throw new AppError('badRequest');
      return inTransaction(app.db, (trx) =>
        signOff(trx, req.auditContext(), actorOf(req), pub.id, decision, formValue(req.body, 'comment')),
      );
    },
    ['comment'],
    (req) => (formValue(req.body, 'decision') === 'approve' ? 'published' : 'returned'),
  );
  action(
    'withdraw',
    'withdraw',
    (req, pub) =>
      inTransaction(app.db, (trx) =>
        withdraw(trx, req.auditContext(), actorOf(req), pub.id, formValue(req.body, 'reason')),
      ),
    ['reason'],
    () => 'withdrawn',
  );
  action(
    'validity',
    'setValidity',
    (req, pub) => {
      const validity = formValue(req.body, 'validity');
      if (!VALIDITIES.includes(validity as Validity)) throw new ValidationError({ validityOn: '请选择有效性。' });
      return inTransaction(app.db, (trx) =>
        setValidity(
          trx,
          req.auditContext(),
          actorOf(req),
          pub.id,
          validity as Validity,
          formValue(req.body, 'validityOn').trim(),
        ),
      );
    },
    ['validity', 'validityOn'],
  );

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
      await inTransaction(app.db, (trx) =>
        addAttachment(
          trx,
          req.auditContext(),
          actorOf(req),
          store(),
          pub.id,
          upload.fileName,
          upload,
          formValue(req.body, 'title'),
        ),
      );
      return reply.redirect(`/admin/publications/${pub.id}?notice=saved`, 303);
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
      return reply.redirect(`/admin/publications/${pub.id}?notice=saved#h-attachments`, 303);
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
    return reply.redirect(`/admin/publications/${pub.id}?notice=saved`, 303);
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

/** Public download of a released publication's attachment (the portal links /attachments/:id). */
export async function publicationPublicRoutes(app: FastifyInstance): Promise<void> {
  // The body editor of the publication form (client/body-editor.ts): public, like the stylesheet.
  serveClientScript(app, PUBLICATION_EDITOR_SCRIPT, new URL('./client/body-editor.ts', import.meta.url));
  serveClientScript(app, UPLOAD_PROGRESS_SCRIPT, new URL('./client/upload-progress.ts', import.meta.url));
  app.get('/attachments/:id', async (req, reply) => {
    const id = parseId((req.params as { id: string }).id);
    const att = id ? await publicAttachment(app.db, id) : undefined;
    if (!att) throw new AppError('notFound', '该附件不存在，或所属信息已撤回。');
    const data = await fileStore(app.deps.config.dataDir).get(att.sha256);
    if (!data) throw new AppError('notFound');
    const inline = att.mime === 'application/pdf' || att.mime.startsWith('image/');
    return reply
      .header('content-type', att.mime)
      .header('content-disposition', contentDisposition(att.fileName, inline ? 'inline' : 'attachment'))
      .header('etag', `"${att.sha256}"`)
      .header('cache-control', 'public, max-age=300')
      .send(data);
  });
}
