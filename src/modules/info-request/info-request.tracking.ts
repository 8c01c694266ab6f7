// Who may see a case on the public side: the browser that submitted it, or that proved it knows
// its number and query code (进度查询), holds a signed, httpOnly cookie naming the case, so the
// code never travels in a URL. Used by the application's receipt (info-request.public-routes.tsx)
// and by the tracking pages (info-request.track-routes.tsx).
import { hashQueryCode, sameHash } from '../../platform/query-code.ts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors.ts';
import type { Tracker } from '../../platform/tracking.ts';
import { findInfoRequestByNumber, type InfoRequestRow } from './info-request.repository.ts';

export const TRACK_COOKIE = 'gk_ir_track';

export { sameHash };

export function trackCookieOptions(app: FastifyInstance) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    signed: true,
    secure: app.deps.config.secureCookies,
    maxAge: 3600,
  };
}

/** 进度查询 of applications: `LINGXI-2025-0007` (agency, year, serial). */
export const infoRequestTracker: Tracker = {
  label: '政府信息公开申请',
  example: 'LINGXI-2025-0001',
  matches: (number) => /^[A-Z][A-Z0-9-]*-\d{4}-\d+$/.test(number),
  async open(app, _req, reply, number, code) {
    const r = await findInfoRequestByNumber(app.db, number);
    if (!r || !sameHash(hashQueryCode(code), r.queryCodeHash)) return null;
    reply.setCookie(TRACK_COOKIE, String(r.id), trackCookieOptions(app));
    return `/apply/track/${encodeURIComponent(r.number)}`;
  },
};

/** The case this browser proved it may see (number + query code), or null. */
export async function trackedCase(
  app: FastifyInstance,
  req: FastifyRequest,
  number: string,
): Promise<InfoRequestRow | null> {
  const raw = req.cookies[TRACK_COOKIE];
  if (!raw) return null;
  const un = req.unsignCookie(raw);
  if (!un.valid || !un.value) return null;
  const r = await findInfoRequestByNumber(app.db, number);
  if (!r || String(r.id) !== un.value) return null;
  return r;
}

/** The case of the route's `:number`, refused (403) unless this browser tracks it. */
export async function requireTracked(app: FastifyInstance, req: FastifyRequest): Promise<InfoRequestRow> {
  const { number } = req.params as { number: string };
  const r = await trackedCase(app, req, number);
  if (!r) throw new AppError('forbidden', '请先输入申请编号和查询码。');
  return r;
}
