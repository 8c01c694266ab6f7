// Staff routes of 会议公开: list, new / edit, the steps (announce, hold, decisions, publish), and the
// sign-ups' confirm / decline. Every route loads the meeting and authorises against its agency.
import { createOnce, onceToken } from '../../platform/http/public-submission.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authorize, can } from '../../platform/auth/policy.ts';
import { AppError, ValidationError } from '../../platform/errors.ts';
import { formValue, parseId } from '../../platform/forms.ts';
import { actorOf } from '../../platform/http/admin-guard.ts';
import { inTransaction } from '../../platform/transaction.ts';
import { findAgencyById, listAgencies } from '../agency/index.ts';
import {
  ADMIN_BASE,
  AdminMeetingsPage,
  MeetingDetailPage,
  MeetingFormPage,
  type MeetingDetailProps,
} from './meeting.admin-views.tsx';
import {
  announceMeeting,
  checkMeetingForm,
  createMeeting,
  decideSignup,
  findMeeting,
  holdMeeting,
  listSignups,
  listTopics,
  MEETING_FIELDS,
  publishDecisions,
  readDecisions,
  recordDecisions,
  topicPublications,
  updateMeeting,
  type MeetingRow,
  type MeetingValues,
} from './meeting.service.ts';

const typed = (body: unknown) =>
  Object.fromEntries(MEETING_FIELDS.map((k) => [k, formValue(body, k).trim()])) as MeetingValues;

export async function meetingAdminRoutes(app: FastifyInstance): Promise<void> {
  const load = async (req: FastifyRequest): Promise<MeetingRow> => {
    const id = parseId((req.params as { id: string }).id);
    const m = id ? await findMeeting(app.db, id) : undefined;
    if (!m) throw new AppError('notFound');
    authorize(req.actor, 'meeting.view', { agencyId: m.agencyId });
    return m;
  };
  const manageable = async (req: FastifyRequest) =>
    (await listAgencies(app.db, { activeOnly: true })).filter((a) =>
      can(actorOf(req), 'meeting.manage', { agencyId: a.id }),
    );

  const detail = async (
    req: FastifyRequest,
    reply: FastifyReply,
    m: MeetingRow,
    status = 200,
    extra: Pick<MeetingDetailProps, 'errors' | 'values' | 'refusal'> = {},
  ) => {
    const actor = actorOf(req);
    const agency = await findAgencyById(app.db, m.agencyId);
    const topics = await listTopics(app.db, m.id);
    const choices =
      m.state === 'held'
        ? await app.db
            .selectFrom('publications')
            .select(['id', 'title', 'publishedOn'])
            .where('agencyId', '=', m.agencyId)
            .where('state', '=', 'published')
            .orderBy('publishedAt', 'desc')
            .limit(200)
            .execute()
        : [];
    return reply.page(
      <MeetingDetailPage
        ctx={await req.pageContext(reply)}
        m={m}
        agencyName={agency?.name ?? ''}
        agencySlug={agency?.slug ?? ''}
        topics={topics}
        linked={await topicPublications(
          app.db,
          topics.map((t) => t.id),
          false,
        )}
        choices={choices.map((c) => ({ value: String(c.id), label: `${c.title}（${c.publishedOn ?? ''}）` }))}
        signups={await listSignups(app.db, m.id)}
        can={{
          manage: can(actor, 'meeting.manage', { agencyId: m.agencyId }),
          publish: can(actor, 'meeting.publish', { agencyId: m.agencyId }),
        }}
        {...extra}
      />,
      status,
    );
  };

  /** Runs a step; a refused one shows the page again with the reason (409/422) and what was typed. */
  const step = async (req: FastifyRequest, reply: FastifyReply, m: MeetingRow, run: () => Promise<void>) => {
    try {
      await run();
      return reply.redirect(`${ADMIN_BASE}/${m.id}?flash=saved`, 303);
    } catch (err) {
      if (!(err instanceof AppError) || err.status >= 500 || err.code === 'forbidden' || err.code === 'notFound')
        throw err;
      const values: Record<string, string | string[]> = {};
      for (const [k, v] of Object.entries((req.body ?? {}) as Record<string, unknown>))
        if (k !== '_csrf' && (typeof v === 'string' || Array.isArray(v))) values[k] = v as string | string[];
      const fresh = (await findMeeting(app.db, m.id)) ?? m;
      return err instanceof ValidationError
        ? detail(req, reply, fresh, err.status, { errors: err.fields ?? {}, values })
        : detail(req, reply, fresh, err.status, { refusal: err.message, values });
    }
  };

  app.get(ADMIN_BASE, async (req, reply) => {
    const actor = actorOf(req);
    authorize(actor, 'meeting.view');
    const scope = [...actor.scopeAgencyIds];
    const rows = await app.db
      .selectFrom('meetings as m')
      .selectAll('m')
      .select((eb) =>
        eb
          .selectFrom('meetingSignups as s')
          .select(eb.fn.countAll<number | string>().as('n'))
          .whereRef('s.meetingId', '=', 'm.id')
          .where('s.state', '=', 'pending')
          .as('pending'),
      )
      .where('m.agencyId', 'in', scope.length ? scope : [0])
      .orderBy('m.meetingOn', 'desc')
      .orderBy('m.id', 'desc')
      .limit(500)
      .execute();
    const names = new Map((await listAgencies(app.db)).map((a) => [a.id, a.name]));
    return reply.page(
      <AdminMeetingsPage
        ctx={await req.pageContext(reply)}
        rows={rows.map(({ pending, ...m }) => ({
          m,
          agencyName: names.get(m.agencyId) ?? '',
          pending: Number(pending ?? 0),
        }))}
        canCreate={(await manageable(req)).length > 0}
      />,
    );
  });

  const formPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    o: { id?: number; agencyId: string; values: MeetingValues; errors?: Record<string, string> },
    status = 200,
  ) =>
    reply.page(
      <MeetingFormPage
        ctx={await req.pageContext(reply)}
        id={o.id}
        agencies={await manageable(req)}
        agencyId={o.agencyId}
        values={o.values}
        errors={o.errors}
        once={o.id ? undefined : onceToken(req)}
      />,
      status,
    );

  app.get(`${ADMIN_BASE}/new`, async (req, reply) => {
    authorize(actorOf(req), 'meeting.manage');
    return formPage(req, reply, { agencyId: String(actorOf(req).agencyId), values: typed({ kind: 'executive' }) });
  });

  app.post(ADMIN_BASE, async (req, reply) => {
    const actor = actorOf(req);
    authorize(actor, 'meeting.manage');
    const agencyId = parseId(formValue(req.body, 'agencyId'));
    try {
      if (!agencyId) throw new ValidationError({ agencyId: '请选择机关。' });
      authorize(actor, 'meeting.manage', { agencyId });
      const values = checkMeetingForm(req.body);
      // Once per form: the same form sent twice makes one meeting (createOnce).
      return await createOnce(app, req, reply, 'meeting.create', async (trx) => {
        const id = await createMeeting(trx, req.auditContext(), actor, agencyId, values);
        return { location: `${ADMIN_BASE}/${id}?flash=created`, value: id };
      });
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      const o = { agencyId: formValue(req.body, 'agencyId'), values: typed(req.body), errors: err.fields ?? {} };
      return formPage(req, reply, o, 422);
    }
  });

  app.get(`${ADMIN_BASE}/:id`, async (req, reply) => detail(req, reply, await load(req)));

  app.get(`${ADMIN_BASE}/:id/edit`, async (req, reply) => {
    const m = await load(req);
    authorize(actorOf(req), 'meeting.manage', { agencyId: m.agencyId });
    const topics = await listTopics(app.db, m.id);
    const values: MeetingValues = {
      kind: m.kind,
      title: m.title,
      meetingOn: m.meetingOn,
      startsAt: m.startsAt,
      place: m.place,
      topics: topics.map((t) => t.title).join('\n'),
      openToPublic: m.openToPublic ? 'yes' : '',
      capacity: m.openToPublic ? String(m.capacity) : '',
      signupOpensOn: m.signupOpensOn ?? '',
      signupClosesOn: m.signupClosesOn ?? '',
    };
    return formPage(req, reply, { id: m.id, agencyId: String(m.agencyId), values });
  });

  app.post(`${ADMIN_BASE}/:id`, async (req, reply) => {
    const m = await load(req);
    authorize(actorOf(req), 'meeting.manage', { agencyId: m.agencyId });
    try {
      const values = checkMeetingForm(req.body);
      await inTransaction(app.db, (trx) => updateMeeting(trx, req.auditContext(), actorOf(req), m, values));
      return reply.redirect(`${ADMIN_BASE}/${m.id}?flash=saved`, 303);
    } catch (err) {
      if (!(err instanceof ValidationError)) return step(req, reply, m, () => Promise.reject(err));
      const o = { id: m.id, agencyId: String(m.agencyId), values: typed(req.body), errors: err.fields ?? {} };
      return formPage(req, reply, o, 422);
    }
  });

  app.post(`${ADMIN_BASE}/:id/announce`, async (req, reply) => {
    const m = await load(req);
    return step(req, reply, m, () =>
      inTransaction(app.db, (trx) => announceMeeting(trx, req.auditContext(), actorOf(req), m)),
    );
  });
  app.post(`${ADMIN_BASE}/:id/hold`, async (req, reply) => {
    const m = await load(req);
    return step(req, reply, m, () =>
      inTransaction(app.db, (trx) => holdMeeting(trx, req.auditContext(), actorOf(req), m)),
    );
  });
  app.post(`${ADMIN_BASE}/:id/decisions`, async (req, reply) => {
    const m = await load(req);
    const topics = await listTopics(app.db, m.id);
    return step(req, reply, m, () =>
      inTransaction(app.db, (trx) =>
        recordDecisions(trx, req.auditContext(), actorOf(req), m, readDecisions(req.body, topics)),
      ),
    );
  });
  app.post(`${ADMIN_BASE}/:id/publish-decisions`, async (req, reply) => {
    const m = await load(req);
    return step(req, reply, m, () =>
      inTransaction(app.db, (trx) => publishDecisions(trx, req.auditContext(), actorOf(req), m)),
    );
  });
  app.post(`${ADMIN_BASE}/:id/signups/:signupId`, async (req, reply) => {
    const m = await load(req);
    const signupId = parseId((req.params as { signupId: string }).signupId);
    const s = (await listSignups(app.db, m.id)).find((x) => x.id === signupId);
    if (!s) throw new AppError('notFound');
    authorize(actorOf(req), 'meeting.manage', { agencyId: m.agencyId });
    return step(req, reply, m, async () => {
      if (s.state !== 'pending' || m.state !== 'announced')
        throw new AppError('conflict', '该报名已处理，或会议已不在报名阶段。');
      await inTransaction(app.db, (trx) =>
        decideSignup(
          trx,
          req.auditContext(),
          actorOf(req),
          m,
          s,
          formValue(req.body, 'decision'),
          formValue(req.body, `reason-${s.id}`),
        ),
      );
    });
  });
}
