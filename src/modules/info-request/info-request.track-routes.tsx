// Public routes of an application after it is in (进度查询): the tracking page, online 补正, the
// applicant's letters (page and .docx) and released documents, and 找回查询码. Only the browser
// that tracks the case sees it (info-request.tracking.ts); presenters keep personal data and
// staff notes off every response. The form and the receipt: info-request.public-routes.tsx.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { contentDisposition } from '../../platform/http/content-disposition.ts';
import { AppError, ValidationError } from '../../platform/errors.ts';
import { inTransaction } from '../../platform/transaction.ts';
import { formValue, parseId } from '../../platform/forms.ts';
import { refuseHoneypot } from '../../platform/public-submissions.ts';
import { publicFormRateLimit, publicSubmission } from '../../platform/http/public-submission.ts';
import { refuseTooLarge, registerMultipart, uploadedFiles, uploadRoute } from '../../platform/http/multipart.ts';
import { fileStore } from '../../platform/storage/file-store.ts';
import { LetterDocument } from './info-request.letter-views.tsx';
import type { LetterData } from './info-request.letters.ts';
import { presentForApplicant } from './info-request.presenters.ts';
import {
  findAttachment,
  findLetter,
  listAttachments,
  listEvents,
  listLetters,
  type InfoRequestRow,
} from './info-request.repository.ts';
import { loadCase } from './info-request.service.ts';
import { CORRECTION_MAX_FILE_BYTES, CORRECTION_MAX_FILES, submitCorrection } from './correction.service.ts';
import { findPendingCorrection, listCorrectionFiles } from './correction.repository.ts';
import { LostCodePage, TrackPage, type ApplicantCorrection } from './info-request.track-views.tsx';
import { requireTracked as requireTrackedBy, trackedCase } from './info-request.tracking.ts';
import { reissueQueryCode, type ReissueChannel } from './query-code.service.ts';

export async function infoRequestTrackRoutes(app: FastifyInstance): Promise<void> {
  const submissions = publicSubmission(app);
  const requireTracked = (req: FastifyRequest) => requireTrackedBy(app, req);

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
    const r = await trackedCase(app, req, number);
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
}
