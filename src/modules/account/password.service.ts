// Changing one's own password, and an admin's reset to a new one-time password.
import { ValidationError } from '../../platform/errors.ts';
import type { Trx } from '../../platform/transaction.ts';
import { recordEvent, type AuditContext } from '../../platform/audit.ts';
import {
  addToPasswordHistory,
  clearLoginFailures,
  deleteSessionsOfUser,
  findPasswordContext,
  findRecentPasswordHashes,
  findUserById,
} from './account.repository.ts';
import { checkPasswordPolicy, generateOneTimePassword, hashPassword, verifyPassword } from './password.ts';

/** A new password must differ from this many of the user's most recent own passwords. */
export const PASSWORD_HISTORY_SIZE = 5;

/**
 * True when `password` is the current password or one of the last PASSWORD_HISTORY_SIZE the user
 * chose (the current one is usually the newest of those). Each check is an argon2 verify (~20 ms).
 */
async function isRecentPassword(trx: Trx, currentHash: string, userId: number, password: string): Promise<boolean> {
  const hashes = new Set([currentHash, ...(await findRecentPasswordHashes(trx, userId, PASSWORD_HISTORY_SIZE))]);
  for (const h of hashes) if (await verifyPassword(h, password)) return true;
  return false;
}

export async function changeOwnPassword(
  trx: Trx,
  ctx: AuditContext,
  userId: number,
  sessionId: string,
  input: { current: string; password: string; confirm: string },
): Promise<void> {
  const user = await findUserById(trx, userId);
  if (!user) throw new ValidationError({ current: '账号不存在。' });
  const errors: Record<string, string> = {};
  if (!input.current) errors.current = '请填写当前密码。';
  else if (!(await verifyPassword(user.passwordHash, input.current))) errors.current = '当前密码不正确。';
  const policy = input.password
    ? checkPasswordPolicy(input.password, user.username, await findPasswordContext(trx, userId))
    : null;
  if (!input.password) errors.password = '请填写新密码。';
  else if (policy) errors.password = policy;
  else if (input.password === input.current) errors.password = '新密码不能与当前密码相同。';
  else if (await isRecentPassword(trx, user.passwordHash, userId, input.password))
    errors.password = `新密码不能与最近用过的 ${PASSWORD_HISTORY_SIZE} 个密码相同，请换一个从未用过的密码。`;
  if (!errors.password && input.confirm !== input.password) errors.confirm = '两次输入的新密码不一致。';
  if (Object.keys(errors).length) throw new ValidationError(errors);
  const passwordHash = await hashPassword(input.password);
  await trx
    .updateTable('users')
    .set({ passwordHash, mustChangePassword: 0, passwordChangedAt: ctx.at, updatedAt: ctx.at })
    .where('id', '=', userId)
    .execute();
  await addToPasswordHistory(trx, userId, passwordHash, ctx.at, PASSWORD_HISTORY_SIZE);
  // Every other session of this user ends: whoever knew the old password is signed out.
  await deleteSessionsOfUser(trx, userId, sessionId);
  await recordEvent(trx, ctx, 'account.passwordChanged', { type: 'user', id: userId, agencyId: user.agencyId });
}

/** Sets a new one-time password (shown once to the admin), lifts login delays and signs the user out. */
export async function resetPassword(trx: Trx, ctx: AuditContext, userId: number): Promise<string> {
  const user = await findUserById(trx, userId);
  if (!user) throw new ValidationError({ user: '账号不存在。' });
  const otp = generateOneTimePassword();
  await trx
    .updateTable('users')
    .set({
      passwordHash: await hashPassword(otp),
      mustChangePassword: 1,
      updatedAt: ctx.at,
    })
    .where('id', '=', userId)
    .execute();
  await deleteSessionsOfUser(trx, userId);
  await clearLoginFailures(trx, user.username);
  await recordEvent(trx, ctx, 'account.passwordReset', { type: 'user', id: userId, agencyId: user.agencyId });
  return otp;
}
