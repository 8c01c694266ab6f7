// Every number the platform hands out in a series (application numbers, receipt numbers of
// 咨询/投诉/信箱/公示异议, service-hall case numbers, index numbers 索引号) comes from one row of
// `counters`, keyed by (kind, agency, year). Taking a number is one statement,
// INSERT … ON CONFLICT DO UPDATE SET last_value = last_value + 1 RETURNING last_value, run in the
// transaction that stores the numbered record:
// - PostgreSQL: the statement locks the counter row until the transaction ends, so a concurrent
//   taker waits and then reads the committed value (READ COMMITTED re-checks the row); two
//   first takers of a new key meet on the primary key, and the loser turns into the update.
// - SQLite: write transactions begin IMMEDIATE (db/database.ts), so only one runs at a time.
// Numbers are therefore unique and, because the counter moves only with a committed record (a
// rolled-back transaction takes its increment back), gap-free per kind, agency and year.
// Counting rows (count + 1) is not: two transactions count the same rows.
import type { Trx } from './transaction.ts';

export type CounterKind =
  'infoRequest' | 'inquiry' | 'complaint' | 'letter' | 'objection' | 'serviceCase' | 'indexNumber' | 'recordAmendment';

export interface CountersTable {
  kind: CounterKind;
  agencyId: number;
  year: number;
  lastValue: number;
}

export interface CounterTables {
  counters: CountersTable;
}

export interface CounterKey {
  kind: CounterKind;
  agencyId: number;
  year: number;
}

/** The next value of the series (1 for the first); needs the transaction that stores the record. */
export async function takeNext(trx: Trx, key: CounterKey): Promise<number> {
  const row = await trx
    .insertInto('counters')
    .values({ ...key, lastValue: 1 })
    .onConflict((oc) =>
      oc.columns(['kind', 'agencyId', 'year']).doUpdateSet((eb) => ({ lastValue: eb('counters.lastValue', '+', 1) })),
    )
    .returning('lastValue')
    .executeTakeFirstOrThrow();
  return row.lastValue;
}

/** The next `n` values of the series in one statement (bulk import), in order. */
export async function takeBlock(trx: Trx, key: CounterKey, n: number): Promise<number[]> {
  const row = await trx
    .insertInto('counters')
    .values({ ...key, lastValue: n })
    .onConflict((oc) =>
      oc.columns(['kind', 'agencyId', 'year']).doUpdateSet((eb) => ({ lastValue: eb('counters.lastValue', '+', n) })),
    )
    .returning('lastValue')
    .executeTakeFirstOrThrow();
  return Array.from({ length: n }, (_, i) => row.lastValue - n + 1 + i);
}

/**
 * The next number of the series, formatted. Numbers carry a readable prefix (the agency's 网址标识
 * or credit code) that can change or be reused by another agency, so a formatted number can
 * already exist; it is skipped (the only case in which a series has a gap). Null when 1,000
 * candidates in a row were taken (a format that cannot tell the series apart): the caller says
 * what to fix.
 */
export async function allocateNumber(
  trx: Trx,
  key: CounterKey,
  format: (seq: number) => string,
  taken: (candidate: string) => Promise<boolean>,
): Promise<string | null> {
  for (let attempt = 0; attempt < 1000; attempt++) {
    const candidate = format(await takeNext(trx, key));
    if (!(await taken(candidate))) return candidate;
  }
  return null;
}

/** `PREFIX-2025-0001`: the series' prefix, the year and the sequence (at least 4 digits). */
export function serialNumber(prefix: string, year: number, seq: number): string {
  return `${prefix}-${year}-${String(seq).padStart(4, '0')}`;
}
