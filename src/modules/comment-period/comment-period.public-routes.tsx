// Public routes of 意见征集: the agency's list, a consultation page (with the form while open),
// the comment POST (CSRF, honeypot, accepted once and rate limited without losing the text,
// post/redirect/get), the page after it, and the draft's attachments. Drafts are never shown; a
// comment after the last day is refused with 409 and the text typed shown back.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, ERROR_CATALOGUE } from '../../platform/errors.ts';
import { parseId } from '../../platform/forms.ts';
import { contentDisposition } from '../../platform/http/content-disposition.ts';
import { publicSubmission } from '../../platform/http/public-submission.ts';
import { refuseHoneypot } from '../../platform/public-submissions.ts';
import { fileStore } from '../../platform/storage/file-store.ts';
import { publicAgencyBySlug, type AgencyRow } from '../agency/index.ts';
import { todayInShanghai } from '../calendar/index.ts';
import {
  commentCounts,
  findCommentPeriod,
  listComments,
  listFiles,
  listPublishedCommentPeriods,
  type CommentPeriodRow,
} from './comment-period.repository.ts';
import { EMPTY_COMMENT, presentCommentForPublic, readCommentForm } from './comment-period.public.ts';
import { feedbackCounts, phaseOf } from './comment-period.rules.ts';
import { submitComment } from './comment-period.service.ts';
import {
  periodPath,
  PublicListPage,
  PublicPeriodPage,
  ThanksPage,
  type FormState,
} from './comment-period.public-views.tsx';

export async function commentPeriodPublicRoutes(app: FastifyInstance): Promise<void> {
  const today = () => todayInShanghai(app.deps.clock.now());
  const submissions = publicSubmission(app);

  const loadPublished = async (req: FastifyRequest): Promise<{ agency: AgencyRow; row: CommentPeriodRow }> => {
    const agency = await publicAgencyBySlug(app, (req.params as { slug: string }).slug);
    const id = parseId((req.params as { id: string }).id);
    const row = id ? await findCommentPeriod(app.db, id) : undefined;
    if (!row || row.agencyId !== agency.id || !row.publishedAt) throw new AppError('notFound');
    return { agency, row };
  };

  const periodPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    agency: AgencyRow,
    row: CommentPeriodRow,
    form: FormState,
    status = 200,
  ) => {
    const phase = phaseOf(row, today());
    const comments = row.feedbackPublishedAt ? await listComments(app.db, row.id) : [];
    return reply.page(
      <PublicPeriodPage
        ctx={await req.pageContext(reply)}
        agency={agency}
        row={row}
        phase={phase}
        files={await listFiles(app.db, row.id)}
        form={form}
        feedback={
          row.feedbackPublishedAt
            ? {
                counts: feedbackCounts(comments.map((c) => c.verdict)),
                comments: comments.map(presentCommentForPublic),
              }
            : undefined
        }
      />,
      status,
    );
  };

  app.get('/agencies/:slug/comment-periods', async (req, reply) => {
    const agency = await publicAgencyBySlug(app, (req.params as { slug: string }).slug);
    const rows = await listPublishedCommentPeriods(app.db, agency.id);
    const counts = await commentCounts(
      app.db,
      rows.map((r) => r.id),
    );
    const items = rows.map((row) => ({ row, phase: phaseOf(row, today()), comments: counts.get(row.id) ?? 0 }));
    return reply.page(<PublicListPage ctx={await req.pageContext(reply)} agency={agency} items={items} />);
  });

  app.get('/agencies/:slug/comment-periods/:id', async (req, reply) => {
    const { agency, row } = await loadPublished(req);
    return periodPage(req, reply, agency, row, {
      values: EMPTY_COMMENT,
      consent: false,
      once: submissions.tokenFor(req),
    });
  });

  app.post('/agencies/:slug/comment-periods/:id/comments', async (req, reply) => {
    const { agency, row } = await loadPublished(req);
    refuseHoneypot(req.body);
    const { values, consent, errors } = readCommentForm(req.body, row);
    const formPage = (status: number, more: Partial<FormState> = {}) =>
      periodPage(req, reply, agency, row, { values, consent, once: submissions.tokenFor(req), ...more }, status);
    const phase = phaseOf(row, today());
    if (phase === 'closed') {
      const status = ERROR_CATALOGUE['commentPeriod.closed'].status;
      return formPage(status, { refusal: `本次意见征集已于 ${row.closesOn} 结束，不再接收意见。` });
    }
    if (phase !== 'open') throw new AppError('notFound');
    if (Object.keys(errors).length) return formPage(422, { errors });
    return submissions.accept(req, reply, {
      scope: 'commentPeriod.comment',
      create: async (trx) => {
        await submitComment(
          trx,
          req.auditContext(),
          row,
          { ...values, publishConsent: consent, channel: 'online' },
          today(),
        );
        return { location: `${periodPath(agency.slug, row.id)}/thanks` };
      },
      refused: (message, status) => formPage(status, { refusal: message }),
      invalid: (fieldErrors) => formPage(422, { errors: fieldErrors }),
    });
  });

  app.get('/agencies/:slug/comment-periods/:id/thanks', async (req, reply) => {
    const { agency, row } = await loadPublished(req);
    return reply.page(<ThanksPage ctx={await req.pageContext(reply)} agency={agency} row={row} />);
  });

  app.get('/agencies/:slug/comment-periods/:id/files/:fileId', async (req, reply) => {
    const { row } = await loadPublished(req);
    const fileId = parseId((req.params as { fileId: string }).fileId);
    const file = (await listFiles(app.db, row.id)).find((f) => f.id === fileId);
    if (!file) throw new AppError('notFound');
    const data = await fileStore(app.deps.config.dataDir).get(file.sha256);
    if (!data) throw new AppError('notFound', '附件文件缺失，请联系网站管理员。');
    return reply
      .header('content-type', file.mime)
      .header('content-disposition', contentDisposition(file.fileName))
      .send(data);
  });
}
