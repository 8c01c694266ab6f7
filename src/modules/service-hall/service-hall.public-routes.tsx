// Public routes of the service hall: item list and guides per agency, the monthly 办件公开 page,
// case lookup by number and query code (POST, then a signed short-lived cookie), and the applicant's rating after delivery (CSRF, rate
// limit, honeypot). Only the public presenter's fields leave the server.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, ValidationError } from '../../platform/errors.ts';
import { parseForm, parseId, type FormSpec } from '../../platform/forms.ts';
import { formValue } from '../../platform/forms.ts';
import { inTransaction, type Executor } from '../../platform/transaction.ts';
import { refuseHoneypot } from '../../platform/public-submissions.ts';
import { publicFormRateLimit, publicSubmission } from '../../platform/http/public-submission.ts';
import type { Tracker } from '../../platform/tracking.ts';
import { findAgencyById, publicAgencyBySlug } from '../agency/index.ts';
import { addCalendarDays, monthsEndingWith, todayInShanghai } from '../calendar/index.ts';
import {
  findCaseByNumber,
  findItemById,
  findWindowById,
  listItems,
  listPauses,
  listWindows,
  type ServiceCaseRow,
} from './service-hall.repository.ts';
import { rateProvedCase } from './service-case.service.ts';
import { registerCase } from './service-case.register.ts';
import { notifyWindow } from './service-case.notify.ts';
import { queryCodeMatches } from './service-case.query-code.ts';
import { CHANNEL_LABELS, DECISION_LABELS, RATING_LABELS, statusText } from './service-case.labels.ts';
import { CaseStatusPage, ItemGuidePage, ItemIndexPage, type PublicCaseView } from './service-hall.public-views.tsx';
import {
  ServiceCaseOnlinePage,
  ServiceCaseReceiptPage,
  type OnlineServiceCaseValues,
} from './service-hall.online-views.tsx';
import { monthlyChart, StatsPage } from './service-hall.stats-views.tsx';
import { monthFigures, monthlyCounts } from './service-hall.stats.ts';
import type { DueSegment } from './time-limits.ts';
import { CASE_FORM, MONTH } from './service-hall.admin-routes.tsx';

const ONLINE_FORM: FormSpec<keyof OnlineServiceCaseValues> = {
  applicantName: CASE_FORM.applicantName,
  applicantPhone: CASE_FORM.applicantPhone,
  applicantEmail: CASE_FORM.applicantEmail,
  summary: { ...CASE_FORM.summary, required: true },
};
const VIEW_COOKIE = 'gk_sh_view';
const VIEW_SECONDS = 1800;

const EMPTY_ONLINE: OnlineServiceCaseValues = {
  applicantName: '',
  applicantPhone: '',
  applicantEmail: '',
  summary: '',
};

/** The public presenter of a case: status, dates and results, nothing about the applicant. */
export async function presentCaseForPublic(db: Executor, c: ServiceCaseRow): Promise<PublicCaseView> {
  const [item, agency, pauses] = await Promise.all([
    findItemById(db, c.itemId),
    findAgencyById(db, c.agencyId),
    listPauses(db, c.id),
  ]);
  const openCorrection =
    c.status === 'awaitingMaterials' ? pauses.find((p) => p.kind === 'correction' && p.endedOn === null) : undefined;
  const decided = c.status === 'decided' || c.status === 'delivered';
  return {
    caseNumber: c.caseNumber,
    itemName: item?.name ?? '',
    agencyName: agency?.name ?? '',
    channel: CHANNEL_LABELS[c.channel],
    receivedOn: c.receivedOn,
    statusText: statusText(c),
    acceptedOn: c.acceptedOn,
    dueOn: c.dueOn,
    dueProvisional: c.dueProvisional === 1,
    dueExplanation: (JSON.parse(c.dueExplanation) as DueSegment[]).map((s) => s.text),
    notAcceptedReason: c.notAcceptedReason,
    missingMaterials: openCorrection ? openCorrection.materials.split('\n').filter(Boolean) : [],
    decisionText:
      decided && c.decision
        ? c.deemed
          ? `超时默许，视为准予（办理时限于 ${c.decidedOn} 届满未作出决定）`
          : `${DECISION_LABELS[c.decision]}${c.decisionReason ? `。理由：${c.decisionReason}` : ''}`
        : null,
    decidedOn: decided ? c.decidedOn : null,
    deliveredOn: c.deliveredOn,
    canRate: c.status === 'delivered' && !c.rating,
    rating: c.rating ? RATING_LABELS[c.rating] : null,
  };
}

/** The last 24 months up to the current one, newest first. */
function recentMonths(today: string): string[] {
  const out: string[] = [];
  let [y, m] = today.slice(0, 7).split('-').map(Number) as [number, number];
  for (let i = 0; i < 24; i++) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m--;
    if (m === 0) {
      m = 12;
      y--;
    }
  }
  return out;
}

function setViewCookie(app: FastifyInstance, reply: FastifyReply, c: ServiceCaseRow) {
  reply.setCookie(VIEW_COOKIE, `${c.id}.${Math.floor(app.deps.clock.now().getTime() / 1000) + VIEW_SECONDS}`, {
    path: '/service-hall',
    httpOnly: true,
    sameSite: 'lax',
    signed: true,
    secure: app.deps.config.secureCookies,
    maxAge: VIEW_SECONDS,
  });
}

/** 进度查询 of service-hall cases: `FW-LINGXI-2025-0001`. */
export const serviceHallTracker: Tracker = {
  label: '政务服务办件',
  example: 'FW-LINGXI-2025-0001',
  matches: (number) => /^FW-[A-Z0-9-]+-\d{4}-\d+$/.test(number),
  async open(app, _req, reply, number, code) {
    const c = await findCaseByNumber(app.db, number);
    if (!c || !queryCodeMatches(c, code)) return null;
    setViewCookie(app, reply, c);
    return `/service-hall/case/${encodeURIComponent(c.caseNumber)}`;
  },
};

export async function serviceHallPublicRoutes(app: FastifyInstance): Promise<void> {
  const limited = publicFormRateLimit(app);
  const submissions = publicSubmission(app);

  app.get('/agencies/:slug/service-hall', { config: { publicCache: true } }, async (req, reply) => {
    const agency = await publicAgencyBySlug(app, (req.params as { slug: string }).slug);
    const items = await listItems(app.db, [agency.id], { activeOnly: true });
    return reply.page(<ItemIndexPage ctx={await req.pageContext(reply)} agency={agency} items={items} />);
  });

  const activeItem = async (req: FastifyRequest) => {
    const agency = await publicAgencyBySlug(app, (req.params as { slug: string }).slug);
    const id = parseId((req.params as { id: string }).id);
    const item = id ? await findItemById(app.db, id) : undefined;
    if (!item || item.agencyId !== agency.id || item.active !== 1)
      throw new AppError('notFound', '该事项不存在或已停止办理。');
    return { agency, item };
  };

  // 网上申请: the case is registered as received online; the window then accepts it or not.
  app.get('/agencies/:slug/service-hall/items/:id/apply', async (req, reply) => {
    const { agency, item } = await activeItem(req);
    return reply.page(
      <ServiceCaseOnlinePage
        ctx={await req.pageContext(reply)}
        agency={agency}
        item={item}
        values={EMPTY_ONLINE}
        once={submissions.tokenFor(req)}
      />,
    );
  });

  // Post/redirect/get, accepted once per form (platform/http/public-submission.ts): the receipt
  // shows the number and query code from the writer's signed receipt cookie, never from the URL.
  app.post('/agencies/:slug/service-hall/items/:id/apply', async (req, reply) => {
    const { agency, item } = await activeItem(req);
    refuseHoneypot(req.body);
    const form = parseForm(req.body, ONLINE_FORM);
    const formPage = async (status: number, errors?: Record<string, string>, refusal?: string) =>
      reply.page(
        <ServiceCaseOnlinePage
          ctx={await req.pageContext(reply)}
          agency={agency}
          item={item}
          values={form.values}
          once={submissions.tokenFor(req)}
          errors={errors}
          refusal={refusal}
        />,
        status,
      );
    if (!form.ok) return formPage(422, form.errors);
    return submissions.accept(req, reply, {
      scope: 'serviceHall.online',
      create: async (trx) => {
        const ctx = req.auditContext();
        const r = await registerCase(trx, ctx, { ...form.values, itemId: item.id, channel: 'online' });
        const row = await findCaseByNumber(trx, r.caseNumber);
        if (!row) throw new Error(`case ${r.caseNumber} not stored`);
        await notifyWindow(
          trx,
          ctx,
          row,
          `新的网上申请 ${r.caseNumber}`,
          `${item.name}收到网上申请（办件编号 ${r.caseNumber}），请审查后受理、不予受理或一次告知补齐补正。`,
        );
        viewCookie(reply, row);
        return {
          location: `/service-hall/receipt/${encodeURIComponent(r.caseNumber)}`,
          receipt: { receiptNumber: r.caseNumber, queryCode: r.queryCode },
        };
      },
      refused: (message, status) => formPage(status, undefined, message),
      invalid: (errors) => formPage(422, errors),
    });
  });

  app.get('/service-hall/receipt/:caseNumber', async (req, reply) => {
    const shown = submissions.receiptShown(req, (req.params as { caseNumber: string }).caseNumber);
    const c = shown ? await findCaseByNumber(app.db, shown.number) : undefined;
    if (!shown || !c || !queryCodeMatches(c, shown.queryCode)) return reply.redirect('/track', 303);
    const [agency, item] = await Promise.all([findAgencyById(app.db, c.agencyId), findItemById(app.db, c.itemId)]);
    if (!agency || !item) throw new AppError('notFound');
    reply.header('cache-control', 'no-store');
    return reply.page(
      <ServiceCaseReceiptPage
        ctx={await req.pageContext(reply)}
        agency={agency}
        item={item}
        caseNumber={c.caseNumber}
        queryCode={shown.queryCode}
        receivedOn={c.receivedOn}
      />,
    );
  });

  app.get('/agencies/:slug/service-hall/items/:id', { config: { publicCache: true } }, async (req, reply) => {
    const { agency, item } = await activeItem(req);
    const window = item.windowId ? await findWindowById(app.db, item.windowId) : undefined;
    return reply.page(<ItemGuidePage ctx={await req.pageContext(reply)} agency={agency} item={item} window={window} />);
  });

  app.get('/agencies/:slug/service-hall/stats', { config: { publicCache: true } }, async (req, reply) => {
    const agency = await publicAgencyBySlug(app, (req.params as { slug: string }).slug);
    const today = todayInShanghai(app.deps.clock.now());
    const requested = ((req.query ?? {}) as { month?: string }).month?.trim();
    // Default: the last complete month.
    const month = requested || addCalendarDays(`${today.slice(0, 7)}-01`, -1).slice(0, 7);
    if (!MONTH.test(month)) throw new AppError('badRequest', '月份格式应为 YYYY-MM，如 2025-03。');
    const [items, windows] = await Promise.all([listItems(app.db, [agency.id]), listWindows(app.db, [agency.id])]);
    const figures = await monthFigures(app.db, [agency.id], month, today, {
      items: new Map(items.filter((i) => i.active === 1).map((i) => [i.id, i.name])),
      windows: new Map<number | null, string>(windows.map((w) => [w.id, w.name])),
    });
    const months = recentMonths(today);
    if (!months.includes(month)) months.push(month);
    const series = await monthlyCounts(app.db, [agency.id], monthsEndingWith(month, 12), today);
    return reply.page(
      <StatsPage
        ctx={await req.pageContext(reply)}
        agency={agency}
        figures={figures}
        months={months}
        chart={await monthlyChart(series)}
      />,
    );
  });

  // Tracking: the number and query code are POSTed (never in a URL, so never in logs, history or
  // Referer); a match sets a signed cookie naming the case with its expiry (30 minutes), and the
  // status page /service-hall/case/<number> is shown only to a browser holding it.
  const viewCookie = (reply: FastifyReply, c: ServiceCaseRow) => setViewCookie(app, reply, c);

  /** The case this browser proved it may see, if the cookie names this case and has not expired. */
  const viewedCase = async (req: FastifyRequest, caseNumber: string): Promise<ServiceCaseRow | undefined> => {
    const raw = req.cookies[VIEW_COOKIE];
    const un = raw ? req.unsignCookie(raw) : null;
    if (!un?.valid || !un.value) return undefined;
    const [id, expires] = un.value.split('.').map(Number);
    if (!id || !expires || expires * 1000 < app.deps.clock.now().getTime()) return undefined;
    const c = await findCaseByNumber(app.db, caseNumber.trim().toUpperCase());
    return c && c.id === id ? c : undefined;
  };

  // Links of the old form (?caseNumber=…&queryCode=…) lead to the lookup form; the code is ignored.
  app.get('/service-hall/case', async (req, reply) => {
    const q = (req.query ?? {}) as { caseNumber?: string };
    const caseNumber = String(q.caseNumber ?? '').slice(0, 64);
    return reply.redirect(`/track${caseNumber ? `?number=${encodeURIComponent(caseNumber)}` : ''}`, 303);
  });

  app.get('/service-hall/case/:caseNumber', async (req, reply) => {
    const caseNumber = (req.params as { caseNumber: string }).caseNumber;
    const c = await viewedCase(req, caseNumber);
    if (!c) return reply.redirect(`/track?number=${encodeURIComponent(caseNumber.slice(0, 64))}`, 303);
    reply.header('cache-control', 'no-store');
    return reply.page(<CaseStatusPage ctx={await req.pageContext(reply)} c={await presentCaseForPublic(app.db, c)} />);
  });

  app.post('/service-hall/case/:caseNumber/rating', limited, async (req, reply) => {
    const caseNumber = (req.params as { caseNumber: string }).caseNumber;
    refuseHoneypot(req.body);
    const c = await viewedCase(req, caseNumber);
    if (!c) throw new AppError('forbidden', '查询已过期，请重新输入办件编号和查询码后再评价。');
    const values = { rating: formValue(req.body, 'rating'), comment: formValue(req.body, 'comment') };
    try {
      await inTransaction(app.db, (trx) => rateProvedCase(trx, req.auditContext(), c, values.rating, values.comment));
      return reply.redirect(`/service-hall/case/${encodeURIComponent(c.caseNumber)}`, 303);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      reply.header('cache-control', 'no-store');
      return reply.page(
        <CaseStatusPage
          ctx={await req.pageContext(reply)}
          c={await presentCaseForPublic(app.db, (await findCaseByNumber(app.db, c.caseNumber)) ?? c)}
          errors={err.fields}
          values={values}
        />,
        422,
      );
    }
  });
}
