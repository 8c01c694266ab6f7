// The query code (查询码) of a case: made of characters that cannot be misread over the counter,
// stored as a namespaced SHA-256 and compared in constant time.
import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import type { ServiceCaseRow } from './service-hall.repository.ts';

// No 0/O/1/I/L: the code is read out over the counter and typed by hand.
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export function newQueryCode(): string {
  let s = '';
  for (let i = 0; i < 8; i++) s += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return s;
}

/** How a query code is stored: the construction of info-request's query codes (SHA-256, namespaced). */
export function hashQueryCode(code: string): string {
  return createHash('sha256').update(`gk-query-code:${code.trim().toUpperCase()}`).digest('hex');
}

/** Whether `code` is the case's query code (constant-time comparison of the hashes). */
export function queryCodeMatches(c: Pick<ServiceCaseRow, 'queryCodeHash'>, code: string): boolean {
  if (!code.trim() || !/^[0-9a-f]{64}$/u.test(c.queryCodeHash)) return false;
  return timingSafeEqual(Buffer.from(hashQueryCode(code), 'hex'), Buffer.from(c.queryCodeHash, 'hex'));
}
