// Test harness: a real app on a real database — a fresh SQLite file, or a throwaway database
// in the PostgreSQL server named by GK_TEST_PG_URL when GK_TEST_ENGINE=postgres.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { buildApp } from '../../src/app.ts';
import { prepare, systemContext } from '../../src/bootstrap.ts';
import { loadConfig, type Config } from '../../src/config.ts';
import { openDatabase, type Database } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { CalendarStore, seedBundledCalendar } from '../../src/modules/calendar/calendar.service.ts';
import { seedDemoCounty, type DemoCounty } from '../../src/modules/demo/index.ts';
import { createUser } from '../../src/modules/account/user.service.ts';
import type { Role } from '../../src/modules/account/account.tables.ts';
import { ManualClock } from '../../src/platform/clock.ts';
import type { AppDeps } from '../../src/platform/http/types.ts';
import { inTransaction } from '../../src/platform/transaction.ts';

export const ENGINE = process.env.GK_TEST_ENGINE === 'postgres' ? 'postgres' : 'embedded';
const PG_ADMIN_URL = process.env.GK_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export const TEST_PASSWORD = 'Correct-horse-42';

/**
 * "Today" for a test that does not say which day it runs on. Never the real date: a fixed
 * Monday, or the day a dated run of the suite chose (`npm test -- --today 2026-12-15` sets
 * GONGKAI_TEST_NOW), so a test that silently depends on the date fails in that run.
 */
export const TEST_NOW = process.env.GONGKAI_TEST_NOW ?? '2025-06-02T02:00:00Z';

export interface TestEnv {
  app: FastifyInstance;
  deps: AppDeps;
  database: Database;
  clock: ManualClock;
  county: DemoCounty;
  config: Config;
  close(): Promise<void>;
  /** Creates a staff user with TEST_PASSWORD, password already changed unless `mustChange`. */
  user(username: string, agencySlug: string, roles: Role[], opts?: { mustChange?: boolean }): Promise<number>;
}

/** A throwaway PostgreSQL database (tests of processes give its URL to the server and the CLI). */
export async function createPgDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `gk_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} ENCODING 'UTF8' TEMPLATE template0`);
  await admin.end();
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/**
 * The app as `npm start` builds it on an empty data folder with the demo county (first start:
 * prepare() seeds it), limits off and the page cache off — for tests that crawl the whole site.
 */
export async function createDemoApp(
  name: string,
): Promise<{ app: FastifyInstance; deps: AppDeps; close(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), `gk-${name}-`));
  const pgDb = ENGINE === 'postgres' ? await createPgDatabase() : undefined;
  const config = loadConfig(
    {},
    {
      dataDir,
      secret: 'test-secret-'.padEnd(40, 'x'),
      seedDemo: true,
      runJobs: false,
      logLevel: 'warn',
      loginRateLimit: 1_000_000,
      publicFormRateLimit: 1_000_000,
      publicCacheSeconds: 0,
    },
  );
  if (pgDb) config.databaseUrl = pgDb.url;
  const { deps } = await prepare(config, new ManualClock(TEST_NOW));
  const app = await buildApp(deps);
  await app.ready();
  return {
    app,
    deps,
    async close() {
      await app.close();
      await deps.database.close();
      await pgDb?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function createTestEnv(
  opts: { now?: string; config?: Partial<Config>; demo?: boolean } = {},
): Promise<TestEnv> {
  const dataDir = mkdtempSync(join(tmpdir(), 'gk-test-'));
  const pgDb = ENGINE === 'postgres' ? await createPgDatabase() : undefined;
  const config = loadConfig(
    {},
    {
      dataDir,
      secret: 'test-secret-'.padEnd(40, 'x'),
      seedDemo: false,
      loginRateLimit: 1000,
      publicFormRateLimit: 1000,
      ...opts.config,
    },
  );
  if (pgDb) config.databaseUrl = pgDb.url;
  const clock = new ManualClock(opts.now ?? TEST_NOW);
  const database = openDatabase({
    databaseUrl: config.databaseUrl,
    sqliteFile: join(dataDir, 'gongkai.db'),
    poolSize: 4,
  });
  await migrateToLatest(database);
  await seedBundledCalendar(database.db, systemContext(clock));
  const county =
    opts.demo === false ? { countyId: 0, agencyIds: {} } : await seedDemoCounty(database.db, systemContext(clock));
  const deps: AppDeps = {
    config,
    database,
    clock,
    calendar: new CalendarStore(database.db, () => clock.now().getTime()),
  };
  const app = await buildApp(deps);
  await app.ready();
  return {
    app,
    deps,
    database,
    clock,
    county,
    config,
    async close() {
      await app.close();
      await database.close();
      await pgDb?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
    async user(username, agencySlug, roles, o = {}) {
      const agencyId = county.agencyIds[agencySlug];
      if (!agencyId) throw new Error(`no demo agency ${agencySlug}`);
      const { id } = await inTransaction(database.db, (trx) =>
        createUser(trx, systemContext(clock), {
          agencyId,
          username,
          displayName: username,
          email: '',
          roles,
          password: TEST_PASSWORD,
        }),
      );
      if (!o.mustChange)
        await database.db.updateTable('users').set({ mustChangePassword: 0 }).where('id', '=', id).execute();
      return id;
    },
  };
}
