// Public routes of 会议公开: the agency's meetings, a meeting (announced or later; drafts are never
// shown), the 列席 sign-up POST (CSRF, honeypot, accepted once and rate limited without losing
// what was typed, post/redirect/get), and the page after it.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors.ts';
import { parseId } from '../../platform/forms.ts';
import { publicSubmission } from '../../platform/http/public-submission.ts';
import { refuseHoneypot } from '../../platform/public-submissions.ts';
import { publicAgencyBySlug, type AgencyRow } from '../agency/index.ts';
import { todayInShanghai } from '../calendar/index.ts';
import { signupPhase } from './meeting.rules.ts';
import {
  EMPTY_SIGNUP,
  findMeeting,
  listSignups,
  listTopics,
  placesTaken,
  readSignupForm,
  submitSignup,
  topicPublications,
  type MeetingRow,
} from './meeting.service.ts';
import {
  meetingPath,
  PublicMeetingPage,
  PublicMeetingsPage,
  SignupThanksPage,
  type SignupFormState,
} from './meeting.public-views.tsx';

export async function meetingPublicRoutes(app: FastifyInstance): Promise<void> {
  const today = () => todayInShanghai(app.deps.clock.now());
  const submissions = publicSubmission(app);

  const loadPublic = async (req: FastifyRequest): Promise<{ agency: AgencyRow; m: MeetingRow }> => {
    const agency = await publicAgencyBySlug(app, (req.params as { slug: string }).slug);
    const id = parseId((req.params as { id: string }).id);
    const m = id ? await findMeeting(app.db, id) : undefined;
    if (!m || m.agencyId !== agency.id || m.state === 'draft') throw new AppError('notFound');
    return { agency, m };
  };

  const page = async (
    req: FastifyRequest,
    reply: FastifyReply,
    agency: AgencyRow,
    m: MeetingRow,
    form: SignupFormState,
    status = 200,
  ) => {
    const topics = await listTopics(app.db, m.id);
    const signups = await listSignups(app.db, m.id);
    return reply.page(
      <PublicMeetingPage
        ctx={await req.pageContext(reply)}
        agency={agency}
        m={m}
        topics={topics}
        publications={await topicPublications(
          app.db,
          topics.map((t) => t.id),
          true,
        )}
        phase={signupPhase(m, today(), await placesTaken(app.db, m.id))}
        confirmed={signups.filter((s) => s.state === 'confirmed')}
        form={form}
      />,
      status,
    );
  };

  app.get('/agencies/:slug/meetings', async (req, reply) => {
    const agency = await publicAgencyBySlug(app, (req.params as { slug: string }).slug);
    const rows = await app.db
      .selectFrom('meetings')
      .selectAll()
      .where('agencyId', '=', agency.id)
      .where('state', '<>', 'draft')
      .orderBy('meetingOn', 'desc')
      .orderBy('id', 'desc')
      .limit(500)
      .execute();
    return reply.page(<PublicMeetingsPage ctx={await req.pageContext(reply)} agency={agency} rows={rows} />);
  });

  app.get('/agencies/:slug/meetings/:id', async (req, reply) => {
    const { agency, m } = await loadPublic(req);
    return page(req, reply, agency, m, { values: EMPTY_SIGNUP, consent: false, once: submissions.tokenFor(req) });
  });

  app.post('/agencies/:slug/meetings/:id/signups', async (req, reply) => {
    const { agency, m } = await loadPublic(req);
    refuseHoneypot(req.body);
    const { values, consent, errors } = readSignupForm(req.body);
    const formPage = (status: number, more: Partial<SignupFormState> = {}) =>
      page(req, reply, agency, m, { values, consent, once: submissions.tokenFor(req), ...more }, status);
    const phase = signupPhase(m, today(), await placesTaken(app.db, m.id));
    if (phase !== 'open')
      return formPage(409, {
        refusal: phase === 'full' ? '列席名额已满，报名未能提交。' : '列席报名未在进行中，报名未能提交。',
      });
    if (Object.keys(errors).length) return formPage(422, { errors });
    return submissions.accept(req, reply, {
      scope: 'meeting.signup',
      create: async (trx) => {
        await submitSignup(trx, req.auditContext(), m, values);
        return { location: `${meetingPath(agency.slug, m.id)}/thanks` };
      },
      refused: (message, status) => formPage(status, { refusal: message }),
      invalid: (fieldErrors) => formPage(422, { errors: fieldErrors }),
    });
  });

  app.get('/agencies/:slug/meetings/:id/thanks', async (req, reply) => {
    const { agency, m } = await loadPublic(req);
    return reply.page(<SignupThanksPage ctx={await req.pageContext(reply)} agency={agency} m={m} />);
  });
}
