// Staff routes of 依申请公开转主动公开 (条例 第四十四条): the list (the 工作台's queue with
// ?agency=), one suggestion, accept (one POST: the draft publication, then its page), dismiss with
// a reason, and the county's number of applicants that makes "several". Every route loads the
// suggestion and authorises against its agency.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authorize, can } from '../../platform/auth/policy.ts';
import { AppError, ValidationError } from '../../platform/errors.ts';
import { formValue, parseId } from '../../platform/forms.ts';
import { actorOf } from '../../platform/http/admin-guard.ts';
import { fileStore } from '../../platform/storage/file-store.ts';
import { inTransaction } from '../../platform/transaction.ts';
import { findAgencyById, findRootAgency, listAgencies } from '../agency/index.ts';
import { publicCategories } from '../publication/index.ts';
import { registerNumberSetting } from '../settings/index.ts';
import { ProactiveDetailPage, ProactiveListPage, type ProactiveDetailProps } from './info-request.proactive-views.tsx';
import { PROACTIVE_BASE } from './proactive.queues.ts';
import {
  acceptSuggestion,
  dismissSuggestion,
  findSuggestion,
  proactiveApplicants,
  PROACTIVE_APPLICANTS_KEY,
  requestsOfSuggestion,
  type ProactiveSuggestionRow,
} from './proactive.service.ts';
import { applicantKey, PROACTIVE_BASIS } from './rules/index.ts';

export async function infoRequestProactiveRoutes(app: FastifyInstance): Promise<void> {
  const load = async (req: FastifyRequest): Promise<ProactiveSuggestionRow> => {
    const id = parseId((req.params as { id: string }).id);
    const s = id ? await findSuggestion(app.db, id) : undefined;
    if (!s) throw new AppError('notFound');
    authorize(req.actor, 'infoRequest.view', { agencyId: s.agencyId });
    return s;
  };

  const detail = async (
    req: FastifyRequest,
    reply: FastifyReply,
    s: ProactiveSuggestionRow,
    status = 200,
    extra: Pick<ProactiveDetailProps, 'errors' | 'values' | 'refusal'> = {},
  ) => {
    const actor = actorOf(req);
    const requests = await requestsOfSuggestion(app.db, s.id);
    const categories = await publicCategories(app.db, s.agencyId);
    return reply.page(
      <ProactiveDetailPage
        ctx={await req.pageContext(reply)}
        s={s}
        agencyName={(await findAgencyById(app.db, s.agencyId))?.name ?? ''}
        requests={requests}
        applicants={new Set(requests.map(applicantKey)).size}
        categories={categories.map((c) => ({ value: String(c.id), label: `${'　'.repeat(c.depth)}${c.name}` }))}
        can={{
          accept: can(actor, 'publication.draft', { agencyId: s.agencyId }),
          dismiss: can(actor, 'infoRequest.reply', { agencyId: s.agencyId }),
        }}
        {...extra}
      />,
      status,
    );
  };

  registerNumberSetting(app, {
    path: `${PROACTIVE_BASE}/settings`,
    key: PROACTIVE_APPLICANTS_KEY,
    read: proactiveApplicants,
    min: 2,
    max: 50,
    unit: '人',
    auditAction: 'infoRequest.proactiveApplicantsChanged',
    field: { name: 'applicants', label: '不同申请人的人数', hint: '2 到 50 之间的整数；默认 2。' },
    title: '转为主动公开：“多个申请人”的人数',
    parent: { href: PROACTIVE_BASE, label: '转为主动公开的建议' },
    explanation: (
      <>
        多个申请人就相同政府信息向同一机关提出公开申请，且该信息属于可以公开的，可以纳入主动公开的范围（
        {PROACTIVE_BASIS}
        ）。不同申请人达到此人数、且均已予以公开或部分公开的，系统在工作台提出转为主动公开的建议。
      </>
    ),
  });

  app.get(PROACTIVE_BASE, async (req, reply) => {
    const actor = actorOf(req);
    authorize(actor, 'infoRequest.view');
    const q = (req.query ?? {}) as { agency?: string; state?: string };
    const agency = parseId(q.agency ?? '');
    const scope = [...actor.scopeAgencyIds].filter((id) => !agency || id === agency);
    const all = q.state === 'all';
    const rows = await app.db
      .selectFrom('proactiveSuggestions as s')
      .selectAll('s')
      .select((eb) =>
        eb
          .selectFrom('proactiveSuggestionRequests as l')
          .select(eb.fn.countAll<number | string>().as('n'))
          .whereRef('l.suggestionId', '=', 's.id')
          .as('applications'),
      )
      .where('s.agencyId', 'in', scope.length ? scope : [0])
      .$if(!all, (qb) => qb.where('s.state', '=', 'open'))
      .orderBy('s.createdAt', 'desc')
      .orderBy('s.id', 'desc')
      .limit(500)
      .execute();
    const names = new Map((await listAgencies(app.db)).map((a) => [a.id, a.name]));
    const root = await findRootAgency(app.db);
    return reply.page(
      <ProactiveListPage
        ctx={await req.pageContext(reply)}
        rows={rows.map(({ applications, ...s }) => ({
          s,
          agencyName: names.get(s.agencyId) ?? '',
          applications: Number(applications ?? 0),
        }))}
        all={all}
        threshold={await proactiveApplicants(app.db)}
        canSettings={!!root && can(actor, 'settings.manage', { agencyId: root.id })}
      />,
    );
  });

  app.get(`${PROACTIVE_BASE}/:id`, async (req, reply) => detail(req, reply, await load(req)));

  /** A refused step shows the page again with what was typed (422 / 409); 403 and 404 pass through. */
  const refused = async (req: FastifyRequest, reply: FastifyReply, s: ProactiveSuggestionRow, err: unknown) => {
    if (!(err instanceof AppError) || err.status >= 500 || err.code === 'forbidden' || err.code === 'notFound')
      throw err;
    const values = {
      categoryId: formValue(req.body, 'categoryId'),
      dismissReason: formValue(req.body, 'dismissReason'),
    };
    const fresh = (await findSuggestion(app.db, s.id)) ?? s;
    return err instanceof ValidationError
      ? detail(req, reply, fresh, err.status, { errors: err.fields ?? {}, values })
      : detail(req, reply, fresh, err.status, { refusal: err.message, values });
  };

  app.post(`${PROACTIVE_BASE}/:id/accept`, async (req, reply) => {
    const s = await load(req);
    const actor = actorOf(req);
    authorize(actor, 'publication.draft', { agencyId: s.agencyId });
    try {
      const cal = await app.deps.calendar.get();
      const agencyName = (await findAgencyById(app.db, s.agencyId))?.name ?? '';
      const pubId = await inTransaction(app.db, (trx) =>
        acceptSuggestion(trx, req.auditContext(), actor, s, formValue(req.body, 'categoryId'), {
          cal,
          store: fileStore(app.deps.config.dataDir),
          agencyName,
        }),
      );
      return reply.redirect(`/admin/publications/${pubId}?flash=created`, 303);
    } catch (err) {
      return refused(req, reply, s, err);
    }
  });

  app.post(`${PROACTIVE_BASE}/:id/dismiss`, async (req, reply) => {
    const s = await load(req);
    const actor = actorOf(req);
    authorize(actor, 'infoRequest.reply', { agencyId: s.agencyId });
    try {
      await inTransaction(app.db, (trx) =>
        dismissSuggestion(trx, req.auditContext(), actor, s, formValue(req.body, 'dismissReason')),
      );
      return reply.redirect(`${PROACTIVE_BASE}/${s.id}?flash=saved`, 303);
    } catch (err) {
      return refused(req, reply, s, err);
    }
  });
}
