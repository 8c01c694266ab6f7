// Staff routes of 依申请公开. Every handler: validate → load → authorize against the case's agency
// → service in one transaction (audited) → redirect 303, or re-render the case page with 422 and
// the user's input.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { contentDisposition } from '../../platform/http/content-disposition.ts';
import { authorize, can, type Action } from '../../platform/auth/policy.ts';
import { AppError, ValidationError } from '../../platform/errors.ts';
import { formValue, parseId } from '../../platform/forms.ts';
import { actorOf } from '../../platform/http/admin-guard.ts';
import { inTransaction, type Trx } from '../../platform/transaction.ts';
import { listAgencies } from '../agency/index.ts';
import { recordEvent } from '../../platform/audit.ts';
import { isValidIsoDate, monthsEndingWith, workingDaysAhead, type WorkCalendar } from '../calendar/index.ts';
import { registerIntake, readInfoRequestForm } from './intake.service.ts';
import {
  DashboardPage,
  flowChart,
  IntakeDonePage,
  IntakePage,
  SettingsPage,
  type IntakeValues,
} from './info-request.admin-views.tsx';
import { CasePage } from './info-request.case-views.tsx';
import { LetterDocument } from './info-request.letter-views.tsx';
import type { LetterData } from './info-request.letters.ts';
import {
  countByAgencyAndState,
  monthlyFlow,
  findAttachment,
  findLetter,
  listAppeals,
  listAttachments,
  listConsultations,
  listEvents,
  listInfoRequests,
  listLetters,
  type InfoRequestRow,
} from './info-request.repository.ts';
import { loadCase, parseStoredDeadline, todayOf } from './info-request.service.ts';
import { loadClockSettings, saveClockSettings } from './info-request.settings.ts';
import { OPEN_STATES } from './info-request.states.ts';
import { fileStore } from '../../platform/storage/file-store.ts';
import type { FeeQuote, IntakeChannel } from './rules/index.ts';
import { isIntakeChannel, runCaseAction } from './case-actions.ts';
import { MAX_UPLOAD_BYTES, registerMultipart, uploadRoute } from '../../platform/http/multipart.ts';
import { quoteFor } from './process.service.ts';
import { acceptCorrection, askForCorrectionAgain, correctionsWithFiles } from './correction.service.ts';
import { findCorrectionFile } from './correction.repository.ts';
import { suggestionOfRequest } from './proactive.service.ts';
import { infoRequestProactiveRoutes } from './info-request.proactive-routes.tsx';

function bodyValues(body: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!body || typeof body !== 'object') return out;
  for (const [k, v] of Object.entries(body as Record<string, unknown>))
    if (typeof v === 'string' && k !== '_csrf') out[k] = v.trim();
  return out;
}

export async function infoRequestAdminRoutes(app: FastifyInstance): Promise<void> {
  registerMultipart(app);
  await infoRequestProactiveRoutes(app);

  const loadAuthorized = async (req: FastifyRequest, action: Action): Promise<InfoRequestRow> => {
    const id = parseId((req.params as { id: string }).id);
    if (!id) throw new AppError('notFound');
    const r = await loadCase(app.db, id);
    authorize(req.actor, action, { agencyId: r.agencyId });
    return r;
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
        proactive={await suggestionOfRequest(app.db, r.id)}
        can={{
          process: can(actor, 'infoRequest.process', scope),
          reply: can(actor, 'infoRequest.reply', scope),
          extend: can(actor, 'infoRequest.extend', scope),
          archive: can(actor, 'infoRequest.archive', scope),
        }}
        errors={errors}
        values={values}
      />,
      status,
    );
  };

  app.get('/admin/info-requests', async (req, reply) => {
    const actor = actorOf(req);
    authorize(actor, 'infoRequest.view');
    const q = req.query as Record<string, unknown>;
    const view =
      (['confirm', 'soon', 'overdue', 'applicant', 'corrections', 'all'] as const).find((v) => v === q.view) ?? 'open';
    const scope = [...actor.scopeAgencyIds];
    const wanted = parseId(q.agency);
    const agencyIds = wanted && actor.scopeAgencyIds.has(wanted) ? [wanted] : scope;
    const today = todayOf(req.auditContext());
    const cal = await app.deps.calendar.get();
    const soonLimit = workingDaysAhead(cal, today, 5);
    const dates = { today, soonLimit };
    const counted = (v: 'soon' | 'overdue') =>
      listInfoRequests(app.db, { agencyIds, queue: { view: v, dates }, limit: 1000 });
    const [soon, overdue] = await Promise.all([counted('soon'), counted('overdue')]);
    const items =
      view === 'all'
        ? await listInfoRequests(app.db, { agencyIds, limit: 500 })
        : view === 'soon'
          ? soon
          : view === 'overdue'
            ? overdue
            : view === 'open'
              ? await listInfoRequests(app.db, { agencyIds, states: OPEN_STATES, limit: 1000 })
              : await listInfoRequests(app.db, { agencyIds, queue: { view, dates }, limit: 1000 });
    const counts = (await countByAgencyAndState(app.db, agencyIds)).map((c) => ({ ...c, n: Number(c.n) }));
    const months = monthsEndingWith(today.slice(0, 7), 12);
    const flow = await monthlyFlow(app.db, agencyIds, months[0] as string, months[11] as string);
    return reply.page(
      <DashboardPage
        chart={await flowChart(months, flow)}
        ctx={await req.pageContext(reply)}
        view={view}
        agencyId={agencyIds.length === 1 && wanted ? wanted : null}
        today={today}
        soonLimit={soonLimit}
        items={items}
        counts={counts}
        overdue={overdue.length}
        soon={soon.length}
        canIntake={can(actor, 'infoRequest.intake')}
      />,
    );
  });

  const agencyOptions = async (req: FastifyRequest) => {
    const actor = actorOf(req);
    return (await listAgencies(app.db, { activeOnly: true }))
      .filter((a) => can(actor, 'infoRequest.intake', { agencyId: a.id }))
      .map((a) => ({ value: String(a.id), label: a.name }));
  };

  const emptyIntake = (agencyId: string, today: string): IntakeValues => ({
    ...readInfoRequestForm({}),
    agencyId,
    channel: 'inPerson',
    handedInOn: today,
    signedForOn: '',
    arrivedOn: '',
    confirmedOn: '',
    staffNote: '',
  });

  app.get('/admin/info-requests/new', async (req, reply) => {
    authorize(req.actor, 'infoRequest.intake');
    const agencies = await agencyOptions(req);
    return reply.page(
      <IntakePage
        ctx={await req.pageContext(reply)}
        values={emptyIntake(agencies[0]?.value ?? '', todayOf(req.auditContext()))}
        agencies={agencies}
      />,
    );
  });

  app.post('/admin/info-requests', async (req, reply) => {
    const raw = bodyValues(req.body);
    const values: IntakeValues = { ...emptyIntake('', ''), ...readInfoRequestForm(req.body), ...raw } as IntakeValues;
    const agencyId = parseId(values.agencyId);
    authorize(req.actor, 'infoRequest.intake', agencyId ? { agencyId } : undefined);
    try {
      const agency = agencyId
        ? await app.db.selectFrom('agencies').select(['id', 'slug']).where('id', '=', agencyId).executeTakeFirst()
        : undefined;
      if (!agency) throw new ValidationError({ agencyId: '请选择受理机关。' });
      if (!isIntakeChannel(values.channel)) throw new ValidationError({ channel: '请选择提交渠道。' });
      const dates: Record<string, string> = {};
      const errors: Record<string, string> = {};
      for (const k of ['handedInOn', 'signedForOn', 'arrivedOn', 'confirmedOn'] as const) {
        if (!values[k]) continue;
        if (!isValidIsoDate(values[k])) errors[k] = '日期无效，应为 YYYY-MM-DD。';
        else if (values[k] > todayOf(req.auditContext())) errors[k] = '日期不能晚于今天。';
        else dates[k] = values[k];
      }
      if (Object.keys(errors).length) throw new ValidationError(errors);
      const cal = await app.deps.calendar.get();
      const done = await inTransaction(app.db, (trx) =>
        registerIntake(
          trx,
          req.auditContext(),
          cal,
          agency,
          readInfoRequestForm(req.body),
          values.channel as IntakeChannel,
          dates,
          values.staffNote ?? '',
        ),
      );
      return reply.page(<IntakeDonePage ctx={await req.pageContext(reply)} {...done} />, 201);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return reply.page(
        <IntakePage
          ctx={await req.pageContext(reply)}
          values={values}
          agencies={await agencyOptions(req)}
          errors={err.fields}
        />,
        422,
      );
    }
  });

  app.get('/admin/info-requests/settings', async (req, reply) => {
    const actor = actorOf(req);
    authorize(actor, 'infoRequest.view');
    const agencyId = actor.agencyDepth === 0 ? 0 : actor.agencyId;
    const s = await loadClockSettings(app.db, agencyId === 0 ? -1 : agencyId);
    return reply.page(
      <SettingsPage
        ctx={await req.pageContext(reply)}
        pauseWhileFeePending={s.pauseWhileFeePending}
        scopeLabel={agencyId === 0 ? '全平台（各机关未单独设置时适用）' : actor.agencyName}
        canManage={can(actor, 'settings.manage')}
      />,
    );
  });

  app.post('/admin/info-requests/settings', async (req, reply) => {
    const actor = actorOf(req);
    authorize(actor, 'settings.manage');
    const agencyId = actor.agencyDepth === 0 ? 0 : actor.agencyId;
    const pause = formValue(req.body, 'pauseWhileFeePending') === '1';
    await inTransaction(app.db, async (trx: Trx) => {
      await saveClockSettings(trx, agencyId, { pauseWhileFeePending: pause }, req.auditContext().at);
      await recordEvent(
        trx,
        req.auditContext(),
        'infoRequest.settingsChanged',
        { type: 'settings', id: 'infoRequest', agencyId: agencyId || null },
        { after: { pauseWhileFeePending: pause } },
      );
    });
    return reply.redirect('/admin/info-requests/settings?flash=saved', 303);
  });

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
    const values = bodyValues(req.body);
    try {
      const cal = await app.deps.calendar.get();
      await inTransaction(app.db, (trx) =>
        runCaseAction(trx, {
          req,
          cal,
          dataDir: app.deps.config.dataDir,
          trackUrl: trackUrl(),
          r,
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
      const values = bodyValues(req.body);
      try {
        // The calendar is read before the transaction (on SQLite it holds the one connection).
        const cal = await app.deps.calendar.get();
        await inTransaction(app.db, (trx) => decide(trx, { req, cal }, r, id, values));
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
