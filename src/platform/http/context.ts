// Per-request context: the session's actor (resolved once, onRequest), the page context for
// rendering, the audit context for services, and reply.page() for HTML.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { SESSION_COOKIE, type Actor } from '../auth/actor.ts';
import type { Executor } from '../transaction.ts';
import { renderDocumentBytes, type RenderedPage } from '../views/render.ts';
import { markPrivate } from './public-cache.ts';
import { FLASH_MESSAGES, type DisplayPrefs, type PageContext, type SiteFooter } from '../views/page-context.ts';
import type { SiteIdentity } from '../../config.ts';
import type { AppDeps } from './types.ts';
import { VersionMemo } from '../../db/version-memo.ts';

export const PREFS_COOKIE = 'gk_prefs';
const DEFAULT_SITE_NAME = '政府信息公开平台';

export function parsePrefs(raw: string | undefined): DisplayPrefs {
  const prefs: DisplayPrefs = { font: 'normal', contrast: false, care: false };
  for (const part of (raw ?? '').split('.')) {
    if (part === 'large' || part === 'xlarge') prefs.font = part;
    if (part === 'contrast') prefs.contrast = true;
    if (part === 'care') prefs.care = true;
  }
  return prefs;
}

export function serializePrefs(p: DisplayPrefs): string {
  return [p.font, p.contrast ? 'contrast' : '', p.care ? 'care' : ''].filter(Boolean).join('.');
}

interface RootAgency {
  name: string;
  slug: string;
}

/**
 * What the request context needs from the modules, passed in by buildApp() (src/app.ts) so that
 * platform/ imports no module: the account module's session lookup and the agency module's top
 * agency (whose name is the site's).
 */
export interface RequestContextSources {
  resolveSession(
    db: Executor,
    token: string,
    now: Date,
    settings: { idleMinutes: number; absoluteHours: number },
  ): Promise<Actor | null>;
  findRootAgency(db: Executor): Promise<RootAgency | undefined>;
}

/**
 * The site's name is the top agency's; every page shows it, so it is kept in the memo of public
 * reads (db/version-memo.ts) and so is the footer built from it: both change only with public data.
 */
function siteOf(
  memo: VersionMemo,
  deps: AppDeps,
  findRootAgency: RequestContextSources['findRootAgency'],
): () => Promise<{ name: string; site: SiteFooter }> {
  const fallback = { name: DEFAULT_SITE_NAME, slug: '' };
  let last: { name: string; site: SiteFooter } | undefined;
  return () =>
    memo
      .get('site', async () => {
        const found = await findRootAgency(deps.database.db);
        const root = { name: found?.name ?? DEFAULT_SITE_NAME, slug: found?.slug ?? '' };
        last = { name: root.name, site: siteFooter(deps.config.site, root) };
        return last;
      })
      // The database is unreachable: the last name read, else the default (the page itself says what failed).
      .catch(() => last ?? { name: fallback.name, site: siteFooter(deps.config.site, fallback) });
}

/** The configured identifiers, defaults filled from the top agency. */
export function siteFooter(site: SiteIdentity, root: RootAgency): SiteFooter {
  const home = root.slug ? `/agencies/${root.slug}` : '/agencies';
  return {
    ...site,
    sponsor: site.sponsor || root.name,
    contactUrl: site.contactUrl || `${home}#office-title`,
    errorReportUrl: site.errorReportUrl || (root.slug ? `${home}/mailbox` : '/agencies'),
    rootSlug: root.slug,
  };
}

function skipsSession(url: string): boolean {
  return url.startsWith('/assets/') || url === '/healthz' || url.startsWith('/api/v1/calendar');
}

export function registerRequestContext(
  app: FastifyInstance,
  deps: AppDeps,
  { resolveSession, findRootAgency }: RequestContextSources,
): void {
  const memo = new VersionMemo(deps.database.version);
  const site = siteOf(memo, deps, findRootAgency);
  const sessionSettings = {
    idleMinutes: deps.config.sessionIdleMinutes,
    absoluteHours: deps.config.sessionAbsoluteHours,
  };

  app.decorate('deps', deps);
  app.decorate('db', deps.database.db);
  app.decorate('memo', memo);
  app.decorateRequest('actor', null);

  app.addHook('onRequest', async (req, reply) => {
    if (skipsSession(req.url)) return;
    // Commits of other processes on the embedded engine, for the memo of public reads (once per
    // request; db/version-memo.ts). PostgreSQL's listener moves the version by itself.
    deps.database.version.probe?.();
    const token = req.cookies[SESSION_COOKIE];
    if (!token) return;
    req.actor = await resolveSession(deps.database.db, token, deps.clock.now(), sessionSettings);
    if (!req.actor) reply.clearCookie(SESSION_COOKIE, { path: '/' });
  });

  app.decorateRequest('pageContext', async function (this: FastifyRequest, reply: FastifyReply): Promise<PageContext> {
    const q = this.query as Record<string, unknown> | undefined;
    const flashKey = typeof q?.flash === 'string' ? q.flash : '';
    let token: string | undefined;
    const { name, site: footer } = await site();
    return {
      siteName: name,
      site: footer,
      actor: this.actor,
      get csrfToken() {
        if (token === undefined) {
          markPrivate(reply);
          token = reply.generateCsrf();
        }
        return token;
      },
      prefs: parsePrefs(this.cookies[PREFS_COOKIE]),
      url: this.url,
      flash: FLASH_MESSAGES[flashKey] ?? null,
    };
  });

  app.decorateRequest('auditContext', function (this: FastifyRequest) {
    return {
      actorUserId: this.actor?.userId ?? null,
      actorName: this.actor?.username ?? '公众',
      ip: this.ip,
      at: deps.clock.now().toISOString(),
    };
  });

  app.decorateReply('page', function (this: FastifyReply, page: VNode | RenderedPage, status = 200) {
    return (
      this.code(status)
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        // Encoded to UTF-8 once, here: a string would be measured for content-length (Fastify's
        // Buffer.byteLength) and then encoded again when written. Parts kept encoded are put in
        // as they are (views/render.ts, EncodedPart).
        .send(renderDocumentBytes(page))
    );
  });
}
