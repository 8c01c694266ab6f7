// The steps of a released publication's revision draft (publication.revision-service.ts): each a
// POST that authorizes the step's role before reading its form, runs the step in a transaction
// and redirects, or re-renders the detail page with the typed comment.
import type { FastifyInstance } from 'fastify';
import { authorize } from '../../platform/auth/policy.ts';
import { AppError, ValidationError } from '../../platform/errors.ts';
import { formValue } from '../../platform/forms.ts';
import { actorOf } from '../../platform/http/admin-guard.ts';
import { inTransaction } from '../../platform/transaction.ts';
import type { PublicationRouteContext } from './publication.route-context.ts';
import { REVISION_STEPS, revisionStep, type RevisionEvent } from './publication.revision-service.ts';
import type { RenderDetail } from './publication.workflow-routes.ts';

/** Each path: the step of a decision (or the only one), the step of a return, the flash after. */
const PATHS: Record<string, { yes: RevisionEvent; yesValue: string; no?: RevisionEvent; flash: string }> = {
  submit: { yes: 'submit', yesValue: '', flash: 'revision-submitted' },
  review: { yes: 'passReview', yesValue: 'pass', no: 'returnReview', flash: 'revision-reviewed' },
  'sign-off': { yes: 'approve', yesValue: 'approve', no: 'returnSignOff', flash: 'revision-released' },
  discard: { yes: 'discard', yesValue: '', flash: 'revision-discarded' },
};

export function publicationRevisionRoutes(
  app: FastifyInstance,
  c: PublicationRouteContext,
  renderDetail: RenderDetail,
) {
  for (const [path, p] of Object.entries(PATHS)) {
    app.post(`/admin/publications/:id/revision/${path}`, async (req, reply) => {
      const pub = await c.load(req);
      // The role before the form: someone who may not take the step learns nothing from its checks.
      authorize(req.actor, REVISION_STEPS[p.yes].action, pub);
      const decision = formValue(req.body, 'decision');
      let event = p.yes;
      if (p.no) {
        if (decision === 'return') event = p.no;
        else if (decision !== p.yesValue) throw new AppError('badRequest');
      }
      const comment = formValue(req.body, 'comment');
      try {
        const cal = await app.deps.calendar.get();
        await inTransaction(app.db, (trx) =>
          revisionStep(trx, req.auditContext(), actorOf(req), cal, pub.id, event, comment),
        );
        const flash = event === 'returnReview' || event === 'returnSignOff' ? 'revision-returned' : p.flash;
        return reply.redirect(`/admin/publications/${pub.id}?flash=${flash}`, 303);
      } catch (err) {
        if (!(err instanceof ValidationError)) throw err;
        return renderDetail(req, reply, pub, err.fields, { comment });
      }
    });
  }
}
