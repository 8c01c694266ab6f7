// Background jobs (STYLE practice 9): idempotent, batched, safe to run in the web process or
// in a separate worker (`npx gongkai worker`) from the same code. Every process that runs jobs
// ticks every few seconds; a tick runs each job that is due and that it can claim, and never
// overlaps the previous tick. A run is claimed through the job's row in `job_runs`, so with
// several web processes and a worker on one database each run is made by one process and a job
// never runs twice at once (docs/ARCHITECTURE.md, "Several processes"):
// - PostgreSQL: the row is locked (SELECT … FOR UPDATE SKIP LOCKED) in a transaction held for
//   the whole run; another process skips the locked row at once. If the process dies, its
//   connection ends, the lock goes with it, and the next tick anywhere runs the job again.
// - Embedded: SQLite has no row locks; the claim is a conditional UPDATE that moves `due_at`
//   past a lease (SQLite runs writes one at a time, so exactly one process wins); a process that
//   dies mid-run leaves the job to be picked up when the lease ends.
import { hostname } from 'node:os';
import type { FastifyBaseLogger } from 'fastify';
import { sql } from 'kysely';
import type { Transporter } from 'nodemailer';
import type { AppDeps } from '../platform/http/types.ts';
import { optimizeSqlite } from '../db/database.ts';
import { prunePublicSubmissions } from '../platform/public-submissions.ts';
import { pruneRateLimitHits } from '../platform/http/rate-limit-store.ts';
import { deliverPendingNotifications } from '../modules/notification/index.ts';
import { deleteExpiredSessions, deleteStaleLoginFailures, FAILURE_MEMORY_HOURS } from '../modules/account/index.ts';
import { runInfoRequestReminders } from '../modules/info-request/index.ts';
import { remindAnnualReportDeadlines } from '../modules/annual-report/index.ts';
import { sendDueReminders } from '../modules/interaction/index.ts';
import { endExpiredNotices } from '../modules/notice/index.ts';
import { runDeemedApprovals } from '../modules/service-hall/index.ts';
import { continueRuns, restoreIndexesInSite, runQueuedOcr } from '../modules/publication/index.ts';
import { buildBacklogInSite } from '../modules/search/index.ts';
import { fileStore } from '../platform/storage/file-store.ts';
import { writeLockFree } from '../platform/transaction.ts';

export interface Job {
  name: string;
  /** `signal` aborts when the process shuts down (startJobs' stop): a long job stops at its next step. */
  run(deps: AppDeps, signal?: AbortSignal): Promise<string | void>;
  /** Work on this process's own resources (the SQLite handle): run by every process, never claimed. */
  perProcess?: boolean;
}

export interface JobRunsTable {
  name: string;
  dueAt: string;
  lastStartedAt: string | null;
  lastFinishedAt: string | null;
  lastRunBy: string | null;
  lastResult: string | null;
}

export interface JobRunTables {
  jobRuns: JobRunsTable;
}

/** How long an embedded-engine claim holds a job when its process dies mid-run. */
export const EMBEDDED_LEASE_MS = 15 * 60_000;

/** This process, as recorded in `job_runs.last_run_by`. */
const ME = `${hostname()}:${process.pid}`;

export function buildJobs(deps: AppDeps): Job[] {
  const jobs: Job[] = [
    { name: 'infoRequest.reminders', run: runInfoRequestReminders },
    {
      name: 'sessions.prune',
      async run({ database, clock, config }) {
        const now = clock.now();
        const idleBefore = new Date(now.getTime() - config.sessionIdleMinutes * 60_000).toISOString();
        await deleteExpiredSessions(database.db, now.toISOString(), idleBefore);
        await prunePublicSubmissions(database.db, now);
        const forgetBefore = new Date(now.getTime() - FAILURE_MEMORY_HOURS * 3600_000).toISOString();
        await deleteStaleLoginFailures(database.db, forgetBefore);
        await pruneRateLimitHits(database.db, Date.now());
      },
    },
    {
      name: 'notices.endExpired',
      async run({ database, clock }) {
        const n = await endExpiredNotices(database.db, {
          actorUserId: null,
          actorName: 'system',
          ip: '127.0.0.1',
          at: clock.now().toISOString(),
        });
        if (n) return `ended ${n} notice(s)`;
      },
    },
    {
      name: 'interaction.reminders',
      async run({ database, clock }) {
        const n = await sendDueReminders(database.db, clock.now());
        if (n) return `queued ${n} reminder(s)`;
      },
    },
    {
      name: 'serviceCases.deemedApproval',
      async run({ database, clock }) {
        const r = await runDeemedApprovals(database.db, clock);
        if (r.approved) return `deemed approvals ${r.approved}`;
      },
    },
    {
      // The personal-data guard's OCR of images and scanned PDF pages (issue #18), a few files a run.
      name: 'privacy.ocr',
      async run({ database, clock, config }) {
        const n = await runQueuedOcr(database.db, fileStore(config.dataDir), () => clock.now().toISOString());
        if (n) return `read ${n} file(s) by OCR`;
      },
    },
    {
      // The retroactive scan started from the admin screen (#18 point 4): a batch of each running run.
      name: 'privacy.scanPublished',
      async run({ database, clock, config }) {
        const n = await continueRuns(database.db, fileStore(config.dataDir), () => clock.now().toISOString());
        if (n) return `advanced ${n} scan run(s)`;
      },
    },
    {
      name: 'annualReports.remind',
      async run({ database, clock }) {
        const n = await remindAnnualReportDeadlines(database.db, clock.now());
        if (n) return `queued ${n} annual report reminders`;
      },
    },
  ];
  if (deps.database.sqlite) {
    jobs.push({
      // The date indexes of publications a killed large import left missing
      // (publication.bulk-indexes-job.ts): created on a thread, never while an import holds the lock.
      name: 'publications.indexes',
      async run({ database }, signal) {
        const r = await restoreIndexesInSite(database.db, signal);
        if (r?.built.length) return `created ${r.built.length} missing indexes (${r.built.join(', ')})`;
        if (r?.stopped) return 'stopped before the missing indexes were all created';
      },
    });
    jobs.push({
      // The search entries a stopped large import left (search.backlog-job.ts): built in small
      // chunks while the site answers, never while an import holds the import lock.
      name: 'search.backlog',
      async run({ database }, signal) {
        const r = await buildBacklogInSite(database.db, signal ? { signal } : {});
        if (r?.built)
          return `built ${r.built} search entries${r.left ? `, ${r.left} left (${r.stoppedBy ?? 'more'})` : ''}`;
      },
    });
    const sqlite = deps.database.sqlite;
    let last = Date.now();
    jobs.push({
      name: 'database.optimize',
      perProcess: true,
      async run() {
        if (Date.now() - last < 3_600_000) return;
        last = Date.now();
        optimizeSqlite(sqlite);
        return 'planner statistics refreshed';
      },
    });
  }
  if (deps.config.smtpUrl) {
    const smtpUrl = deps.config.smtpUrl;
    // The mail library is loaded when the job first runs, not at every process's startup.
    let transport: Transporter | undefined;
    jobs.push({
      name: 'notifications.deliver',
      async run({ database, clock, config }) {
        transport ??= (await import('nodemailer')).default.createTransport(smtpUrl);
        const r = await deliverPendingNotifications(database.db, transport, {
          now: clock.now(),
          from: config.mailFrom,
        });
        if (r.sent || r.failed || r.retried) return `sent ${r.sent}, retried ${r.retried}, failed ${r.failed}`;
      },
    });
  }
  return jobs;
}

export async function runJobsOnce(
  deps: AppDeps,
  jobs: Job[],
  log: Pick<FastifyBaseLogger, 'info' | 'error'>,
): Promise<void> {
  for (const job of jobs) {
    try {
      const summary = await job.run(deps);
      if (summary) log.info(`job ${job.name}: ${summary}`);
    } catch (err) {
      log.error({ err }, `job ${job.name} failed`);
    }
  }
}

type Log = Pick<FastifyBaseLogger, 'info' | 'error'>;

async function runOne(deps: AppDeps, job: Job, log: Log, signal?: AbortSignal): Promise<string> {
  try {
    const summary = await job.run(deps, signal);
    if (summary) log.info(`job ${job.name}: ${summary}`);
    return summary || 'ok';
  } catch (err) {
    log.error({ err }, `job ${job.name} failed`);
    return `failed: ${err instanceof Error ? err.message : String(err)}`.slice(0, 500);
  }
}

/**
 * Runs `job` if it is due and no other process holds it; resolves whether this process ran it.
 * `intervalMs` after a run ends, the job is due again.
 */
export async function runIfClaimed(
  deps: AppDeps,
  job: Job,
  intervalMs: number,
  log: Log,
  signal?: AbortSignal,
): Promise<boolean> {
  const { db, engine } = deps.database;
  const iso = (ms: number) => new Date(ms).toISOString();
  const start = Date.now();
  await db
    .insertInto('jobRuns')
    .values({ name: job.name, dueAt: iso(0) })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  if (engine === 'postgres') {
    return db.transaction().execute(async (trx) => {
      const { rows } = await sql<{ name: string }>`
        SELECT name FROM job_runs WHERE name = ${job.name} AND due_at <= ${iso(start)}
        FOR UPDATE SKIP LOCKED`.execute(trx);
      if (!rows.length) return false;
      // The job's own statements run on other connections of the pool; this one holds the lock.
      const result = await runOne(deps, job, log, signal);
      const end = Date.now();
      await trx
        .updateTable('jobRuns')
        .set({
          dueAt: iso(end + intervalMs),
          lastStartedAt: iso(start),
          lastFinishedAt: iso(end),
          lastRunBy: ME,
          lastResult: result,
        })
        .where('name', '=', job.name)
        .execute();
      return true;
    });
  }
  const claimed = await db
    .updateTable('jobRuns')
    .set({ dueAt: iso(start + Math.max(EMBEDDED_LEASE_MS, intervalMs)), lastStartedAt: iso(start), lastRunBy: ME })
    .where('name', '=', job.name)
    .where('dueAt', '<=', iso(start))
    .executeTakeFirst();
  if (Number(claimed.numUpdatedRows) !== 1) return false;
  const result = await runOne(deps, job, log, signal);
  const end = Date.now();
  await db
    .updateTable('jobRuns')
    .set({ dueAt: iso(end + intervalMs), lastFinishedAt: iso(end), lastResult: result })
    .where('name', '=', job.name)
    .where('lastRunBy', '=', ME)
    .execute();
  return true;
}

/** One tick: every due job this process can claim, one after the other (none once `signal` aborts). */
export async function runDueJobs(
  deps: AppDeps,
  jobs: Job[],
  intervalMs: number,
  log: Log,
  signal?: AbortSignal,
): Promise<void> {
  for (const job of jobs) {
    if (signal?.aborted) return;
    try {
      if (job.perProcess) await runOne(deps, job, log, signal);
      // Another connection holds the embedded database's write lock (an import, its index build):
      // the claim would wait for it synchronously, the site with it; the next tick claims instead.
      else if (writeLockFree(deps.database.db)) await runIfClaimed(deps, job, intervalMs, log, signal);
    } catch (err) {
      // The claim itself failed (the database is unreachable): the next tick tries again.
      log.error({ err }, `job ${job.name}: could not be claimed`);
    }
  }
}

/**
 * Ticks every `min(interval, 5 s)` (and once a second after start); each job runs when due, at
 * most once per `intervalMs` across every process on the database. `stop()` starts no further job
 * and tells the running one (its signal); it resolves when the tick under way has ended, so that
 * the database is closed after it.
 */
export function startJobs(
  deps: AppDeps,
  log: Log,
  intervalMs = deps.config.jobIntervalSeconds * 1000,
): { stop(): Promise<void> } {
  const jobs = buildJobs(deps);
  const stopping = new AbortController();
  let running: Promise<void> | undefined;
  const tick = () => {
    if (running || stopping.signal.aborted) return;
    running = runDueJobs(deps, jobs, intervalMs, log, stopping.signal).finally(() => {
      running = undefined;
    });
  };
  const timer = setInterval(tick, Math.max(200, Math.min(5000, intervalMs)));
  timer.unref();
  const first = setTimeout(tick, 1000);
  first.unref();
  return {
    async stop() {
      stopping.abort();
      clearInterval(timer);
      clearTimeout(first);
      await running;
    },
  };
}
