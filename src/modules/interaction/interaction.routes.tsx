// Public routes of the case engine: per-agency forms (CSRF, rate limit, honeypot), the receipt,
// the tracking page with the writer's rating, and 留言选登.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, ValidationError } from '../../platform/errors.ts';
import { formValue, parseForm } from '../../platform/forms.ts';
import { inTransaction } from '../../platform/transaction.ts';
import { isHoneypotFilled } from '../../platform/public-submissions.ts';
import { publicSubmission } from '../../platform/http/public-submission.ts';
import { findAgencyBySlug } from '../agency/index.ts';
import { listPublishedLetters } from './interaction.repository.ts';
import { presentLetterForPublic } from './interaction.presenter.ts';
import { findCaseForWriter, rateCase, submitPublicCase, WRITER_FORM, type WriterInput } from './interaction.service.ts';
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

export async function activeAgencyBySlug(app: FastifyInstance, req: FastifyRequest) {
  const agency = await findAgencyBySlug(app.db, (req.params as { slug: string }).slug);
  if (!agency || agency.active !== 1) throw new AppError('notFound', '该机构不存在或已停用。');
  return agency;
}

/** Where the receipt of a case submitted through a public form is shown (to its writer only). */
export function receiptPath(slug: string, kind: PublicFormKind, receiptNumber: string): string {
  return `/agencies/${slug}/${FORM_PATHS[kind].path}/receipt/${encodeURIComponent(receiptNumber)}`;
}

export async function interactionPublicRoutes(app: FastifyInstance): Promise<void> {
  const limited = { config: { rateLimit: { max: app.deps.config.publicFormRateLimit, timeWindow: '1 minute' } } };
  const submissions = publicSubmission(app);

  for (const kind of Object.keys(FORM_PATHS) as PublicFormKind[]) {
    const path = `/agencies/:slug/${FORM_PATHS[kind].path}`;
    app.get(path, async (req, reply) => {
      const agency = await activeAgencyBySlug(app, req);
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
      const agency = await activeAgencyBySlug(app, req);
      if (isHoneypotFilled(req.body)) throw new AppError('badRequest', '提交未成功。');
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
        refused: (message) => formPage(429, undefined, message),
        invalid: (errors) => formPage(422, errors),
      });
    });
    app.get(`${path}/receipt/:number`, async (req, reply) => {
      const agency = await activeAgencyBySlug(app, req);
      const shown = submissions.receiptShown(req, (req.params as { number: string }).number);
      const row = shown ? await findCaseForWriter(app.db, shown.number, shown.queryCode) : undefined;
      if (!shown || !row || row.agencyId !== agency.id || row.kind !== kind) return reply.redirect('/track', 303);
      return reply.page(
        <ReceiptPage
          ctx={await req.pageContext(reply)}
          agency={agency}
          kind={kind}
          receipt={{
            id: row.id,
            receiptNumber: row.receiptNumber,
            queryCode: shown.queryCode,
            dueDate: row.dueDate,
            dueProvisional: row.dueProvisional === 1,
          }}
        />,
      );
    });
  }

  app.get('/agencies/:slug/letters', { config: { publicCache: true } }, async (req, reply) => {
    const agency = await activeAgencyBySlug(app, req);
    const letters = (await listPublishedLetters(app.db, agency.id)).map(presentLetterForPublic);
    return reply.page(<LettersPage ctx={await req.pageContext(reply)} agency={agency} letters={letters} />);
  });

  app.get('/track', async (req, reply) =>
    reply.page(<TrackPage ctx={await req.pageContext(reply)} receiptNumber="" />),
  );

  const lookup = async (
    req: FastifyRequest,
    reply: FastifyReply,
    status = 200,
    extra: { errors?: Record<string, string>; rated?: boolean } = {},
  ) => {
    const receiptNumber = formValue(req.body, 'receiptNumber').trim().slice(0, 64);
    const queryCode = formValue(req.body, 'queryCode').trim().slice(0, 20);
    const row = receiptNumber && queryCode ? await findCaseForWriter(app.db, receiptNumber, queryCode) : undefined;
    const ctx = await req.pageContext(reply);
    if (!row)
      return {
        row,
        page: () =>
          reply.page(
            <TrackPage ctx={ctx} receiptNumber={receiptNumber} error="受理编号或查询码不正确，请核对后重新输入。" />,
            404,
          ),
      };
    return {
      row,
      page: () =>
        reply.page(
          <TrackPage ctx={ctx} receiptNumber={receiptNumber} row={row} queryCode={queryCode} {...extra} />,
          status,
        ),
    };
  };

  app.post('/track', limited, async (req, reply) => (await lookup(req, reply)).page());

  app.post('/track/rate', limited, async (req, reply) => {
    const { row, page } = await lookup(req, reply);
    if (!row) return page();
    const rating = formValue(req.body, 'rating');
    const comment = formValue(req.body, 'comment').trim();
    try {
      if (!(RATINGS as readonly string[]).includes(rating))
        throw new ValidationError({ rating: '请选择满意、基本满意或不满意。' });
      if ([...comment].length > 500) throw new ValidationError({ comment: '意见和建议不能超过 500 个字符。' });
      await inTransaction(app.db, (trx) => rateCase(trx, req.auditContext(), row, rating as Rating, comment));
      return (await lookup(req, reply, 200, { rated: true })).page();
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return (await lookup(req, reply, 422, { errors: err.fields ?? {} })).page();
    }
  });
}
