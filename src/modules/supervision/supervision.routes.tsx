// Supervision routes: staff pages (list + form on one page each) and the public 通报 list.
import { createOnce, onceToken } from '../../platform/http/public-submission.ts';
import { beijingDate } from '../../platform/chinese-date.ts';
import type { FastifyInstance } from 'fastify';
import { authorize, can } from '../../platform/auth/policy.ts';
import { AppError, ValidationError } from '../../platform/errors.ts';
import { formValue, parseForm, parseId } from '../../platform/forms.ts';
import { actorOf } from '../../platform/http/admin-guard.ts';
import { inTransaction } from '../../platform/transaction.ts';
import { listAgencies, publicAgencyBySlug } from '../agency/index.ts';
import { satisfactionOverTime } from './supervision.report.ts';
import {
  ACCOUNTABILITY_FORM,
  EVALUATION_FORM,
  FIX_STATUS_LABELS,
  INSPECTION_FORM,
  recordAccountability,
  recordEvaluation,
  recordInspection,
  setFixStatus,
  type AccountabilityInput,
  type EvaluationInput,
  type InspectionInput,
} from './supervision.service.ts';
import type { FixStatus } from './supervision.tables.ts';
import {
  AccountabilityPage,
  BulletinsPage,
  DashboardPage,
  satisfactionChart,
  EvaluationsPage,
  InspectionsPage,
} from './supervision.views.tsx';

export async function supervisionPublicRoutes(app: FastifyInstance): Promise<void> {
  app.get('/agencies/:slug/bulletins', { config: { publicCache: true } }, async (req, reply) => {
    const agency = await publicAgencyBySlug(app, (req.params as { slug: string }).slug);
    const rows = await app.db
      .selectFrom('inspections')
      .selectAll()
      .where('agencyId', '=', agency.id)
      .where('bulletinPublished', '=', 1)
      .orderBy('inspectedOn', 'desc')
      .limit(100)
      .execute();
    return reply.page(<BulletinsPage ctx={await req.pageContext(reply)} agency={agency} rows={rows} />);
  });
}

export async function supervisionAdminRoutes(app: FastifyInstance): Promise<void> {
  const scope = (ids: ReadonlySet<number>) => [...ids];

  app.get('/admin/supervision', async (req, reply) => {
    const actor = actorOf(req);
    authorize(actor, 'supervision.view');
    // From 1 January two years back, by Beijing's year (the UTC year is last year's until 08:00 on 1 January).
    const from = `${Number(beijingDate(app.deps.clock.now().toISOString()).slice(0, 4)) - 2}-01-01`;
    const wanted = parseId((req.query as Record<string, unknown>).agency);
    const agencyId = wanted && actor.scopeAgencyIds.has(wanted) ? wanted : null;
    const agencies = (await listAgencies(app.db))
      .filter((a) => actor.scopeAgencyIds.has(a.id))
      .map((a) => ({ value: String(a.id), label: a.name }));
    const points = await satisfactionOverTime(app.db, agencyId ? [agencyId] : scope(actor.scopeAgencyIds), from);
    return reply.page(
      <DashboardPage
        ctx={await req.pageContext(reply)}
        points={points}
        chart={await satisfactionChart(points)}
        agencies={agencies}
        agencyId={agencyId ? String(agencyId) : ''}
      />,
    );
  });

  const evaluations = (ids: number[]) =>
    app.db
      .selectFrom('evaluations')
      .selectAll()
      .where('agencyId', 'in', ids)
      .orderBy('heldOn', 'desc')
      .limit(200)
      .execute();
  const inspections = (ids: number[]) =>
    app.db
      .selectFrom('inspections')
      .selectAll()
      .where('agencyId', 'in', ids)
      .orderBy('inspectedOn', 'desc')
      .limit(200)
      .execute();
  const accountability = (ids: number[]) =>
    app.db
      .selectFrom('accountabilityRecords')
      .selectAll()
      .where('agencyId', 'in', ids)
      .orderBy('decidedOn', 'desc')
      .limit(200)
      .execute();
  const EMPTY_EVAL: EvaluationInput = { heldOn: '', evaluatorKind: 'deputy', evaluator: '', score: '', remarks: '' };
  const EMPTY_INSP: InspectionInput = {
    scope: '',
    inspectedOn: '',
    findings: '',
    requiredFixes: '',
    fixDeadline: '',
    bulletin: '',
  };
  const EMPTY_ACC: AccountabilityInput = {
    person: '',
    failure: '',
    measure: '',
    decidedOn: '',
    complaintId: '',
    inspectionId: '',
  };

  app.get('/admin/supervision/evaluations', async (req, reply) => {
    const actor = actorOf(req);
    authorize(actor, 'supervision.view');
    return reply.page(
      <EvaluationsPage
        ctx={await req.pageContext(reply)}
        rows={await evaluations(scope(actor.scopeAgencyIds))}
        canManage={can(actor, 'supervision.manage', { agencyId: actor.agencyId })}
        once={onceToken(req)}
        values={EMPTY_EVAL}
      />,
    );
  });
  app.post('/admin/supervision/evaluations', async (req, reply) => {
    const actor = actorOf(req);
    authorize(actor, 'supervision.manage', { agencyId: actor.agencyId });
    const form = parseForm(req.body, EVALUATION_FORM);
    try {
      if (!form.ok) throw new ValidationError(form.errors);
      // Each form sent records one (createOnce): a second click or a refresh of the POST adds nothing.
      return await createOnce(app, req, reply, 'supervision.evaluation', async (trx) => {
        await recordEvaluation(trx, req.auditContext(), actor.agencyId, form.values);
        return { location: '/admin/supervision/evaluations?flash=saved', value: null };
      });
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return reply.page(
        <EvaluationsPage
          ctx={await req.pageContext(reply)}
          rows={await evaluations(scope(actor.scopeAgencyIds))}
          canManage
          once={onceToken(req)}
          values={form.values}
          errors={err.fields}
        />,
        422,
      );
    }
  });

  app.get('/admin/supervision/inspections', async (req, reply) => {
    const actor = actorOf(req);
    authorize(actor, 'supervision.view');
    return reply.page(
      <InspectionsPage
        ctx={await req.pageContext(reply)}
        rows={await inspections(scope(actor.scopeAgencyIds))}
        canManage={can(actor, 'supervision.manage', { agencyId: actor.agencyId })}
        once={onceToken(req)}
        values={EMPTY_INSP}
        publish={false}
      />,
    );
  });
  app.post('/admin/supervision/inspections', async (req, reply) => {
    const actor = actorOf(req);
    authorize(actor, 'supervision.manage', { agencyId: actor.agencyId });
    const form = parseForm(req.body, INSPECTION_FORM);
    const publish = formValue(req.body, 'publishBulletin') === 'yes';
    try {
      if (!form.ok) throw new ValidationError(form.errors);
      return await createOnce(app, req, reply, 'supervision.inspection', async (trx) => {
        await recordInspection(trx, req.auditContext(), actor.agencyId, form.values, publish);
        return { location: '/admin/supervision/inspections?flash=saved', value: null };
      });
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return reply.page(
        <InspectionsPage
          ctx={await req.pageContext(reply)}
          rows={await inspections(scope(actor.scopeAgencyIds))}
          canManage
          once={onceToken(req)}
          values={form.values}
          publish={publish}
          errors={err.fields}
        />,
        422,
      );
    }
  });
  app.post('/admin/supervision/inspections/:id/fix', async (req, reply) => {
    const id = parseId((req.params as { id: string }).id);
    const row = id
      ? await app.db.selectFrom('inspections').selectAll().where('id', '=', id).executeTakeFirst()
      : undefined;
    if (!row) throw new AppError('notFound');
    authorize(req.actor, 'supervision.manage', { agencyId: row.agencyId });
    const status = formValue(req.body, 'fixStatus');
    if (!(status in FIX_STATUS_LABELS)) throw new AppError('badRequest', '请选择整改情况。');
    await inTransaction(app.db, (trx) => setFixStatus(trx, req.auditContext(), row, status as FixStatus));
    return reply.redirect('/admin/supervision/inspections?flash=saved', 303);
  });

  app.get('/admin/supervision/accountability', async (req, reply) => {
    const actor = actorOf(req);
    authorize(actor, 'supervision.view');
    return reply.page(
      <AccountabilityPage
        ctx={await req.pageContext(reply)}
        rows={await accountability(scope(actor.scopeAgencyIds))}
        canManage={can(actor, 'supervision.manage', { agencyId: actor.agencyId })}
        once={onceToken(req)}
        values={EMPTY_ACC}
      />,
    );
  });
  app.post('/admin/supervision/accountability', async (req, reply) => {
    const actor = actorOf(req);
    authorize(actor, 'supervision.manage', { agencyId: actor.agencyId });
    const form = parseForm(req.body, ACCOUNTABILITY_FORM);
    try {
      if (!form.ok) throw new ValidationError(form.errors);
      return await createOnce(app, req, reply, 'supervision.accountability', async (trx) => {
        await recordAccountability(trx, req.auditContext(), actor.agencyId, form.values);
        return { location: '/admin/supervision/accountability?flash=saved', value: null };
      });
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return reply.page(
        <AccountabilityPage
          ctx={await req.pageContext(reply)}
          rows={await accountability(scope(actor.scopeAgencyIds))}
          canManage
          once={onceToken(req)}
          values={form.values}
          errors={err.fields}
        />,
        422,
      );
    }
  });
}
