// Staff routes of 意见征集: list, new/edit draft, attachments (multipart, type checked by content),
// publish, comments received by post or e-mail, a verdict per comment, the 反馈, and the county's
// setting. Every route loads the consultation and authorises against its agency (object level).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authorize, can } from '../../platform/auth/policy.ts';
import { AppError, ValidationError } from '../../platform/errors.ts';
import { formValue, parseId } from '../../platform/forms.ts';
import { actorOf } from '../../platform/http/admin-guard.ts';
import { createOnce, onceToken } from '../../platform/http/public-submission.ts';
import { contentDisposition } from '../../platform/http/content-disposition.ts';
import { refuseTooLarge, registerMultipart, uploadedFiles, uploadRoute } from '../../platform/http/multipart.ts';
import { fileStore } from '../../platform/storage/file-store.ts';
import { inTransaction } from '../../platform/transaction.ts';
import { findAgencyById, findRootAgency, listAgencies } from '../agency/index.ts';
import { todayInShanghai } from '../calendar/index.ts';
import { registerNumberSetting } from '../settings/index.ts';
import { ADMIN_BASE, AdminListPage, PeriodFormPage } from './comment-period.admin-views.tsx';
import { DetailPage, type DetailProps } from './comment-period.detail-views.tsx';
import { readCommentForm } from './comment-period.public.ts';
import {
  findComment,
  findCommentPeriod,
  listComments,
  listCommentPeriodsForStaff,
  listFiles,
  type CommentPeriodRow,
} from './comment-period.repository.ts';
import { feedbackCounts, MAJOR_DECISION_BASIS, phaseOf } from './comment-period.rules.ts';
import {
  addCommentPeriodFile,
  checkCommentPeriodForm,
  COMMENT_PERIOD_FORM,
  createCommentPeriod,
  majorMinimumDays,
  MAJOR_MINIMUM_DAYS_KEY,
  publishCommentPeriod,
  publishFeedback,
  removeCommentPeriodFile,
  submitComment,
  tagComment,
  updateCommentPeriod,
  type CommentPeriodValues,
} from './comment-period.service.ts';

const EMPTY = Object.fromEntries(Object.keys(COMMENT_PERIOD_FORM).map((k) => [k, ''])) as CommentPeriodValues;
const typed = (body: unknown) =>
  Object.fromEntries(
    Object.keys(COMMENT_PERIOD_FORM).map((k) => [k, formValue(body, k).trim()]),
  ) as CommentPeriodValues;

export async function commentPeriodAdminRoutes(app: FastifyInstance): Promise<void> {
  registerMultipart(app);
  const today = () => todayInShanghai(app.deps.clock.now());
  const store = () => fileStore(app.deps.config.dataDir);
  const maxBytes = app.deps.config.attachmentMaxBytes;

  const load = async (req: FastifyRequest): Promise<CommentPeriodRow> => {
    const id = parseId((req.params as { id: string }).id);
    const row = id ? await findCommentPeriod(app.db, id) : undefined;
    if (!row) throw new AppError('notFound');
    authorize(req.actor, 'commentPeriod.view', { agencyId: row.agencyId });
    return row;
  };
  const draftAgencies = async (req: FastifyRequest) =>
    (await listAgencies(app.db, { activeOnly: true })).filter((a) =>
      can(actorOf(req), 'commentPeriod.manage', { agencyId: a.id }),
    );
  const detail = async (
    req: FastifyRequest,
    reply: FastifyReply,
    row: CommentPeriodRow,
    status = 200,
    extra: Pick<DetailProps, 'sent' | 'refusal'> = {},
  ) => {
    const actor = actorOf(req);
    const agency = await findAgencyById(app.db, row.agencyId);
    const comments = await listComments(app.db, row.id);
    return reply.page(
      <DetailPage
        ctx={await req.pageContext(reply)}
        row={row}
        agencyName={agency?.name ?? ''}
        agencySlug={agency?.slug ?? ''}
        phase={phaseOf(row, today())}
        files={await listFiles(app.db, row.id)}
        comments={comments}
        counts={feedbackCounts(comments.map((c) => c.verdict))}
        can={{
          manage: can(actor, 'commentPeriod.manage', { agencyId: row.agencyId }),
          publish: can(actor, 'commentPeriod.publish', { agencyId: row.agencyId }),
        }}
        {...extra}
      />,
      status,
    );
  };
  /** Runs a step; a refused one shows the page again with the reason (409/422) and what was typed. */
  const step = async (
    req: FastifyRequest,
    reply: FastifyReply,
    row: CommentPeriodRow,
    form: string,
    run: () => Promise<void>,
    anchor = '',
  ) => {
    try {
      await run();
      return reply.redirect(`${ADMIN_BASE}/${row.id}?flash=saved${anchor}`, 303);
    } catch (err) {
      if (!(err instanceof AppError) || err.status >= 500 || err.code === 'forbidden' || err.code === 'notFound')
        throw err;
      const values: Record<string, string> = {};
      for (const [k, v] of Object.entries((req.body ?? {}) as Record<string, unknown>))
        if (typeof v === 'string' && k !== '_csrf') values[k] = v;
      const fresh = (await findCommentPeriod(app.db, row.id)) ?? row;
      return err instanceof ValidationError
        ? detail(req, reply, fresh, err.status, { sent: { form, errors: err.fields ?? {}, values } })
        : detail(req, reply, fresh, err.status, { refusal: err.message });
    }
  };

  app.get(ADMIN_BASE, async (req, reply) => {
    const actor = actorOf(req);
    authorize(actor, 'commentPeriod.view');
    // The 工作台's link: ?queue=feedbackDue (and &agency=) lists what its count counted.
    const q = (req.query ?? {}) as { queue?: string; agency?: string };
    const agency = parseId(q.agency ?? '');
    const scope = [...actor.scopeAgencyIds].filter((id) => !agency || id === agency);
    const rows = await listCommentPeriodsForStaff(app.db, scope, q.queue === 'feedbackDue' ? today() : undefined);
    const names = new Map((await listAgencies(app.db)).map((a) => [a.id, a.name]));
    const listed = [];
    for (const row of rows) {
      const counts = feedbackCounts((await listComments(app.db, row.id)).map((c) => c.verdict));
      listed.push({
        row,
        phase: phaseOf(row, today()),
        agencyName: names.get(row.agencyId) ?? '',
        comments: counts.total,
        undecided: counts.undecided,
      });
    }
    const root = await findRootAgency(app.db);
    return reply.page(
      <AdminListPage
        ctx={await req.pageContext(reply)}
        rows={listed}
        canCreate={(await draftAgencies(req)).length > 0}
        canSettings={!!root && can(actor, 'settings.manage', { agencyId: root.id })}
      />,
    );
  });

  const formPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    o: { id?: number; agencyId: string; values: CommentPeriodValues; errors?: Record<string, string> },
    status = 200,
  ) =>
    reply.page(
      <PeriodFormPage
        ctx={await req.pageContext(reply)}
        id={o.id}
        agencies={await draftAgencies(req)}
        agencyId={o.agencyId}
        values={o.values}
        minimumDays={await majorMinimumDays(app.db)}
        errors={o.errors}
        once={o.id ? undefined : onceToken(req)}
      />,
      status,
    );

  app.get(`${ADMIN_BASE}/new`, async (req, reply) => {
    authorize(actorOf(req), 'commentPeriod.manage');
    const agencyId = String(((req.query ?? {}) as { agency?: string }).agency ?? actorOf(req).agencyId);
    return formPage(req, reply, { agencyId, values: { ...EMPTY, nameRule: 'optional', phoneRule: 'optional' } });
  });

  app.post(ADMIN_BASE, async (req, reply) => {
    const actor = actorOf(req);
    authorize(actor, 'commentPeriod.manage');
    const agencyId = parseId(formValue(req.body, 'agencyId'));
    try {
      if (!agencyId) throw new ValidationError({ agencyId: '请选择发布机关。' });
      authorize(actor, 'commentPeriod.manage', { agencyId });
      const values = await checkCommentPeriodForm(app.db, req.body);
      // Once per form: the same form sent twice (a double click, two tabs) makes one 意见征集 and
      // sends the second to it (the form's one-time token, registerOnce).
      return await createOnce(app, req, reply, 'commentPeriod.create', async (trx) => {
        const made = await createCommentPeriod(trx, req.auditContext(), actor, agencyId, values);
        return { location: `${ADMIN_BASE}/${made}?flash=created`, value: made };
      });
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return formPage(
        req,
        reply,
        { agencyId: formValue(req.body, 'agencyId'), values: typed(req.body), errors: err.fields ?? {} },
        422,
      );
    }
  });

  registerNumberSetting(app, {
    path: `${ADMIN_BASE}/settings`,
    key: MAJOR_MINIMUM_DAYS_KEY,
    read: majorMinimumDays,
    min: 30,
    max: 180,
    unit: '日',
    auditAction: 'commentPeriod.minimumDaysChanged',
    field: { name: 'days', label: '天数', hint: '30 到 180 之间的整数；默认 30。' },
    title: '重大行政决策征求意见期限',
    parent: { href: ADMIN_BASE, label: '意见征集' },
    explanation: (
      <>
        重大行政决策公开征求意见的期限一般不少于 30 日（{MAJOR_DECISION_BASIS}
        ）。本县规定更长期限的，在此设置；期限不足的征集须说明缩短的理由。
      </>
    ),
  });

  app.get(`${ADMIN_BASE}/:id`, async (req, reply) => detail(req, reply, await load(req)));

  app.get(`${ADMIN_BASE}/:id/edit`, async (req, reply) => {
    const row = await load(req);
    authorize(actorOf(req), 'commentPeriod.manage', { agencyId: row.agencyId });
    const values = Object.fromEntries(
      Object.keys(COMMENT_PERIOD_FORM).map((k) => [k, String(row[k as keyof CommentPeriodRow] ?? '')]),
    ) as CommentPeriodValues;
    values.majorDecision = row.majorDecision ? 'yes' : '';
    return formPage(req, reply, { id: row.id, agencyId: String(row.agencyId), values });
  });

  app.post(`${ADMIN_BASE}/:id`, async (req, reply) => {
    const row = await load(req);
    authorize(actorOf(req), 'commentPeriod.manage', { agencyId: row.agencyId });
    try {
      const values = await checkCommentPeriodForm(app.db, req.body);
      await inTransaction(app.db, (trx) => updateCommentPeriod(trx, req.auditContext(), actorOf(req), row.id, values));
      return reply.redirect(`${ADMIN_BASE}/${row.id}?flash=saved`, 303);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return formPage(
        req,
        reply,
        { id: row.id, agencyId: String(row.agencyId), values: typed(req.body), errors: err.fields ?? {} },
        422,
      );
    }
  });

  const fileUpload = uploadRoute({
    requires: 'commentPeriod.manage',
    authorize: async (req) => {
      const row = await load(req);
      authorize(req.actor, 'commentPeriod.manage', { agencyId: row.agencyId });
    },
    maxFileBytes: maxBytes,
    maxFiles: 1,
  });
  app.post(`${ADMIN_BASE}/:id/files`, { config: fileUpload }, async (req, reply) => {
    const row = await load(req);
    authorize(actorOf(req), 'commentPeriod.manage', { agencyId: row.agencyId });
    const files = uploadedFiles(req.body).filter((u) => u.fieldName === 'file');
    return step(req, reply, row, 'file', async () => {
      const upload = files[0];
      if (!upload || !upload.fileName) throw new ValidationError({ file: '请选择要上传的文件。' });
      refuseTooLarge(files, 'file', maxBytes);
      await inTransaction(app.db, (trx) =>
        addCommentPeriodFile(trx, req.auditContext(), actorOf(req), store(), row.id, {
          fileName: upload.fileName,
          title: formValue(req.body, 'title'),
          source: upload,
        }),
      );
    });
  });

  app.post(`${ADMIN_BASE}/:id/files/:fileId/delete`, async (req, reply) => {
    const row = await load(req);
    const fileId = parseId((req.params as { fileId: string }).fileId) ?? 0;
    return step(req, reply, row, 'file', () =>
      inTransaction(app.db, (trx) => removeCommentPeriodFile(trx, req.auditContext(), actorOf(req), row.id, fileId)),
    );
  });

  app.get(`${ADMIN_BASE}/:id/files/:fileId`, async (req, reply) => {
    const row = await load(req);
    const fileId = parseId((req.params as { fileId: string }).fileId);
    const file = (await listFiles(app.db, row.id)).find((f) => f.id === fileId);
    const data = file ? await store().get(file.sha256) : null;
    if (!file || !data) throw new AppError('notFound');
    return reply
      .header('content-type', file.mime)
      .header('content-disposition', contentDisposition(file.fileName))
      .header('cache-control', 'no-store')
      .send(data);
  });

  app.post(`${ADMIN_BASE}/:id/publish`, async (req, reply) => {
    const row = await load(req);
    return step(req, reply, row, 'publish', () =>
      inTransaction(app.db, (trx) => publishCommentPeriod(trx, req.auditContext(), actorOf(req), row.id, today())),
    );
  });

  // A comment that came by post or e-mail, recorded by staff while the period is open.
  app.post(`${ADMIN_BASE}/:id/comments`, async (req, reply) => {
    const row = await load(req);
    authorize(actorOf(req), 'commentPeriod.manage', { agencyId: row.agencyId });
    return step(req, reply, row, 'record', async () => {
      const channel = formValue(req.body, 'channel') === 'email' ? 'email' : 'post';
      const { values, consent, errors } = readCommentForm(req.body, { nameRule: 'optional', phoneRule: 'optional' });
      if (Object.keys(errors).length) throw new ValidationError(errors);
      await inTransaction(app.db, (trx) =>
        submitComment(trx, req.auditContext(), row, { ...values, publishConsent: consent, channel }, today()),
      );
    });
  });

  app.post(`${ADMIN_BASE}/:id/comments/:commentId/verdict`, async (req, reply) => {
    const row = await load(req);
    const comment = await findComment(app.db, parseId((req.params as { commentId: string }).commentId) ?? 0);
    if (!comment || comment.commentPeriodId !== row.id) throw new AppError('notFound');
    return step(
      req,
      reply,
      row,
      `tag-${comment.id}`,
      () =>
        inTransaction(app.db, (trx) =>
          tagComment(
            trx,
            req.auditContext(),
            actorOf(req),
            comment,
            formValue(req.body, 'verdict'),
            formValue(req.body, 'verdictReason'),
          ),
        ),
      `#comment-${comment.id}`,
    );
  });

  app.post(`${ADMIN_BASE}/:id/feedback`, async (req, reply) => {
    const row = await load(req);
    return step(req, reply, row, 'feedback', () =>
      inTransaction(app.db, (trx) =>
        publishFeedback(trx, req.auditContext(), actorOf(req), row.id, formValue(req.body, 'feedbackText'), today()),
      ),
    );
  });
}
