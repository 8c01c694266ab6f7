// Staff routes of one 依申请公开 case (/admin/info-requests/:id…): the case page (with a fee
// quote), each step of its processing (case-actions.ts), the online 补正 to accept or ask again,
// and its letters and files. Every handler: validate → load → authorize against the case's
// agency → service in one transaction (audited) → redirect 303, or re-render the case page with
// 422 and the user's input. The register, intake and settings: info-request.admin-routes.tsx.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { contentDisposition } from '../../platform/http/content-disposition.ts';
import { authorize, can, type Action } from '../../platform/auth/policy.ts';
import { AppError, ValidationError } from '../../platform/errors.ts';
import { parseId, trimmedFields } from '../../platform/forms.ts';
import { actorOf } from '../../platform/http/admin-guard.ts';
import { inTransaction, type Trx } from '../../platform/transaction.ts';
import { withProvisionalFallback, type WorkCalendar } from '../calendar/index.ts';
import { CasePage } from './info-request.case-views.tsx';
import { LetterDocument } from './info-request.letter-views.tsx';
import type { LetterData } from './info-request.letters.ts';
import {
  findAttachment,
  findLetter,
  listAppeals,
  listAttachments,
  listConsultations,
  listEvents,
  listLetters,
  type InfoRequestRow,
} from './info-request.repository.ts';
import { loadCase, loadCaseForAction, parseStoredDeadline, todayOf } from './info-request.service.ts';
import { fileStore } from '../../platform/storage/file-store.ts';
import { feePaymentDueOn, type FeeQuote } from './rules/index.ts';
import { runCaseAction } from './case-actions.ts';
import { MAX_UPLOAD_BYTES, registerMultipart, uploadRoute } from '../../platform/http/multipart.ts';
import { quoteFor } from './process.service.ts';
import { acceptCorrection, askForCorrectionAgain, correctionsWithFiles } from './correction.service.ts';
import { findCorrectionFile } from './correction.repository.ts';
import { suggestionOfRequest } from './proactive.service.ts';
import { receiptOf, regenerateQueryCode } from './query-code.service.ts';
import { CodeRegeneratedPage } from './info-request.code-receipt-views.tsx';

export async function infoRequestCaseRoutes(app: FastifyInstance): Promise<void> {
  registerMultipart(app);

  const loadAuthorized = async (req: FastifyRequest, action: Action): Promise<InfoRequestRow> => {
    const id = parseId((req.params as { id: string }).id);
    if (!id) throw new AppError('notFound');
    const r = await loadCase(app.db, id);
    authorize(req.actor, action, { agencyId: r.agencyId });
    return r;
  };

  const feeDueOf = async (r: InfoRequestRow) => {
    if (!r.feeNoticeReceivedOn) return null;
    const notice = r.feeNoticeReceivedOn;
    const cal = await app.deps.calendar.get();
    const due = withProvisionalFallback(cal, (c) => feePaymentDueOn(c, notice));
    return { dueOn: due.value.dueOn, provisionalYears: due.provisionalYears };
  };

  const renderCase = async (
    req: FastifyRequest,
    reply: FastifyReply,
    r: InfoRequestRow,
    errors?: Record<string, string>,
    values?: Record<string, string>,
    quote: FeeQuote | null = null,
    status = errors ? 422 : 200,
  ) => {
    const actor = actorOf(req);
    const agency = await app.db
      .selectFrom('agencies')
      .select('name')
      .where('id', '=', r.agencyId)
      .executeTakeFirstOrThrow();
    const scope = { agencyId: r.agencyId };
    return reply.page(
      <CasePage
        ctx={await req.pageContext(reply)}
        r={r}
        agencyName={agency.name}
        deadline={parseStoredDeadline(r)}
        consultations={await listConsultations(app.db, r.id)}
        letters={await listLetters(app.db, r.id)}
        attachments={await listAttachments(app.db, r.id)}
        events={await listEvents(app.db, r.id)}
        appeals={await listAppeals(app.db, r.id)}
        corrections={await correctionsWithFiles(app.db, r.id)}
        today={todayOf(req.auditContext())}
        quote={quote}
        feeDue={await feeDueOf(r)}
        proactive={await suggestionOfRequest(app.db, r.id)}
        can={{
          process: can(actor, 'infoRequest.process', scope),
          reply: can(actor, 'infoRequest.reply', scope),
          extend: can(actor, 'infoRequest.extend', scope),
          archive: can(actor, 'infoRequest.archive', scope),
          intake: can(actor, 'infoRequest.intake', scope),
        }}
        errors={errors}
        values={values}
      />,
      status,
    );
  };

  app.get('/admin/info-requests/:id', async (req, reply) => {
    const r = await loadAuthorized(req, 'infoRequest.view');
    const q = req.query as Record<string, unknown>;
    let quote: FeeQuote | null = null;
    const method = q.quoteMethod === 'perItem' || q.quoteMethod === 'perPage' ? q.quoteMethod : null;
    const qty =
      typeof q.quoteQuantity === 'string' && /^\d{1,6}$/.test(q.quoteQuantity) ? Number(q.quoteQuantity) : null;
    if (method && qty !== null) {
      try {
        quote = await inTransaction(app.db, (trx) => quoteFor(trx, r, method, qty));
      } catch (err) {
        if (!(err instanceof ValidationError)) throw err;
        return renderCase(req, reply, r, err.fields);
      }
    }
    return renderCase(req, reply, r, undefined, undefined, quote);
  });

  // The reply is the one step that uploads files (the released documents).
  const replyUpload = uploadRoute({
    requires: 'infoRequest.reply',
    authorize: async (req) => void (await loadAuthorized(req, 'infoRequest.reply')),
    maxFileBytes: MAX_UPLOAD_BYTES,
    maxFiles: 20,
  });
  app.post('/admin/info-requests/:id/reply', { config: replyUpload }, async (req, reply) =>
    handleAction(req, reply, 'reply', null),
  );
  app.post('/admin/info-requests/:id/:action', async (req, reply) => {
    return handleAction(req, reply, (req.params as { action: string }).action, null);
  });
  app.post('/admin/info-requests/:id/:collection/:itemId', async (req, reply) => {
    const { collection, itemId } = req.params as { collection: string; itemId: string };
    return handleAction(
      req,
      reply,
      collection === 'consultations' ? 'consultation' : collection === 'appeals' ? 'appealUpdate' : '',
      parseId(itemId),
    );
  });

  async function handleAction(req: FastifyRequest, reply: FastifyReply, action: string, itemId: number | null) {
    const r = await loadAuthorized(req, 'infoRequest.view');
    const values = trimmedFields(req.body);
    try {
      const cal = await app.deps.calendar.get();
      await inTransaction(app.db, async (trx) =>
        runCaseAction(trx, {
          req,
          cal,
          dataDir: app.deps.config.dataDir,
          trackUrl: trackUrl(),
          r: await loadCaseForAction(trx, r.id),
          action,
          itemId,
          values,
        }),
      );
      return reply.redirect(`/admin/info-requests/${r.id}?flash=saved`, 303);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return renderCase(req, reply, await loadCase(app.db, r.id), err.fields, values, null, err.status);
    }
  }

  // Online 补正 (correction.service.ts): accept it (the clock restarts) or ask again.
  const trackUrl = () => `${app.deps.config.publicBaseUrl.replace(/\/+$/, '')}/track`;
  const decideCorrection =
    (
      decide: (
        trx: Trx,
        on: { req: FastifyRequest; cal: WorkCalendar },
        r: InfoRequestRow,
        id: number,
        v: Record<string, string>,
      ) => Promise<void>,
      fieldNames: Record<string, string> = {},
    ) =>
    async (req: FastifyRequest, reply: FastifyReply) => {
      const r = await loadAuthorized(req, 'infoRequest.process');
      const id = parseId((req.params as { correctionId: string }).correctionId);
      if (!id) throw new AppError('notFound');
      const values = trimmedFields(req.body);
      try {
        // The calendar is read before the transaction (on SQLite it holds the one connection).
        const cal = await app.deps.calendar.get();
        await inTransaction(app.db, async (trx) =>
          decide(trx, { req, cal }, await loadCaseForAction(trx, r.id), id, values),
        );
        return reply.redirect(`/admin/info-requests/${r.id}?flash=saved`, 303);
      } catch (err) {
        if (!(err instanceof ValidationError)) throw err;
        const fields = Object.fromEntries(Object.entries(err.fields ?? {}).map(([k, m]) => [fieldNames[k] ?? k, m]));
        return renderCase(req, reply, await loadCase(app.db, r.id), fields, values);
      }
    };
  app.post(
    '/admin/info-requests/:id/corrections/:correctionId/accept',
    decideCorrection(
      async (trx, { req, cal }, r, id, v) =>
        acceptCorrection(trx, req.auditContext(), cal, r, id, {
          receivedOn: v.acceptedOn ?? '',
        }),
      { correctedReceivedOn: 'acceptedOn' },
    ),
  );
  app.post(
    '/admin/info-requests/:id/corrections/:correctionId/ask-again',
    decideCorrection(async (trx, { req, cal }, r, id, v) =>
      askForCorrectionAgain(trx, req.auditContext(), cal, r, id, {
        note: v.againNote ?? '',
        correctionDueOn: v.againDueOn ?? '',
        trackUrl: trackUrl(),
      }),
    ),
  );
  app.get('/admin/info-requests/:id/corrections/:correctionId/files/:correctionFileId', async (req, reply) => {
    const r = await loadAuthorized(req, 'infoRequest.view');
    const p = req.params as { correctionId: string; correctionFileId: string };
    const f = await findCorrectionFile(app.db, r.id, parseId(p.correctionId) ?? 0, parseId(p.correctionFileId) ?? 0);
    const content = f ? await fileStore(app.deps.config.dataDir).get(f.sha256) : null;
    if (!f || !content) throw new AppError('notFound');
    return reply
      .type('application/octet-stream')
      .header('content-disposition', contentDisposition(f.fileName, 'attachment', `correction-${f.id}`))
      .header('x-content-type-options', 'nosniff')
      .send(content);
  });

  const staffLetter = async (req: FastifyRequest) => {
    const r = await loadAuthorized(req, 'infoRequest.view');
    const letter = await findLetter(app.db, r.id, parseId((req.params as { letterId: string }).letterId) ?? 0);
    if (!letter) throw new AppError('notFound');
    return { r, letter, data: JSON.parse(letter.dataJson) as LetterData };
  };

  // 「重新生成查询码」: a receipt with a working code for the applicant at the counter. The new code
  // is shown on this answer only (like the registration's): it is printed from here.
  app.post('/admin/info-requests/:id/query-code', async (req, reply) => {
    const r = await loadAuthorized(req, 'infoRequest.intake');
    const queryCode = await inTransaction(app.db, (trx) => regenerateQueryCode(trx, req.auditContext(), r.id));
    return reply.page(
      <CodeRegeneratedPage
        ctx={await req.pageContext(reply)}
        id={r.id}
        number={r.number}
        queryCode={queryCode}
        receipt={await receiptOf(app.db, r.id)}
      />,
    );
  });

  app.get('/admin/info-requests/:id/letters/:letterId', async (req, reply) =>
    reply.page(<LetterDocument letter={(await staffLetter(req)).data} />),
  );

  app.get('/admin/info-requests/:id/letters/:letterId/docx', async (req, reply) => {
    const { r, letter, data } = await staffLetter(req);
    return reply
      .type('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
      .header(
        'content-disposition',
        contentDisposition(`${r.number}-${letter.title}.docx`, 'attachment', `${r.number}-${letter.id}.docx`),
      )
      .send(await (await import('./letter-docx.ts')).letterToDocx(data));
  });

  app.get('/admin/info-requests/:id/files/:fileId', async (req, reply) => {
    const r = await loadAuthorized(req, 'infoRequest.view');
    const a = await findAttachment(app.db, r.id, parseId((req.params as { fileId: string }).fileId) ?? 0);
    const content = a ? await fileStore(app.deps.config.dataDir).get(a.sha256) : null;
    if (!a || !content) throw new AppError('notFound');
    return reply
      .type('application/octet-stream')
      .header('content-disposition', contentDisposition(a.fileName, 'attachment', `file-${a.id}`))
      .send(content);
  });
}
