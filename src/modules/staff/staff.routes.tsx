// Staff registry routes (admin only): list, add a member, record a training event.
import { createOnce, onceToken } from '../../platform/http/public-submission.ts';
import { newSubmissionToken } from '../../platform/public-submissions.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authorize, can } from '../../platform/auth/policy.ts';
import { AppError, ValidationError, type FieldErrors } from '../../platform/errors.ts';
import { formValue, parseForm, parseId } from '../../platform/forms.ts';
import { actorOf } from '../../platform/http/admin-guard.ts';
import { inTransaction } from '../../platform/transaction.ts';
import { listAgencies } from '../agency/index.ts';
import { todayInShanghai } from '../calendar/index.ts';
import {
  addStaffMember,
  endStaffMember,
  recordTraining,
  STAFF_FORM,
  TRAINING_FORM,
  type StaffInput,
  type TrainingInput,
} from './staff.service.ts';
import { StaffPage } from './staff.views.tsx';

const EMPTY_STAFF: StaffInput = { name: '', employment: 'partTime', role: '', since: '' };
const EMPTY_TRAINING: TrainingInput = { heldOn: '', title: '', hours: '', participants: '' };

export async function staffAdminRoutes(app: FastifyInstance): Promise<void> {
  const render = async (
    req: FastifyRequest,
    reply: FastifyReply,
    o: {
      staffValues?: StaffInput;
      trainingValues?: TrainingInput;
      staffErrors?: FieldErrors;
      trainingErrors?: FieldErrors;
    } = {},
  ) => {
    const actor = actorOf(req);
    const ids = [...actor.scopeAgencyIds];
    const members = await app.db
      .selectFrom('staffMembers')
      .selectAll()
      .where('agencyId', 'in', ids)
      .orderBy('agencyId')
      .orderBy('id')
      .execute();
    const trainings = await app.db
      .selectFrom('staffTrainings')
      .selectAll()
      .where('agencyId', 'in', ids)
      .orderBy('heldOn', 'desc')
      .limit(200)
      .execute();
    const agencyNames = new Map((await listAgencies(app.db)).map((a) => [a.id, a.shortName]));
    return reply.page(
      <StaffPage
        ctx={await req.pageContext(reply)}
        members={members}
        trainings={trainings}
        agencyNames={agencyNames}
        canManage={can(actor, 'staff.manage', { agencyId: actor.agencyId })}
        staffValues={o.staffValues ?? EMPTY_STAFF}
        trainingValues={o.trainingValues ?? EMPTY_TRAINING}
        staffErrors={o.staffErrors}
        trainingErrors={o.trainingErrors}
        once={{
          // The form sent back with errors keeps its token; the other gets its own.
          staff: o.staffValues ? onceToken(req) : newSubmissionToken(),
          training: o.trainingValues ? onceToken(req) : newSubmissionToken(),
        }}
      />,
      o.staffErrors || o.trainingErrors ? 422 : 200,
    );
  };

  app.get('/admin/staff', async (req, reply) => {
    authorize(req.actor, 'staff.view');
    return render(req, reply);
  });

  app.post('/admin/staff', async (req, reply) => {
    const actor = actorOf(req);
    authorize(actor, 'staff.manage', { agencyId: actor.agencyId });
    const form = parseForm(req.body, STAFF_FORM);
    if (!form.ok) return render(req, reply, { staffValues: form.values, staffErrors: form.errors });
    // Each form sent records one (createOnce): a second click or a refresh of the POST adds nothing.
    return createOnce(app, req, reply, 'staff.member', async (trx) => {
      await addStaffMember(trx, req.auditContext(), actor.agencyId, form.values);
      return { location: '/admin/staff?flash=saved', value: null };
    });
  });

  app.post('/admin/staff/:id/end', async (req, reply) => {
    const id = parseId((req.params as { id: string }).id);
    const row = id
      ? await app.db.selectFrom('staffMembers').selectAll().where('id', '=', id).executeTakeFirst()
      : undefined;
    if (!row) throw new AppError('notFound');
    authorize(req.actor, 'staff.manage', { agencyId: row.agencyId });
    try {
      await inTransaction(app.db, (trx) =>
        endStaffMember(trx, req.auditContext(), row, formValue(req.body, 'until').trim()),
      );
      return reply.redirect('/admin/staff?flash=saved', 303);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return render(req, reply, { staffErrors: err.fields ?? {} });
    }
  });

  app.post('/admin/staff/trainings', async (req, reply) => {
    const actor = actorOf(req);
    authorize(actor, 'staff.manage', { agencyId: actor.agencyId });
    const form = parseForm(req.body, TRAINING_FORM);
    // A training is recorded once held: the 工作人员 figures of the year count it.
    const errors: FieldErrors = form.ok ? {} : { ...form.errors };
    if (!errors.heldOn && form.values.heldOn > todayInShanghai(app.deps.clock.now()))
      errors.heldOn = '培训日期不能晚于今天。';
    if (Object.keys(errors).length) return render(req, reply, { trainingValues: form.values, trainingErrors: errors });
    return createOnce(app, req, reply, 'staff.training', async (trx) => {
      await recordTraining(trx, req.auditContext(), actor.agencyId, form.values);
      return { location: '/admin/staff?flash=saved', value: null };
    });
  });
}
