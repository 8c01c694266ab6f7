// Public routes of 依申请公开 up to submission: the online form (with 查找已公开信息 and
// 「核对信息」), the receipt, and the public fee quote API. The browser that submits is given the
// tracking cookie (info-request.tracking.ts); what comes after — the tracking page, 补正, letters,
// released documents, 找回查询码 — is info-request.track-routes.tsx.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors.ts';
import { formValue, parseId } from '../../platform/forms.ts';
import { refuseHoneypot } from '../../platform/public-submissions.ts';
import { publicSubmission } from '../../platform/http/public-submission.ts';
import { publicAgencyBySlug } from '../agency/index.ts';
import {
  checkInfoRequestForm,
  readInfoRequestForm,
  submitOnline,
  type InfoRequestFormValues,
} from './intake.service.ts';
import { hashQueryCode, informationSought, todayOf } from './info-request.service.ts';
import { findSuggestions, isPublishedPublication, recordSuggestionFollow } from './info-request.suggestions.ts';
import { InfoRequestReviewPage, ReceiptPage } from './info-request.public-check-views.tsx';
import { InfoRequestFormPage } from './info-request.public-views.tsx';
import {
  requireTracked as requireTrackedBy,
  sameHash,
  TRACK_COOKIE,
  trackCookieOptions,
} from './info-request.tracking.ts';
import { quotePerItem, quotePerPage } from './rules/index.ts';

const RECEIPT_COOKIE = 'gk_ir_receipt';

const EMPTY: InfoRequestFormValues = {
  applicantKind: '',
  name: '',
  idDocumentType: '',
  idDocumentNumber: '',
  phone: '',
  email: '',
  postalAddress: '',
  postcode: '',
  fax: '',
  informationName: '',
  documentNumber: '',
  featureDescription: '',
  requestedForm: '',
  deliveryWay: '',
};

/** Where a followed suggestion leads: the publication's article page (portal/catalog.routes.tsx). */
export function publicationHref(id: number): string {
  return `/publications/${id}`;
}

function parseShownIds(raw: string): number[] {
  return raw
    .split(',')
    .map((s) => parseId(s.trim()))
    .filter((n): n is number => n !== null)
    .slice(0, 20);
}

export async function infoRequestPublicRoutes(app: FastifyInstance): Promise<void> {
  const submissions = publicSubmission(app);
  const cookieOpts = trackCookieOptions(app);

  const requireTracked = (req: FastifyRequest) => requireTrackedBy(app, req);

  app.get('/agencies/:slug/apply/online', async (req, reply) => {
    const agency = await publicAgencyBySlug(app, (req.params as { slug: string }).slug);
    return reply.page(
      <InfoRequestFormPage
        ctx={await req.pageContext(reply)}
        agency={agency}
        values={EMPTY}
        suggestions={null}
        shownIds={[]}
        once={submissions.tokenFor(req)}
      />,
    );
  });

  // Post/redirect/get, accepted once per form; the limit counts accepted applications only, not
  // forms sent back with errors or the 查找已公开信息 button (platform/http/public-submission.ts).
  app.post('/agencies/:slug/apply/online', async (req, reply) => {
    const agency = await publicAgencyBySlug(app, (req.params as { slug: string }).slug);
    const values = readInfoRequestForm(req.body);
    let shownIds = parseShownIds(formValue(req.body, 'shownIds'));
    const render = async (
      errors: Record<string, string> | undefined,
      suggestions: Awaited<ReturnType<typeof findSuggestions>> | null,
      status: number,
      refusal?: string,
    ) =>
      reply.page(
        <InfoRequestFormPage
          ctx={await req.pageContext(reply)}
          agency={agency}
          values={values}
          errors={errors}
          suggestions={suggestions}
          shownIds={shownIds}
          once={submissions.tokenFor(req)}
          refusal={refusal}
        />,
        status,
      );

    const action = formValue(req.body, 'action');
    if (action === 'suggest') {
      const suggestions = await findSuggestions(app.db, agency.id, values);
      shownIds = [...new Set([...shownIds, ...suggestions.map((s) => s.id)])];
      return render(undefined, suggestions, 200);
    }
    if (action === 'edit') return render(undefined, null, 200);
    // Honeypot: people never see this field; a filled one is a bot. Nothing is stored.
    refuseHoneypot(req.body);
    // 「核对信息」: a complete form is read back before it is submitted (nothing stored yet).
    if (action === 'review') {
      const errors = checkInfoRequestForm(values, todayOf(req.auditContext()));
      if (errors) return render(errors, null, 422);
      reply.header('cache-control', 'no-store');
      return reply.page(
        <InfoRequestReviewPage
          ctx={await req.pageContext(reply)}
          agency={agency}
          values={values}
          shownIds={shownIds}
          once={submissions.tokenFor(req)}
        />,
      );
    }
    return submissions.accept(req, reply, {
      scope: 'infoRequest.online',
      create: async (trx) => {
        const submitted = await submitOnline(trx, req.auditContext(), agency, values, shownIds);
        // Cookies of this browser only: it may follow its case (and see the code once).
        reply.setCookie(TRACK_COOKIE, String(submitted.id), cookieOpts);
        reply.setCookie(RECEIPT_COOKIE, `${submitted.id}:${submitted.queryCode}`, { ...cookieOpts, maxAge: 1800 });
        return {
          location: `/apply/receipt/${encodeURIComponent(submitted.number)}`,
          receipt: { receiptNumber: submitted.number, queryCode: submitted.queryCode },
        };
      },
      refused: (message, status) => render(undefined, null, status, message),
      invalid: (errors) => render(errors, null, 422),
    });
  });

  app.get('/agencies/:slug/apply/suggestions/:id', async (req, reply) => {
    const { slug, id } = req.params as { slug: string; id: string };
    const agency = await publicAgencyBySlug(app, slug);
    const pubId = parseId(id);
    if (!pubId || !(await isPublishedPublication(app.db, agency.id, pubId))) throw new AppError('notFound');
    await recordSuggestionFollow(app.db, agency.id, pubId, app.deps.clock.now().toISOString());
    return reply.redirect(publicationHref(pubId), 303);
  });

  app.get('/apply/receipt/:number', async (req, reply) => {
    const r = await requireTracked(req);
    const agency = await app.db
      .selectFrom('agencies')
      .select(['name', 'slug'])
      .where('id', '=', r.agencyId)
      .executeTakeFirstOrThrow();
    let queryCode: string | null = null;
    const raw = req.cookies[RECEIPT_COOKIE];
    const un = raw ? req.unsignCookie(raw) : null;
    if (un?.valid && un.value) {
      const [id, code] = un.value.split(':');
      if (id === String(r.id) && code && sameHash(hashQueryCode(code), r.queryCodeHash)) queryCode = code;
    }
    return reply.page(
      <ReceiptPage
        ctx={await req.pageContext(reply)}
        agency={agency}
        number={r.number}
        queryCode={queryCode}
        submittedOn={todayOf({ actorUserId: null, actorName: '', ip: '', at: r.submittedAt })}
        summary={informationSought(r)}
      />,
    );
  });

  // 国办函〔2020〕109号 第四条、第五条: a public calculator of the information processing fee.
  app.get('/api/v1/fees/quote', async (req, reply) => {
    const q = req.query as Record<string, unknown>;
    const method = typeof q.method === 'string' ? q.method : '';
    const numberParam = (name: string): number => {
      const raw = typeof q[name] === 'string' ? (q[name] as string) : '';
      if (!/^\d{1,7}$/.test(raw) || (name === 'monthlyCount' && Number(raw) > 1000))
        throw new AppError('badRequest', `参数 ${name} 应为非负整数（按件计收不超过1000件）。`);
      return Number(raw);
    };
    let quote;
    if (method === 'per-item') quote = quotePerItem(numberParam('monthlyCount'));
    else if (method === 'per-page') quote = quotePerPage(numberParam('pages'));
    else throw new AppError('badRequest', '参数 method 应为 per-item（按件计收）或 per-page（按量计收）。');
    return reply.send({
      method,
      quantity: quote.quantity,
      amount: quote.amount,
      currency: 'CNY',
      bands: quote.bands.map((b) => ({ ...b, to: Number.isFinite(b.to) ? b.to : null })),
      basis: quote.basis,
    });
  });
}
