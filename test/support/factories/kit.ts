// Shared by the factories: the env they take, unique names, the audit context, today, a transaction.
import { systemContext } from '../../../src/bootstrap.ts';
import { todayInShanghai, type WorkCalendar } from '../../../src/modules/calendar/index.ts';
import type { AuditContext } from '../../../src/platform/audit.ts';
import { inTransaction, type Trx } from '../../../src/platform/transaction.ts';
import type { TestEnv } from '../test-app.ts';

export type Env = Pick<TestEnv, 'app' | 'database' | 'clock' | 'county' | 'deps' | 'config'>;

let seq = 0;
/** A counter for unique names within one test process (slugs, usernames, titles). */
export const next = () => ++seq;

/** The env's clock as an audit context, or a given ISO day at 10:00 Beijing time. */
export function ctxOf(env: Env, on?: string): AuditContext {
  const ctx = systemContext(env.clock);
  return on ? { ...ctx, at: `${on}T02:00:00.000Z` } : ctx;
}

/** Today (Beijing) on the env's clock. */
export const todayOf = (env: Env): string => todayInShanghai(env.clock.now());

export const tx = <T>(env: Env, fn: (trx: Trx) => Promise<T>) => inTransaction(env.database.db, fn);
/** The working calendar, read before a transaction: the embedded engine has one connection. */
export const calendarOf = (env: Env): Promise<WorkCalendar> => env.deps.calendar.get();
