// SQL for users, roles and sessions.
import type { Insertable } from 'kysely';
import { findRow } from '../../platform/rows.ts';
import type { Executor } from '../../platform/transaction.ts';
import type { Role, SessionsTable } from './account.tables.ts';

export function findUserByUsername(db: Executor, username: string) {
  return findRow(db, 'users', { username });
}

export function findUserById(db: Executor, id: number) {
  return findRow(db, 'users', { id });
}

export async function findRoles(db: Executor, userId: number): Promise<Role[]> {
  const rows = await db.selectFrom('userRoles').select('role').where('userId', '=', userId).orderBy('role').execute();
  return rows.map((r) => r.role);
}

export async function replaceRoles(db: Executor, userId: number, roles: readonly Role[]): Promise<void> {
  await db.deleteFrom('userRoles').where('userId', '=', userId).execute();
  if (roles.length)
    await db
      .insertInto('userRoles')
      .values(roles.map((role) => ({ userId, role })))
      .execute();
}

export function listUsersInAgencies(db: Executor, agencyIds: number[]) {
  return db
    .selectFrom('users')
    .innerJoin('agencies', 'agencies.id', 'users.agencyId')
    .select([
      'users.id',
      'users.username',
      'users.displayName',
      'users.agencyId',
      'users.active',
      'users.lastLoginAt',
      'users.mustChangePassword',
      'agencies.name as agencyName',
    ])
    .where('users.agencyId', 'in', agencyIds.length ? agencyIds : [-1])
    .orderBy('agencies.path')
    .orderBy('users.username')
    .execute();
}

/** Active staff of an agency holding any of the roles (each once), for notifications. */
export function listActiveStaffWithRoles(db: Executor, agencyId: number, roles: readonly Role[]) {
  return db
    .selectFrom('users')
    .innerJoin('userRoles', 'userRoles.userId', 'users.id')
    .select(['users.id', 'users.displayName', 'users.email'])
    .where('users.agencyId', '=', agencyId)
    .where('users.active', '=', 1)
    .where('userRoles.role', 'in', [...roles])
    .distinct()
    .execute();
}

export async function rolesByUser(db: Executor, userIds: number[]): Promise<Map<number, Role[]>> {
  const out = new Map<number, Role[]>();
  if (!userIds.length) return out;
  const rows = await db.selectFrom('userRoles').select(['userId', 'role']).where('userId', 'in', userIds).execute();
  for (const r of rows) out.set(r.userId, [...(out.get(r.userId) ?? []), r.role]);
  return out;
}

export function insertSession(db: Executor, s: Insertable<SessionsTable>) {
  return db.insertInto('sessions').values(s).execute();
}

export function findSessionWithUser(db: Executor, id: string) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.userId')
    .innerJoin('agencies', 'agencies.id', 'users.agencyId')
    .select([
      'sessions.id as sessionId',
      'sessions.lastSeenAt',
      'sessions.expiresAt',
      'users.id as userId',
      'users.username',
      'users.displayName',
      'users.active',
      'users.mustChangePassword',
      'users.agencyId',
      'agencies.name as agencyName',
      'agencies.path as agencyPath',
      'agencies.depth as agencyDepth',
    ])
    .where('sessions.id', '=', id)
    .executeTakeFirst();
}

export function touchSession(db: Executor, id: string, at: string) {
  return db.updateTable('sessions').set({ lastSeenAt: at }).where('id', '=', id).execute();
}

export function deleteSession(db: Executor, id: string) {
  return db.deleteFrom('sessions').where('id', '=', id).execute();
}

export function deleteSessionsOfUser(db: Executor, userId: number, exceptId?: string) {
  let q = db.deleteFrom('sessions').where('userId', '=', userId);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return q.execute();
}

export function deleteExpiredSessions(db: Executor, now: string, idleBefore: string) {
  return db
    .deleteFrom('sessions')
    .where((eb) => eb.or([eb('expiresAt', '<=', now), eb('lastSeenAt', '<', idleBefore)]))
    .execute();
}

/**
 * The user's own data and that of their agency and the agencies above it: words a password must
 * not be built from (username parts, name, e-mail, 网址标识, phone, 统一社会信用代码).
 */
export async function findPasswordContext(db: Executor, userId: number): Promise<string[]> {
  const user = await db
    .selectFrom('users')
    .innerJoin('agencies', 'agencies.id', 'users.agencyId')
    .select(['users.displayName', 'users.email', 'agencies.path'])
    .where('users.id', '=', userId)
    .executeTakeFirst();
  if (!user) return [];
  const ids = user.path.split('/').filter(Boolean).map(Number);
  const agencies = ids.length
    ? await db
        .selectFrom('agencies')
        .select(['slug', 'name', 'shortName', 'officePhone', 'officeEmail', 'creditCode'])
        .where('id', 'in', ids)
        .execute()
    : [];
  return [
    user.displayName,
    user.email,
    ...agencies.flatMap((a) => [a.slug, a.name, a.shortName, a.officePhone, a.officeEmail, a.creditCode]),
  ].filter(Boolean);
}

/** The hashes of the user's `limit` most recent own passwords, newest first. */
export async function findRecentPasswordHashes(db: Executor, userId: number, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('passwordHistory')
    .select('passwordHash')
    .where('userId', '=', userId)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => r.passwordHash);
}

/** Appends a chosen password's hash and keeps only the user's `keep` newest entries. */
export async function addToPasswordHistory(
  db: Executor,
  userId: number,
  passwordHash: string,
  at: string,
  keep: number,
): Promise<void> {
  await db.insertInto('passwordHistory').values({ userId, passwordHash, createdAt: at }).execute();
  const kept = await db
    .selectFrom('passwordHistory')
    .select('id')
    .where('userId', '=', userId)
    .orderBy('id', 'desc')
    .limit(keep)
    .execute();
  await db
    .deleteFrom('passwordHistory')
    .where('userId', '=', userId)
    .where(
      'id',
      'not in',
      kept.map((r) => r.id),
    )
    .execute();
}

export function findLoginFailures(db: Executor, username: string, ip: string) {
  return findRow(db, 'loginFailures', { username, ip });
}

export async function saveLoginFailures(
  db: Executor,
  row: { username: string; ip: string; failures: number; lastFailureAt: string; blockedUntil: string | null },
): Promise<void> {
  const { failures, lastFailureAt, blockedUntil } = row;
  await db
    .insertInto('loginFailures')
    .values(row)
    .onConflict((oc) => oc.columns(['username', 'ip']).doUpdateSet({ failures, lastFailureAt, blockedUntil }))
    .execute();
}

/** Forgets the failures of a username: from one address (a success there), or from all (an admin). */
export async function clearLoginFailures(db: Executor, username: string, ip?: string): Promise<void> {
  let q = db.deleteFrom('loginFailures').where('username', '=', username);
  if (ip !== undefined) q = q.where('ip', '=', ip);
  await q.execute();
}

/** Usernames that some address may not try again before a later time. */
export async function findDelayedUsernames(db: Executor, usernames: string[], now: string): Promise<Set<string>> {
  if (!usernames.length) return new Set();
  const rows = await db
    .selectFrom('loginFailures')
    .select('username')
    .distinct()
    .where('username', 'in', usernames)
    .where('blockedUntil', '>', now)
    .execute();
  return new Set(rows.map((r) => r.username));
}

export function deleteStaleLoginFailures(db: Executor, before: string) {
  return db.deleteFrom('loginFailures').where('lastFailureAt', '<', before).execute();
}
