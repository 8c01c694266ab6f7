// `npm run bench:search-cpu -- --data DIR [--queries 500] [--singles 100]`: the CPU time (user +
// sys of this process, which runs the embedded engine in it) of searchPublications() per query
// on an existing data directory (a `bench:catalog --data DIR` load, or `gongkai import
// publications` into DATA_DIR), so that search designs compare on a shared machine where wall
// time says mostly how busy the other processes are. Queries: Q substrings of 2–6 letters,
// digits or CJK characters of the stored texts (the bench:catalog mix) and S one-character
// queries (a character or digit of the texts). Opening the directory runs the migrations.
import { sql } from 'kysely';
import { prepare } from '../src/bootstrap.ts';
import { loadConfig } from '../src/config.ts';
import { storedText } from '../src/modules/search/compact-text.ts';
import { storedTextOf } from '../src/modules/search/search-index.ts';
import { searchPublications } from '../src/modules/search/search.service.ts';
import { rng } from './corpus.ts';
import { numberArg, stringArg } from './support/fixtures.ts';

const dataDir = stringArg('data');
if (!dataDir) throw new Error('--data DIR is required');
const count = numberArg('queries', 500);
const singles = numberArg('singles', 100, 0);
const config = loadConfig(process.env, { dataDir, port: 0, seedDemo: false, runJobs: false, logLevel: 'warn' });
const opened = process.cpuUsage();
const { deps } = await prepare(config);
const openCpu = process.cpuUsage(opened);
const db = deps.database.db;

const texts = (
  await sql<{
    text: unknown;
  }>`SELECT ${storedTextOf(deps.database.engine)} AS text FROM search_documents d ORDER BY d.rank_key DESC LIMIT 2000`.execute(
    db,
  )
).rows.map((row) => Array.from(storedText(row.text)));
const WORD = /^[\p{Script=Han}\p{L}\p{N}]+$/u;
const r = rng(20261206);
const mixed: string[] = [];
const one: string[] = [];
while (mixed.length < count || one.length < singles) {
  const t = texts[Math.floor(r() * texts.length)] as string[];
  const len = one.length < singles ? 1 : 2 + Math.floor(r() * 5);
  const at = Math.floor(r() * Math.max(1, t.length - len));
  const q = t.slice(at, at + len).join('');
  if (!WORD.test(q)) continue;
  if (len === 1) one.push(q);
  else mixed.push(q);
}

async function measure(label: string, queries: string[]): Promise<void> {
  if (!queries.length) return;
  const cpu: number[] = [];
  const wall: number[] = [];
  for (const q of queries) {
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    await searchPublications(db, { q, pageSize: 10 });
    wall.push(Number(process.hrtime.bigint() - t0) / 1e6);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  const pct = (xs: number[], p: number) =>
    ([...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] as number).toFixed(1);
  const sum = cpu.reduce((a, b) => a + b, 0);
  console.log(
    `${label}: CPU p50 ${pct(cpu, 50)} / p95 ${pct(cpu, 95)} / p99 ${pct(cpu, 99)} ms, mean ${(sum / cpu.length).toFixed(1)} ms; ` +
      `wall p50 ${pct(wall, 50)} / p95 ${pct(wall, 95)} / p99 ${pct(wall, 99)} ms`,
  );
}

const docs = (await sql<{ n: number }>`SELECT count(*) AS n FROM search_documents`.execute(db)).rows[0]?.n;
console.log(
  `${docs} documents; opening (migrations) took ${((openCpu.user + openCpu.system) / 1e6).toFixed(1)} s of CPU`,
);
// One pass to warm the page cache, then the measured one.
for (const q of mixed.slice(0, 50)) await searchPublications(db, { q, pageSize: 10 });
await measure(`${mixed.length} queries of 2–6 characters`, mixed);
await measure(`${one.length} one-character queries`, one);
await deps.database.close();
