// The query code (查询码) of a case (platform/query-code.ts): made of characters that cannot be
// misread over the counter, stored as the namespaced SHA-256 of applications and compared in
// constant time.
import { hashQueryCode, newQueryCode as randomQueryCode, sameHash } from '../../platform/query-code.ts';
import type { ServiceCaseRow } from './service-hall.repository.ts';

export { hashQueryCode };

// No 0/O/1/I/L: the code is read out over the counter and typed by hand.
const COUNTER_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export function newQueryCode(): string {
  return randomQueryCode(COUNTER_ALPHABET);
}

/** Whether `code` is the case's query code (constant-time comparison of the hashes). */
export function queryCodeMatches(c: Pick<ServiceCaseRow, 'queryCodeHash'>, code: string): boolean {
  if (!code.trim() || !/^[0-9a-f]{64}$/u.test(c.queryCodeHash)) return false;
  return sameHash(hashQueryCode(code), c.queryCodeHash);
}
