import type { Generated } from 'kysely';
import type { Role } from '../../platform/auth/actor.ts';

export { ROLES, type Role } from '../../platform/auth/actor.ts';

export interface UsersTable {
  id: Generated<number>;
  agencyId: number;
  username: string;
  displayName: string;
  email: string;
  passwordHash: string;
  mustChangePassword: number;
  active: number;
  lastLoginAt: string | null;
  passwordChangedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface UserRolesTable {
  userId: number;
  role: Role;
}

export interface SessionsTable {
  /** SHA-256 of the cookie token: a stolen database does not yield usable sessions. */
  id: string;
  userId: number;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  ip: string;
  userAgent: string;
}

/** Hashes of passwords the user chose (not one-time passwords), to refuse reusing the last five. */
export interface PasswordHistoryTable {
  id: Generated<number>;
  userId: number;
  passwordHash: string;
  createdAt: string;
}

/** Failed logins per typed username and client address (the account need not exist). */
export interface LoginFailuresTable {
  username: string;
  ip: string;
  failures: number;
  lastFailureAt: string;
  /** No attempt for this username from this address is checked before this time. */
  blockedUntil: string | null;
}

export interface AccountTables {
  loginFailures: LoginFailuresTable;
  users: UsersTable;
  passwordHistory: PasswordHistoryTable;
  userRoles: UserRolesTable;
  sessions: SessionsTable;
}
