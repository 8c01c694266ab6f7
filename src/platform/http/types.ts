// Fastify declarations shared by every route: the app's dependencies, the signed-in actor and
// the page/audit helpers.
import type { VNode } from 'preact';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/database.ts';
import type { VersionMemo } from '../../db/version-memo.ts';
import type { AuditContext } from '../audit.ts';
import type { Actor } from '../auth/actor.ts';
import type { Clock } from '../clock.ts';
import type { Db } from '../transaction.ts';
import type { PageContext } from '../views/page-context.ts';
import type { RenderedPage } from '../views/render.ts';

/**
 * The app's dependencies, built by the composition roots (bootstrap.ts, the test app) and handed
 * to buildApp(). A module whose service every route needs adds it by declaration merging — the
 * calendar module adds `calendar` (calendar.service.ts) — so that platform/ names no module.
 */
export interface AppDeps {
  config: Config;
  database: Database;
  clock: Clock;
}

declare module 'fastify' {
  interface FastifyInstance {
    deps: AppDeps;
    db: Db;
    /** Public reads kept while the data version has not moved (db/version-memo.ts). */
    memo: VersionMemo;
  }
  interface FastifyRequest {
    actor: Actor | null;
    /** Display preferences, page chrome and a fresh CSRF token for this page. */
    pageContext(reply: FastifyReply): Promise<PageContext>;
    auditContext(): AuditContext;
  }
  interface FastifyReply {
    /** Sends a rendered page (text/html): its vnode, or its document made as text (RenderedPage). */
    page(page: VNode | RenderedPage, status?: number): FastifyReply;
  }
}
