// Signing in. Failures are counted per typed username and client address (login_failures), not
// per account: after `freeFailures` failures from one address, that address must wait before its
// next try for that username — 30 s, doubling with each further failure, up to `maxDelayMinutes`.
// A stranger guessing from address A therefore delays only address A; the owner on address B
// signs in as usual. Unknown usernames are counted the same way and every refusal reads the same
// whether the account exists or not, so the answers reveal nothing about which accounts exist.
// The per-IP rate limit on the route (@fastify/rate-limit) bounds one address across usernames.
import { ValidationError } from '../../platform/errors.ts';
import type { Trx } from '../../platform/transaction.ts';
import { recordEvent, type AuditContext } from '../../platform/audit.ts';
import { clearLoginFailures, findLoginFailures, findUserByUsername, saveLoginFailures } from './account.repository.ts';
import { dummyPasswordHash, verifyPassword } from './password.ts';

export interface LoginPolicy {
  /** Failures from one address allowed before it must wait. */
  freeFailures: number;
  /** The longest wait. */
  maxDelayMinutes: number;
}

export type LoginResult =
  | { ok: true; userId: number; agencyId: number; mustChangePassword: boolean }
  | { ok: false; status: 401 | 429; message: string };

export const BAD_CREDENTIALS = '用户名或密码不正确。';
const FIRST_DELAY_SECONDS = 30;
/** Failures older than this are forgotten (and pruned by the sessions job). */
export const FAILURE_MEMORY_HOURS = 24;

/** Seconds to wait after the `failures`-th failure (0 while still within the free ones). */
export function loginDelaySeconds(failures: number, policy: LoginPolicy): number {
  if (failures < policy.freeFailures) return 0;
  const doubling = Math.min(failures - policy.freeFailures, 20);
  return Math.min(FIRST_DELAY_SECONDS * 2 ** doubling, policy.maxDelayMinutes * 60);
}

function waitMessage(seconds: number): string {
  const wait = seconds >= 60 ? `${Math.ceil(seconds / 60)} 分钟` : `${Math.max(1, Math.ceil(seconds))} 秒`;
  return `登录失败次数过多，请 ${wait}后再试。如忘记密码，请联系本单位管理员重置。`;
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
  const at = now.toISOString();
  const ip = ctx.ip;
  const seen = await findLoginFailures(trx, input.username, ip);
  // While this address waits, the password is not even checked: guessing gains nothing.
  if (seen?.blockedUntil && seen.blockedUntil > at) {
    return { ok: false, status: 429, message: waitMessage((Date.parse(seen.blockedUntil) - now.getTime()) / 1000) };
  }
  const user = await findUserByUsername(trx, input.username);
  const known = user && user.active === 1 ? user : undefined;
  // Verifying against a dummy hash keeps an unknown name as slow as a wrong password.
  const passwordOk = await verifyPassword(known?.passwordHash ?? (await dummyPasswordHash()), input.password);
  if (!known || !passwordOk) {
    const forgetBefore = new Date(now.getTime() - FAILURE_MEMORY_HOURS * 3600_000).toISOString();
    const failures = (seen && seen.lastFailureAt >= forgetBefore ? seen.failures : 0) + 1;
    const delay = loginDelaySeconds(failures, policy);
    const blockedUntil = delay ? new Date(now.getTime() + delay * 1000).toISOString() : null;
    await saveLoginFailures(trx, { username: input.username, ip, failures, lastFailureAt: at, blockedUntil });
    if (known) {
      const entity = { type: 'user', id: known.id, agencyId: known.agencyId };
      await recordEvent(
        trx,
        ctx,
        failures === policy.freeFailures ? 'account.loginDelayed' : 'account.loginFailed',
        entity,
        {
          note: `来自 ${ip} 连续失败 ${failures} 次${delay ? `，该地址须等待 ${delay} 秒` : ''}`,
        },
      );
    }
    return { ok: false, status: 401, message: BAD_CREDENTIALS };
  }
  if (seen) await clearLoginFailures(trx, input.username, ip);
  await trx.updateTable('users').set({ lastLoginAt: at, updatedAt: at }).where('id', '=', known.id).execute();
  await recordEvent(trx, { ...ctx, actorUserId: known.id, actorName: known.username }, 'account.login', {
    type: 'user',
    id: known.id,
    agencyId: known.agencyId,
  });
  return { ok: true, userId: known.id, agencyId: known.agencyId, mustChangePassword: known.mustChangePassword === 1 };
}
