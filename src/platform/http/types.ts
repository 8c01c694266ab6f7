// Fastify declarations shared by every route: the app's dependencies, the signed-in actor and
// the page/audit helpers.
import type { VNode } from 'preact';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/database.ts';
import type { AuditContext } from '../audit.ts';
import type { CalendarStore } from '../../modules/calendar/calendar.service.ts';
import type { Actor } from '../auth/actor.ts';
import type { Clock } from '../clock.ts';
import type { Db } from '../transaction.ts';
import type { PageContext } from '../views/page-context.ts';

export interface AppDeps {
  config: Config;
  database: Database;
  clock: Clock;
  calendar: CalendarStore;
}

declare module 'fastify' {
  interface FastifyInstance {
    deps: AppDeps;
    db: Db;
  }
  interface FastifyRequest {
    actor: Actor | null;
    /** Display preferences, page chrome and a fresh CSRF token for this page. */
    pageContext(reply: FastifyReply): Promise<PageContext>;
    auditContext(): AuditContext;
  }
  interface FastifyReply {
    /** Sends a rendered page (text/html). */
    page(vnode: VNode, status?: number): FastifyReply;
  }
}
