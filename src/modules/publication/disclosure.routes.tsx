// 公开属性 (issue #17 point 3): the reviewer's periodic review of a recorded document (条例
// 第十八条) and the county's review interval (an admin of the top agency; the change is audited).
import type { FastifyInstance } from 'fastify';
import { recordEvent } from '../../platform/audit.ts';
import { authorize } from '../../platform/auth/policy.ts';
import { AppError, ValidationError } from '../../platform/errors.ts';
import { formValue } from '../../platform/forms.ts';
import { actorOf } from '../../platform/http/admin-guard.ts';
import { inTransaction } from '../../platform/transaction.ts';
import { findRootAgency } from '../agency/index.ts';
import { writeSetting } from '../settings/index.ts';
import { ATTRIBUTE_REVIEW_MONTHS_KEY } from './disclosure.rules.ts';
import { attributeReviewMonths, reviewAttribute } from './disclosure.service.ts';
import { ReviewIntervalPage } from './disclosure.views.tsx';
import type { PublicationRouteContext } from './publication.route-context.ts';
import type { RenderDetail } from './publication.workflow-routes.ts';

const SETTINGS_PATH = '/admin/publications/attribute-settings';

export function parseReviewMonths(value: string): number {
  const v = value.trim();
  if (!/^\d{1,2}$/.test(v) || Number(v) < 1 || Number(v) > 60)
    throw new ValidationError({ months: '应为 1 到 60 之间的整数（月）。' });
  return Number(v);
}

export function disclosureRoutes(app: FastifyInstance, c: PublicationRouteContext, renderDetail: RenderDetail): void {
  app.post('/admin/publications/:id/attribute-review', async (req, reply) => {
    const pub = await c.load(req);
    // The role before the form (both outcomes are the reviewer's, publication.states.ts).
    authorize(req.actor, 'publication.review', pub);
    const values = {
      reviewMode: formValue(req.body, 'reviewMode').trim(),
      reviewGround: formValue(req.body, 'reviewGround').trim(),
      reason: formValue(req.body, 'reason'),
    };
    try {
      const cal = await app.deps.calendar.get();
      const outcome = await inTransaction(app.db, (trx) =>
        reviewAttribute(trx, req.auditContext(), actorOf(req), cal, pub.id, {
          mode: values.reviewMode,
          ground: values.reviewGround,
          reason: values.reason,
        }),
      );
      return reply.redirect(`/admin/publications/${pub.id}?flash=attribute-${outcome}`, 303);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      const f = err.fields ?? {};
      const errors: Record<string, string> = {};
      for (const [k, m] of Object.entries(f))
        errors[k === 'disclosureMode' ? 'reviewMode' : k === 'disclosureGround' ? 'reviewGround' : k] = m;
      return renderDetail(req, reply, pub, errors, values);
    }
  });

  const guard = async (actor: ReturnType<typeof actorOf>) => {
    const root = await findRootAgency(app.db);
    if (!root) throw new AppError('notFound');
    authorize(actor, 'settings.manage', { agencyId: root.id });
    return root;
  };

  app.get(SETTINGS_PATH, async (req, reply) => {
    await guard(actorOf(req));
    return reply.page(
      <ReviewIntervalPage ctx={await req.pageContext(reply)} value={String(await attributeReviewMonths(app.db))} />,
    );
  });

  app.post(SETTINGS_PATH, async (req, reply) => {
    const root = await guard(actorOf(req));
    const typed = formValue(req.body, 'months');
    try {
      const months = parseReviewMonths(typed);
      await inTransaction(app.db, async (trx) => {
        const before = await attributeReviewMonths(trx);
        const ctx = req.auditContext();
        await writeSetting(trx, 0, ATTRIBUTE_REVIEW_MONTHS_KEY, months, ctx.at);
        await recordEvent(
          trx,
          ctx,
          'publication.attributeReviewMonthsChanged',
          { type: 'agency', id: root.id, agencyId: root.id },
          { before: { months: before }, after: { months } },
        );
      });
      return reply.redirect(`${SETTINGS_PATH}?flash=saved`, 303);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return reply.page(
        <ReviewIntervalPage ctx={await req.pageContext(reply)} value={typed} errors={err.fields} />,
        422,
      );
    }
  });
}
