// The gate in front of every admin page: a signed-in actor, who has changed the one-time
// password, with a role that may enter the console. Object-level checks follow in each route.
// It runs at onRequest, before any byte of the body is read: a stranger's upload is answered
// 401 while it is still on the wire (multipart.ts).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../auth/actor.ts';
import { authorize } from '../auth/policy.ts';
import { AppError } from '../errors.ts';

export function addAdminGuard(app: FastifyInstance): void {
  app.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
    if (!req.actor) {
      if (req.method === 'GET' && !req.url.startsWith('/api/')) {
        return reply.redirect(`/admin/login?next=${encodeURIComponent(req.url)}`);
      }
      throw new AppError('loginRequired');
    }
    if (req.actor.mustChangePassword) {
      if (req.method === 'GET' && !req.url.startsWith('/api/')) return reply.redirect('/admin/password');
      throw new AppError('forbidden', '请先修改初始密码。');
    }
    authorize(req.actor, 'admin.enter');
  });
}

/** The actor of a request that passed the admin guard. */
export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw new AppError('loginRequired');
  return req.actor;
}
