// Signing in: throttled per account (temporary lockout after repeated failures) on top of the
// per-IP rate limit on the route; the same message for an unknown user and a wrong password.
import { ValidationError } from '../../platform/errors.ts';
import type { Trx } from '../../platform/transaction.ts';
import { recordEvent, type AuditContext } from '../../platform/audit.ts';
import { findUserByUsername } from './account.repository.ts';
import { dummyPasswordHash, verifyPassword } from './password.ts';

export interface LoginPolicy {
  maxFailures: number;
  lockoutMinutes: number;
}

export type LoginResult =
  { ok: true; userId: number; agencyId: number; mustChangePassword: boolean } | { ok: false; message: string };

const BAD_CREDENTIALS = '用户名或密码不正确。';

function shanghaiTime(iso: string): string {
  return new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(11, 16);
}

export async function attemptLogin(
  trx: Trx,
  ctx: AuditContext,
  input: { username: string; password: string },
  now: Date,
  policy: LoginPolicy,
): Promise<LoginResult> {
  if (!input.username || !input.password) {
    throw new ValidationError({
      ...(input.username ? {} : { username: '请填写用户名。' }),
      ...(input.password ? {} : { password: '请填写密码。' }),
    });
  }
  const user = await findUserByUsername(trx, input.username);
  if (!user || user.active !== 1) {
    await verifyPassword(await dummyPasswordHash(), input.password);
    return { ok: false, message: BAD_CREDENTIALS };
  }
  const at = now.toISOString();
  if (user.lockedUntil && user.lockedUntil > at) {
    return {
      ok: false,
      message: `该账号因连续登录失败已被临时锁定，请于 ${shanghaiTime(user.lockedUntil)}（北京时间）后再试，或联系管理员解锁。`,
    };
  }
  const entity = { type: 'user', id: user.id, agencyId: user.agencyId };
  if (!(await verifyPassword(user.passwordHash, input.password))) {
    const failures = (user.lockedUntil && user.lockedUntil <= at ? 0 : user.failedLogins) + 1;
    const lock = failures >= policy.maxFailures;
    const lockedUntil = lock ? new Date(now.getTime() + policy.lockoutMinutes * 60_000).toISOString() : null;
    await trx
      .updateTable('users')
      .set({ failedLogins: lock ? 0 : failures, lockedUntil, updatedAt: at })
      .where('id', '=', user.id)
      .execute();
    await recordEvent(trx, ctx, lock ? 'account.lockedOut' : 'account.loginFailed', entity, {
      note: `连续失败 ${failures} 次`,
    });
    if (lock) {
      return {
        ok: false,
        message: `连续 ${policy.maxFailures} 次登录失败，账号已被临时锁定 ${policy.lockoutMinutes} 分钟。`,
      };
    }
    return { ok: false, message: BAD_CREDENTIALS };
  }
  await trx
    .updateTable('users')
    .set({ failedLogins: 0, lockedUntil: null, lastLoginAt: at, updatedAt: at })
    .where('id', '=', user.id)
    .execute();
  await recordEvent(trx, { ...ctx, actorUserId: user.id, actorName: user.username }, 'account.login', entity);
  return { ok: true, userId: user.id, agencyId: user.agencyId, mustChangePassword: user.mustChangePassword === 1 };
}
