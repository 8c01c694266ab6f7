// The workflow steps of a publication (submit, 保密审查, 签发, withdraw, validity): each a POST
// that authorizes the step before reading its form, runs the service in a transaction and
// redirects, or re-renders the detail page with the typed values.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authorize } from '../../platform/auth/policy.ts';
import { AppError, ValidationError } from '../../platform/errors.ts';
import { formValue } from '../../platform/forms.ts';
import { actorOf } from '../../platform/http/admin-guard.ts';
import { inTransaction } from '../../platform/transaction.ts';
import type { PublicationRow } from './publication.repository.ts';
import type { PublicationRouteContext } from './publication.route-context.ts';
import { review, setValidity, signOff, submit, withdraw } from './publication.service.ts';
import { finishQueuedScans } from './privacy-file-scan.ts';
import { TRANSITIONS, type PublicationEvent } from './publication.states.ts';
import { VALIDITIES, type Validity } from './publication.tables.ts';

export type RenderDetail = (
  req: FastifyRequest,
  reply: FastifyReply,
  pub: PublicationRow,
  errors?: Record<string, string>,
  values?: Record<string, string>,
  status?: number,
) => Promise<unknown>;

export function publicationWorkflowRoutes(
  app: FastifyInstance,
  c: PublicationRouteContext,
  renderDetail: RenderDetail,
) {
  const { load, store } = c;
  /** Files still waiting for OCR are read now, outside the step's transaction (签发前再次扫描). */
  const finishScans = (pub: PublicationRow) =>
    finishQueuedScans(app.db, store(), pub.id, () => app.deps.clock.now().toISOString());

  /** A workflow action: validation problems re-render the page with the typed values. */
  const action = (
    path: string,
    event: PublicationEvent,
    run: (req: FastifyRequest, pub: PublicationRow) => Promise<unknown>,
    fields: string[],
    flash: (req: FastifyRequest, pub: PublicationRow) => string = () => 'saved',
  ) => {
    app.post(`/admin/publications/:id/${path}`, async (req, reply) => {
      const pub = await load(req);
      // The role before the form: someone who may not take the step learns nothing from its checks.
      authorize(req.actor, TRANSITIONS[event].action, pub);
      try {
        await run(req, pub);
        return reply.redirect(`/admin/publications/${pub.id}?flash=${flash(req, pub)}`, 303);
      } catch (err) {
        if (!(err instanceof ValidationError)) throw err;
        return renderDetail(
          req,
          reply,
          pub,
          err.fields,
          Object.fromEntries(fields.map((f) => [f, formValue(req.body, f)])),
        );
      }
    });
  };

  action(
    'submit',
    'submit',
    (req, pub) => inTransaction(app.db, (trx) => submit(trx, req.auditContext(), actorOf(req), pub.id)),
    [],
    () => 'submitted',
  );
  action(
    'review',
    'passReview',
    async (req, pub) => {
      const decision = formValue(req.body, 'decision');
      if (decision !== 'pass' && decision !== 'return') throw new AppError('badRequest');
      if (decision === 'pass') await finishScans(pub);
      return inTransaction(app.db, (trx) =>
        review(trx, req.auditContext(), actorOf(req), pub.id, decision, formValue(req.body, 'comment')),
      );
    },
    ['comment'],
    (req) => (formValue(req.body, 'decision') === 'pass' ? 'reviewPassed' : 'returned'),
  );
  action(
    'sign-off',
    'approve',
    async (req, pub) => {
      const decision = formValue(req.body, 'decision');
      if (decision !== 'approve' && decision !== 'return') throw new AppError('badRequest');
      if (decision === 'approve') await finishScans(pub);
      return inTransaction(app.db, (trx) =>
        signOff(trx, req.auditContext(), actorOf(req), pub.id, decision, formValue(req.body, 'comment')),
      );
    },
    ['comment'],
    (req, pub) =>
      formValue(req.body, 'decision') !== 'approve'
        ? 'returned'
        : pub.disclosureMode === 'proactive'
          ? 'published'
          : 'recorded',
  );
  action(
    'withdraw',
    'withdraw',
    (req, pub) =>
      inTransaction(app.db, (trx) =>
        withdraw(trx, req.auditContext(), actorOf(req), pub.id, formValue(req.body, 'reason')),
      ),
    ['reason'],
    () => 'withdrawn',
  );
  action(
    'validity',
    'setValidity',
    (req, pub) => {
      const validity = formValue(req.body, 'validity');
      if (!VALIDITIES.includes(validity as Validity)) throw new ValidationError({ validityOn: '请选择有效性。' });
      return inTransaction(app.db, (trx) =>
        setValidity(
          trx,
          req.auditContext(),
          actorOf(req),
          pub.id,
          validity as Validity,
          formValue(req.body, 'validityOn').trim(),
        ),
      );
    },
    ['validity', 'validityOn'],
  );
}
