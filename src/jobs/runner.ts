// Background jobs (STYLE practice 9): idempotent, batched, safe to run in the web process or
// in a separate worker (`npx gongkai worker`) from the same code. Each tick runs every job
// once; a tick never overlaps the previous one.
import type { FastifyBaseLogger } from 'fastify';
import nodemailer from 'nodemailer';
import type { AppDeps } from '../platform/http/types.ts';
import { optimizeSqlite } from '../db/database.ts';
import { prunePublicSubmissions } from '../platform/public-submissions.ts';
import { deliverPendingNotifications } from '../modules/notification/index.ts';
import { deleteExpiredSessions, deleteStaleLoginFailures, FAILURE_MEMORY_HOURS } from '../modules/account/index.ts';
import { runInfoRequestReminders } from '../modules/info-request/index.ts';
import { remindAnnualReportDeadlines } from '../modules/annual-report/annual-report.reminders.ts';
import { sendDueReminders } from '../modules/interaction/index.ts';
import { endExpiredNotices } from '../modules/notice/index.ts';
import { runDeemedApprovals } from '../modules/service-hall/index.ts';

export interface Job {
  name: string;
  run(deps: AppDeps): Promise<string | void>;
}

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
      name: 'annualReports.remind',
      async run({ database, clock }) {
        const n = await remindAnnualReportDeadlines(database.db, clock.now());
        if (n) return `queued ${n} annual report reminders`;
      },
    },
  ];
  if (deps.database.sqlite) {
    const sqlite = deps.database.sqlite;
    let last = Date.now();
    jobs.push({
      name: 'database.optimize',
      async run() {
        if (Date.now() - last < 3_600_000) return;
        last = Date.now();
        optimizeSqlite(sqlite);
        return 'planner statistics refreshed';
      },
    });
  }
  if (deps.config.smtpUrl) {
    const transport = nodemailer.createTransport(deps.config.smtpUrl);
    jobs.push({
      name: 'notifications.deliver',
      async run({ database, clock, config }) {
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

export function startJobs(
  deps: AppDeps,
  log: Pick<FastifyBaseLogger, 'info' | 'error'>,
  everyMs = 30_000,
): { stop(): void } {
  const jobs = buildJobs(deps);
  let running: Promise<void> | undefined;
  const tick = () => {
    if (running) return;
    running = runJobsOnce(deps, jobs, log).finally(() => {
      running = undefined;
    });
  };
  const timer = setInterval(tick, everyMs);
  timer.unref();
  setTimeout(tick, 1000).unref();
  return { stop: () => clearInterval(timer) };
}
