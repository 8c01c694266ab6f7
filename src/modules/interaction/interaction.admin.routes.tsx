// Staff routes of the case engine. Every handler: validate → load → authorize against the case's
// agency → service in a transaction → redirect (303) or re-render with 422.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authorize, can } from '../../platform/auth/policy.ts';
import { AppError, ValidationError } from '../../platform/errors.ts';
import { formValue, parseForm, parseId } from '../../platform/forms.ts';
import { actorOf } from '../../platform/http/admin-guard.ts';
import { inTransaction } from '../../platform/transaction.ts';
import { listAgencies } from '../agency/index.ts';
import { todayInShanghai } from '../calendar/index.ts';
import { countCases, findCaseById, findCaseForStep, listCases, type CaseRow } from './interaction.repository.ts';
import { pageCount, pageOffset, pageParam } from '../../platform/views/console-pager.tsx';
import { INTERACTION_QUEUE_VIEWS } from './interaction.queues.ts';
import { logPhoneInquiry, PHONE_FORM, toLocalInput, type PhoneInput } from './interaction.service.ts';
import { assignCase, decidePublication, replyCase, startHandling } from './interaction.steps.ts';
import { CASE_KINDS, type CaseKind } from './interaction.tables.ts';
import {
  AnswerDaysPage,
  auditNote,
  CaseDetailPage,
  CaseListPage,
  PhoneInquiryPage,
} from './interaction.admin.views.tsx';
import { loadAnswerDays, parseAnswerDays, saveAnswerDays } from './interaction.settings.ts';

/** Cases a page of the console list shows. */
const PAGE_SIZE = 50;

export async function interactionAdminRoutes(app: FastifyInstance): Promise<void> {
  const loadCase = async (req: FastifyRequest, action: 'interaction.view' | 'interaction.handle') => {
    const id = parseId((req.params as { id: string }).id);
    const row = id ? await findCaseById(app.db, id) : undefined;
    if (!row) throw new AppError('notFound');
    authorize(req.actor, action, { agencyId: row.agencyId });
    return row;
  };

  const timeline = async (row: CaseRow) =>
    (
      await app.db
        .selectFrom('auditEvents')
        .select(['at', 'action', 'actorName', 'summary'])
        .where('entityType', '=', row.kind)
        .where('entityId', '=', String(row.id))
        .orderBy('id')
        .execute()
    ).map(({ summary, ...e }) => ({ ...e, note: auditNote(summary) }));

  /** A step refused with field errors: the case page again, with them (and the reply as typed). */
  const refused = async (req: FastifyRequest, reply: FastifyReply, row: CaseRow, err: unknown, replyText?: string) => {
    if (!(err instanceof ValidationError)) throw err;
    return reply.page(
      <CaseDetailPage
        ctx={await req.pageContext(reply)}
        row={row}
        timeline={await timeline(row)}
        canHandle
        errors={err.fields}
        replyText={replyText}
      />,
      422,
    );
  };

  app.get('/admin/interaction', async (req, reply) => {
    const actor = actorOf(req);
    authorize(actor, 'interaction.view');
    const query = req.query as Record<string, unknown>;
    const kind = CASE_KINDS.find((x) => x === query.kind) as CaseKind | undefined;
    // open=1 is the older spelling of queue=open.
    const queue = INTERACTION_QUEUE_VIEWS.find((v) => v === query.queue) ?? (query.open === '1' ? 'open' : undefined);
    const wanted = parseId(query.agency);
    const chosen = wanted && actor.scopeAgencyIds.has(wanted) ? wanted : null;
    const agencyIds = chosen ? [chosen] : [...actor.scopeAgencyIds];
    const today = todayInShanghai(app.deps.clock.now());
    const filter = { agencyIds, kind, queue: queue ? { view: queue, today } : undefined };
    const total = await countCases(app.db, filter);
    const page = pageParam(query.page);
    const listHref = (n: number) => {
      const qs = new URLSearchParams();
      if (kind) qs.set('kind', kind);
      if (queue) qs.set('queue', queue);
      if (chosen) qs.set('agency', String(chosen));
      if (n > 1) qs.set('page', String(n));
      const s = qs.toString();
      return `/admin/interaction${s ? `?${s}` : ''}`;
    };
    const pages = pageCount(total, PAGE_SIZE);
    if (page > pages) return reply.redirect(listHref(pages), 302);
    const rows = await listCases(app.db, { ...filter, limit: PAGE_SIZE, offset: pageOffset(page, PAGE_SIZE) });
    const agencyNames = new Map((await listAgencies(app.db)).map((a) => [a.id, a.shortName]));
    return reply.page(
      <CaseListPage
        ctx={await req.pageContext(reply)}
        rows={rows}
        kind={kind}
        queue={queue ?? ''}
        page={page}
        pageSize={PAGE_SIZE}
        total={total}
        listHref={listHref}
        agencyNames={agencyNames}
        today={today}
      />,
    );
  });

  const phoneDefaults = (): PhoneInput => ({
    receivedAt: toLocalInput(app.deps.clock.now()),
    topic: '',
    answer: '',
    duration: '',
    channel: 'phone',
  });

  app.get('/admin/interaction/phone', async (req, reply) => {
    const actor = actorOf(req);
    authorize(actor, 'interaction.handle', { agencyId: actor.agencyId });
    const saved = (req.query as Record<string, unknown>).saved;
    return reply.page(
      <PhoneInquiryPage
        ctx={await req.pageContext(reply)}
        values={phoneDefaults()}
        saved={typeof saved === 'string' ? saved.slice(0, 64) : undefined}
      />,
    );
  });

  app.post('/admin/interaction/phone', async (req, reply) => {
    const actor = actorOf(req);
    authorize(actor, 'interaction.handle', { agencyId: actor.agencyId });
    const form = parseForm(req.body, PHONE_FORM);
    try {
      if (!form.ok) throw new ValidationError(form.errors);
      const cal = await app.deps.calendar.get();
      const receipt = await inTransaction(app.db, (trx) =>
        logPhoneInquiry(trx, req.auditContext(), cal, actor.agencyId, form.values, app.deps.clock.now()),
      );
      return reply.redirect(`/admin/interaction/phone?saved=${encodeURIComponent(receipt.receiptNumber)}`, 303);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return reply.page(
        <PhoneInquiryPage ctx={await req.pageContext(reply)} values={form.values} errors={err.fields} />,
        422,
      );
    }
  });

  app.get('/admin/interaction/settings', async (req, reply) => {
    const actor = actorOf(req);
    authorize(actor, 'settings.manage', { agencyId: actor.agencyId });
    return reply.page(
      <AnswerDaysPage ctx={await req.pageContext(reply)} values={await loadAnswerDays(app.db, actor.agencyId)} />,
    );
  });

  app.post('/admin/interaction/settings', async (req, reply) => {
    const actor = actorOf(req);
    authorize(actor, 'settings.manage', { agencyId: actor.agencyId });
    const input = Object.fromEntries(CASE_KINDS.map((k) => [k, formValue(req.body, k)])) as Record<CaseKind, string>;
    try {
      const days = parseAnswerDays(input);
      await inTransaction(app.db, (trx) => saveAnswerDays(trx, req.auditContext(), actor.agencyId, days));
      return reply.redirect('/admin/interaction/settings?flash=saved', 303);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return reply.page(<AnswerDaysPage ctx={await req.pageContext(reply)} values={input} errors={err.fields} />, 422);
    }
  });

  app.get('/admin/interaction/:id', async (req, reply) => {
    const row = await loadCase(req, 'interaction.view');
    return reply.page(
      <CaseDetailPage
        ctx={await req.pageContext(reply)}
        row={row}
        timeline={await timeline(row)}
        canHandle={can(req.actor, 'interaction.handle', { agencyId: row.agencyId })}
      />,
    );
  });

  app.post('/admin/interaction/:id/assign', async (req, reply) => {
    const row = await loadCase(req, 'interaction.handle');
    await inTransaction(app.db, async (trx) =>
      assignCase(trx, req.auditContext(), await findCaseForStep(trx, row.id), actorOf(req).userId),
    );
    return reply.redirect(`/admin/interaction/${row.id}?flash=saved`, 303);
  });

  app.post('/admin/interaction/:id/handle', async (req, reply) => {
    const row = await loadCase(req, 'interaction.handle');
    await inTransaction(app.db, async (trx) =>
      startHandling(trx, req.auditContext(), await findCaseForStep(trx, row.id)),
    );
    return reply.redirect(`/admin/interaction/${row.id}?flash=saved`, 303);
  });

  app.post('/admin/interaction/:id/reply', async (req, reply) => {
    const row = await loadCase(req, 'interaction.handle');
    const text = formValue(req.body, 'replyText');
    try {
      await inTransaction(app.db, async (trx) =>
        replyCase(trx, req.auditContext(), await findCaseForStep(trx, row.id), text),
      );
      return reply.redirect(`/admin/interaction/${row.id}?flash=saved`, 303);
    } catch (err) {
      return refused(req, reply, row, err, text);
    }
  });

  app.post('/admin/interaction/:id/publication', async (req, reply) => {
    const row = await loadCase(req, 'interaction.handle');
    try {
      await inTransaction(app.db, async (trx) =>
        decidePublication(
          trx,
          req.auditContext(),
          await findCaseForStep(trx, row.id),
          formValue(req.body, 'publish') === 'yes',
        ),
      );
      return reply.redirect(`/admin/interaction/${row.id}?flash=saved`, 303);
    } catch (err) {
      return refused(req, reply, row, err);
    }
  });
}
