// Start-up shared by the server, the CLI and the tests: open the database, migrate it, seed
// the calendar and (first run only) the demo county with its admin account.
import { join } from 'node:path';
import type { Config } from './config.ts';
import { openDatabase, type Database } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import type { AuditContext } from './platform/audit.ts';
import { CalendarStore, seedBundledCalendar } from './modules/calendar/index.ts';
import { seedDemoCounty } from './modules/demo/demo-county.ts';
import { seedDemoInfoRequests } from './modules/info-request/index.ts';
import { enableSearchSync } from './modules/search/index.ts';
import { seedDemoAnnualReports } from './modules/annual-report/annual-report.demo.ts';
import { seedDemoPublications } from './modules/demo/demo-publications.ts';
import { ensureDefaultTaxonomies } from './modules/catalog/index.ts';
import { seedInteractionDemo } from './modules/interaction/interaction.demo.ts';
import { seedServiceHallDemo } from './modules/service-hall/index.ts';
import { createUser } from './modules/account/index.ts';
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
}

export async function prepare(config: Config, clock: Clock = systemClock): Promise<Prepared> {
  const database = openConfiguredDatabase(config);
  await migrateToLatest(database);
  // Before anything can publish (demo content, imports): the index follows every release.
  enableSearchSync();
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
  const adminPassword = await seedDemo(deps);
  return { deps, adminPassword };
}

/** The demo county plus its county-level admin; returns the admin's one-time password. */
export async function seedDemo(deps: AppDeps): Promise<string> {
  const ctx = systemContext(deps.clock);
  const county = await seedDemoCounty(deps.database.db, ctx);
  await seedDemoPublications(deps.database.db, ctx, await deps.calendar.get());
  await seedInteractionDemo(deps, county, ctx);
  await seedDemoAnnualReports(deps.database.db, ctx, county.agencyIds);
  await seedDemoInfoRequests(deps.database.db, county.agencyIds, deps.config.dataDir);
  const lingxi = county.agencyIds.lingxi;
  if (lingxi) await seedServiceHallDemo(deps.database.db, lingxi);
  const admin = await inTransaction(deps.database.db, (trx) =>
    createUser(trx, ctx, {
      agencyId: county.countyId,
      username: 'admin',
      displayName: '系统管理员',
      email: '',
      roles: ['admin'],
    }),
  );
  return admin.oneTimePassword;
}
