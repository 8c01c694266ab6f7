// `npm run bench:workbench`: the 工作台 (/admin) of a county-level admin over A agencies (default
// 2,000) with N applications (default 500,000), plus P publications (default 100,000) and I letters,
// inquiries and complaints (default 50,000) so that every queue has rows to skip (issue #11 point 1).
// Fixtures are bulk-inserted with multi-row INSERTs (no services: only the columns the queues
// read need realistic values), dated around the real today: most cases closed, a few percent open
// with due dates from 40 days ago to 40 days ahead, some waiting for confirmation or the applicant.
// The server is the real one (`src/server.ts`, as `npm start` runs it) in a child process; this
// process only generates load: W workers (default 1: the latency of one user) request /admin one
// after another for S seconds (default 20) over keep-alive connections, after a warm-up, and
// report p50/p95/p99 of every request. It also times each queue's one query directly (same
// database, this process), which says where the time goes.
// Options: --engine embedded|postgres (PostgreSQL: a throwaway database created in the server at
// BENCH_PG_URL, default postgres://postgres@127.0.0.1:5432/postgres, dropped at the end),
// --agencies A, --applications N, --publications P, --interactions I, --seconds S, --workers W,
// --keep (keep the data).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type Insertable } from 'kysely';
import { prepare, systemContext } from '../src/bootstrap.ts';
import { loadConfig } from '../src/config.ts';
import { optimizeSqlite } from '../src/db/database.ts';
import type { DB } from '../src/db/schema.ts';
import { createUser } from '../src/modules/account/index.ts';
import {
  addCalendarDays,
  todayInShanghai,
  weekEndOf,
  workingDaysAhead,
  workingDaysBefore,
} from '../src/modules/calendar/index.ts';
import { WORK_QUEUES } from '../src/modules/workbench/index.ts';
import { inTransaction } from '../src/platform/transaction.ts';
import { rng } from './corpus.ts';
import { insertAgencyTree, insertDefaultTaxonomies, numberArg, progressBar, stringArg } from './support/fixtures.ts';
import { signIn } from './support/http-session.ts';
import { benchServerEnv, freePort, serverCpuMs, startBenchServer } from './support/server.ts';
import { createThrowawayDatabase } from './support/throwaway-pg.ts';
import { infoRequestRow } from '../test/support/rows.ts';

const engine = stringArg('engine') ?? 'embedded';
if (engine !== 'embedded' && engine !== 'postgres') throw new Error('--engine embedded|postgres');
const agencyCount = numberArg('agencies', 2000, 0);
const applicationCount = numberArg('applications', 500_000, 0);
const publicationCount = numberArg('publications', 100_000, 0);
const interactionCount = numberArg('interactions', 50_000, 0);
const seconds = numberArg('seconds', 20, 0);
const workers = numberArg('workers', 1, 0);
const keep = process.argv.includes('--keep');
const started = Date.now();

const bar = progressBar(started, 13);

// ---- the database: a temporary folder, or a throwaway PostgreSQL database ----
const dataDir = mkdtempSync(join(tmpdir(), 'gk-bench-workbench-'));
const pgAdminUrl = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const throwaway = engine === 'postgres' ? await createThrowawayDatabase(pgAdminUrl, 'gk_bench_workbench') : null;
const databaseUrl = throwaway?.url;

const config = loadConfig(
  {},
  { dataDir, port: 0, seedDemo: false, runJobs: false, logLevel: 'warn', ...(databaseUrl ? { databaseUrl } : {}) },
);
const { deps } = await prepare(config);
const db = deps.database.db;
const now = new Date();
const today = todayInShanghai(now);
const at = now.toISOString();
const r = rng(20261205);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
const day = (offset: number) => addCalendarDays(today, offset);

/** Inserts rows in multi-row statements, `perStatement` at a time, many statements per transaction. */
async function bulk<T>(
  label: string,
  total: number,
  perStatement: number,
  make: (i: number) => T,
  insert: (trx: typeof db, rows: T[]) => Promise<unknown>,
): Promise<void> {
  const perTransaction = perStatement * 20;
  for (let i = 0; i < total; i += perTransaction) {
    await db.transaction().execute(async (trx) => {
      for (let j = i; j < Math.min(total, i + perTransaction); j += perStatement) {
        const rows = Array.from({ length: Math.min(perStatement, total - j) }, (_, k) => make(j + k));
        await insert(trx, rows);
      }
    });
    bar(label, Math.min(total, i + perTransaction), total);
  }
}

// ---- agencies: the county government and its departments, towns and townships ----
const agencyIds = await insertAgencyTree(db, agencyCount, {
  at,
  kind: (i) => (i % 3 === 0 ? 'town' : i % 3 === 1 ? 'department' : 'township'),
  progress: bar,
});

// Each agency's default 主题分类 tree, as the server's first start would create it (prepare()):
// here, so that the server starts within its time (one transaction per agency, slow on PostgreSQL).
const t0 = Date.now();
await insertDefaultTaxonomies(db, systemContext(deps.clock));
console.error(`categories    ${agencyIds.length} agencies ${((Date.now() - t0) / 1000).toFixed(0)}s`);

// ---- applications: 88 % closed, the rest open in every state the queues look at ----
const CLOSED = ['replied', 'archived', 'closed'] as const;
function application(i: number): Insertable<DB['infoRequests']> {
  const x = r();
  const open = x >= 0.88;
  const state = !open
    ? pick(CLOSED)
    : x < 0.95
      ? 'processing'
      : x < 0.97
        ? 'submitted'
        : x < 0.99
          ? 'awaitingCorrection'
          : 'feePending';
  const received = day(-Math.floor(r() * 700) - (open ? 0 : 30));
  const dueOn = state === 'submitted' ? null : open ? day(Math.floor(r() * 80) - 40) : addCalendarDays(received, 28);
  const ts = `${received}T02:00:00.000Z`;
  return infoRequestRow({
    agencyId: agencyIds[i % agencyIds.length]!,
    number: `B-${i}`,
    state,
    applicantName: '申请人',
    informationName: `申请公开的信息${i}`,
    receivedOn: state === 'submitted' ? null : received,
    dueOn,
    clockStatus: open ? (state === 'processing' ? 'running' : 'paused') : 'stopped',
    submittedAt: ts,
  });
}
await bulk('applications', applicationCount, 500, application, (trx, rows) =>
  trx.insertInto('infoRequests').values(rows).execute(),
);

// ---- publications: almost all released; drafts, 待审查, 待签发 and late ones among them ----
function publication(i: number): Insertable<DB['publications']> {
  const x = r();
  const state = x < 0.96 ? 'published' : x < 0.975 ? 'draft' : x < 0.99 ? 'submitted' : 'reviewed';
  const formedOn = day(-Math.floor(r() * (state === 'published' ? 1500 : 60)));
  const ts = `${formedOn}T03:00:00.000Z`;
  return {
    agencyId: agencyIds[(i * 7) % agencyIds.length]!,
    title: `信息标题${i}`,
    summary: '',
    body: '<p>正文</p>',
    issuer: '政府办公室',
    formedOn,
    dueOn: addCalendarDays(formedOn, 28),
    isLate: 0,
    documentNumber: '',
    validity: 'valid',
    topic: '',
    keywords: '',
    disclosureMode: 'proactive',
    state,
    docKind: 'other',
    withdrawnReason: '',
    reviewComment: state === 'draft' && r() < 0.3 ? '请修改' : '',
    revision: state === 'published' ? 1 : 0,
    publishedAt: state === 'published' ? ts : null,
    publishedOn: state === 'published' ? addCalendarDays(formedOn, 3) : null,
    createdAt: ts,
    updatedAt: ts,
  };
}
await bulk('publications', publicationCount, 500, publication, (trx, rows) =>
  trx.insertInto('publications').values(rows).execute(),
);

// ---- letters, inquiries and complaints: 95 % answered ----
const KINDS = ['letter', 'inquiry', 'complaint'] as const;
function interaction(i: number): Insertable<DB['interactionCases']> {
  const open = r() >= 0.95;
  const received = day(-Math.floor(r() * 700));
  const ts = `${received}T04:00:00.000Z`;
  return {
    agencyId: agencyIds[(i * 13) % agencyIds.length]!,
    kind: pick(KINDS),
    channel: 'online',
    state: open ? pick(['received', 'assigned', 'handling'] as const) : 'replied',
    receiptNumber: `XX-B-${i}`,
    queryCodeHash: 'x',
    topic: '来信',
    body: '内容',
    writerName: '',
    writerPhone: '',
    writerEmail: '',
    writerAddress: '',
    publishConsent: 0,
    publication: 'notRequested',
    receivedAt: ts,
    receivedDate: received,
    dueDate: open ? day(Math.floor(r() * 40) - 20) : addCalendarDays(received, 20),
    replyText: '',
    ratingComment: '',
    createdAt: ts,
    updatedAt: ts,
  };
}
await bulk('interactions', interactionCount, 500, interaction, (trx, rows) =>
  trx.insertInto('interactionCases').values(rows).execute(),
);

// ---- the county-level admin who opens the 工作台 ----
const password = `Bench-${randomBytes(8).toString('hex')}-9`;
const { id: userId } = await inTransaction(db, (trx) =>
  createUser(trx, systemContext(deps.clock), {
    agencyId: agencyIds[0]!,
    username: 'county.admin',
    displayName: '县政务公开办',
    email: '',
    roles: ['admin'],
    password,
  }),
);
await db.updateTable('users').set({ mustChangePassword: 0 }).where('id', '=', userId).execute();
if (deps.database.sqlite) optimizeSqlite(deps.database.sqlite);
else await sql`VACUUM (ANALYZE)`.execute(db); // as autovacuum would after the bulk load (index-only scans)
console.error(`fixtures loaded in ${((Date.now() - started) / 1000).toFixed(0)} s`);

// ---- each queue's one query, timed directly (median of 5), for the profile ----
const cal = await deps.calendar.get();
const ctx = {
  db,
  agencyIds,
  userId,
  today,
  soonLimit: workingDaysAhead(cal, today, 5),
  workingDaysBefore: (n: number) => workingDaysBefore(cal, today, n),
  weekEnd: weekEndOf(today),
};
async function timeQueues(): Promise<Map<string, [number, number]>> {
  const out = new Map<string, [number, number]>();
  for (const q of WORK_QUEUES) {
    const times: number[] = [];
    let total = 0;
    for (let k = 0; k < 5; k++) {
      const t = performance.now();
      const counts = await q.countByAgency(ctx);
      times.push(performance.now() - t);
      total = [...counts.values()].reduce((a, b) => a + b, 0);
    }
    times.sort((a, b) => a - b);
    out.set(q.key, [times[2]!, total]);
  }
  return out;
}

// ---- the server in its own process, and the load from this one ----
interface Run {
  latencies: number[];
  queues: Map<string, [number, number]>;
  /** The server process's CPU time (user + system) per request, less load-sensitive than latency. */
  cpuPerRequest: number | null;
}

async function measure(): Promise<Run> {
  const queues = await timeQueues();
  const port = await freePort();
  const serverEnv = benchServerEnv(port, dataDir, 'workbench', { LOGIN_RATE_LIMIT: '1000' });
  if (databaseUrl) serverEnv.DATABASE_URL = databaseUrl;
  else delete serverEnv.DATABASE_URL;
  const server = await startBenchServer(serverEnv, port);

  // Sign in (cookie + CSRF token), then load /admin.
  const session = await signIn(server.base, 'county.admin', password, workers);
  const send = session.send;
  const first = await send('/admin');
  if (first.status !== 200 || !first.body.includes('各单位待办'))
    throw new Error(`/admin answered ${first.status} without the agency × queue table`);

  for (let k = 0; k < 10; k++) await send('/admin');
  const cpu0 = serverCpuMs(server.child.pid);
  const latencies: number[] = [];
  const until = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (Date.now() < until) {
        const t = performance.now();
        const res = await send('/admin');
        latencies.push(performance.now() - t);
        if (res.status !== 200) throw new Error(`/admin answered ${res.status}`);
      }
    }),
  );
  const cpu1 = serverCpuMs(server.child.pid);
  await server.stop();
  session.close();
  const cpuPerRequest = cpu0 !== null && cpu1 !== null ? (cpu1 - cpu0) / latencies.length : null;
  return { latencies: latencies.sort((a, b) => a - b), queues, cpuPerRequest };
}

const runs: [string, Run][] = [['/admin', await measure()]];
await deps.database.close();

// ---- the report ----
const ms = (x: number) => x.toFixed(1);
const pct = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)]!;
console.log(
  `\n工作台 (/admin) of a county admin — ${engine}, ${agencyIds.length} agencies, ${applicationCount} applications, ` +
    `${publicationCount} publications, ${interactionCount} letters/inquiries/complaints; ${workers} worker(s) × ${seconds} s, ` +
    `server in its own process, node ${process.version}, today ${today}\n`,
);
console.log(
  '| run | requests | req/s | p50 ms | p95 ms | p99 ms | max ms | server CPU ms/request |\n|---|---|---|---|---|---|---|---|',
);
for (const [label, { latencies, cpuPerRequest }] of runs)
  console.log(
    `| ${label} | ${latencies.length} | ${(latencies.length / seconds).toFixed(1)} | ${ms(pct(latencies, 50))} | ${ms(pct(latencies, 95))} | ${ms(pct(latencies, 99))} | ${ms(latencies.at(-1)!)} | ${cpuPerRequest === null ? '—' : ms(cpuPerRequest)} |`,
  );
console.log(
  `load average at the end: ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`,
);
console.log(
  `\nEach queue's query alone (this process, median of 5 ms):\n\n| queue | count | ${runs.map(([l]) => l).join(' | ')} |\n|---|---|${runs.map(() => '---|').join('')}`,
);
for (const q of WORK_QUEUES) {
  const cells = runs.map(([, r]) => ms(r.queues.get(q.key)?.[0] ?? 0));
  console.log(`| ${q.key} | ${runs[0]![1].queues.get(q.key)?.[1] ?? 0} | ${cells.join(' | ')} |`);
}

if (keep) console.error(`kept: ${databaseUrl ?? dataDir}`);
else {
  rmSync(dataDir, { recursive: true, force: true });
  await throwaway?.drop();
}
