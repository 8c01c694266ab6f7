// Publicity notice routes. Public: list, notice, masked CSV, JSON feed and the objection form —
// all through the one "visible today" query, so a notice past its end date is gone from each of
// them even before the expiry job has run. Staff: drafts, publish, withdraw, unmasked view.
import { pageCount, pageOffset, pageParam } from '../../platform/views/console-pager.tsx';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { contentDisposition } from '../../platform/http/content-disposition.ts';
import { authorize, can } from '../../platform/auth/policy.ts';
import { AppError, ValidationError } from '../../platform/errors.ts';
import { parseForm, parseId } from '../../platform/forms.ts';
import { actorOf } from '../../platform/http/admin-guard.ts';
import { inTransaction } from '../../platform/transaction.ts';
import { publicAgencyBySlug } from '../agency/index.ts';
import { todayInShanghai, weekEndOf } from '../calendar/index.ts';
import {
  findCaseForWriter,
  ReceiptPage,
  submitPublicCase,
  WRITER_FORM,
  type WriterInput,
} from '../interaction/index.ts';
import { refuseHoneypot } from '../../platform/public-submissions.ts';
import { createOnce, onceToken, publicSubmission } from '../../platform/http/public-submission.ts';
import {
  findNoticeById,
  findVisibleNotice,
  countNoticesForStaff,
  listNoticesForStaff,
  listVisibleNotices,
  type NoticeRow,
} from './notice.repository.ts';
import {
  createNotice,
  NOTICE_FORM,
  noticeColumns,
  noticeRowsMasked,
  noticeRowsUnmasked,
  publishNotice,
  toCsv,
  withdrawNotice,
  type NoticeInput,
} from './notice.service.ts';
import {
  NoticeAdminListPage,
  NoticeAdminPage,
  NoticeFormPage,
  PublicNoticeListPage,
  PublicNoticePage,
} from './notice.views.tsx';
import { bookTitle } from '../../platform/book-title.ts';
import { beijingMinute } from '../../platform/chinese-date.ts';

const objectionValues = (n: NoticeRow, over: Partial<WriterInput> = {}): WriterInput => ({
  topic: `对${bookTitle(n.title)}的异议`.slice(0, 100),
  body: '',
  writerName: '',
  writerPhone: '',
  writerEmail: '',
  writerAddress: '',
  complaintAbout: '',
  ...over,
});

export async function noticePublicRoutes(app: FastifyInstance): Promise<void> {
  const today = () => todayInShanghai(app.deps.clock.now());
  const submissions = publicSubmission(app);
  const loadVisible = async (req: FastifyRequest) => {
    const agency = await publicAgencyBySlug(app, (req.params as { slug: string }).slug);
    const id = parseId((req.params as { id: string }).id);
    const notice = id ? await findVisibleNotice(app.db, agency.id, id, today()) : undefined;
    if (!notice) throw new AppError('notFound', '该公示不存在或公示期已结束。');
    return { agency, notice };
  };
  /** A notice's public page with its objection form: the values shown, and a sent form's errors or refusal. */
  const noticePage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    { agency, notice }: Awaited<ReturnType<typeof loadVisible>>,
    values: WriterInput,
    status = 200,
    errors?: Record<string, string>,
    refusal?: string,
  ) =>
    reply.page(
      <PublicNoticePage
        ctx={await req.pageContext(reply)}
        agency={agency}
        notice={notice}
        columns={noticeColumns(notice)}
        rows={noticeRowsMasked(notice)}
        values={values}
        once={submissions.tokenFor(req)}
        errors={errors}
        refusal={refusal}
      />,
      status,
    );

  app.get('/agencies/:slug/notices', { config: { publicCache: true } }, async (req, reply) => {
    const agency = await publicAgencyBySlug(app, (req.params as { slug: string }).slug);
    return reply.page(
      <PublicNoticeListPage
        ctx={await req.pageContext(reply)}
        agency={agency}
        notices={await listVisibleNotices(app.db, agency.id, today())}
      />,
    );
  });

  app.get('/agencies/:slug/notices/:id', { config: { publicCache: true } }, async (req, reply) => {
    const shown = await loadVisible(req);
    return noticePage(req, reply, shown, objectionValues(shown.notice));
  });

  app.get('/agencies/:slug/notices/:id/table.csv', async (req, reply) => {
    const { notice } = await loadVisible(req);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', contentDisposition(`notice-${notice.id}.csv`))
      .header('cache-control', 'no-store')
      .send(
        toCsv(
          noticeColumns(notice).map((c) => c.label),
          noticeRowsMasked(notice),
        ),
      );
  });

  app.get('/api/v1/agencies/:slug/notices', async (req, reply) => {
    const agency = await publicAgencyBySlug(app, (req.params as { slug: string }).slug);
    const rows = await listVisibleNotices(app.db, agency.id, today());
    return reply.header('cache-control', 'no-store').send({
      items: rows.map((n) => ({
        id: n.id,
        title: n.title,
        body: n.body,
        startDate: n.startDate,
        endDate: n.endDate,
        endProvisional: n.endProvisional === 1,
        url: `/agencies/${agency.slug}/notices/${n.id}`,
        columns: noticeColumns(n).map((c) => c.label),
        rows: noticeRowsMasked(n),
      })),
      total: rows.length,
    });
  });

  // Post/redirect/get, accepted once per form (platform/http/public-submission.ts).
  app.post('/agencies/:slug/notices/:id/objection', async (req, reply) => {
    const shown = await loadVisible(req);
    const { agency, notice } = shown;
    refuseHoneypot(req.body);
    const form = parseForm(req.body, WRITER_FORM);
    const values = { ...form.values, topic: objectionValues(notice).topic };
    const formPage = (status: number, errors?: Record<string, string>, refusal?: string) =>
      noticePage(req, reply, shown, values, status, errors, refusal);
    const errors = { ...form.errors };
    delete errors.topic;
    if (Object.keys(errors).length) return formPage(422, errors);
    const cal = await app.deps.calendar.get();
    return submissions.accept(req, reply, {
      scope: 'interaction.objection',
      create: async (trx) => {
        const receipt = await submitPublicCase(trx, req.auditContext(), cal, {
          agencyId: agency.id,
          kind: 'objection',
          input: values,
          publishConsent: false,
          noticeId: notice.id,
        });
        const location = `/agencies/${agency.slug}/notices/${notice.id}/objection/receipt/${encodeURIComponent(receipt.receiptNumber)}`;
        return { location, receipt };
      },
      refused: (message, status) => formPage(status, undefined, message),
      invalid: (errs) => formPage(422, errs),
    });
  });

  app.get('/agencies/:slug/notices/:id/objection/receipt/:number', async (req, reply) => {
    const { agency, notice } = await loadVisible(req);
    const shown = submissions.receiptShown(req, (req.params as { number: string }).number);
    const row = shown ? await findCaseForWriter(app.db, shown.number, shown.queryCode) : undefined;
    if (!shown || !row || row.agencyId !== agency.id || row.kind !== 'objection' || row.noticeId !== notice.id)
      return reply.redirect('/track', 303);
    return reply.page(
      <ReceiptPage
        ctx={await req.pageContext(reply)}
        agency={agency}
        kind="objection"
        row={row}
        queryCode={shown.queryCode}
      />,
    );
  });
}

const EMPTY: NoticeInput = {
  title: '',
  body: '',
  columns: '',
  rows: '',
  startDate: '',
  periodDays: '5',
  periodUnit: 'working',
  objectionContact: '',
};

/** Notices a page of the console list shows. */
const PAGE_SIZE = 50;

export async function noticeAdminRoutes(app: FastifyInstance): Promise<void> {
  const load = async (req: FastifyRequest, action: 'notice.view' | 'notice.manage') => {
    const id = parseId((req.params as { id: string }).id);
    const notice = id ? await findNoticeById(app.db, id) : undefined;
    if (!notice) throw new AppError('notFound');
    authorize(req.actor, action, { agencyId: notice.agencyId });
    return notice;
  };

  app.get('/admin/notices', async (req, reply) => {
    const actor = actorOf(req);
    authorize(actor, 'notice.view');
    const query = req.query as Record<string, unknown>;
    const wanted = parseId(query.agency);
    const agencyIds = wanted && actor.scopeAgencyIds.has(wanted) ? [wanted] : [...actor.scopeAgencyIds];
    const today = todayInShanghai(app.deps.clock.now());
    const ending = query.queue === 'ending' ? { today, weekEnd: weekEndOf(today) } : undefined;
    const total = await countNoticesForStaff(app.db, agencyIds, ending);
    const page = pageParam(query.page);
    const listHref = (n: number) => {
      const qs = new URLSearchParams();
      if (ending) qs.set('queue', 'ending');
      if (wanted && agencyIds.length === 1 && agencyIds[0] === wanted) qs.set('agency', String(wanted));
      if (n > 1) qs.set('page', String(n));
      const s = qs.toString();
      return `/admin/notices${s ? `?${s}` : ''}`;
    };
    const pages = pageCount(total, PAGE_SIZE);
    if (page > pages) return reply.redirect(listHref(pages), 302);
    const notices = await listNoticesForStaff(app.db, agencyIds, ending, {
      limit: PAGE_SIZE,
      offset: pageOffset(page, PAGE_SIZE),
    });
    return reply.page(
      <NoticeAdminListPage
        ctx={await req.pageContext(reply)}
        notices={notices}
        endingFilter={ending ? ending.weekEnd : null}
        page={page}
        pageSize={PAGE_SIZE}
        total={total}
        listHref={listHref}
        canManage={can(actor, 'notice.manage', { agencyId: actor.agencyId })}
      />,
    );
  });

  app.get('/admin/notices/new', async (req, reply) => {
    const actor = actorOf(req);
    authorize(actor, 'notice.manage', { agencyId: actor.agencyId });
    return reply.page(
      <NoticeFormPage
        ctx={await req.pageContext(reply)}
        values={{ ...EMPTY, startDate: todayInShanghai(app.deps.clock.now()) }}
        once={onceToken(req)}
      />,
    );
  });

  app.post('/admin/notices', async (req, reply) => {
    const actor = actorOf(req);
    authorize(actor, 'notice.manage', { agencyId: actor.agencyId });
    const form = parseForm(req.body, NOTICE_FORM);
    try {
      if (!form.ok) throw new ValidationError(form.errors);
      const cal = await app.deps.calendar.get();
      // Once per form: the same form sent twice (a double click, two tabs) makes one draft and
      // sends the second to it (the form's one-time token, registerOnce).
      return await createOnce(app, req, reply, 'notice.create', async (trx) => {
        const made = await createNotice(trx, req.auditContext(), cal, actor.agencyId, form.values);
        return { location: `/admin/notices/${made}?flash=created`, value: made };
      });
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return reply.page(
        <NoticeFormPage
          ctx={await req.pageContext(reply)}
          values={form.values}
          once={onceToken(req)}
          errors={err.fields}
        />,
        422,
      );
    }
  });

  const render = async (
    req: FastifyRequest,
    reply: FastifyReply,
    notice: NoticeRow,
    errors?: Record<string, string>,
  ) => {
    const unmasked = can(req.actor, 'notice.viewUnmasked', { agencyId: notice.agencyId });
    const events = await app.db
      .selectFrom('auditEvents')
      .select(['at', 'actorName', 'action', 'summary'])
      .where('entityType', '=', 'notice')
      .where('entityId', '=', String(notice.id))
      .orderBy('id')
      .execute();
    const timeline = events.map((e) => {
      let note = '';
      try {
        note = (JSON.parse(e.summary) as { note?: string }).note ?? '';
      } catch {
        note = '';
      }
      const at = beijingMinute(e.at);
      return { at, actorName: e.actorName, action: e.action, note };
    });
    return reply.page(
      <NoticeAdminPage
        ctx={await req.pageContext(reply)}
        notice={notice}
        columns={noticeColumns(notice)}
        rows={unmasked ? noticeRowsUnmasked(notice) : noticeRowsMasked(notice)}
        unmasked={unmasked}
        canManage={can(req.actor, 'notice.manage', { agencyId: notice.agencyId })}
        timeline={timeline}
        errors={errors}
      />,
      errors ? 422 : 200,
    );
  };

  app.get('/admin/notices/:id', async (req, reply) => render(req, reply, await load(req, 'notice.view')));

  app.get('/admin/notices/:id/table.csv', async (req, reply) => {
    const notice = await load(req, 'notice.view');
    authorize(req.actor, 'notice.viewUnmasked', { agencyId: notice.agencyId });
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', contentDisposition(`notice-${notice.id}-unmasked.csv`))
      .header('cache-control', 'no-store')
      .send(
        toCsv(
          noticeColumns(notice).map((c) => c.label),
          noticeRowsUnmasked(notice),
        ),
      );
  });

  for (const [path, fn] of [
    ['publish', publishNotice],
    ['withdraw', withdrawNotice],
  ] as const) {
    app.post(`/admin/notices/:id/${path}`, async (req, reply) => {
      const notice = await load(req, 'notice.manage');
      try {
        await inTransaction(app.db, (trx) => fn(trx, req.auditContext(), notice));
        return reply.redirect(`/admin/notices/${notice.id}?flash=saved`, 303);
      } catch (err) {
        if (!(err instanceof ValidationError)) throw err;
        return render(req, reply, notice, err.fields);
      }
    });
  }
}
