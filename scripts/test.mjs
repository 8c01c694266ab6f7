#!/usr/bin/env node
// `npm test`: every suite this machine can run.
//   1. unit + route tests on the embedded database (always);
//   2. route tests (*.db.test.ts) again on PostgreSQL — a server at GK_TEST_PG_URL or
//      127.0.0.1:5432, else a throwaway cluster started by scripts/pg-throwaway.sh;
//   3. the deployment as it runs in production (*.multiprocess.test.ts, test/deploy): Debian's
//      nginx with deploy/'s site in front of two web processes and a worker on one PostgreSQL
//      database — when nginx, openssl and PostgreSQL are there;
//   4. browser tests (*.browser.test.ts) when Chromium is found.
// It prints what it skipped, the CPU and wall time of each phase and its slowest files
// (scripts/test-timing.mjs), ends with one "N passed, N failed, N skipped" line, and fails when
// any test failed or when no test ran. `--require-all` (CI) also fails if a phase or a test was
// skipped.
//
// Tests never read the real date. Every phase runs with NODE_ENV=test; `--today DATE` (an ISO
// date, or `december` for December 15 of the last year of the bundled calendar) sets
// GONGKAI_TEST_NOW, which moves the default day of the route tests and the system clock of every
// server and CLI process the tests start (the app reads it only in test mode). CI puts the
// suite on a second day, December 15 (`december`: the day when next year's holidays are not yet
// published, which once turned the suite red every December), without running it twice: the
// PostgreSQL phase on that day (`--postgres-today december`), then the embedded files that are not
// database tests (`--only units --today december`).
import { spawnSync, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import { compileTests, compiledPath } from './compile-tests.mjs';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const requireAll = args.includes('--require-all');
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
const todayArg = args.includes('--today') ? args[args.indexOf('--today') + 1] : undefined;
// `--postgres-today DATE`: the PostgreSQL phase alone runs on that day, the others on the usual
// one. CI runs its December guard this way (.ci/run): every database test file then runs on two
// days, one per engine, instead of the embedded phase running a second time.
const postgresTodayArg = args.includes('--postgres-today') ? args[args.indexOf('--postgres-today') + 1] : undefined;
// `--tsx`: run the TypeScript sources through tsx in every process, as a file run by hand does,
// instead of the tree compiled once for the run (scripts/compile-tests.mjs). Same tests, slower.
const viaTsx = args.includes('--tsx');

/** `december` → December 15 of the last bundled calendar year; else an ISO date as given. */
function resolveToday(arg) {
  if (arg === undefined) return undefined;
  let day = arg;
  if (arg === 'december') {
    const file = JSON.parse(readFileSync(join(root, 'src/modules/calendar/data/cn-calendar.json'), 'utf8'));
    const last = Math.max(...Object.keys(file.years).map(Number));
    day = `${last}-12-15`;
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) {
    console.error(`--today wants YYYY-MM-DD or 'december', not ${arg}`);
    process.exit(2);
  }
  // 10:00 in Beijing: inside office hours, well clear of midnight on either side.
  return `${day}T02:00:00Z`;
}
const testNow = resolveToday(todayArg);
const postgresNow = postgresTodayArg === undefined ? testNow : resolveToday(postgresTodayArg);
if (testNow && postgresTodayArg !== undefined) {
  console.error('--today and --postgres-today: give one or the other');
  process.exit(2);
}

function findTests(dir) {
  const out = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...findTests(p));
    else if (/\.test\.tsx?$/.test(e.name)) out.push(relative(root, p));
  }
  return out.sort();
}

// Operator commands that never read today's date — backup/restore of bytes, the audit chain, the
// 2013 seed report built and imported, the text checker — spawn the CLI dozens of times and were
// 40 % of the embedded phase's time (measured 2026-12-05). They run in the first phase; a second
// run on another `--today` (CI's December guard) leaves them out and says so.
const DATE_INDEPENDENT = [
  'test/foundation/backup-archive.db.test.ts',
  'test/foundation/backup.test.ts',
  'test/foundation/audit-cli.test.ts',
  'test/annual-report/report-build-cli.test.ts',
  'test/annual-report/report-build-legacy-cli.test.ts',
  'test/foundation/report-check-cli.test.ts',
];

const all = [...findTests(join(root, 'src')), ...findTests(join(root, 'test'))].filter(
  (f) => !(testNow && DATE_INDEPENDENT.includes(f)),
);
if (testNow) {
  const missing = DATE_INDEPENDENT.filter((f) => !existsSync(join(root, f)));
  if (missing.length) {
    console.error(`scripts/test.mjs: DATE_INDEPENDENT names files that do not exist: ${missing.join(', ')}`);
    process.exit(2);
  }
  console.log(
    `On ${testNow}, left out (they never read today's date; run without --today): ${DATE_INDEPENDENT.length} files`,
  );
}
const browserFiles = all.filter((f) => f.includes('.browser.test.'));
const dbFiles = all.filter((f) => f.includes('.db.test.'));
const multiprocessFiles = all.filter((f) => f.includes('.multiprocess.test.'));
const embeddedFiles = all.filter((f) => !browserFiles.includes(f) && !multiprocessFiles.includes(f));
// `--only units`: the embedded phase without its database files (those run in the PostgreSQL
// phase too) — with `--postgres-today`, the rest of the suite on the second day.
const unitFiles = embeddedFiles.filter((f) => !dbFiles.includes(f));

const totals = { pass: 0, fail: 0, skipped: 0 };
const skippedPhases = [];
const tmp = mkdtempSync(join(tmpdir(), 'gk-tests-'));
// Database states many test files build alike (migrated + calendar, the demo county, the whole
// demo) are built once per run and phase and copied (test/support/test-app.ts, freshData).
const templateDir = (phase) => join(tmp, `tpl-${phase}`);

// Compiled once for the run (scripts/compile-tests.mjs): node runs the JavaScript without loader
// hooks, and so do the servers and CLI runs the tests start (GK_TEST_JS_DIR).
const compiled = viaTsx ? undefined : await compileTests(root);
if (compiled)
  console.log(
    `Compiled ${compiled.compiled} of ${compiled.total} TypeScript files in ${compiled.ms} ms (${relative(root, compiled.outDir)})`,
  );

// What each test file cost (scripts/test-timing.mjs, loaded into every file's process): CPU time
// with the children it started, and wall time; the slowest are printed at the end of the run.
const timingHook = fileURLToPath(new URL('./test-timing.mjs', import.meta.url));
/** @type {{ phase: string, file: string, cpuMs: number, wallMs: number }[]} */
const fileTimes = [];
/** @type {{ phase: string, files: number, cpuMs: number, wallMs: number, machine?: { busyMs: number, idleMs: number }, load: string }[]} */
const phaseTimes = [];

/** A test file's path relative to root, from the path its process ran (compiled or source). */
function sourceOf(file) {
  const rel = relative(compiled ? compiled.outDir : root, file);
  return compiled ? rel.replace(/\.js$/, '') : rel;
}

/**
 * The whole machine's CPU time from /proc/stat (all cores; busy = everything but idle and iowait),
 * in ms. A file's own figure counts only the children that were waited for up to its process —
 * not Chromium's renderer and GPU processes (children of Chromium's zygote), measured at 50–60 %
 * of a browser file's whole cost — so each phase also prints the machine's busy and idle time: on
 * CI's otherwise idle machine that is the phase's whole cost, and idle time is what it waited.
 */
function machineCpu() {
  try {
    const v = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const idle = v[3] + (v[4] ?? 0);
    return { busyMs: (v.reduce((a, b) => a + b, 0) - idle) * 10, idleMs: idle * 10 };
  } catch {
    return undefined;
  }
}

/** The 1, 5 and 15 minute load averages, or `?`. */
function loadAverage() {
  try {
    return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  } catch {
    return '?';
  }
}

function runPhase(name, files, env, now = testNow) {
  if (!files.length) {
    skippedPhases.push(`${name}: no test files`);
    return;
  }
  console.log(`\n=== ${name}: ${files.length} files${now ? ` (today is ${now})` : ''} ===`);
  const tap = join(tmp, `${name}.tap`);
  const timingDir = join(tmp, `timing-${name}`);
  mkdirSync(timingDir);
  const started = Date.now();
  const machineBefore = machineCpu();
  const r = spawnSync(
    process.execPath,
    [
      ...(compiled ? [] : ['--import', 'tsx']),
      '--import',
      timingHook,
      '--test',
      '--test-concurrency=2',
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      '--test-reporter=tap',
      `--test-reporter-destination=${tap}`,
      ...(compiled ? files.map((f) => compiledPath(compiled.outDir, f)) : files),
    ],
    {
      cwd: root,
      stdio: 'inherit',
      env: {
        ...process.env,
        NODE_ENV: 'test',
        GK_TEST_TEMPLATE_DIR: templateDir(name),
        GK_TEST_JS_DIR: compiled ? compiled.outDir : '',
        GK_TEST_TIMING_DIR: timingDir,
        ...(now ? { GONGKAI_TEST_NOW: now } : {}),
        ...env,
      },
    },
  );
  const wallMs = Date.now() - started;
  const machineAfter = machineCpu();
  const machine =
    machineBefore && machineAfter
      ? { busyMs: machineAfter.busyMs - machineBefore.busyMs, idleMs: machineAfter.idleMs - machineBefore.idleMs }
      : undefined;
  let cpuMs = 0;
  for (const f of readdirSync(timingDir)) {
    let t;
    try {
      t = JSON.parse(readFileSync(join(timingDir, f), 'utf8'));
    } catch {
      continue; // a process killed while writing it
    }
    fileTimes.push({ phase: name, file: sourceOf(t.file), cpuMs: t.cpuMs, wallMs: t.wallMs });
    cpuMs += t.cpuMs;
  }
  phaseTimes.push({ phase: name, files: files.length, cpuMs, wallMs, machine, load: loadAverage() });
  const text = existsSync(tap) ? readFileSync(tap, 'utf8') : '';
  const count = (k) => Number(new RegExp(`^# ${k} (\\d+)$`, 'm').exec(text)?.[1] ?? 0);
  const phase = {
    pass: count('pass'),
    fail: count('fail') + count('cancelled'),
    skipped: count('skipped') + count('todo'),
  };
  if (r.status !== 0 && phase.fail === 0) phase.fail = 1;
  console.log(`--- ${name}: ${phase.pass} passed, ${phase.fail} failed, ${phase.skipped} skipped`);
  for (const k of Object.keys(totals)) totals[k] += phase[k];
}

function portOpen(host, port) {
  return new Promise((resolve) => {
    const s = net.connect({ host, port, timeout: 1000 }, () => {
      s.end();
      resolve(true);
    });
    s.on('error', () => resolve(false));
    s.on('timeout', () => {
      s.destroy();
      resolve(false);
    });
  });
}

async function postgresUrl() {
  if (process.env.GK_TEST_PG_URL) return { url: process.env.GK_TEST_PG_URL, stop() {} };
  if (process.env.GK_TEST_PG_THROWAWAY !== '1' && (await portOpen('127.0.0.1', 5432))) {
    const url = 'postgres://postgres@127.0.0.1:5432/postgres';
    const probe = spawnSync(
      process.execPath,
      [
        '-e',
        `const pg=require('pg');const c=new pg.Client(${JSON.stringify(url)});c.connect().then(()=>c.query('select 1')).then(()=>process.exit(0),()=>process.exit(1))`,
      ],
      { cwd: root },
    );
    if (probe.status === 0) return { url, stop() {} };
  }
  const script = join(root, 'scripts/pg-throwaway.sh');
  try {
    const out = execFileSync('bash', [script, 'start'], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const line = out.trim().split('\n').pop() ?? '';
    const [url, dir] = line.split(' ');
    if (url?.startsWith('postgres://'))
      return { url, stop: () => spawnSync('bash', [script, 'stop', dir], { stdio: 'inherit' }) };
  } catch {
    /* no PostgreSQL binaries here */
  }
  return undefined;
}

/** The phase's template databases (gk_tpl_<run>_<key>, test/support/test-app.ts) go with the run. */
async function dropTemplates(url, dir) {
  const run = createHash('sha256').update(dir).digest('hex').slice(0, 12);
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    const { rows } = await client.query('SELECT datname FROM pg_database WHERE datname LIKE $1', [`gk_tpl_${run}_%`]);
    for (const r of rows) await client.query(`DROP DATABASE IF EXISTS ${r.datname} WITH (FORCE)`);
  } catch (err) {
    console.log(`(could not drop the template databases: ${err.message})`);
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * CHROMIUM_PATH, else Debian's chromium-headless-shell (the same Blink and V8 as its chromium,
 * without the browser's own UI layer: ≈ 40 % less CPU per browser file, docs/PERFORMANCE.md "CI
 * time"), else a full Chromium. test/support/browser.ts looks in the same order.
 */
function findChromium() {
  if (process.env.CHROMIUM_PATH && existsSync(process.env.CHROMIUM_PATH)) return process.env.CHROMIUM_PATH;
  for (const name of ['chromium-headless-shell', 'chromium', 'chromium-browser', 'google-chrome']) {
    const r = spawnSync('bash', ['-c', `command -v ${name}`], { encoding: 'utf8' });
    if (r.status === 0 && r.stdout.trim()) return r.stdout.trim();
  }
  return undefined;
}

if (!only || only === 'embedded') runPhase('embedded', embeddedFiles, { GK_TEST_ENGINE: 'embedded' });
if (only === 'units') runPhase('units', unitFiles, { GK_TEST_ENGINE: 'embedded' });

/** Why the multi-process phase cannot run here, or undefined when it can. */
function multiprocessMissing(pgInfo) {
  const has = (cmd) => spawnSync('bash', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).status === 0;
  if (!['/usr/sbin/nginx', '/usr/bin/nginx'].some((p) => existsSync(p)) && !has('nginx'))
    return 'nginx not found (install Debian package nginx)';
  if (!has('openssl')) return 'openssl not found (install Debian package openssl)';
  // As root, nginx is started as nobody through setpriv (util-linux).
  if (process.getuid?.() === 0 && !has('setpriv')) return 'setpriv not found (install Debian package util-linux)';
  if (!pgInfo) return 'no PostgreSQL server answered and none could be started (install Debian package postgresql)';
  return undefined;
}

const wantPostgres = !only || only === 'postgres';
const wantMultiprocess = !only || only === 'multiprocess';
const pgInfo = wantPostgres || wantMultiprocess ? await postgresUrl() : undefined;
try {
  if (wantPostgres) {
    if (pgInfo) runPhase('postgres', dbFiles, { GK_TEST_ENGINE: 'postgres', GK_TEST_PG_URL: pgInfo.url }, postgresNow);
    else
      skippedPhases.push(
        'postgres: no PostgreSQL server answered and none could be started (install Debian package postgresql)',
      );
  }
  if (wantMultiprocess) {
    const missing = multiprocessMissing(pgInfo);
    if (missing) skippedPhases.push(`multiprocess: ${missing}`);
    else
      runPhase('multiprocess', multiprocessFiles, {
        GK_TEST_ENGINE: 'postgres',
        GK_TEST_PG_URL: pgInfo.url,
      });
  }
} finally {
  if (pgInfo) for (const phase of ['postgres', 'multiprocess']) await dropTemplates(pgInfo.url, templateDir(phase));
  pgInfo?.stop();
}

if (!only || only === 'browser') {
  const chromium = findChromium();
  if (chromium) runPhase('browser', browserFiles, { CHROMIUM_PATH: chromium });
  else skippedPhases.push('browser: Chromium not found (install Debian package chromium)');
}

rmSync(tmp, { recursive: true, force: true });

/** Seconds with one decimal. */
const sec = (ms) => (ms / 1000).toFixed(1);
if (fileTimes.length) {
  console.log('\nTime per phase (CPU: the test files and the children they reaped, user + system; machine: all');
  console.log("cores' busy and idle time, the phase's whole cost only when nothing else runs; load at its end):");
  for (const p of phaseTimes)
    console.log(
      `  ${p.phase}: ${p.files} files, wall ${sec(p.wallMs)} s, CPU ${sec(p.cpuMs)} s` +
        (p.machine ? `, machine busy ${sec(p.machine.busyMs)} s, idle ${sec(p.machine.idleMs)} s` : '') +
        `, load ${p.load}`,
    );
  console.log('Slowest 15 files by CPU (s, with their children; wall s as run beside other files):');
  for (const t of [...fileTimes].sort((a, b) => b.cpuMs - a.cpuMs).slice(0, 15))
    console.log(`  ${sec(t.cpuMs).padStart(6)} CPU ${sec(t.wallMs).padStart(6)} wall  ${t.phase}  ${t.file}`);
}
console.log('');
for (const s of skippedPhases) console.log(`SKIPPED ${s}`);
console.log(`${totals.pass} passed, ${totals.fail} failed, ${totals.skipped} skipped`);
if (totals.pass === 0) console.error('No test ran: failing the run.');
if (requireAll && (skippedPhases.length > 0 || totals.skipped > 0))
  console.error('--require-all: something was skipped: failing the run.');
process.exit(
  totals.fail > 0 || totals.pass === 0 || (requireAll && (skippedPhases.length > 0 || totals.skipped > 0)) ? 1 : 0,
);
