// Creating and changing staff accounts. Each account belongs to one agency; its roles apply
// there (an admin's also to the agencies below it).
import { AppError, ValidationError } from '../../platform/errors.ts';
import type { Executor, Trx } from '../../platform/transaction.ts';
import { recordEvent, type AuditContext } from '../../platform/audit.ts';
import {
  clearLoginFailures,
  deleteSessionsOfUser,
  findRoles,
  findUserById,
  findUserByUsername,
  replaceRoles,
} from './account.repository.ts';
import { ROLES, type Role } from './account.tables.ts';
import { generateOneTimePassword, hashPassword } from './password.ts';

export const ROLE_LABELS: Record<Role, string> = {
  clerk: '信息员',
  reviewer: '保密审查员',
  signer: '签发领导',
  admin: '单位管理员',
};

export const USERNAME_PATTERN = /^[a-z][a-z0-9._-]{2,31}$/;

export interface NewUser {
  agencyId: number;
  username: string;
  displayName: string;
  email: string;
  roles: Role[];
  /** Given for the CLI; otherwise a one-time password is generated. */
  password?: string;
}

export function parseRoles(values: string[]): Role[] {
  return ROLES.filter((r) => values.includes(r));
}

export async function createUser(
  trx: Trx,
  ctx: AuditContext,
  input: NewUser,
): Promise<{ id: number; oneTimePassword: string }> {
  const errors: Record<string, string> = {};
  if (!USERNAME_PATTERN.test(input.username))
    errors.username = '用户名须以小写字母开头，由 3–32 位小写字母、数字、点、下划线或连字符组成。';
  else if (await findUserByUsername(trx, input.username)) errors.username = '该用户名已被使用。';
  if (!input.displayName) errors.displayName = '请填写姓名。';
  if (!input.roles.length) errors.roles = '请至少选择一个角色。';
  if (Object.keys(errors).length) throw new ValidationError(errors);
  const password = input.password ?? generateOneTimePassword();
  const row = await trx
    .insertInto('users')
    .values({
      agencyId: input.agencyId,
      username: input.username,
      displayName: input.displayName,
      email: input.email,
      passwordHash: await hashPassword(password),
      mustChangePassword: 1,
      active: 1,
      lastLoginAt: null,
      passwordChangedAt: null,
      createdAt: ctx.at,
      updatedAt: ctx.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await replaceRoles(trx, row.id, input.roles);
  await recordEvent(
    trx,
    ctx,
    'user.created',
    { type: 'user', id: row.id, agencyId: input.agencyId },
    {
      after: { username: input.username, displayName: input.displayName, roles: input.roles },
    },
  );
  return { id: row.id, oneTimePassword: password };
}

export async function updateUser(
  trx: Trx,
  ctx: AuditContext,
  userId: number,
  input: { displayName: string; email: string; roles: Role[] },
): Promise<void> {
  const user = await findUserById(trx, userId);
  if (!user) throw new AppError('notFound');
  const errors: Record<string, string> = {};
  if (!input.displayName) errors.displayName = '请填写姓名。';
  if (!input.roles.length) errors.roles = '请至少选择一个角色。';
  if (Object.keys(errors).length) throw new ValidationError(errors);
  const before = { displayName: user.displayName, email: user.email, roles: await findRoles(trx, userId) };
  await trx
    .updateTable('users')
    .set({ displayName: input.displayName, email: input.email, updatedAt: ctx.at })
    .where('id', '=', userId)
    .execute();
  await replaceRoles(trx, userId, input.roles);
  await recordEvent(
    trx,
    ctx,
    'user.updated',
    { type: 'user', id: userId, agencyId: user.agencyId },
    { before, after: input },
  );
}

export async function setUserActive(trx: Trx, ctx: AuditContext, userId: number, active: boolean): Promise<void> {
  const user = await findUserById(trx, userId);
  if (!user) throw new AppError('notFound');
  if (ctx.actorUserId === userId && !active) throw new AppError('conflict', '不能停用自己的账号。');
  await trx
    .updateTable('users')
    .set({ active: active ? 1 : 0, updatedAt: ctx.at })
    .where('id', '=', userId)
    .execute();
  if (!active) await deleteSessionsOfUser(trx, userId);
  await recordEvent(trx, ctx, active ? 'user.activated' : 'user.deactivated', {
    type: 'user',
    id: userId,
    agencyId: user.agencyId,
  });
}

export async function unlockUser(trx: Trx, ctx: AuditContext, userId: number): Promise<void> {
  const user = await findUserById(trx, userId);
  if (!user) throw new AppError('notFound');
  // Every address that must wait before trying this username again may try at once.
  await clearLoginFailures(trx, user.username);
  await recordEvent(trx, ctx, 'user.unlocked', { type: 'user', id: userId, agencyId: user.agencyId });
}

export async function loadUserForAdmin(db: Executor, userId: number) {
  const user = await findUserById(db, userId);
  if (!user) throw new AppError('notFound');
  return { ...user, roles: await findRoles(db, userId) };
}
