// Staff routes of 依申请公开 above the single case: the register (queues, counts by state, the
// monthly flow), intake of an application handed in, posted or faxed, and the clock settings.
// One case's page and steps: info-request.case-routes.tsx.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { authorize, can } from '../../platform/auth/policy.ts';
import { ValidationError } from '../../platform/errors.ts';
import { formValue, parseId, trimmedFields } from '../../platform/forms.ts';
import { actorOf } from '../../platform/http/admin-guard.ts';
import { registerMultipart } from '../../platform/http/multipart.ts';
import { createOnce, onceToken } from '../../platform/http/public-submission.ts';
import { inTransaction, type Trx } from '../../platform/transaction.ts';
import { listAgencies } from '../agency/index.ts';
import { recordEvent } from '../../platform/audit.ts';
import { isValidIsoDate, monthsEndingWith, workingDaysAhead } from '../calendar/index.ts';
import { checkInfoRequestForm, registerIntake, readInfoRequestForm } from './intake.service.ts';
import { DashboardPage, flowChart, IntakePage, SettingsPage, type IntakeValues } from './info-request.admin-views.tsx';
import {
  countByAgencyAndState,
  countInfoRequests,
  monthlyFlow,
  listInfoRequests,
  type InfoRequestListFilter,
} from './info-request.repository.ts';
import { pageCount, pageOffset, pageParam } from '../../platform/views/console-pager.tsx';
import { IntakeDonePage } from './info-request.code-receipt-views.tsx';
import { receiptOf } from './query-code.service.ts';
import { todayOf } from './info-request.service.ts';
import { loadClockSettings, saveClockSettings } from './info-request.settings.ts';
import { OPEN_STATES } from './info-request.states.ts';
import type { IntakeChannel } from './rules/index.ts';
import { isIntakeChannel } from './case-actions.ts';
import { infoRequestProactiveRoutes } from './info-request.proactive-routes.tsx';

/** Applications a page of the console's list shows. */
const PAGE_SIZE = 50;

export async function infoRequestAdminRoutes(app: FastifyInstance): Promise<void> {
  registerMultipart(app);
  await infoRequestProactiveRoutes(app);

  app.get('/admin/info-requests', async (req, reply) => {
    const actor = actorOf(req);
    authorize(actor, 'infoRequest.view');
    const q = req.query as Record<string, unknown>;
    const view =
      (['confirm', 'soon', 'overdue', 'applicant', 'corrections', 'all'] as const).find((v) => v === q.view) ?? 'open';
    const scope = [...actor.scopeAgencyIds];
    const wanted = parseId(q.agency);
    const chosen = wanted && actor.scopeAgencyIds.has(wanted) ? wanted : null;
    const agencyIds = chosen ? [chosen] : scope;
    const today = todayOf(req.auditContext());
    const cal = await app.deps.calendar.get();
    const soonLimit = workingDaysAhead(cal, today, 5);
    const dates = { today, soonLimit };
    const filter: InfoRequestListFilter =
      view === 'all'
        ? { agencyIds, order: 'newest' }
        : view === 'open'
          ? { agencyIds, states: OPEN_STATES }
          : { agencyIds, queue: { view, dates } };
    const [total, soon, overdue] = await Promise.all([
      countInfoRequests(app.db, filter),
      countInfoRequests(app.db, { agencyIds, queue: { view: 'soon', dates } }),
      countInfoRequests(app.db, { agencyIds, queue: { view: 'overdue', dates } }),
    ]);
    const page = pageParam(q.page);
    const listHref = (n: number) =>
      `/admin/info-requests?view=${view}${chosen ? `&agency=${chosen}` : ''}${n > 1 ? `&page=${n}` : ''}`;
    const pages = pageCount(total, PAGE_SIZE);
    if (page > pages) return reply.redirect(listHref(pages), 302);
    const items = await listInfoRequests(app.db, { ...filter, limit: PAGE_SIZE, offset: pageOffset(page, PAGE_SIZE) });
    const counts = (await countByAgencyAndState(app.db, agencyIds)).map((c) => ({ ...c, n: Number(c.n) }));
    const months = monthsEndingWith(today.slice(0, 7), 12);
    const flow = await monthlyFlow(app.db, agencyIds, months[0] as string, months[11] as string);
    return reply.page(
      <DashboardPage
        chart={await flowChart(months, flow)}
        ctx={await req.pageContext(reply)}
        view={view}
        agencyId={chosen}
        today={today}
        soonLimit={soonLimit}
        items={items}
        page={page}
        pageSize={PAGE_SIZE}
        total={total}
        listHref={listHref}
        counts={counts}
        overdue={overdue}
        soon={soon}
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
        once={onceToken(req)}
      />,
    );
  });

  app.post('/admin/info-requests', async (req, reply) => {
    const raw = trimmedFields(req.body);
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
      // With the form's own problems, so that every problem is shown at once.
      if (Object.keys(errors).length)
        throw new ValidationError({
          ...checkInfoRequestForm(readInfoRequestForm(req.body), todayOf(req.auditContext())),
          ...errors,
        });
      const cal = await app.deps.calendar.get();
      // The page with the query code answers the POST itself (the code is shown once, never in a
      // URL): a refresh of it registers nothing and goes to the case registered (registerOnce).
      return await createOnce(
        app,
        req,
        reply,
        'infoRequest.intake',
        async (trx) => {
          const d = await registerIntake(
            trx,
            req.auditContext(),
            cal,
            agency,
            readInfoRequestForm(req.body),
            values.channel as IntakeChannel,
            dates,
            values.staffNote ?? '',
          );
          return { location: `/admin/info-requests/${d.id}?flash=alreadyRegistered`, value: d };
        },
        // The receipt is printed from this page with the code (shown here only): 登记回执 and 查询码 together.
        async ({ value }) =>
          reply.page(
            <IntakeDonePage
              ctx={await req.pageContext(reply)}
              {...value}
              receipt={await receiptOf(app.db, value.id)}
            />,
            201,
          ),
      );
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return reply.page(
        <IntakePage
          ctx={await req.pageContext(reply)}
          values={values}
          agencies={await agencyOptions(req)}
          errors={err.fields}
          once={onceToken(req)}
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
}
