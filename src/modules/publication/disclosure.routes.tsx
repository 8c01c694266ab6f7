// 公开属性 (issue #17 point 3): the reviewer's periodic review of a recorded document (条例
// 第十八条) and the county's review interval (an admin of the top agency; the change is audited).
import type { FastifyInstance } from 'fastify';
import { authorize } from '../../platform/auth/policy.ts';
import { ValidationError } from '../../platform/errors.ts';
import { formValue } from '../../platform/forms.ts';
import { actorOf } from '../../platform/http/admin-guard.ts';
import { inTransaction } from '../../platform/transaction.ts';
import { registerNumberSetting } from '../settings/index.ts';
import { ATTRIBUTE_REVIEW_MONTHS_KEY } from './disclosure.rules.ts';
import { attributeReviewMonths, reviewAttribute } from './disclosure.service.ts';
import type { PublicationRouteContext } from './publication.route-context.ts';
import type { RenderDetail } from './publication.workflow-routes.ts';

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

  registerNumberSetting(app, {
    path: '/admin/publications/attribute-settings',
    key: ATTRIBUTE_REVIEW_MONTHS_KEY,
    read: attributeReviewMonths,
    min: 1,
    max: 60,
    unit: '月',
    auditAction: 'publication.attributeReviewMonthsChanged',
    field: { name: 'months', label: '复核周期（月）', hint: '1 到 60 之间的整数；默认 12（每年复核一次）。' },
    title: '公开属性复核周期',
    parent: { href: '/admin/publications', label: '主动公开信息' },
    explanation:
      '依申请公开和不予公开的文件，自最近一次认定公开属性之日起满这一周期的，列入审查人工作台的“到期需复核公开属性的不公开文件”（条例第十八条）。',
  });
}
