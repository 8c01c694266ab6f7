// Public routes of 依申请公开: the online form, the receipt, tracking by number + query code, the
// applicant's letters and released documents, and the public fee quote API. Access to a case is
// by a signed, httpOnly cookie set after the query code was checked, so the code never travels
// in a URL. Presenters keep personal data and staff notes off every response.
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { contentDisposition } from '../../platform/http/content-disposition.ts';
import { AppError, ValidationError } from '../../platform/errors.ts';
import { inTransaction } from '../../platform/transaction.ts';
import { formValue, parseId } from '../../platform/forms.ts';
import { refuseHoneypot } from '../../platform/public-submissions.ts';
import { publicFormRateLimit, publicSubmission } from '../../platform/http/public-submission.ts';
import type { Tracker } from '../../platform/tracking.ts';
import { requireActiveAgencyBySlug } from '../agency/index.ts';
import {
  checkInfoRequestForm,
  readInfoRequestForm,
  submitOnline,
  type InfoRequestFormValues,
} from './intake.service.ts';
import { LetterDocument } from './info-request.letter-views.tsx';
import type { LetterData } from './info-request.letters.ts';
import { presentForApplicant } from './info-request.presenters.ts';
import {
  findAttachment,
  findInfoRequestByNumber,
  findLetter,
  listAttachments,
  listEvents,
  listLetters,
  type InfoRequestRow,
} from './info-request.repository.ts';
import { hashQueryCode, informationSought, loadCase, todayOf } from './info-request.service.ts';
import { CORRECTION_MAX_FILE_BYTES, CORRECTION_MAX_FILES, submitCorrection } from './correction.service.ts';
import { findPendingCorrection, listCorrectionFiles } from './correction.repository.ts';
import { refuseTooLarge, registerMultipart, uploadedFiles, uploadRoute } from '../../platform/http/multipart.ts';
import { fileStore } from '../../platform/storage/file-store.ts';
import { findSuggestions, isPublishedPublication, recordSuggestionFollow } from './info-request.suggestions.ts';
import { InfoRequestReviewPage, ReceiptPage } from './info-request.public-check-views.tsx';
import { InfoRequestFormPage } from './info-request.public-views.tsx';
import { LostCodePage, TrackPage, type ApplicantCorrection } from './info-request.track-views.tsx';
import { reissueQueryCode, type ReissueChannel } from './query-code.service.ts';
import { quotePerItem, quotePerPage } from './rules/index.ts';

export const TRACK_COOKIE = 'gk_ir_track';
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

export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function parseShownIds(raw: string): number[] {
  return raw
    .split(',')
    .map((s) => parseId(s.trim()))
    .filter((n): n is number => n !== null)
    .slice(0, 20);
}

/** 进度查询 of applications: `LINGXI-2025-0007` (agency, year, serial). */
export const infoRequestTracker: Tracker = {
  label: '政府信息公开申请',
  example: 'LINGXI-2025-0001',
  matches: (number) => /^[A-Z][A-Z0-9-]*-\d{4}-\d+$/.test(number),
  async open(app, _req, reply, number, code) {
    const r = await findInfoRequestByNumber(app.db, number);
    if (!r || !sameHash(hashQueryCode(code), r.queryCodeHash)) return null;
    reply.setCookie(TRACK_COOKIE, String(r.id), trackCookieOptions(app));
    return `/apply/track/${encodeURIComponent(r.number)}`;
  },
};

function trackCookieOptions(app: FastifyInstance) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    signed: true,
    secure: app.deps.config.secureCookies,
    maxAge: 3600,
  };
}

export async function infoRequestPublicRoutes(app: FastifyInstance): Promise<void> {
  const submissions = publicSubmission(app);
  const cookieOpts = trackCookieOptions(app);

  /** The case this browser proved it may see (number + query code), or null. */
  const trackedCase = async (req: FastifyRequest, number: string): Promise<InfoRequestRow | null> => {
    const raw = req.cookies[TRACK_COOKIE];
    if (!raw) return null;
    const un = req.unsignCookie(raw);
    if (!un.valid || !un.value) return null;
    const r = await findInfoRequestByNumber(app.db, number);
    if (!r || String(r.id) !== un.value) return null;
    return r;
  };

  const requireTracked = async (req: FastifyRequest) => {
    const { number } = req.params as { number: string };
    const r = await trackedCase(req, number);
    if (!r) throw new AppError('forbidden', '请先输入申请编号和查询码。');
    return r;
  };

  app.get('/agencies/:slug/apply/online', async (req, reply) => {
    const agency = await requireActiveAgencyBySlug(app.db, (req.params as { slug: string }).slug);
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
    const agency = await requireActiveAgencyBySlug(app.db, (req.params as { slug: string }).slug);
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
    const agency = await requireActiveAgencyBySlug(app.db, slug);
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

  // 找回查询码 (platform rate limit per client; at most one re-issue per application per 15 minutes).
  app.get('/apply/lost-code', async (req, reply) => {
    const q = req.query as Record<string, unknown>;
    const number = typeof q.number === 'string' ? q.number.slice(0, 40) : '';
    return reply.page(
      <LostCodePage ctx={await req.pageContext(reply)} values={{ number, channel: '', contact: '' }} />,
    );
  });

  app.post('/apply/lost-code', publicFormRateLimit(app), async (req, reply) => {
    refuseHoneypot(req.body);
    const values = {
      number: formValue(req.body, 'number').trim().slice(0, 40),
      channel: formValue(req.body, 'channel'),
      contact: formValue(req.body, 'contact').trim().slice(0, 200),
    };
    try {
      await inTransaction(app.db, (trx) =>
        reissueQueryCode(trx, req.auditContext(), { ...values, channel: values.channel as ReissueChannel }),
      );
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return reply.page(<LostCodePage ctx={await req.pageContext(reply)} values={values} errors={err.fields} />, 422);
    }
    return reply.page(<LostCodePage ctx={await req.pageContext(reply)} values={values} sent />);
  });

  /** The tracking page; while the application awaits 补正, with the online form (or the answer waiting). */
  const trackPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    r: InfoRequestRow,
    form: { text?: string; errors?: Record<string, string>; refusal?: string; flash?: string } = {},
    status = 200,
  ) => {
    const agency = await app.db
      .selectFrom('agencies')
      .select('name')
      .where('id', '=', r.agencyId)
      .executeTakeFirstOrThrow();
    const view = presentForApplicant(
      r,
      agency.name,
      await listEvents(app.db, r.id, { publicOnly: true }),
      await listLetters(app.db, r.id, { forApplicantOnly: true }),
      await listAttachments(app.db, r.id),
    );
    let correction: ApplicantCorrection | null = null;
    if (r.state === 'awaitingCorrection') {
      const waiting = await findPendingCorrection(app.db, r.id);
      correction = {
        items: r.correctionItems,
        dueOn: r.correctionDueOn ?? '',
        waiting: waiting
          ? { submittedOn: waiting.submittedOn, files: (await listCorrectionFiles(app.db, [waiting.id])).length }
          : null,
        maxFiles: CORRECTION_MAX_FILES,
        maxFileMb: CORRECTION_MAX_FILE_BYTES / 1_048_576,
        once: submissions.tokenFor(req),
        text: form.text ?? '',
        errors: form.errors,
        refusal: form.refusal,
      };
    }
    const q = (req.query ?? {}) as Record<string, unknown>;
    const flash =
      form.flash ??
      (q.flash === 'corrected' ? '补正材料已提交。本机关确认收到后，答复期限自确认收到之日起重新计算。' : undefined);
    reply.header('cache-control', 'no-store');
    return reply.page(
      <TrackPage ctx={await req.pageContext(reply)} view={view} correction={correction} flash={flash} />,
      status,
    );
  };

  app.get('/apply/track/:number', async (req, reply) => {
    const { number } = req.params as { number: string };
    const r = await trackedCase(req, number);
    if (!r) return reply.redirect(`/track?number=${encodeURIComponent(number.slice(0, 64))}`, 303);
    return trackPage(req, reply, r);
  });

  // Online 补正 (correction.service.ts): only this browser's tracked case, checked before the
  // body is read; files typed by content; accepted once per form (post/redirect/get).
  await app.register(async (scope) => {
    registerMultipart(scope);
    const upload = uploadRoute({
      requires: null,
      authorize: async (req) => void (await requireTracked(req)),
      maxFileBytes: CORRECTION_MAX_FILE_BYTES,
      // One more than allowed, so that a sixth file is refused with a message, not dropped unseen.
      maxFiles: CORRECTION_MAX_FILES + 1,
      maxFieldBytes: 65_536,
    });
    scope.post('/apply/track/:number/correction', { config: upload }, async (req, reply) => {
      const r = await requireTracked(req);
      const text = formValue(req.body, 'text').slice(0, 8000);
      const again = async (errors: Record<string, string>, status: number, refusal?: string) => {
        const fresh = await loadCase(app.db, r.id);
        if (fresh.state !== 'awaitingCorrection')
          return trackPage(req, reply, fresh, { flash: Object.values(errors)[0] ?? refusal }, 409);
        return trackPage(req, reply, fresh, { text, errors, refusal }, status);
      };
      refuseHoneypot(req.body);
      const files = uploadedFiles(req.body).filter((f) => f.fieldName === 'files');
      try {
        refuseTooLarge(files, 'files', CORRECTION_MAX_FILE_BYTES);
      } catch (err) {
        if (err instanceof ValidationError) return again(err.fields ?? {}, 413);
        throw err;
      }
      const cal = await app.deps.calendar.get();
      return submissions.accept(req, reply, {
        scope: 'infoRequest.correction',
        create: async (trx) => {
          await submitCorrection(trx, req.auditContext(), cal, app.deps.config.dataDir, await loadCase(trx, r.id), {
            text,
            files,
          });
          return { location: `/apply/track/${encodeURIComponent(r.number)}?flash=corrected` };
        },
        refused: (message, status) => again({}, status, message),
        invalid: (errors) => again(errors, 422),
      });
    });
  });

  const applicantLetter = async (req: FastifyRequest) => {
    const r = await requireTracked(req);
    const letter = await findLetter(app.db, r.id, parseId((req.params as { id: string }).id) ?? 0);
    if (!letter || letter.forApplicant !== 1) throw new AppError('notFound');
    return { r, letter, data: JSON.parse(letter.dataJson) as LetterData };
  };

  app.get('/apply/track/:number/letters/:id', async (req, reply) => {
    const { data } = await applicantLetter(req);
    return reply.page(<LetterDocument letter={data} />);
  });

  app.get('/apply/track/:number/letters/:id/docx', async (req, reply: FastifyReply) => {
    const { r, letter, data } = await applicantLetter(req);
    const name = `${r.number}-${letter.title}.docx`;
    return reply
      .type('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
      .header('content-disposition', contentDisposition(name, 'attachment', `${r.number}-${letter.id}.docx`))
      .header('cache-control', 'no-store')
      .send(await (await import('./letter-docx.ts')).letterToDocx(data));
  });

  app.get('/apply/track/:number/files/:id', async (req, reply) => {
    const r = await requireTracked(req);
    if (!['replied', 'archived'].includes(r.state)) throw new AppError('notFound');
    const a = await findAttachment(app.db, r.id, parseId((req.params as { id: string }).id) ?? 0);
    const content = a ? await fileStore(app.deps.config.dataDir).get(a.sha256) : null;
    if (!a || !content) throw new AppError('notFound');
    return reply
      .type('application/octet-stream')
      .header('content-disposition', contentDisposition(a.fileName, 'attachment', `file-${a.id}`))
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'no-store')
      .send(content);
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
