// Settings of the 依申请公开 module, stored in the settings table (agencyId 0 = platform-wide, an
// agency's own row overrides it). Whether waiting for a fee stops the answer clock is UNCONFIRMED
// in 国办函〔2020〕109号 (RULES.md §4), so it is a setting, default off.
import type { Executor, Trx } from '../../platform/transaction.ts';
import type { ClockSettings } from './rules/index.ts';

export const PAUSE_WHILE_FEE_PENDING = 'infoRequest.pauseWhileFeePending';

export async function loadClockSettings(db: Executor, agencyId: number): Promise<ClockSettings> {
  const rows = await db
    .selectFrom('settings')
    .select(['agencyId', 'value'])
    .where('key', '=', PAUSE_WHILE_FEE_PENDING)
    .where('agencyId', 'in', [0, agencyId])
    .execute();
  const own = rows.find((r) => r.agencyId === agencyId) ?? rows.find((r) => r.agencyId === 0);
  return { pauseWhileFeePending: own ? JSON.parse(own.value) === true : false };
}

export async function saveClockSettings(
  trx: Trx,
  agencyId: number,
  settings: ClockSettings,
  at: string,
): Promise<void> {
  const value = JSON.stringify(settings.pauseWhileFeePending);
  const existing = await trx
    .selectFrom('settings')
    .select('key')
    .where('agencyId', '=', agencyId)
    .where('key', '=', PAUSE_WHILE_FEE_PENDING)
    .executeTakeFirst();
  if (existing) {
    await trx
      .updateTable('settings')
      .set({ value, updatedAt: at })
      .where('agencyId', '=', agencyId)
      .where('key', '=', PAUSE_WHILE_FEE_PENDING)
      .execute();
  } else {
    await trx.insertInto('settings').values({ agencyId, key: PAUSE_WHILE_FEE_PENDING, value, updatedAt: at }).execute();
  }
}
