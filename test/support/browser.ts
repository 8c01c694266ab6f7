// Browser-test support: find a local Chromium, launch it through playwright-core, start the
// real server (listening on a random port, on a fresh embedded database seeded like a first
// run) and run axe-core against a page.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Locator,
  type Page,
} from 'playwright-core';
import type { AxeResults, Result } from 'axe-core';
import { buildApp } from '../../src/app.ts';
import { prepare, systemContext } from '../../src/bootstrap.ts';
import { createUser, type Role } from '../../src/modules/account/index.ts';
import { inTransaction } from '../../src/platform/transaction.ts';
import { loadConfig } from '../../src/config.ts';
import { ManualClock, RunningClock, type Clock } from '../../src/platform/clock.ts';
import type { AppDeps } from '../../src/platform/http/types.ts';
import type { FastifyInstance } from 'fastify';
import { freshData } from './test-app.ts';

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function commandPath(name: string): string | undefined {
  const r = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  const found = r.status === 0 ? r.stdout.trim() : '';
  return found && isExecutable(found) ? found : undefined;
}

/**
 * CHROMIUM_PATH, else Debian's chromium-headless-shell (the same Blink and V8 as its chromium
 * package, without the full browser's UI layer; it cost ≈ 40 % less CPU per browser file,
 * docs/PERFORMANCE.md "CI time"), else /usr/bin/chromium, else chromium-browser or google-chrome
 * on PATH. `npm test` looks in the same order and passes its choice on as CHROMIUM_PATH.
 */
export function findChromium(): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return isExecutable(fromEnv) ? fromEnv : undefined;
  const shell = commandPath('chromium-headless-shell');
  if (shell) return shell;
  if (isExecutable('/usr/bin/chromium')) return '/usr/bin/chromium';
  return commandPath('chromium-browser') ?? commandPath('google-chrome');
}

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

/** Launches Chromium headless with a fresh profile (launch() uses a temporary user data dir). */
export async function launchBrowser(executablePath: string): Promise<Browser> {
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS });
}

export interface RunningServer {
  baseUrl: string;
  /** The demo admin's one-time password, as a first start prints it. */
  adminPassword: string;
  /** The running app's dependencies: tests use its database and clock (jobs are off). */
  deps: AppDeps;
  /** The running app (its route table, for crawls). */
  app: FastifyInstance;
  close(): Promise<void>;
}

/**
 * Browser tests never run on the real date: unless a test brings its own clock, the server's
 * clock starts at this instant (Monday 2 June 2025, 09:00 in Beijing) and runs at real speed.
 */
export const BROWSER_TEST_NOW = '2025-06-02T01:00:00Z';

export interface ServerOptions {
  /** Lets a test move time. */
  clock?: Clock;
  /** Accepted public submissions per client and minute (default: high enough never to matter). */
  publicFormRateLimit?: number;
}

/** Where the seeded template keeps the admin's one-time password (removed from each copy). */
const ADMIN_PASSWORD_FILE = 'test-admin-password.txt';

/**
 * The real app on 127.0.0.1 with a random free port, on a temporary embedded database seeded as a
 * first start seeds it (the demo, at the clock's instant). The seeded folder is built once per
 * run of the suite and copied for each file (GK_TEST_TEMPLATE_DIR, freshData in test-app.ts): a
 * first start cost each browser test file ~5 s of CPU. A file run by hand seeds its own.
 */
export async function startServer(opts: ServerOptions = {}): Promise<RunningServer> {
  const clock = opts.clock ?? new RunningClock(BROWSER_TEST_NOW);
  const seededAt = opts.clock ? opts.clock.now().toISOString() : BROWSER_TEST_NOW;
  const configFor = (dataDir: string) =>
    loadConfig(
      {},
      {
        dataDir,
        host: '127.0.0.1',
        port: 0,
        seedDemo: true,
        runJobs: false,
        logLevel: 'warn',
        loginRateLimit: 1000,
        publicFormRateLimit: opts.publicFormRateLimit ?? 1000,
      },
    );
  const { dataDir } = await freshData(
    'browser',
    `browser first start ${seededAt}`,
    async (dir) => {
      const first = await prepare(configFor(dir), new ManualClock(seededAt));
      await first.deps.database.close();
      if (!first.adminPassword) throw new Error('first-run seeding did not return the admin password');
      writeFileSync(join(dir, ADMIN_PASSWORD_FILE), first.adminPassword);
    },
    'embedded',
  );
  const adminPassword = readFileSync(join(dataDir, ADMIN_PASSWORD_FILE), 'utf8');
  rmSync(join(dataDir, ADMIN_PASSWORD_FILE));
  const { deps } = await prepare(configFor(dataDir), clock);
  const app = await buildApp(deps);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    adminPassword,
    deps,
    app,
    async close() {
      await app.close();
      await deps.database.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Injects axe-core into the page and returns its violations. The site's CSP is `script-src
 * 'self'`: the page's context must be created with `bypassCSP: true`.
 */
export async function runAxe(page: Page): Promise<Result[]> {
  await page.addScriptTag({ content: AXE_SOURCE });
  const results = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<AxeResults> } }).axe;
    return axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] });
  });
  return results.violations;
}

export function formatViolations(violations: readonly Result[]): string {
  return violations
    .map((v) => {
      const nodes = v.nodes.map(
        (n) =>
          `    - ${n.target.join(' ')}${n.failureSummary ? `\n      ${n.failureSummary.replace(/\n/g, '\n      ')}` : ''}`,
      );
      return `  [${v.impact ?? 'n/a'}] ${v.id}: ${v.help}\n${nodes.join('\n')}`;
    })
    .join('\n');
}

/** Fails with each violation's id, help and target nodes. */
export function assertNoAxeViolations(violations: readonly Result[], where: string): void {
  if (!violations.length) return;
  throw new Error(`axe-core found ${violations.length} violation(s) on ${where}:\n${formatViolations(violations)}`);
}

/** A form control by the start of its label (labels end with “（必填）” on required fields). */
export function field(page: Page, label: string): Locator {
  return page.getByLabel(new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
}

/** New pages, each in a fresh context (zh-CN, relative URLs against the server); close() ends them all. */
export class BrowserPages {
  private readonly contexts: BrowserContext[] = [];

  constructor(
    private readonly browser: Browser,
    private readonly baseUrl: string,
    private readonly defaults: BrowserContextOptions & { defaultTimeout?: number } = {},
  ) {}

  async newPage(opts: BrowserContextOptions = {}): Promise<Page> {
    const { defaultTimeout, ...defaults } = this.defaults;
    const context = await this.browser.newContext({ baseURL: this.baseUrl, locale: 'zh-CN', ...defaults, ...opts });
    this.contexts.push(context);
    const page = await context.newPage();
    if (defaultTimeout) page.setDefaultTimeout(defaultTimeout);
    return page;
  }

  async close(): Promise<void> {
    for (const c of this.contexts) await c.close().catch(() => undefined);
  }
}

/** Submits the staff login form (the page's context must have the server as its base URL). */
export async function loginAs(page: Page, username: string, password: string): Promise<void> {
  await page.goto('/admin/login');
  await field(page, '用户名').fill(username);
  await field(page, '密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
}

/** The forced password change after a first login (or a one-time password); ends on the 工作台. */
export async function changeFirstPassword(page: Page, from: string, to: string): Promise<void> {
  await page.waitForURL('**/admin/password');
  await field(page, '当前密码').fill(from);
  await field(page, '新密码').fill(to);
  await field(page, '再次输入新密码').fill(to);
  await page.getByRole('button', { name: '保存新密码' }).click();
  await page.waitForURL((u) => u.pathname === '/admin');
}

/**
 * `admin` (signed in) creates an account of 永顺县灵溪镇人民政府 through 新建账号 with one role (its
 * label: 信息员, …); the one-time password the page shows once.
 */
export async function createTownAccount(
  admin: Page,
  account: { username: string; displayName: string; role: string },
): Promise<string> {
  await admin.goto('/admin/users/new');
  await field(admin, '所属单位').selectOption({ label: '　永顺县灵溪镇人民政府' });
  await field(admin, '用户名').fill(account.username);
  await field(admin, '姓名').fill(account.displayName);
  await admin.getByLabel(account.role).check();
  await admin.getByRole('button', { name: '创建账号' }).click();
  return (await admin.locator('.otp').textContent())!.trim();
}

/** `describe` option: browser tests are skipped (with the reason) when no Chromium is found. */
export const SKIP_WITHOUT_CHROMIUM: false | string = findChromium()
  ? false
  : 'Chromium not found: set CHROMIUM_PATH, or install chromium-headless-shell or chromium (/usr/bin/chromium, chromium-browser, google-chrome)';

/** One browser test file's server, Chromium and pages: open() in before(), close() in after(). */
export class BrowserSuite {
  private running?: { server: RunningServer; browser: Browser; pages: BrowserPages };

  constructor(
    private readonly pageDefaults: ConstructorParameters<typeof BrowserPages>[2] = {},
    private readonly clock?: Clock,
    private readonly serverOptions: Omit<ServerOptions, 'clock'> = {},
  ) {}

  async open(): Promise<RunningServer> {
    const server = await startServer({ ...this.serverOptions, clock: this.clock });
    const browser = await launchBrowser(findChromium() as string);
    this.running = { server, browser, pages: new BrowserPages(browser, server.baseUrl, this.pageDefaults) };
    return server;
  }

  newPage(opts: BrowserContextOptions = {}): Promise<Page> {
    if (!this.running) throw new Error('BrowserSuite.open() has not run');
    return this.running.pages.newPage(opts);
  }

  /**
   * Members of staff of the agency `slug`, one role each, with `password` already changed (after
   * open()); each user's display name is its username unless a third item gives one.
   */
  async addStaff(
    slug: string,
    users: readonly (readonly [username: string, role: Role, displayName?: string])[],
    password: string,
  ): Promise<void> {
    if (!this.running) throw new Error('BrowserSuite.open() has not run');
    const { deps } = this.running.server;
    const db = deps.database.db;
    const agency = await db.selectFrom('agencies').select('id').where('slug', '=', slug).executeTakeFirstOrThrow();
    for (const [username, role, displayName] of users) {
      const { id } = await inTransaction(db, (trx) =>
        createUser(trx, systemContext(deps.clock), {
          agencyId: agency.id,
          username,
          displayName: displayName ?? username,
          email: '',
          roles: [role],
          password,
        }),
      );
      await db.updateTable('users').set({ mustChangePassword: 0 }).where('id', '=', id).execute();
    }
  }

  /** A page (1366 px unless `opts` says otherwise) signed in as `username` through the login form, on the 工作台. */
  async signedIn(username: string, password: string, opts: BrowserContextOptions = {}): Promise<Page> {
    const page = await this.newPage({ viewport: { width: 1366, height: 900 }, bypassCSP: true, ...opts });
    await page.goto('/admin/login');
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码').fill(password);
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.waitForURL((u) => u.pathname === '/admin');
    return page;
  }

  async close(): Promise<void> {
    await this.running?.pages.close();
    await this.running?.browser.close();
    await this.running?.server.close();
  }
}
