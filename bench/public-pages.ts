// `npm run bench:public-pages`: what an uncached public page costs against a constant route
// (issue #16 point 2). The real server (`src/server.ts`, as `npm start` runs it) on the demo county
// in its own process with the public page cache off (PUBLIC_CACHE_SECONDS=0: every request
// renders); the load generator is `wrk` (Debian package `wrk`), a third process, so neither shares
// an event loop with the server. Without wrk, autocannon runs in a child process of its own.
// Each page is loaded for S seconds (default 5) with C connections (default 4), `/healthz` before
// and after the pages; a page's req/s is reported as a % of the mean /healthz req/s of the same
// run (target: every public page ≥ 30 %). Pages are found by following the demo's own links.
// Options: --seconds S, --connections C, --port P (default: a free port), --data DIR (a data
// folder to reuse; default: a fresh demo in a temporary folder, removed at the end).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { numberArg, stringArg } from './support/fixtures.ts';
import { benchServerEnv, freePort, serverCpuMs, startBenchServer } from './support/server.ts';

const seconds = numberArg('seconds', 5, 1);
const connections = numberArg('connections', 4, 1);
const reuse = stringArg('data');
const dataDir = reuse ?? mkdtempSync(join(tmpdir(), 'gk-bench-public-'));

const hasWrk = spawnSync('wrk', ['--version']).error === undefined;
const root = fileURLToPath(new URL('..', import.meta.url));

interface Load {
  rps: number;
  /** Requests answered in the timed pass. */
  requests: number;
  /** The server's CPU time (user + system) per request, ms; NaN where /proc is missing. */
  cpuMs: number;
  p50: number;
  p99: number;
  errors: number;
}

/** wrk's "50%  1.23ms" / "1.05s" / "812.00us" → ms. */
function wrkMs(text: string, label: string): number {
  const m = new RegExp(`${label}\\s+([\\d.]+)(us|ms|s)\\b`).exec(text);
  if (!m) return NaN;
  const x = Number(m[1]);
  return m[2] === 'us' ? x / 1000 : m[2] === 's' ? x * 1000 : x;
}

function run(cmd: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`${cmd} exited with ${code}`))));
  });
}

async function load(url: string, duration = seconds): Promise<Load> {
  const cpu0 = serverCpuMs(server.child.pid);
  const r = await generate(url, duration);
  const cpu1 = serverCpuMs(server.child.pid);
  const cpuMs = cpu0 === null || cpu1 === null || !r.requests ? NaN : (cpu1 - cpu0) / r.requests;
  return { ...r, cpuMs };
}

async function generate(url: string, duration: number): Promise<Omit<Load, 'cpuMs'>> {
  if (hasWrk) {
    const out = await run('wrk', ['-t1', `-c${connections}`, `-d${duration}s`, '--latency', url]);
    const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1]);
    const errors =
      Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(out)?.[1] ?? 0) +
      Number(/Socket errors:.*?timeout (\d+)/.exec(out)?.[1] ?? 0);
    const requests = Number(/(\d+) requests in/.exec(out)?.[1] ?? 0);
    return { rps, requests, p50: wrkMs(out, '50%'), p99: wrkMs(out, '99%'), errors };
  }
  // autocannon in its own process (never in this one's event loop, never in the server's).
  const out = await run(process.execPath, [
    join(root, 'node_modules/autocannon/autocannon.js'),
    '--json',
    '-c',
    String(connections),
    '-d',
    String(duration),
    url,
  ]);
  const r = JSON.parse(out) as {
    requests: { average: number; total: number };
    latency: { p50: number; p99: number };
    non2xx: number;
    errors: number;
  };
  return {
    rps: r.requests.average,
    requests: r.requests.total,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.non2xx + r.errors,
  };
}

const port = numberArg('port', 0, 0) || (await freePort());
const env = benchServerEnv(port, dataDir, 'public-pages', { SEED_DEMO: '1', PUBLIC_CACHE_SECONDS: '0' });
delete env.DATABASE_URL;
const started = Date.now();
const server = await startBenchServer(env, port);
const base = server.base;

// ---- the pages, found by following the demo's links ----
const html = async (path: string) => {
  const res = await fetch(`${base}${path}`);
  if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
  return res.text();
};
const hrefs = (page: string) => [...page.matchAll(/href="([^"#]+)"/g)].map((m) => m[1]!.replaceAll('&amp;', '&'));
const home = await html('/');
const rootAgency = hrefs(home).find((h) => /^\/agencies\/[a-z0-9-]+$/.test(h));
if (!rootAgency) throw new Error('no agency link on the home page');
const agencyPage = await html(rootAgency);
const found = [...new Set([...hrefs(home), ...hrefs(agencyPage)])];
const first = (label: string, re: RegExp): string => {
  const h = found.find((x) => re.test(x));
  if (!h) throw new Error(`no link for ${label} on / or ${rootAgency}`);
  return h;
};
const article = first('an article', /^\/publications\/\d+$/);
const articlePage = await html(article);
const title = /<h1[^>]*>([^<]+)<\/h1>/.exec(articlePage)?.[1]?.trim() ?? '政府';
const statutoryPage2 = hrefs(await html(`${rootAgency}/statutory`)).find((h) => /[?&]page=2(&|$)/.test(h));
const serviceHall = `${rootAgency}/service-hall`;
// 机构目录's pages read per request (issue #16): one group in full, and a filter by name.
const directoryKey = /<section id="g-([^"]+)"/.exec(await html('/agencies'))?.[1];
const directoryGroup = directoryKey ? `/agencies?group=${directoryKey}` : undefined;
const directoryFilter = `/agencies?q=${encodeURIComponent('人民政府')}`;
const serviceItem = hrefs(await html(serviceHall)).find((h) => /\/service-hall\/items\/\d+$/.test(h));
const pages: [string, string][] = [
  ['home /', '/'],
  ['agency list /agencies', '/agencies'],
  ...(directoryGroup ? ([["agency list, a group's page", directoryGroup]] as [string, string][]) : []),
  ['agency list, filtered by name', directoryFilter],
  [`agency home ${rootAgency}`, rootAgency],
  ['category page 法定主动公开内容', `${rootAgency}/statutory`],
  // Its first page is kept per data version with the count (catalog.routes.tsx); page 2 is read on
  // every request, so both are timed.
  ...(statutoryPage2 ? ([['category page 法定主动公开内容, page 2', statutoryPage2]] as [string, string][]) : []),
  ['公开指南 column', `${rootAgency}/guide`],
  ['年报 column', `${rootAgency}/reports`],
  ['article /publications/:id', article],
  ['search /search?q= (2 characters)', `/search?q=${encodeURIComponent([...title].slice(0, 2).join(''))}`],
  ['办事指南 service hall', serviceHall],
  ...(serviceItem ? ([['办事指南 item', serviceItem]] as [string, string][]) : []),
  ['公示 notices', `${rootAgency}/notices`],
  ['site map /site-map', '/site-map'],
];
for (const [, path] of pages) await html(path); // every page answers 200 before it is timed

// ---- the load: a warm-up pass (JIT, SQLite's page cache), then the measured one ----
for (const path of ['/healthz', ...pages.map(([, p]) => p)]) await load(`${base}${path}`, 1);
const load0 = loadavg();
const results: [string, string, Load][] = [];
const healthBefore = await load(`${base}/healthz`);
for (const [label, path] of pages) results.push([label, path, await load(`${base}${path}`)]);
const healthAfter = await load(`${base}/healthz`);
const load1 = loadavg();
await server.stop();
if (!reuse) rmSync(dataDir, { recursive: true, force: true });

const health = (healthBefore.rps + healthAfter.rps) / 2;
const f1 = (x: number) => x.toFixed(1);
console.log(
  `\nUncached public pages (PUBLIC_CACHE_SECONDS=0), ${reuse ? `data folder ${reuse}` : 'demo county'}, embedded engine; load generator ${hasWrk ? 'wrk' : 'autocannon (child process)'}, ` +
    `${connections} connections × ${seconds} s per page, server in its own process, node ${process.version}; ` +
    `load average ${load0.map(f1).join(' ')} at the start, ${load1.map(f1).join(' ')} at the end; ${((Date.now() - started) / 1000).toFixed(0)} s in all\n`,
);
console.log(
  '| page | path | req/s | % of /healthz | server CPU ms/request | p50 ms | p99 ms | errors |\n|---|---|---|---|---|---|---|---|',
);
const row = (label: string, path: string, r: Load) =>
  console.log(
    `| ${label} | \`${path}\` | ${r.rps.toFixed(0)} | ${((100 * r.rps) / health).toFixed(0)} % | ${r.cpuMs.toFixed(2)} | ${f1(r.p50)} | ${f1(r.p99)} | ${r.errors} |`,
  );
row('/healthz (before)', '/healthz', healthBefore);
for (const [label, path, r] of results) row(label, path, r);
row('/healthz (after)', '/healthz', healthAfter);
const below = results.filter(([, , r]) => r.rps < 0.3 * health);
console.log(
  below.length
    ? `\n${below.length} page(s) below 30 % of /healthz: ${below.map(([l]) => l).join(', ')}`
    : '\nEvery page ≥ 30 % of /healthz.',
);
if (results.some(([, , r]) => r.errors > 0)) process.exitCode = 1;
