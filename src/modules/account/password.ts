// Passwords: argon2id (m=19456 KiB, t=2, p=1 — the OWASP baseline, ~20 ms here), a policy
// with Chinese messages, and one-time passwords for new accounts and resets.
import { randomInt } from 'node:crypto';
import { hash, verify, type Algorithm } from '@node-rs/argon2';
import { checkPasswordStrength } from './password-strength.ts';

// Algorithm is a const enum in the binding's types; isolatedModules cannot inline it.
const ARGON2ID = 2 as Algorithm;
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/** Verifying against this hash when a user does not exist keeps both paths equally slow. */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword('gongkai-dummy-password-for-timing');
  return dummyHash;
}

export const PASSWORD_RULE_TEXT =
  '密码至少 10 位，须同时包含字母和数字，不能包含用户名，不能容易被猜到（常见密码、拼音词语和姓名、年份日期、电话号码、单位名称等），也不能与最近用过的 5 个密码相同。';

/**
 * Returns a Chinese message when the password breaks the policy, else null. `context` is the
 * user's own data (name, agency slug and name, …): a password built from it is refused.
 */
export function checkPasswordPolicy(
  password: string,
  username: string,
  context: readonly string[] = [],
): string | null {
  if ([...password].length < 10) return '密码至少需要 10 位。';
  if ([...password].length > 128) return '密码不能超过 128 位。';
  if (!/[A-Za-z]/.test(password) || !/\d/.test(password)) return '密码须同时包含字母和数字。';
  if (username && password.toLowerCase().includes(username.toLowerCase())) return '密码不能包含用户名。';
  return checkPasswordStrength(password, [username, ...context]).message;
}

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';

/** A random one-time password that satisfies the policy (letters and digits, 16 characters). */
export function generateOneTimePassword(): string {
  for (;;) {
    let s = '';
    for (let i = 0; i < 16; i++) s += ALPHABET[randomInt(ALPHABET.length)];
    if (/[A-Za-z]/.test(s) && /\d/.test(s)) return s;
  }
}
