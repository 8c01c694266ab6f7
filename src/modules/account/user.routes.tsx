// Staff accounts in the admin console. Every route checks the target user's agency against
// the actor's scope: an admin of 灵溪镇 cannot see or touch 高坪乡's accounts.
import { createOnce, onceToken } from '../../platform/http/public-submission.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authorize, can } from '../../platform/auth/policy.ts';
import { AppError, ValidationError, type FieldErrors } from '../../platform/errors.ts';
import { formValue, formValues, parseId } from '../../platform/forms.ts';
import { actorOf } from '../../platform/http/admin-guard.ts';
import { inTransaction } from '../../platform/transaction.ts';
import { listAgencies } from '../agency/index.ts';
import { findDelayedUsernames, findUserById, listUsersInAgencies, rolesByUser } from './account.repository.ts';
import { resetPassword } from './password.service.ts';
import { createUser, loadUserForAdmin, parseRoles, setUserActive, unlockUser, updateUser } from './user.service.ts';
import { OneTimePasswordPage, UserFormPage, UserListPage, type UserFormValues } from './user.views.tsx';

/** An account's e-mail address is optional; one given must look like one. */
function checkEmail(email: string): void {
  if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new ValidationError({ email: '电子邮箱格式不正确。' });
}

export async function userRoutes(app: FastifyInstance): Promise<void> {
  const agencyOptions = async (req: FastifyRequest) => {
    const actor = actorOf(req);
    const all = await listAgencies(app.db, { activeOnly: true });
    return all
      .filter((a) => actor.scopeAgencyIds.has(a.id))
      .map((a) => ({ value: String(a.id), label: `${'　'.repeat(a.depth)}${a.name}` }));
  };

  const isLoginDelayed = async (username: string) =>
    (await findDelayedUsernames(app.db, [username], app.deps.clock.now().toISOString())).size > 0;

  /** The form of a new account with `values`, and the errors of a refused save. */
  const newPage = async (req: FastifyRequest, reply: FastifyReply, values: UserFormValues, errors?: FieldErrors) =>
    reply.page(
      <UserFormPage
        ctx={await req.pageContext(reply)}
        mode="new"
        values={values}
        agencies={await agencyOptions(req)}
        errors={errors}
        once={onceToken(req)}
      />,
      errors ? 422 : 200,
    );

  /** The edit form of an account with `values`, its state (active, locked out), and the errors of a refused save. */
  const editPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    user: { id: number; username: string; active: number },
    values: UserFormValues,
    errors?: FieldErrors,
  ) => {
    const status = { active: user.active === 1, locked: await isLoginDelayed(user.username) };
    return reply.page(
      <UserFormPage
        ctx={await req.pageContext(reply)}
        mode="edit"
        userId={user.id}
        values={values}
        agencies={[]}
        errors={errors}
        status={status}
      />,
      errors ? 422 : 200,
    );
  };

  /** Loads a user and checks the actor may act on it: 404 for no such user, 403 for another agency's. */
  const loadTarget = async (req: FastifyRequest, action: 'user.view' | 'user.manage') => {
    const id = parseId((req.params as { id: string }).id);
    const user = id ? await findUserById(app.db, id) : undefined;
    if (!user) throw new AppError('notFound');
    authorize(req.actor, action, { agencyId: user.agencyId });
    return user;
  };

  app.get('/admin/users', async (req, reply) => {
    const actor = actorOf(req);
    authorize(actor, 'user.view');
    const users = await listUsersInAgencies(app.db, [...actor.scopeAgencyIds]);
    const roles = await rolesByUser(
      app.db,
      users.map((u) => u.id),
    );
    const delayed = await findDelayedUsernames(
      app.db,
      users.map((u) => u.username),
      app.deps.clock.now().toISOString(),
    );
    return reply.page(
      <UserListPage
        ctx={await req.pageContext(reply)}
        users={users.map((u) => ({ ...u, roles: roles.get(u.id) ?? [], loginDelayed: delayed.has(u.username) }))}
        canManage={can(actor, 'user.manage')}
        now={app.deps.clock.now().toISOString()}
      />,
    );
  });

  app.get('/admin/users/new', async (req, reply) => {
    const actor = actorOf(req);
    authorize(actor, 'user.manage');
    const values: UserFormValues = {
      agencyId: String(actor.agencyId),
      username: '',
      displayName: '',
      email: '',
      roles: ['clerk'],
    };
    return newPage(req, reply, values);
  });

  app.post('/admin/users', async (req, reply) => {
    const actor = actorOf(req);
    const values: UserFormValues = {
      agencyId: formValue(req.body, 'agencyId'),
      username: formValue(req.body, 'username').trim().toLowerCase(),
      displayName: formValue(req.body, 'displayName').trim(),
      email: formValue(req.body, 'email').trim(),
      roles: formValues(req.body, 'roles'),
    };
    const agencyId = parseId(values.agencyId);
    authorize(actor, 'user.manage', agencyId ? { agencyId } : undefined);
    try {
      if (!agencyId) throw new ValidationError({ agencyId: '请选择所属单位。' });
      checkEmail(values.email);
      // The page with the one-time password answers the POST itself: the same form sent again (a
      // refresh of that page, a second click) creates nothing and goes to the account (createOnce).
      return await createOnce(
        app,
        req,
        reply,
        'user.create',
        async (trx) => {
          const created = await createUser(trx, req.auditContext(), {
            agencyId,
            username: values.username,
            displayName: values.displayName,
            email: values.email,
            roles: parseRoles(values.roles),
          });
          return { location: `/admin/users/${created.id}`, value: created };
        },
        async ({ value }) =>
          reply.page(
            <OneTimePasswordPage
              ctx={await req.pageContext(reply)}
              username={values.username}
              password={value.oneTimePassword}
              created
            />,
            201,
          ),
      );
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return newPage(req, reply, values, err.fields);
    }
  });

  app.get('/admin/users/:id', async (req, reply) => {
    const target = await loadTarget(req, 'user.manage');
    const user = await loadUserForAdmin(app.db, target.id);
    const values: UserFormValues = {
      agencyId: String(user.agencyId),
      username: user.username,
      displayName: user.displayName,
      email: user.email,
      roles: user.roles,
    };
    return editPage(req, reply, user, values);
  });

  app.post('/admin/users/:id', async (req, reply) => {
    const target = await loadTarget(req, 'user.manage');
    const values: UserFormValues = {
      agencyId: String(target.agencyId),
      username: target.username,
      displayName: formValue(req.body, 'displayName').trim(),
      email: formValue(req.body, 'email').trim(),
      roles: formValues(req.body, 'roles'),
    };
    try {
      checkEmail(values.email);
      await inTransaction(app.db, (trx) =>
        updateUser(trx, req.auditContext(), target.id, {
          displayName: values.displayName,
          email: values.email,
          roles: parseRoles(values.roles),
        }),
      );
      return reply.redirect(`/admin/users/${target.id}?flash=saved`, 303);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return editPage(req, reply, target, values, err.fields);
    }
  });

  app.post('/admin/users/:id/reset', async (req, reply) => {
    const target = await loadTarget(req, 'user.manage');
    const otp = await inTransaction(app.db, (trx) => resetPassword(trx, req.auditContext(), target.id));
    return reply.page(
      <OneTimePasswordPage
        ctx={await req.pageContext(reply)}
        username={target.username}
        password={otp}
        created={false}
      />,
    );
  });

  app.post('/admin/users/:id/unlock', async (req, reply) => {
    const target = await loadTarget(req, 'user.manage');
    await inTransaction(app.db, (trx) => unlockUser(trx, req.auditContext(), target.id));
    return reply.redirect(`/admin/users/${target.id}?flash=unlocked`, 303);
  });

  for (const [path, active, flash] of [
    ['deactivate', false, 'deactivated'],
    ['activate', true, 'activated'],
  ] as const) {
    app.post(`/admin/users/:id/${path}`, async (req, reply) => {
      const target = await loadTarget(req, 'user.manage');
      await inTransaction(app.db, (trx) => setUserActive(trx, req.auditContext(), target.id, active));
      return reply.redirect(`/admin/users/${target.id}?flash=${flash}`, 303);
    });
  }
}
