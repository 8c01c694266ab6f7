// Settings of the 依申请公开 module, stored in the settings table (agencyId 0 = platform-wide, an
// agency's own row overrides it). Whether waiting for a fee stops the answer clock is UNCONFIRMED
// in 国办函〔2020〕109号 (RULES.md §4), so it is a setting, default off.
import type { Executor, Trx } from '../../platform/transaction.ts';
import { readSetting, writeSetting } from '../settings/index.ts';
import type { ClockSettings } from './rules/index.ts';

export const PAUSE_WHILE_FEE_PENDING = 'infoRequest.pauseWhileFeePending';

export async function loadClockSettings(db: Executor, agencyId: number): Promise<ClockSettings> {
  return { pauseWhileFeePending: (await readSetting(db, agencyId, PAUSE_WHILE_FEE_PENDING)) === true };
}

export async function saveClockSettings(
  trx: Trx,
  agencyId: number,
  settings: ClockSettings,
  at: string,
): Promise<void> {
  await writeSetting(trx, agencyId, PAUSE_WHILE_FEE_PENDING, settings.pauseWhileFeePending, at);
}
