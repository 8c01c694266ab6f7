// Start-up shared by the server, the CLI and the tests: open the database, migrate it, seed
// the calendar and (first run only) the demo county with its admin account.
import { setUpFileStore } from './platform/storage/database-file-store.ts';
import { join } from 'node:path';
import type { Config } from './config.ts';
import { openDatabase, type Database } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import type { AuditContext } from './platform/audit.ts';
import { CalendarStore, seedBundledCalendar } from './modules/calendar/index.ts';
import { seedDemoCounty } from './modules/demo/index.ts';
import { seedDemoInfoRequestsInProgress, seedDemoInfoRequests } from './modules/info-request/index.ts';
import { buildInterruptedEntries, enableSearchSync, settleInterruptedImport } from './modules/search/index.ts';
import { restoreDeferredIndexes } from './modules/publication/index.ts';
import { seedDemoAnnualReports, seedDemoLastYearReports } from './modules/annual-report/index.ts';
import { seedDemoPublications } from './modules/demo/index.ts';
import { ensureDefaultTaxonomies } from './modules/catalog/index.ts';
import { seedInteractionDemo } from './modules/demo/index.ts';
import { seedServiceHallDemo } from './modules/service-hall/index.ts';
import { seedLivingPublications } from './modules/demo/index.ts';
import { createDemoStaff, demoActor, type DemoAccount } from './modules/demo/index.ts';
import { seedDemoCommentPeriods } from './modules/comment-period/index.ts';
import { seedDemoStandardCatalogue } from './modules/standard-catalogue/index.ts';
import { seedDemoRecordAmendments } from './modules/record-amendment/index.ts';
import { seedDemoMeeting } from './modules/meeting/index.ts';
import { todayInShanghai } from './modules/calendar/index.ts';
import { systemClock, type Clock } from './platform/clock.ts';
import type { AppDeps } from './platform/http/types.ts';
import { inTransaction } from './platform/transaction.ts';

export function systemContext(clock: Clock): AuditContext {
  return { actorUserId: null, actorName: 'system', ip: '127.0.0.1', at: clock.now().toISOString() };
}

export function openConfiguredDatabase(config: Config): Database {
  return openDatabase({ databaseUrl: config.databaseUrl, sqliteFile: join(config.dataDir, 'gongkai.db') });
}

export interface Prepared {
  deps: AppDeps;
  /** Set on the first run with demo data: the admin's one-time password, to print once. */
  adminPassword?: string;
  /** Set on the first run with demo data: every demo account with its one-time password, to print once. */
  demoAccounts?: DemoAccount[];
}

export async function prepare(config: Config, clock: Clock = systemClock): Promise<Prepared> {
  const database = openConfiguredDatabase(config);
  await migrateToLatest(database);
  setUpFileStore(config, database);
  // Before anything can publish (demo content, imports): the index follows every release.
  enableSearchSync();
  if (await settleInterruptedImport(database.db))
    console.error('检索索引：上次批量导入未正常结束（如进程被强制终止），已合并它留下的索引段并恢复常规设置。');
  const { built: rebuilt } = await restoreDeferredIndexes(database.db);
  if (rebuilt.length)
    console.error(
      `数据库：上次批量导入未正常结束，已重建它暂时删除的 ${rebuilt.length} 个索引（${rebuilt.join('、')}）。`,
    );
  // The search entries a stopped or killed large import left for the end (search.backlog.ts).
  const entries = await buildInterruptedEntries(database.db, (m) => console.error(m));
  if (entries)
    console.error(`检索索引：已建立上次批量导入（中断或未正常结束）暂缓写入的 ${entries.toLocaleString('en-US')} 条。`);
  await seedBundledCalendar(database.db, systemContext(clock));
  await ensureDefaultTaxonomies(database.db, systemContext(clock));
  const deps: AppDeps = {
    config,
    database,
    clock,
    calendar: new CalendarStore(database.db, () => clock.now().getTime()),
  };
  const hasAgency = await database.db.selectFrom('agencies').select('id').limit(1).executeTakeFirst();
  if (hasAgency || !config.seedDemo) return { deps };
  const demoAccounts = await seedDemo(deps);
  const adminPassword = demoAccounts.find((a) => a.username === 'admin')?.oneTimePassword;
  return { deps, demoAccounts, ...(adminPassword ? { adminPassword } : {}) };
}

/**
 * The demo county with its staff (admin; clerk, reviewer and signer of 灵溪镇 and of the county),
 * a past year of records and the work in progress dated relative to today (the app clock).
 * Returns every account with its one-time password.
 */
export async function seedDemo(deps: AppDeps): Promise<DemoAccount[]> {
  const ctx = systemContext(deps.clock);
  const today = todayInShanghai(deps.clock.now());
  const db = deps.database.db;
  const county = await seedDemoCounty(db, ctx);
  const names: Record<string, string> = {};
  for (const a of await db.selectFrom('agencies').select(['slug', 'name']).execute()) names[a.slug] = a.name;
  const staff = await inTransaction(db, (trx) => createDemoStaff(trx, ctx, county, names));
  const cal = await deps.calendar.get();
  await seedDemoPublications(db, ctx, cal);
  await seedLivingPublications(db, ctx, cal, today, county.agencyIds, staff);
  await seedInteractionDemo(deps, county, ctx);
  await seedDemoAnnualReports(db, ctx, county.agencyIds);
  await seedDemoInfoRequests(db, county.agencyIds, deps.config.dataDir, today);
  await seedDemoInfoRequestsInProgress(db, county.agencyIds, today);
  const lingxi = county.agencyIds.lingxi;
  if (lingxi) await seedServiceHallDemo(db, lingxi);
  await seedDemoLastYearReports(db, ctx, county.agencyIds, today);
  await seedDemoCommentPeriods(db, ctx, today, county.agencyIds, (agency) => {
    const signer = staff.find((s) => s.agency === agency && s.role === 'signer');
    return signer ? demoActor(signer) : undefined;
  });
  await seedDemoStandardCatalogue(db, ctx, county.agencyIds);
  await seedDemoRecordAmendments(db, ctx, cal, today, county.agencyIds);
  await seedDemoMeeting(db, ctx, today, county.agencyIds, (agency) => {
    const signer = staff.find((s) => s.agency === agency && s.role === 'signer');
    return signer ? demoActor(signer) : undefined;
  });
  return staff;
}
