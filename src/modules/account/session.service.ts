// Server-side sessions: the browser holds a random token, the database holds its SHA-256 with
// the user, an idle timeout and an absolute expiry. Logout deletes the row, so a copied cookie
// dies with it; a password change ends every other session of the user.
import { createHash, randomBytes } from 'node:crypto';
import { SESSION_COOKIE, type Actor } from '../../platform/auth/actor.ts';
import { writeLockFree, type Executor } from '../../platform/transaction.ts';
import { descendantIds } from '../agency/index.ts';
import { deleteSession, findRoles, findSessionWithUser, insertSession, touchSession } from './account.repository.ts';

export interface SessionSettings {
  idleMinutes: number;
  absoluteHours: number;
}

export { SESSION_COOKIE };

export function sessionIdOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function createSession(
  db: Executor,
  userId: number,
  now: Date,
  settings: SessionSettings,
  meta: { ip: string; userAgent: string },
): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  const at = now.toISOString();
  await insertSession(db, {
    id: sessionIdOf(token),
    userId,
    createdAt: at,
    lastSeenAt: at,
    expiresAt: new Date(now.getTime() + settings.absoluteHours * 3600_000).toISOString(),
    ip: meta.ip.slice(0, 64),
    userAgent: meta.userAgent.slice(0, 300),
  });
  return token;
}

const TOUCH_EVERY_MS = 60_000;

/** The actor behind a session token, or null when the session is unknown, expired or idle. */
export async function resolveSession(
  db: Executor,
  token: string,
  now: Date,
  settings: SessionSettings,
): Promise<Actor | null> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const id = sessionIdOf(token);
  const s = await findSessionWithUser(db, id);
  if (!s) return null;
  const idleLimit = new Date(s.lastSeenAt).getTime() + settings.idleMinutes * 60_000;
  if (now.toISOString() >= s.expiresAt || now.getTime() > idleLimit || s.active !== 1) {
    // While another connection holds the lock the row is left to the `sessions.prune` job: the
    // visitor is signed out either way, and the request need not wait for it.
    if (writeLockFree(db)) await deleteSession(db, id);
    return null;
  }
  // The touch waits for no other connection's write (platform/transaction.ts writeLockFree): while
  // an import holds the lock it is left to a later request.
  if (now.getTime() - new Date(s.lastSeenAt).getTime() > TOUCH_EVERY_MS && writeLockFree(db))
    await touchSession(db, id, now.toISOString());
  const roles = await findRoles(db, s.userId);
  const scope = roles.includes('admin') ? await descendantIds(db, s.agencyPath) : [s.agencyId];
  return {
    userId: s.userId,
    username: s.username,
    displayName: s.displayName,
    agencyId: s.agencyId,
    agencyName: s.agencyName,
    agencyDepth: s.agencyDepth,
    roles,
    scopeAgencyIds: new Set(scope),
    mustChangePassword: s.mustChangePassword === 1,
    sessionId: id,
  };
}
