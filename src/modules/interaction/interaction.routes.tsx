// Public routes of the case engine: per-agency forms (CSRF, rate limit, honeypot), the receipt,
// the tracking page with the writer's rating, and 留言选登.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, ValidationError } from '../../platform/errors.ts';
import { formValue, parseForm } from '../../platform/forms.ts';
import { inTransaction } from '../../platform/transaction.ts';
import { refuseHoneypot } from '../../platform/public-submissions.ts';
import { publicFormRateLimit, publicSubmission } from '../../platform/http/public-submission.ts';
import { publicAgencyBySlug } from '../agency/index.ts';
import { findCaseByReceipt, listPublishedLetters, type CaseRow } from './interaction.repository.ts';
import type { Tracker } from '../../platform/tracking.ts';
import { presentLetterForPublic } from './interaction.presenter.ts';
import { findCaseForWriter, submitPublicCase, WRITER_FORM, type WriterInput } from './interaction.service.ts';
import { rateCase } from './interaction.steps.ts';
import { RATINGS, type Rating } from './interaction.tables.ts';
import {
  CaseFormPage,
  FORM_PATHS,
  LettersPage,
  ReceiptPage,
  TrackPage,
  type PublicFormKind,
} from './interaction.views.tsx';

const EMPTY: WriterInput = {
  topic: '',
  body: '',
  writerName: '',
  writerPhone: '',
  writerEmail: '',
  writerAddress: '',
  complaintAbout: '',
};

/** Where the receipt of a case submitted through a public form is shown (to its writer only). */
export function receiptPath(slug: string, kind: PublicFormKind, receiptNumber: string): string {
  return `/agencies/${slug}/${FORM_PATHS[kind].path}/receipt/${encodeURIComponent(receiptNumber)}`;
}

const VIEW_COOKIE = 'gk_ix_view';
const VIEW_SECONDS = 1800;

/** 进度查询 of 咨询/投诉/信箱/公示异议: `ZX-LINGXI-2025-0001` (TS-, XX-, YY-). */
export const interactionTracker: Tracker = {
  label: '领导信箱来信、咨询、投诉和公示异议',
  example: 'XX-LINGXI-2025-0001',
  matches: (number) => /^(ZX|TS|XX|YY)-[A-Z0-9-]+-\d{4}-\d+$/.test(number),
  async open(app, _req, reply, number, code) {
    const row = await findCaseForWriter(app.db, number, code);
    if (!row) return null;
    reply.setCookie(VIEW_COOKIE, `${row.id}.${Math.floor(app.deps.clock.now().getTime() / 1000) + VIEW_SECONDS}`, {
      path: '/track/case',
      httpOnly: true,
      sameSite: 'lax',
      signed: true,
      secure: app.deps.config.secureCookies,
      maxAge: VIEW_SECONDS,
    });
    return `/track/case/${encodeURIComponent(row.receiptNumber)}`;
  },
};

export async function interactionPublicRoutes(app: FastifyInstance): Promise<void> {
  const limited = publicFormRateLimit(app);
  const submissions = publicSubmission(app);

  for (const kind of Object.keys(FORM_PATHS) as PublicFormKind[]) {
    const path = `/agencies/:slug/${FORM_PATHS[kind].path}`;
    app.get(path, async (req, reply) => {
      const agency = await publicAgencyBySlug(app, (req.params as { slug: string }).slug);
      return reply.page(
        <CaseFormPage
          ctx={await req.pageContext(reply)}
          agency={agency}
          kind={kind}
          values={EMPTY}
          consent={false}
          once={submissions.tokenFor(req)}
        />,
      );
    });
    // Post/redirect/get: an accepted form goes to its receipt; the same form sent again (a
    // refresh, a double click) creates nothing and shows the first receipt.
    app.post(path, async (req, reply) => {
      const agency = await publicAgencyBySlug(app, (req.params as { slug: string }).slug);
      refuseHoneypot(req.body);
      const form = parseForm(req.body, WRITER_FORM);
      const consent = formValue(req.body, 'publishConsent') === 'yes';
      const formPage = async (status: number, errors?: Record<string, string>, refusal?: string) =>
        reply.page(
          <CaseFormPage
            ctx={await req.pageContext(reply)}
            agency={agency}
            kind={kind}
            values={form.values}
            consent={consent}
            once={submissions.tokenFor(req)}
            errors={errors}
            refusal={refusal}
          />,
          status,
        );
      if (!form.ok) return formPage(422, form.errors);
      const cal = await app.deps.calendar.get();
      return submissions.accept(req, reply, {
        scope: `interaction.${kind}`,
        create: async (trx) => {
          const receipt = await submitPublicCase(trx, req.auditContext(), cal, {
            agencyId: agency.id,
            kind,
            input: form.values,
            publishConsent: consent,
          });
          return { location: receiptPath(agency.slug, kind, receipt.receiptNumber), receipt };
        },
        refused: (message, status) => formPage(status, undefined, message),
        invalid: (errors) => formPage(422, errors),
      });
    });
    app.get(`${path}/receipt/:number`, async (req, reply) => {
      const agency = await publicAgencyBySlug(app, (req.params as { slug: string }).slug);
      const shown = submissions.receiptShown(req, (req.params as { number: string }).number);
      const row = shown ? await findCaseForWriter(app.db, shown.number, shown.queryCode) : undefined;
      if (!shown || !row || row.agencyId !== agency.id || row.kind !== kind) return reply.redirect('/track', 303);
      return reply.page(
        <ReceiptPage
          ctx={await req.pageContext(reply)}
          agency={agency}
          kind={kind}
          row={row}
          queryCode={shown.queryCode}
        />,
      );
    });
  }

  app.get('/agencies/:slug/letters', { config: { publicCache: true } }, async (req, reply) => {
    const agency = await publicAgencyBySlug(app, (req.params as { slug: string }).slug);
    const letters = (await listPublishedLetters(app.db, agency.id)).map(presentLetterForPublic);
    return reply.page(<LettersPage ctx={await req.pageContext(reply)} agency={agency} letters={letters} />);
  });

  // The writer's case page: shown to a browser that proved number + code at /track (the
  // tracking module), which set the signed cookie naming the case; the code is never on the page.
  const viewed = async (req: FastifyRequest) => {
    const { number } = req.params as { number: string };
    const raw = req.cookies[VIEW_COOKIE];
    const un = raw ? req.unsignCookie(raw) : null;
    if (!un?.valid || !un.value) return { number, row: undefined };
    const [id, expires] = un.value.split('.').map(Number);
    if (!id || !expires || expires * 1000 < app.deps.clock.now().getTime()) return { number, row: undefined };
    const row = await findCaseByReceipt(app.db, number.trim().toUpperCase());
    return { number, row: row && row.id === id ? row : undefined };
  };

  const casePage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    row: CaseRow,
    status = 200,
    extra: { errors?: Record<string, string>; rated?: boolean } = {},
  ) => {
    reply.header('cache-control', 'no-store');
    return reply.page(<TrackPage ctx={await req.pageContext(reply)} row={row} {...extra} />, status);
  };

  app.get('/track/case/:number', async (req, reply) => {
    const { number, row } = await viewed(req);
    if (!row) return reply.redirect(`/track?number=${encodeURIComponent(number.slice(0, 64))}`, 303);
    const rated = ((req.query ?? {}) as { rated?: string }).rated === '1';
    return casePage(req, reply, row, 200, { rated });
  });

  app.post('/track/case/:number/rating', limited, async (req, reply) => {
    const { row } = await viewed(req);
    if (!row) throw new AppError('forbidden', '查询已过期，请重新输入受理编号和查询码后再评价。');
    const rating = formValue(req.body, 'rating');
    const comment = formValue(req.body, 'comment').trim();
    try {
      if (!(RATINGS as readonly string[]).includes(rating))
        throw new ValidationError({ rating: '请选择满意、基本满意或不满意。' });
      if ([...comment].length > 500) throw new ValidationError({ comment: '意见和建议不能超过 500 个字符。' });
      await inTransaction(app.db, (trx) => rateCase(trx, req.auditContext(), row, rating as Rating, comment));
      return reply.redirect(`/track/case/${encodeURIComponent(row.receiptNumber)}?rated=1`, 303);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return casePage(req, reply, row, 422, { errors: err.fields ?? {} });
    }
  });
}
