// The settings table: JSON values by key, platform-wide (agency 0) or an agency's own, which
// overrides the platform's. Every module reads and writes its settings through these two.
import type { Executor, Trx } from '../../platform/transaction.ts';

/** The agency's own value of `key`, else the platform's (agency 0), parsed; undefined if none or unreadable. */
export async function readSetting(db: Executor, agencyId: number, key: string): Promise<unknown> {
  const rows = await db
    .selectFrom('settings')
    .select(['agencyId', 'value'])
    .where('key', '=', key)
    .where('agencyId', 'in', [agencyId, 0])
    .execute();
  const row = rows.find((r) => r.agencyId === agencyId) ?? rows.find((r) => r.agencyId === 0);
  if (!row) return undefined;
  try {
    return JSON.parse(row.value) as unknown;
  } catch {
    return undefined;
  }
}

/** Stores `value` (as JSON) for the agency (0: platform-wide), replacing the one stored. */
export async function writeSetting(trx: Trx, agencyId: number, key: string, value: unknown, at: string): Promise<void> {
  const json = JSON.stringify(value);
  await trx
    .insertInto('settings')
    .values({ agencyId, key, value: json, updatedAt: at })
    .onConflict((oc) => oc.columns(['agencyId', 'key']).doUpdateSet({ value: json, updatedAt: at }))
    .execute();
}
