// Staff routes for cases (办件) and the window performance dashboard. Each handler: validate →
// load → authorize against the case's (or item's) agency → service in a transaction → redirect
// 303, or re-render with 422 keeping what was typed.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authorize, can, type Action } from '../../platform/auth/policy.ts';
import { AppError, ValidationError, type FieldErrors } from '../../platform/errors.ts';
import { formValue, parseForm, parseId, type FormSpec } from '../../platform/forms.ts';
import { actorOf } from '../../platform/http/admin-guard.ts';
import { inTransaction, type Trx } from '../../platform/transaction.ts';
import type { AuditContext } from '../../platform/audit.ts';
import { listAgencies } from '../agency/index.ts';
import { todayInShanghai, workingDaysAhead, type WorkCalendar } from '../calendar/index.ts';
import {
  findCaseById,
  findItemById,
  findWindowById,
  listCaseEvents,
  countCases,
  listCases,
  listItems,
  listPauses,
  listWindows,
  type ServiceCaseRow,
} from './service-hall.repository.ts';
import { CASE_CHANNELS, CASE_STATUSES, type ServiceCaseStatus } from './service-hall.tables.ts';
import {
  acceptCase,
  decideCase,
  deliverCase,
  materialsArrived,
  notAcceptCase,
  requestMaterials,
  resetQueryCode,
  resumeCase,
  startProcessing,
  suspendCase,
} from './service-case.service.ts';
import { registerCase } from './service-case.register.ts';
import { queryCodeMatches } from './service-case.query-code.ts';
import { CaseListPage, NewCasePage, type NewCaseValues } from './service-hall.admin-views.tsx';
import { PerformancePage } from './service-hall.performance-views.tsx';
import { CaseDetailPage } from './service-hall.case-views.tsx';
import { monthFigures } from './service-hall.stats.ts';
import { pageCount, pageOffset, pageParam } from '../../platform/views/console-pager.tsx';

/** Cases a page of the console list shows. */
const PAGE_SIZE = 50;

const PHONE = /^(0\d{2,3}-?\d{7,8}(-\d{1,6})?|1[3-9]\d{9})$/;

export const CASE_FORM: FormSpec<keyof NewCaseValues> = {
  itemId: { label: '办理事项', required: true, pattern: /^\d{1,10}$/, patternMessage: '请选择办理事项。' },
  channel: { label: '收件方式', required: true, oneOf: CASE_CHANNELS },
  applicantName: { label: '申请人', required: true, max: 100 },
  applicantPhone: {
    label: '联系电话',
    required: true,
    pattern: PHONE,
    patternMessage: '联系电话格式不正确，如 0743-5223701 或 13812345678。',
  },
  applicantEmail: {
    label: '电子邮箱',
    max: 100,
    pattern: /^[^\s@]+@[^\s@]+\.[^\s@]+$/,
    patternMessage: '电子邮箱格式不正确。',
  },
  summary: { label: '申请内容', max: 1000 },
};

const EMPTY_CASE: NewCaseValues = {
  itemId: '',
  channel: 'window',
  applicantName: '',
  applicantPhone: '',
  applicantEmail: '',
  summary: '',
};

export const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

type CaseStep = (trx: Trx, ctx: AuditContext, cal: WorkCalendar, id: number, body: unknown) => Promise<void>;

/** Every action on a case: its path, the permission it needs and the service it calls. */
const STEPS: Record<string, { action: Action; run: CaseStep }> = {
  accept: { action: 'serviceCase.handle', run: (trx, ctx, cal, id) => acceptCase(trx, ctx, cal, id) },
  'not-accept': {
    action: 'serviceCase.handle',
    run: (trx, ctx, _cal, id, body) => notAcceptCase(trx, ctx, id, formValue(body, 'reason')),
  },
  correction: {
    action: 'serviceCase.handle',
    run: (trx, ctx, _cal, id, body) => requestMaterials(trx, ctx, id, formValue(body, 'materials')),
  },
  'materials-arrived': {
    action: 'serviceCase.handle',
    run: (trx, ctx, cal, id) => materialsArrived(trx, ctx, cal, id),
  },
  process: { action: 'serviceCase.handle', run: (trx, ctx, _cal, id) => startProcessing(trx, ctx, id) },
  suspend: {
    action: 'serviceCase.handle',
    run: (trx, ctx, _cal, id, body) => suspendCase(trx, ctx, id, formValue(body, 'kind'), formValue(body, 'reason')),
  },
  resume: { action: 'serviceCase.handle', run: (trx, ctx, cal, id) => resumeCase(trx, ctx, cal, id) },
  decide: {
    action: 'serviceCase.decide',
    run: (trx, ctx, _cal, id, body) => decideCase(trx, ctx, id, formValue(body, 'decision'), formValue(body, 'reason')),
  },
  deliver: { action: 'serviceCase.handle', run: (trx, ctx, _cal, id) => deliverCase(trx, ctx, id) },
};

const RECEIPT_COOKIE = 'gk_sh_receipt';

export async function serviceHallAdminRoutes(app: FastifyInstance): Promise<void> {
  const setReceiptCookie = (reply: FastifyReply, id: number, code: string) =>
    reply.setCookie(RECEIPT_COOKIE, `${id}:${code}`, {
      path: '/admin/service-hall/cases',
      httpOnly: true,
      sameSite: 'lax',
      signed: true,
      secure: app.deps.config.secureCookies,
      maxAge: 600,
    });
  const loadCase = async (req: FastifyRequest, action: Action): Promise<ServiceCaseRow> => {
    const id = parseId((req.params as { id: string }).id);
    const c = id ? await findCaseById(app.db, id) : undefined;
    if (!c) throw new AppError('notFound');
    authorize(req.actor, action, { agencyId: c.agencyId });
    return c;
  };

  const renderCase = async (req: FastifyRequest, reply: FastifyReply, c: ServiceCaseRow, errors?: FieldErrors) => {
    const actor = actorOf(req);
    const [item, window, pauses, events] = await Promise.all([
      findItemById(app.db, c.itemId),
      c.windowId ? findWindowById(app.db, c.windowId) : undefined,
      listPauses(app.db, c.id),
      listCaseEvents(app.db, c.id),
    ]);
    // The query code just issued travels in a signed cookie for a few minutes, never in the URL,
    // and is shown only if it still matches the stored hash.
    let receiptCode: string | null = null;
    if ((req.query as { receipt?: string } | undefined)?.receipt === '1') {
      const raw = req.cookies[RECEIPT_COOKIE];
      const un = raw ? req.unsignCookie(raw) : null;
      const [id, code] = un?.valid && un.value ? un.value.split(':') : [];
      if (id === String(c.id) && code && queryCodeMatches(c, code)) receiptCode = code;
    }
    return reply.page(
      <CaseDetailPage
        ctx={await req.pageContext(reply)}
        c={c}
        item={item}
        windowName={window?.name ?? '未指定'}
        pauses={pauses}
        events={events}
        receiptCode={receiptCode}
        canHandle={can(actor, 'serviceCase.handle', c)}
        canDecide={can(actor, 'serviceCase.decide', c)}
        errors={errors}
      />,
      errors ? 422 : 200,
    );
  };

  const itemOptions = async (req: FastifyRequest) => {
    const actor = actorOf(req);
    const items = await listItems(app.db, [...actor.scopeAgencyIds], { activeOnly: true });
    return items
      .filter((i) => can(actor, 'serviceCase.handle', i))
      .map((i) => ({ value: String(i.id), label: i.name }));
  };

  app.get('/admin/service-hall', async (req, reply) => {
    const actor = actorOf(req);
    authorize(actor, 'serviceCase.view');
    const q = (req.query ?? {}) as { status?: string; queue?: string; agency?: string; page?: string };
    const status = (CASE_STATUSES as readonly string[]).includes(q.status ?? '')
      ? (q.status as ServiceCaseStatus)
      : undefined;
    const wanted = parseId(q.agency);
    const agencyIds = [...actor.scopeAgencyIds].filter(
      (agencyId) =>
        can(actor, 'serviceCase.view', { agencyId }) &&
        (!wanted || !actor.scopeAgencyIds.has(wanted) || agencyId === wanted),
    );
    const nearLimit =
      q.queue === 'near'
        ? { soonLimit: workingDaysAhead(await app.deps.calendar.get(), todayInShanghai(app.deps.clock.now()), 5) }
        : undefined;
    const filter = { agencyIds, ...(status ? { status } : {}), ...(nearLimit ? { nearLimit } : {}) };
    const total = await countCases(app.db, filter);
    const page = pageParam(q.page);
    const listHref = (n: number) => {
      const qs = new URLSearchParams();
      if (status) qs.set('status', status);
      if (nearLimit) qs.set('queue', 'near');
      if (wanted && agencyIds.length === 1 && agencyIds[0] === wanted) qs.set('agency', String(wanted));
      if (n > 1) qs.set('page', String(n));
      const s = qs.toString();
      return `/admin/service-hall${s ? `?${s}` : ''}`;
    };
    const pages = pageCount(total, PAGE_SIZE);
    if (page > pages) return reply.redirect(listHref(pages), 302);
    const [cases, items] = await Promise.all([
      listCases(app.db, { ...filter, limit: PAGE_SIZE, offset: pageOffset(page, PAGE_SIZE) }),
      listItems(app.db, agencyIds),
    ]);
    return reply.page(
      <CaseListPage
        ctx={await req.pageContext(reply)}
        cases={cases}
        items={new Map(items.map((i) => [i.id, i.name]))}
        status={status ?? ''}
        nearLimit={nearLimit?.soonLimit ?? null}
        page={page}
        pageSize={PAGE_SIZE}
        total={total}
        listHref={listHref}
        canHandle={can(actor, 'serviceCase.handle')}
        canManageItems={can(actor, 'serviceItem.manage')}
      />,
    );
  });

  app.get('/admin/service-hall/cases/new', async (req, reply) => {
    authorize(req.actor, 'serviceCase.handle');
    return reply.page(
      <NewCasePage ctx={await req.pageContext(reply)} items={await itemOptions(req)} values={EMPTY_CASE} />,
    );
  });

  app.post('/admin/service-hall/cases', async (req, reply) => {
    authorize(req.actor, 'serviceCase.handle');
    const form = parseForm(req.body, CASE_FORM);
    try {
      if (!form.ok) throw new ValidationError(form.errors);
      const itemId = parseId(form.values.itemId);
      const item = itemId ? await findItemById(app.db, itemId) : undefined;
      if (!item || item.active !== 1) throw new ValidationError({ itemId: '请选择有效的办理事项。' });
      authorize(req.actor, 'serviceCase.handle', item);
      const created = await inTransaction(app.db, (trx) =>
        registerCase(trx, req.auditContext(), {
          ...form.values,
          itemId: item.id,
          channel: form.values.channel as 'window' | 'online',
        }),
      );
      setReceiptCookie(reply, created.id, created.queryCode);
      return reply.redirect(`/admin/service-hall/cases/${created.id}?receipt=1`, 303);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return reply.page(
        <NewCasePage
          ctx={await req.pageContext(reply)}
          items={await itemOptions(req)}
          values={form.values}
          errors={err.fields}
        />,
        422,
      );
    }
  });

  // The applicant lost the query code: a new one replaces it (the old one stops working), shown once.
  app.post('/admin/service-hall/cases/:id/query-code', async (req, reply) => {
    const c = await loadCase(req, 'serviceCase.handle');
    const code = await inTransaction(app.db, (trx) => resetQueryCode(trx, req.auditContext(), c.id));
    setReceiptCookie(reply, c.id, code);
    return reply.redirect(`/admin/service-hall/cases/${c.id}?receipt=1`, 303);
  });

  app.get('/admin/service-hall/cases/:id', async (req, reply) =>
    renderCase(req, reply, await loadCase(req, 'serviceCase.view')),
  );

  for (const [path, step] of Object.entries(STEPS)) {
    app.post(`/admin/service-hall/cases/:id/${path}`, async (req, reply) => {
      const c = await loadCase(req, step.action);
      try {
        const cal = await app.deps.calendar.get();
        await inTransaction(app.db, (trx) => step.run(trx, req.auditContext(), cal, c.id, req.body));
        return reply.redirect(`/admin/service-hall/cases/${c.id}?flash=saved`, 303);
      } catch (err) {
        if (!(err instanceof ValidationError)) throw err;
        return renderCase(req, reply, c, err.fields);
      }
    });
  }

  app.get('/admin/service-hall/performance', async (req, reply) => {
    const actor = actorOf(req);
    const q = (req.query ?? {}) as { agencyId?: string; month?: string };
    const agencyId = parseId(q.agencyId) ?? actor.agencyId;
    authorize(actor, 'serviceCase.view', { agencyId });
    const today = todayInShanghai(app.deps.clock.now());
    const month = q.month?.trim() || today.slice(0, 7);
    if (!MONTH.test(month)) throw new AppError('badRequest', '月份格式应为 YYYY-MM，如 2025-03。');
    const agencies = (await listAgencies(app.db)).filter((a) => can(actor, 'serviceCase.view', { agencyId: a.id }));
    const [items, windows] = await Promise.all([listItems(app.db, [agencyId]), listWindows(app.db, [agencyId])]);
    const figures = await monthFigures(app.db, [agencyId], month, today, {
      items: new Map(items.map((i) => [i.id, i.name])),
      windows: new Map<number | null, string>(windows.map((w) => [w.id, w.name])),
    });
    return reply.page(
      <PerformancePage
        ctx={await req.pageContext(reply)}
        figures={figures}
        agencyId={String(agencyId)}
        agencies={agencies.map((a) => ({ value: String(a.id), label: a.name }))}
      />,
    );
  });
}
