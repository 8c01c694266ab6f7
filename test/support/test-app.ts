// Test harness: a real app on a real database — a fresh SQLite file, or a throwaway database
// in the PostgreSQL server named by GK_TEST_PG_URL when GK_TEST_ENGINE=postgres.
import { createHash, randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
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
  return pgHandle(name);
}

function pgUrlOf(name: string): string {
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

function pgHandle(name: string): { url: string; drop(): Promise<void> } {
  return {
    url: pgUrlOf(name),
    async drop() {
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/**
 * Templates (CI time, #13 point 3): `scripts/test.mjs` sets GK_TEST_TEMPLATE_DIR for one run of
 * the suite. A database state every test file would build the same way (migrated, the calendar
 * seeded, perhaps the demo county or the whole demo, at a given "now") is then built once per run
 * and key, and each test gets a copy: the data folder copied (the SQLite file and stored files);
 * on PostgreSQL also `CREATE DATABASE … TEMPLATE` from a template database, clones of one key
 * serialised by an advisory lock. Without the variable (one file run by hand) every test builds
 * its own, as before. The copy is the same bytes the build wrote, so tests cannot tell.
 */
const TEMPLATE_DIR = process.env.GK_TEST_TEMPLATE_DIR;

export interface Fresh {
  dataDir: string;
  pgDb?: { url: string; drop(): Promise<void> };
}

/**
 * A fresh data folder (and PostgreSQL database) in the state `build` makes, copied from the run's
 * template of `key` when there is one. `engine` is the run's unless given: browser tests
 * (test/support/browser.ts) always run on the embedded engine.
 */
export async function freshData(
  prefix: string,
  key: string,
  build: (dataDir: string, databaseUrl: string | undefined) => Promise<void>,
  engine: 'embedded' | 'postgres' = ENGINE,
): Promise<Fresh> {
  const dataDir = mkdtempSync(join(tmpdir(), `gk-${prefix}-`));
  if (!TEMPLATE_DIR) {
    const pgDb = engine === 'postgres' ? await createPgDatabase() : undefined;
    await build(dataDir, pgDb?.url);
    return { dataDir, ...(pgDb ? { pgDb } : {}) };
  }
  const id = createHash('sha256').update(`${engine}\0${key}`).digest('hex').slice(0, 16);
  const tplDir = join(TEMPLATE_DIR, id);
  const buildFiles = async (databaseUrl: string | undefined) => {
    const building = `${tplDir}.${process.pid}`;
    rmSync(building, { recursive: true, force: true });
    mkdirSync(building, { recursive: true });
    await build(building, databaseUrl);
    try {
      renameSync(building, tplDir);
    } catch {
      rmSync(building, { recursive: true, force: true }); // another process was quicker
    }
  };
  if (engine === 'embedded') {
    if (!existsSync(tplDir)) await buildFiles(undefined);
    cpSync(tplDir, dataDir, { recursive: true });
    return { dataDir };
  }
  // Unique to this run of the suite (several runs may share one PostgreSQL server).
  const run = createHash('sha256').update(TEMPLATE_DIR).digest('hex').slice(0, 12);
  const tplDb = `gk_tpl_${run}_${id}`;
  const name = `gk_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  const lock = Number.parseInt(id.slice(0, 8), 16) | 0;
  try {
    await admin.query('SELECT pg_advisory_lock($1)', [lock]);
    const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [tplDb]);
    if (!found.rowCount) {
      const partial = `${tplDb}_b`;
      await admin.query(`DROP DATABASE IF EXISTS ${partial}`);
      await admin.query(`CREATE DATABASE ${partial} ENCODING 'UTF8' TEMPLATE template0`);
      rmSync(tplDir, { recursive: true, force: true });
      await buildFiles(pgUrlOf(partial));
      await admin.query(`ALTER DATABASE ${partial} RENAME TO ${tplDb}`);
    }
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${tplDb}`);
  } finally {
    await admin.query('SELECT pg_advisory_unlock($1)', [lock]).catch(() => undefined);
    await admin.end();
  }
  cpSync(tplDir, dataDir, { recursive: true });
  return { dataDir, pgDb: pgHandle(name) };
}

/** The demo county's ids as seedDemoCounty returned them, read back from a copied database. */
async function countyOf(database: Database): Promise<DemoCounty> {
  const rows = await database.db.selectFrom('agencies').select(['id', 'slug', 'parentId']).orderBy('id').execute();
  const root = rows.find((r) => r.parentId === null);
  return { countyId: root?.id ?? 0, agencyIds: Object.fromEntries(rows.map((r) => [r.slug, r.id])) };
}

function testConfig(dataDir: string, over: Partial<Config>): Config {
  return loadConfig({}, { dataDir, secret: 'test-secret-'.padEnd(40, 'x'), ...over });
}

/**
 * The app as `npm start` builds it on an empty data folder with the demo county (first start:
 * prepare() seeds it), limits off and the page cache off — for tests that crawl the whole site.
 */
export async function createDemoApp(
  name: string,
): Promise<{ app: FastifyInstance; deps: AppDeps; close(): Promise<void> }> {
  const demoConfig = (dataDir: string, databaseUrl: string | undefined) => {
    const config = testConfig(dataDir, {
      seedDemo: true,
      runJobs: false,
      logLevel: 'warn',
      loginRateLimit: 1_000_000,
      publicFormRateLimit: 1_000_000,
      publicCacheSeconds: 0,
    });
    if (databaseUrl) config.databaseUrl = databaseUrl;
    return config;
  };
  // The whole demo, seeded on an empty folder by prepare() (first start) — once per run from a template.
  const { dataDir, pgDb } = await freshData(name, `demo-app ${TEST_NOW}`, async (dir, url) => {
    const { deps } = await prepare(demoConfig(dir, url), new ManualClock(TEST_NOW));
    await deps.database.close();
  });
  const { deps } = await prepare(demoConfig(dataDir, pgDb?.url), new ManualClock(TEST_NOW));
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
  const now = opts.now ?? TEST_NOW;
  const withCounty = opts.demo !== false;
  const sqliteFile = (dir: string) => join(dir, 'gongkai.db');
  // Migrated, the calendar seeded and (unless demo: false) the demo county's agencies, at `now`.
  const { dataDir, pgDb } = await freshData('test', `env ${now} ${withCounty}`, async (dir, url) => {
    const built = openDatabase({ databaseUrl: url, sqliteFile: sqliteFile(dir), poolSize: 2 });
    const ctx = systemContext(new ManualClock(now));
    await migrateToLatest(built);
    await seedBundledCalendar(built.db, ctx);
    if (withCounty) await seedDemoCounty(built.db, ctx);
    await built.close();
  });
  const config = testConfig(dataDir, {
    seedDemo: false,
    loginRateLimit: 1000,
    publicFormRateLimit: 1000,
    ...opts.config,
  });
  if (pgDb) config.databaseUrl = pgDb.url;
  const clock = new ManualClock(now);
  const database = openDatabase({ databaseUrl: config.databaseUrl, sqliteFile: sqliteFile(dataDir), poolSize: 4 });
  const county = withCounty ? await countyOf(database) : { countyId: 0, agencyIds: {} };
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
