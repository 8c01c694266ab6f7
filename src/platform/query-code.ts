// The query code (查询码) a citizen is given with a receipt (依申请公开, 更正个人信息记录, 咨询/投诉,
// 政务服务 cases): eight characters drawn at random from an alphabet without 0/O/1/I, shown once
// and stored only as a SHA-256, compared in constant time.
import { createHash, randomInt, timingSafeEqual } from 'node:crypto';

/** No 0/O/1/I: the code is copied from a receipt by hand. */
export const QUERY_CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export function newQueryCode(alphabet: string = QUERY_CODE_ALPHABET): string {
  let s = '';
  for (let i = 0; i < 8; i++) s += alphabet[randomInt(alphabet.length)];
  return s;
}

/**
 * How a query code is stored (applications, record amendments, service-hall cases): SHA-256 of the
 * trimmed, upper-cased code, namespaced. Interaction cases store theirs without the namespace.
 */
export function hashQueryCode(code: string): string {
  return createHash('sha256').update(`gk-query-code:${code.trim().toUpperCase()}`).digest('hex');
}

/** Whether two stored hashes are the same, in constant time. */
export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
