// `npm run bench`: load tests of the foundation's hot pages on the embedded engine, each next to
// a constant-string route served by the same process in the same run (STACK.md). Prints a table
// for docs/PERFORMANCE.md. Options: --seconds N (default 5), --connections N (default 50).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { buildApp } from '../src/app.ts';
import { prepare } from '../src/bootstrap.ts';
import { loadConfig } from '../src/config.ts';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : Number.NaN;
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

const seconds = arg('seconds', 5);
const connections = arg('connections', 50);
const dataDir = mkdtempSync(join(tmpdir(), 'gk-bench-'));
const { deps } = await prepare(loadConfig({}, { dataDir, port: 0, seedDemo: true, runJobs: false }));
const app = await buildApp(deps);
app.get('/bench/constant', async (_req, reply) => reply.type('text/plain').send('ok'));
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

const targets: [string, string][] = [
  ['constant route (baseline)', '/bench/constant'],
  ['portal home (agency tree)', '/'],
  ['agency 指南 page', '/agencies/lingxi/guide'],
  ['calendar API (20 working days over 春节)', '/api/v1/calendar/add-working-days?from=2025-01-20&days=20'],
  ['deadline calculator page', '/tools/deadline?from=2025-01-20&days=20'],
];

const rows: string[] = [];
let baseline = 0;
for (const [label, path] of targets) {
  const r = await autocannon({ url: base + path, connections, duration: seconds });
  if (r.non2xx) throw new Error(`${path}: ${r.non2xx} non-2xx responses`);
  if (!baseline) baseline = r.requests.average;
  rows.push(
    `| ${label} | \`${path}\` | ${Math.round(r.requests.average)} | ${Math.round((100 * r.requests.average) / baseline)} % | ${r.latency.p50} | ${r.latency.p99} |`,
  );
  console.error(`${label}: ${Math.round(r.requests.average)} req/s`);
}
console.log(`\nEmbedded engine, ${connections} connections, ${seconds} s each, node ${process.version}\n`);
console.log('| page | path | req/s | vs constant | p50 ms | p99 ms |\n|---|---|---|---|---|---|');
console.log(rows.join('\n'));
await app.close();
await deps.database.close();
rmSync(dataDir, { recursive: true, force: true });
