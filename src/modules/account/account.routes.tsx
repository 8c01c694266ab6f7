// Sign in, sign out, change password. Outside the admin guard: these are the way in.
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { form, Line, query } from '../../platform/http/schema.ts';
import { ValidationError } from '../../platform/errors.ts';
import { formValue } from '../../platform/forms.ts';
import { safeReturnPath } from '../../platform/http/return-path.ts';
import { inTransaction } from '../../platform/transaction.ts';
import { recordEvent } from '../../platform/audit.ts';
import { deleteSession } from './account.repository.ts';
import { ChangePasswordPage, LoginPage } from './account.views.tsx';
import { attemptLogin } from './login.service.ts';
import { changeOwnPassword } from './password.service.ts';
import { createSession, SESSION_COOKIE } from './session.service.ts';

function nextPath(value: unknown): string {
  const p = safeReturnPath(value, '/admin');
  return p.startsWith('/admin') && !p.startsWith('/admin/login') ? p : '/admin';
}

export async function accountRoutes(app: FastifyInstance): Promise<void> {
  const { config, clock } = app.deps;
  const cookieOpts = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: config.secureCookies };

  // `next` is any text: nextPath decides (same-site admin path, else the console).
  const next = Type.String({ title: '登录后前往', maxLength: 2_000 });
  app.get('/admin/login', { schema: { querystring: query({ next }) } }, async (req, reply) => {
    if (req.actor) return reply.redirect('/admin');
    const q = req.query as Record<string, unknown>;
    return reply.page(<LoginPage ctx={await req.pageContext(reply)} username="" next={nextPath(q.next)} />);
  });

  app.post(
    '/admin/login',
    {
      config: { rateLimit: { max: config.loginRateLimit, timeWindow: '1 minute' } },
      schema: { body: form({ username: Line('用户名', 100), password: Type.String({ maxLength: 1_000 }), next }) },
    },
    async (req, reply) => {
      const username = formValue(req.body, 'username').trim().toLowerCase();
      const password = formValue(req.body, 'password');
      const next = nextPath(formValue(req.body, 'next'));
      const render = async (status: number, message?: string, errors?: Record<string, string>) =>
        reply.page(
          <LoginPage
            ctx={await req.pageContext(reply)}
            username={username}
            next={next}
            message={message}
            errors={errors}
          />,
          status,
        );
      try {
        const result = await inTransaction(app.db, (trx) =>
          attemptLogin(trx, req.auditContext(), { username, password }, clock.now(), {
            freeFailures: config.loginMaxFailures,
            maxDelayMinutes: config.loginLockoutMinutes,
          }),
        );
        if (!result.ok) return render(result.status, result.message);
        const token = await createSession(
          app.db,
          result.userId,
          clock.now(),
          {
            idleMinutes: config.sessionIdleMinutes,
            absoluteHours: config.sessionAbsoluteHours,
          },
          { ip: req.ip, userAgent: req.headers['user-agent'] ?? '' },
        );
        reply.setCookie(SESSION_COOKIE, token, { ...cookieOpts, maxAge: config.sessionAbsoluteHours * 3600 });
        return reply.redirect(result.mustChangePassword ? '/admin/password' : next, 303);
      } catch (err) {
        if (err instanceof ValidationError) return render(422, undefined, err.fields);
        throw err;
      }
    },
  );

  app.post('/admin/logout', async (req, reply) => {
    if (req.actor) {
      const actor = req.actor;
      await inTransaction(app.db, async (trx) => {
        await deleteSession(trx, actor.sessionId);
        await recordEvent(trx, req.auditContext(), 'account.logout', {
          type: 'user',
          id: actor.userId,
          agencyId: actor.agencyId,
        });
      });
    }
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirect('/admin/login?flash=loggedOut', 303);
  });

  app.get('/admin/password', async (req, reply) => {
    if (!req.actor) return reply.redirect('/admin/login?next=/admin/password');
    return reply.page(<ChangePasswordPage ctx={await req.pageContext(reply)} forced={req.actor.mustChangePassword} />);
  });

  app.post('/admin/password', async (req, reply) => {
    const actor = req.actor;
    if (!actor) return reply.redirect('/admin/login?next=/admin/password', 303);
    try {
      await inTransaction(app.db, (trx) =>
        changeOwnPassword(trx, req.auditContext(), actor.userId, actor.sessionId, {
          current: formValue(req.body, 'current'),
          password: formValue(req.body, 'password'),
          confirm: formValue(req.body, 'confirm'),
        }),
      );
      return reply.redirect('/admin?flash=passwordChanged', 303);
    } catch (err) {
      if (err instanceof ValidationError) {
        return reply.page(
          <ChangePasswordPage
            ctx={await req.pageContext(reply)}
            forced={actor.mustChangePassword}
            errors={err.fields}
          />,
          422,
        );
      }
      throw err;
    }
  });
}
