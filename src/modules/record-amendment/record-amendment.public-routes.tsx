// Public routes of 更正个人政府信息记录 (条例 第四十一条): the request form (multipart with the
// evidence files, CSRF before any file, honeypot, accepted once and rate limited without losing what
// was typed, post/redirect/get), the receipt (number + query code shown once to this browser), the
// 进度查询 tracker (GZ-…) and the applicant's page with the letters. The status page is reached only
// through number + query code (a signed, short-lived cookie), never by the number alone.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, ValidationError } from '../../platform/errors.ts';
import { formValue, parseId } from '../../platform/forms.ts';
import { contentDisposition } from '../../platform/http/content-disposition.ts';
import { refuseTooLarge, registerMultipart, uploadedFiles, uploadRoute } from '../../platform/http/multipart.ts';
import { publicSubmission } from '../../platform/http/public-submission.ts';
import { refuseHoneypot } from '../../platform/public-submissions.ts';
import type { Tracker } from '../../platform/tracking.ts';
import { publicAgencyBySlug } from '../agency/index.ts';
import { todayInShanghai } from '../calendar/index.ts';
import { hashQueryCode, LetterDocument, letterDocx, sameHash, type LetterData } from '../info-request/index.ts';
import {
  AmendmentFormPage,
  AmendmentReceiptPage,
  AmendmentTrackPage,
  amendPath,
  type AmendmentFormState,
} from './record-amendment.public-views.tsx';
import {
  findAmendment,
  findAmendmentByNumber,
  findAmendmentLetter,
  listAmendmentLetters,
  type AmendmentRow,
} from './record-amendment.repository.ts';
import {
  AMENDMENT_FORM_FIELDS,
  DECISION_LABELS,
  STATE_LABELS,
  type AmendmentFormValues,
} from './record-amendment.rules.ts';
import { EVIDENCE_MAX_FILE_BYTES, EVIDENCE_MAX_FILES, submitAmendmentOnline } from './record-amendment.service.ts';
import { recordSummary } from './record-amendment.letters.ts';
import type { AmendmentDecision } from './record-amendment.tables.ts';

const TRACK_COOKIE = 'gk_ra_track';

export const EMPTY_AMENDMENT = Object.fromEntries(AMENDMENT_FORM_FIELDS.map((k) => [k, ''])) as AmendmentFormValues;

export function readAmendmentForm(body: unknown): AmendmentFormValues {
  return Object.fromEntries(
    AMENDMENT_FORM_FIELDS.map((k) => [k, formValue(body, k).replace(/\r\n/g, '\n').trim()]),
  ) as AmendmentFormValues;
}

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

/** 进度查询 of record amendment requests: `GZ-LINGXI-2025-0001`. */
export const recordAmendmentTracker: Tracker = {
  label: '更正个人政府信息记录申请',
  example: 'GZ-LINGXI-2025-0001',
  matches: (number) => /^GZ-[A-Z0-9-]+-\d{4}-\d+$/.test(number),
  async open(app, _req, reply, number, code) {
    const r = await findAmendmentByNumber(app.db, number);
    if (!r || !sameHash(hashQueryCode(code), r.queryCodeHash)) return null;
    reply.setCookie(TRACK_COOKIE, String(r.id), trackCookieOptions(app));
    return `/amend/track/${encodeURIComponent(r.number)}`;
  },
};

export async function recordAmendmentPublicRoutes(app: FastifyInstance): Promise<void> {
  const submissions = publicSubmission(app);

  const requireTracked = async (req: FastifyRequest): Promise<AmendmentRow> => {
    const { number } = req.params as { number: string };
    const raw = req.cookies[TRACK_COOKIE];
    const un = raw ? req.unsignCookie(raw) : null;
    const r = un?.valid && un.value ? await findAmendment(app.db, Number(un.value)) : undefined;
    if (!r || r.number !== number) throw new AppError('forbidden', '请先在“进度查询”中输入申请编号和查询码。');
    return r;
  };

  const agencyOf = (id: number) =>
    app.db.selectFrom('agencies').select(['name', 'slug']).where('id', '=', id).executeTakeFirstOrThrow();

  const formPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    agency: { name: string; slug: string },
    form: AmendmentFormState,
    status = 200,
  ) =>
    reply.page(
      <AmendmentFormPage
        ctx={await req.pageContext(reply)}
        agency={agency}
        form={form}
        maxFiles={EVIDENCE_MAX_FILES}
        maxFileMb={EVIDENCE_MAX_FILE_BYTES / 1_048_576}
      />,
      status,
    );

  app.get('/agencies/:slug/amend', async (req, reply) => {
    const agency = await publicAgencyBySlug(app, (req.params as { slug: string }).slug);
    return formPage(req, reply, agency, { values: EMPTY_AMENDMENT, consent: false, once: submissions.tokenFor(req) });
  });

  await app.register(async (scope) => {
    registerMultipart(scope);
    const upload = uploadRoute({
      requires: null,
      // A public form: anyone may send it (the CSRF token comes before any file).
      authorize: async () => undefined,
      maxFileBytes: EVIDENCE_MAX_FILE_BYTES,
      // One more than allowed, so that a sixth file is refused with a message, not dropped unseen.
      maxFiles: EVIDENCE_MAX_FILES + 1,
      maxFieldBytes: 65_536,
    });
    scope.post('/agencies/:slug/amend', { config: upload }, async (req, reply) => {
      const agency = await publicAgencyBySlug(app, (req.params as { slug: string }).slug);
      refuseHoneypot(req.body);
      const values = readAmendmentForm(req.body);
      const consent = formValue(req.body, 'consent') === 'yes';
      const files = uploadedFiles(req.body).filter((f) => f.fieldName === 'files');
      const again = (status: number, more: Partial<AmendmentFormState>) =>
        formPage(
          req,
          reply,
          agency,
          { values, consent, once: submissions.tokenFor(req), hadFiles: files.length > 0, ...more },
          status,
        );
      try {
        refuseTooLarge(files, 'files', EVIDENCE_MAX_FILE_BYTES);
      } catch (err) {
        if (err instanceof ValidationError) return again(413, { errors: err.fields ?? {} });
        throw err;
      }
      if (!consent)
        return again(422, {
          errors: { consent: '请阅读并勾选声明：承诺所填信息真实，并同意本机关为核实和更正处理您的个人信息。' },
        });
      return submissions.accept(req, reply, {
        scope: 'recordAmendment.online',
        create: async (trx) => {
          const s = await submitAmendmentOnline(
            trx,
            req.auditContext(),
            app.deps.config.dataDir,
            agency,
            values,
            files,
          );
          reply.setCookie(TRACK_COOKIE, String(s.id), trackCookieOptions(app));
          return {
            location: `/amend/receipt/${encodeURIComponent(s.number)}`,
            receipt: { receiptNumber: s.number, queryCode: s.queryCode },
          };
        },
        refused: (message, status) => again(status, { refusal: message }),
        invalid: (errors) => again(422, { errors }),
      });
    });
  });

  app.get('/amend/receipt/:number', async (req, reply) => {
    const r = await requireTracked(req);
    reply.header('cache-control', 'no-store');
    return reply.page(
      <AmendmentReceiptPage
        ctx={await req.pageContext(reply)}
        agency={await agencyOf(r.agencyId)}
        number={r.number}
        queryCode={submissions.receiptShown(req, r.number)?.queryCode ?? null}
        submittedOn={todayInShanghai(new Date(r.submittedAt))}
      />,
    );
  });

  app.get('/amend/track/:number', async (req, reply) => {
    const { number } = req.params as { number: string };
    let r: AmendmentRow;
    try {
      r = await requireTracked(req);
    } catch {
      return reply.redirect(`/track?number=${encodeURIComponent(number.slice(0, 64))}`, 303);
    }
    const agency = await agencyOf(r.agencyId);
    const letters = await listAmendmentLetters(app.db, r.id);
    reply.header('cache-control', 'no-store');
    return reply.page(
      <AmendmentTrackPage
        ctx={await req.pageContext(reply)}
        view={{
          number: r.number,
          agencyName: agency.name,
          agencySlug: agency.slug,
          stateLabel: STATE_LABELS[r.state],
          submittedOn: todayInShanghai(new Date(r.submittedAt)),
          receivedOn: r.receivedOn,
          dueOn: r.state === 'processing' ? r.dueOn : null,
          record: recordSummary(r),
          decision: r.decision ? DECISION_LABELS[r.decision as AmendmentDecision] : null,
          letters: letters.map((l) => ({ id: l.id, title: l.title, issuedOn: l.issuedOn })),
        }}
      />,
    );
  });

  const applicantLetter = async (req: FastifyRequest) => {
    const r = await requireTracked(req);
    const letter = await findAmendmentLetter(app.db, r.id, parseId((req.params as { id: string }).id) ?? 0);
    if (!letter) throw new AppError('notFound');
    return { r, letter, data: JSON.parse(letter.dataJson) as LetterData };
  };

  app.get('/amend/track/:number/letters/:id', async (req, reply) => {
    const { data } = await applicantLetter(req);
    reply.header('cache-control', 'no-store');
    return reply.page(<LetterDocument letter={data} />);
  });

  app.get('/amend/track/:number/letters/:id/docx', async (req, reply) => {
    const { r, letter, data } = await applicantLetter(req);
    return reply
      .type('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
      .header(
        'content-disposition',
        contentDisposition(`${r.number}-${letter.title}.docx`, 'attachment', `${r.number}-${letter.id}.docx`),
      )
      .header('cache-control', 'no-store')
      .send(await letterDocx(data));
  });
}

export { amendPath };
