// The production layout of #16 point 5 for test/deploy/nginx.multiprocess.test.ts: one throwaway
// PostgreSQL database (migrated, calendar, demo county, three staff of 灵溪镇 and one service item
// with 超时默许), two web processes A and B (RUN_JOBS=0, TRUST_PROXY=1, SECURE_COOKIES=1, as
// deploy/gongkai-web@.service sets them), one `gongkai worker` and, for the job check, two more
// processes running jobs — each with its own DATA_DIR as on separate machines — and Debian's
// nginx with the shipped site in front of A and B (test/support/nginx.ts).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemContext } from '../../src/bootstrap.ts';
import { openDatabase, type Database } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { createUser } from '../../src/modules/account/user.service.ts';
import { seedBundledCalendar } from '../../src/modules/calendar/calendar.service.ts';
import { seedDemoCounty } from '../../src/modules/demo/index.ts';
import { createWindow, EMPTY_ITEM, saveItem } from '../../src/modules/service-hall/service-item.service.ts';
import { systemClock } from '../../src/platform/clock.ts';
import { inTransaction } from '../../src/platform/transaction.ts';
import { findNginx, startNginx, type Nginx } from '../support/nginx.ts';
import {
  freePort,
  processEnv,
  startServer,
  startWorker,
  type ServerProcess,
  type WorkerProcess,
} from '../support/server-process.ts';
import { createPgDatabase, TEST_NOW, TEST_PASSWORD } from '../support/test-app.ts';

// A cold start of a process (tsx) takes seconds on a quiet machine; on a loaded CI runner, minutes.
const START_MS = 300_000;

export class ProductionLayout {
  database!: Database;
  lingxi = 0;
  /** A service item of 灵溪镇 with 超时默许 (deemed approval after 10 working days). */
  deemedItem = 0;
  a!: ServerProcess;
  b!: ServerProcess;
  bPort = 0;
  nginx: Nginx | undefined;
  /** The worker first, then the two extra job processes (the job check stops those). */
  readonly workers: WorkerProcess[] = [];
  private pgDb: Awaited<ReturnType<typeof createPgDatabase>> | undefined;
  private bEnv: NodeJS.ProcessEnv = {};
  private readonly dirs: string[] = [];

  private dataDir(name: string): string {
    const d = mkdtempSync(join(tmpdir(), `gk-mp-${name}-`));
    this.dirs.push(d);
    return d;
  }

  /** The settings every process shares (deploy/gongkai.env.example and the web unit's own lines). */
  private envFor(name: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
    return processEnv(this.dataDir(name), this.pgDb!.url, {
      RUN_JOBS: '0',
      TRUST_PROXY: '1',
      SECURE_COOKIES: '1',
      PUBLIC_FORM_RATE_LIMIT: '3',
      LOGIN_RATE_LIMIT: '100',
      // Long enough that only the change notification, never the age, can empty a cached page.
      PUBLIC_CACHE_SECONDS: '600',
      JOB_INTERVAL_SECONDS: '1',
      // As deploy/gongkai-web@.service: answer 5 s more on SIGTERM, longer than nginx keeps an idle
      // upstream connection (3 s), so no request meets a connection closed under it.
      SHUTDOWN_DRAIN_SECONDS: '5',
      GONGKAI_TEST_NOW: TEST_NOW,
      ...extra,
    });
  }

  async start(): Promise<void> {
    const nginxBinary = findNginx();
    assert.ok(nginxBinary, 'nginx (Debian package nginx) is installed: scripts/test.mjs runs this phase only then');
    this.pgDb = await createPgDatabase();
    const database = openDatabase({ databaseUrl: this.pgDb.url, sqliteFile: '', poolSize: 4 });
    this.database = database;
    await migrateToLatest(database);
    const ctx = systemContext(systemClock);
    await seedBundledCalendar(database.db, ctx);
    const county = await seedDemoCounty(database.db, ctx);
    const lingxi = county.agencyIds.lingxi as number;
    this.lingxi = lingxi;
    for (const [username, roles] of [
      ['mp.clerk', ['clerk']],
      ['mp.reviewer', ['reviewer']],
      ['mp.signer', ['signer']],
    ] as const) {
      const { id } = await inTransaction(database.db, (trx) =>
        createUser(trx, ctx, {
          agencyId: lingxi,
          username,
          displayName: username,
          email: '',
          roles: [...roles],
          password: TEST_PASSWORD,
        }),
      );
      await database.db.updateTable('users').set({ mustChangePassword: 0 }).where('id', '=', id).execute();
    }
    const windowId = await inTransaction(database.db, (trx) =>
      createWindow(trx, ctx, lingxi, '综合受理窗口', '一楼 1 号'),
    );
    this.deemedItem = await inTransaction(database.db, (trx) =>
      saveItem(trx, ctx, lingxi, {
        ...EMPTY_ITEM,
        name: '乡村建设规划许可证核发',
        legalBasis: '《中华人民共和国城乡规划法》',
        conditions: '符合条件。',
        materials: '申请书',
        windowId: String(windowId),
        promisedDays: '10',
        deemedApproval: '1',
        deemedApprovalBasis: '灵政发〔2025〕3号 第三条',
      }),
    );

    // Two web processes, the worker and — for the job check — two more processes running jobs,
    // started at once (each is a cold Node start).
    this.bPort = await freePort();
    this.bEnv = this.envFor('web-b');
    const workerEnv = this.envFor('worker');
    // Each assigned as soon as it is up, so that stop() stops it even when another did not start.
    await Promise.all([
      startServer(this.envFor('web-a'), START_MS).then((s) => (this.a = s)),
      startServer(this.bEnv, START_MS, this.bPort).then((s) => (this.b = s)),
      startWorker(workerEnv, START_MS).then((w) => this.workers.unshift(w)),
      startWorker(this.envFor('jobs-2'), START_MS).then((w) => this.workers.push(w)),
      startWorker(this.envFor('jobs-3'), START_MS).then((w) => this.workers.push(w)),
    ]);
    this.nginx = await startNginx(nginxBinary, {
      http: await freePort(),
      https: await freePort(),
      upstreams: [Number(new URL(this.a.base).port), this.bPort],
    });
  }

  /** Starts web process B again (after `b.stop()`), on its port and with its environment. */
  async restartB(): Promise<void> {
    this.b = await startServer(this.bEnv, START_MS, this.bPort);
  }

  async stop(): Promise<void> {
    await Promise.all([this.a?.stop(), this.b?.stop(), ...this.workers.map((w) => w.stop()), this.nginx?.stop()]);
    await this.database?.close();
    await this.pgDb?.drop();
    for (const d of this.dirs) rmSync(d, { recursive: true, force: true });
  }
}
