// `npm run bench:paging`: numbered pages of a catalogue list (issue #14 point 2). Generates N
// publications (default 200,000) over A agencies (default 2,000), of which one agency, `big`, holds
// B (default 20,000: 1,000 pages of 20), all in its 法定主动公开内容 categories; then requests, with
// the public page cache off (every request renders), `/agencies/big/statutory` at page 1, 250,
// 500, 750 and the last page, R times each in turn (default 30), and prints the median and p95 of
// each in milliseconds (the real server in a child process, requests over loopback HTTP from this
// one; a page past the end must answer 404). DATABASE_URL=postgres://…
// runs it on PostgreSQL (use a throwaway database: it is filled). Options: --publications N,
// --agencies A, --big B, --rounds R, --data DIR (embedded: load once into DIR, reuse later),
// --reuse (PostgreSQL: measure the data already loaded).
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { prepare, systemContext } from '../src/bootstrap.ts';
import { loadConfig } from '../src/config.ts';
import { optimizeSqlite } from '../src/db/database.ts';
import { benchServerEnv, freePort, startBenchServer } from './support/server.ts';
import { generatePublication, rng } from './corpus.ts';
import {
  insertAgencyTree,
  insertDefaultTaxonomies,
  numberArg,
  publishedRow,
  statutoryCategoriesByAgency,
  stringArg,
} from './support/fixtures.ts';

const publications = numberArg('publications', 200_000);
const agencies = numberArg('agencies', 2000);
const big = numberArg('big', 20_000);
const rounds = numberArg('rounds', 30);
const dataArg = stringArg('data');
const dataDir = dataArg ?? mkdtempSync(join(tmpdir(), 'gk-bench-paging-'));
if (dataArg) mkdirSync(dataArg, { recursive: true });
const reuse = process.env.DATABASE_URL
  ? process.argv.includes('--reuse')
  : dataArg !== undefined && existsSync(join(dataDir, 'gongkai.db'));
const config = loadConfig(process.env, {
  dataDir,
  port: 0,
  seedDemo: false,
  runJobs: false,
  logLevel: 'warn',
  publicCacheSeconds: 0,
});
const { deps } = await prepare(config);
const db = deps.database.db;
const now = new Date().toISOString();
const started = Date.now();

async function load(): Promise<void> {
  if (await db.selectFrom('agencies').select('id').limit(1).executeTakeFirst())
    throw new Error('the database is not empty: use a throwaway database');
  await insertAgencyTree(db, agencies, {
    at: now,
    special: (i) => (i === 1 ? { name: '永顺县大数据局', slug: 'big' } : undefined),
  });
  await insertDefaultTaxonomies(db, systemContext(deps.clock));
  const catsByAgency = await statutoryCategoriesByAgency(db);
  const agencyIds = [...catsByAgency.keys()].sort((a, b) => a - b);
  const bigId = (await db.selectFrom('agencies').select('id').where('slug', '=', 'big').executeTakeFirstOrThrow()).id;
  const others = agencyIds.filter((id) => id !== bigId);
  const r = rng(20261205);
  const seqs = new Map<string, number>();
  const BATCH = 500;
  for (let n = 0; n < publications; n += BATCH) {
    const size = Math.min(BATCH, publications - n);
    await db.transaction().execute(async (trx) => {
      const rows = [];
      const links: number[] = [];
      for (let k = 0; k < size; k += 1) {
        const i = n + k;
        // Every (publications / big)-th item goes to the big agency, the rest round the others.
        const agencyId = i % Math.round(publications / big) === 0 ? bigId : (others[i % others.length] as number);
        const g = generatePublication(r, i, 600);
        const year = g.formedOn.slice(0, 4);
        const seq = (seqs.get(`${agencyId}/${year}`) ?? 0) + 1;
        seqs.set(`${agencyId}/${year}`, seq);
        rows.push(
          publishedRow(g, {
            agencyId,
            indexNumber: `P${String(agencyId).padStart(5, '0')}/${year}-${String(seq).padStart(5, '0')}`,
            publishedAt: `${g.formedOn}T0${1 + (k % 8)}:${String(k % 60).padStart(2, '0')}:00.000Z`,
            validity: 'valid',
            at: now,
          }),
        );
        const list = catsByAgency.get(agencyId) as number[];
        links.push(list[Math.floor(r() * list.length)] as number);
      }
      const ids = await trx.insertInto('publications').values(rows).returning('id').execute();
      await trx
        .insertInto('publicationCategories')
        .values(ids.map(({ id }, k) => ({ publicationId: id, categoryId: links[k] as number })))
        .execute();
    });
    if ((n / BATCH) % 40 === 0)
      process.stderr.write(`\rload ${n + size}/${publications} ${((Date.now() - started) / 1000).toFixed(0)} s `);
  }
  process.stderr.write('\n');
}

if (!reuse) await load();
// PostgreSQL: VACUUM ANALYZE, the state autovacuum brings a loaded table to. Right after a bulk load
// the visibility map is empty, so an "index-only" scan still reads every row's heap page (20,000
// random reads for the big agency): that is what a fresh load measures, not a running portal.
if (deps.database.engine === 'postgres') await sql`VACUUM ANALYZE`.execute(db);
else if (deps.database.sqlite) optimizeSqlite(deps.database.sqlite);
const loadSeconds = (Date.now() - started) / 1000;

const total = await db
  .selectFrom('publications')
  .select((eb) => eb.fn.countAll<number>().as('n'))
  .where(
    'agencyId',
    '=',
    (await db.selectFrom('agencies').select('id').where('slug', '=', 'big').executeTakeFirstOrThrow()).id,
  )
  .executeTakeFirstOrThrow();
await deps.database.close();

// The server is the real one (src/server.ts, as `npm start` runs it) in its own process, the public
// page cache off; this process only sends the requests, one at a time, over loopback HTTP.
const port = await freePort();
const server = await startBenchServer(benchServerEnv(port, dataDir, 'paging', { PUBLIC_CACHE_SECONDS: '0' }), port);
const base = server.base;

const pages = Math.ceil(Number(total.n) / 20);
const targets = [1, 250, 500, 750, pages].filter((p, i, all) => p <= pages && all.indexOf(p) === i);
const times = new Map<number, number[]>(targets.map((p) => [p, []]));
try {
  for (let round = 0; round < rounds + 2; round += 1) {
    for (const p of targets) {
      const t0 = process.hrtime.bigint();
      const res = await fetch(`${base}/agencies/big/statutory${p > 1 ? `?page=${p}` : ''}`);
      await res.text();
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      if (res.status !== 200) throw new Error(`page ${p}: ${res.status}`);
      if (round >= 2) (times.get(p) as number[]).push(ms); // two warm-up rounds
    }
  }
  const past = await fetch(`${base}/agencies/big/statutory?page=${pages + 1}`);
  await past.text();
  if (past.status !== 404) throw new Error(`page ${pages + 1} (past the end): ${past.status}, not 404`);
} finally {
  await server.stop();
}
const pct = (xs: number[], q: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))] as number;
console.log(
  `${deps.database.engine === 'embedded' ? 'Embedded (SQLite)' : 'PostgreSQL'} engine, server in its own process, ${publications} publications over ${agencies} agencies, ` +
    `the measured agency holds ${total.n} (${pages} pages of 20); node ${process.version}; load ${loadSeconds.toFixed(0)} s; ${rounds} rounds, cache off`,
);
console.log('\n| page | median ms | p95 ms |\n|---|---|---|');
for (const p of targets) {
  const xs = times.get(p) as number[];
  console.log(`| ${p === pages ? `${p} (last)` : p} | ${pct(xs, 0.5).toFixed(1)} | ${pct(xs, 0.95).toFixed(1)} |`);
}
if (!dataArg && !process.env.DATABASE_URL) rmSync(dataDir, { recursive: true, force: true });
