// `npm run bench:catalog -- --publications N`: the catalogue benchmark of issue #3. Generates N
// publications (default 200,000 of ~1,500 characters) over A agencies (default 2,000), loads them
// in batched transactions with a progress bar on stderr, builds the search index through the
// same code as `gongkai search reindex`, then measures with autocannon — in one process, next to
// a constant-string route — the category page, the article page and the search page (mixed
// 2–6-character queries), and the p95 latency of searchPublications() called directly.
// DATABASE_URL=postgres://… runs it on PostgreSQL (use a throwaway database: it is filled).
// Options: --agencies A, --seconds S (default 10), --connections C (default 50), --queries Q
// (default 500), --keep (keep the data directory), --data DIR (embedded engine: load into DIR
// once and reuse it on later runs; implies --keep), --reuse (PostgreSQL: measure the data already
// in the database instead of refusing a non-empty one), --skip-search (no direct search timing).
// --distinct D (PostgreSQL only): generate and index D publications as above, then make the other
// N − D rows in SQL as copies (copy g of publication i: id i + g·D, published g weeks earlier, its
// links and its search_documents row with the same vectors and a rank key of its own), with the
// GIN indexes dropped during the copy and built again after it (timed apart). Copies repeat texts,
// as an archive of similar notices does; a million rows load in minutes instead of hours.
// Pages are measured twice: through the public page cache (anonymous visitors, the default
// configuration) and with the cache off (PUBLIC_CACHE_SECONDS=0), which is the cost of a miss.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import { buildApp } from '../src/app.ts';
import { prepare, systemContext } from '../src/bootstrap.ts';
import { loadConfig } from '../src/config.ts';
import { optimizeSqlite } from '../src/db/database.ts';
import { reindexAll } from '../src/modules/search/search.sync.ts';
import { RESULT_CAP, searchPublications } from '../src/modules/search/search.service.ts';
import { queryTokens } from '../src/modules/search/bigram.ts';
import { encodeCompact } from '../src/modules/search/compact-text.ts';
import { storedTextOf } from '../src/modules/search/search-index.ts';
import { plainTextFromHtml } from '../src/modules/search/text.ts';
import { generatePublication, rng, sampleQueries } from './corpus.ts';
import {
  insertAgencyTree,
  insertDefaultTaxonomies,
  numberArg,
  progressBar,
  publishedRow,
  statutoryCategoriesByAgency,
  stringArg,
} from './support/fixtures.ts';

const publications = numberArg('publications', 200_000);
const agencies = numberArg('agencies', Math.min(2000, Math.max(10, Math.round(publications / 100))));
const seconds = numberArg('seconds', 10);
const connections = numberArg('connections', 50);
const queryCount = numberArg('queries', 500);
const distinct = process.env.DATABASE_URL ? Math.min(publications, numberArg('distinct', publications)) : publications;
const started = Date.now();

const bar = progressBar(started);
const reuseDir = stringArg('data');
const dataDir = reuseDir ?? mkdtempSync(join(tmpdir(), 'gk-bench-catalog-'));
let reuse = process.env.DATABASE_URL
  ? process.argv.includes('--reuse')
  : reuseDir !== undefined && existsSync(join(dataDir, 'gongkai.db'));
if (reuseDir) mkdirSync(reuseDir, { recursive: true });
const config = loadConfig(process.env, { dataDir, port: 0, seedDemo: false, runJobs: false, logLevel: 'warn' });
const { deps } = await prepare(config);
const db = deps.database.db;
const engine = deps.database.engine;
const now = new Date().toISOString();
const r = rng(20261126);

let indexStart = Date.now();
let indexSeconds = 0;
const sampleTexts: string[] = [];
async function load(): Promise<void> {
  // ---- agencies: one county and its departments / towns ----
  if (await db.selectFrom('agencies').select('id').limit(1).executeTakeFirst())
    throw new Error('the database is not empty: use a throwaway database');
  await insertAgencyTree(db, agencies, {
    at: now,
    kind: (i) => (i % 3 === 0 ? 'town' : 'department'),
    progress: bar,
  });
  await insertDefaultTaxonomies(db, systemContext(deps.clock));
  const catsByAgency = await statutoryCategoriesByAgency(db);
  const agencyIds = [...catsByAgency.keys()].sort((a, b) => a - b);

  // ---- publications, in batches of 500 rows per statement, one transaction per batch ----
  const BATCH = 500;
  const seqs = new Map<string, number>();
  for (let n = 0; n < distinct; n += BATCH) {
    const size = Math.min(BATCH, distinct - n);
    await db.transaction().execute(async (trx) => {
      const rows = [];
      const links: { categoryId: number }[] = [];
      for (let k = 0; k < size; k += 1) {
        const agencyId = agencyIds[(n + k) % agencyIds.length] as number;
        const g = generatePublication(r, n + k);
        const year = g.formedOn.slice(0, 4);
        const key = `${agencyId}/${year}`;
        const seq = (seqs.get(key) ?? 0) + 1;
        seqs.set(key, seq);
        const publishedAt = `${g.formedOn}T0${1 + (k % 8)}:${String(k % 60).padStart(2, '0')}:00.000Z`;
        if (sampleTexts.length < 400 && r() < 0.05) sampleTexts.push(`${g.title}\n${plainTextFromHtml(g.bodyHtml)}`);
        rows.push(
          publishedRow(g, {
            agencyId,
            indexNumber: `B${String(agencyId).padStart(5, '0')}/${year}-${String(seq).padStart(5, '0')}`,
            publishedAt,
            validity: r() < 0.1 ? 'invalid' : 'valid',
            at: now,
          }),
        );
        const list = catsByAgency.get(agencyId) as number[];
        links.push({ categoryId: list[Math.floor(r() * list.length)] as number });
      }
      const ids = await trx.insertInto('publications').values(rows).returning('id').execute();
      await trx
        .insertInto('publicationCategories')
        .values(
          ids.map(({ id }, k) => ({ publicationId: id, categoryId: (links[k] as { categoryId: number }).categoryId })),
        )
        .execute();
      await trx
        .insertInto('publicationChannels')
        .values(ids.map(({ id }) => ({ publicationId: id, channel: 'website' as const, note: '' })))
        .execute();
    });
    bar('load', n + size, distinct);
  }
  indexStart = Date.now();
  await reindexAll(db, (done, total) => bar('index', done, total), 1000);
  indexSeconds = (Date.now() - indexStart) / 1000;
  if (distinct < publications) await copyInSql();
}

let copySeconds = 0;
let ginSeconds = 0;
/** --distinct: publications D + 1 … N as copies of 1 … D, made in SQL (see the header). */
async function copyInSql(): Promise<void> {
  const t0 = Date.now();
  const maxId = Number((await sql<{ m: number }>`SELECT max(id) AS m FROM publications`.execute(db)).rows[0]?.m);
  if (maxId !== distinct) throw new Error(`--distinct: expected publication ids 1…${distinct}, max is ${maxId}`);
  const columns = async (table: string) =>
    (
      await sql<{ c: string; identity: string }>`SELECT column_name AS c, is_identity AS identity
        FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ${table}
        ORDER BY ordinal_position`.execute(db)
    ).rows;
  const shiftedAt = sql`to_char((s.published_at::timestamptz - make_interval(days => 7 * g)) AT TIME ZONE 'UTC',
    'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
  const overrides: Record<string, Record<string, ReturnType<typeof sql.raw>>> = {
    publications: {
      id: sql`s.id + g * ${distinct}`,
      index_number: sql`s.index_number || '-' || g`,
      import_key: sql`CASE WHEN s.import_key IS NULL THEN NULL ELSE s.import_key || '-' || g END`,
      published_at: shiftedAt,
      published_on: sql`(s.published_on::date - 7 * g)::text`,
    },
    search_documents: {
      publication_id: sql`s.publication_id + g * ${distinct}`,
      rank_key: sql`(((s.rank_key >> 24) - g * 604800) << 24) + ((s.publication_id + g * ${distinct}) % 16777216)`,
      published_at: shiftedAt,
      year: sql`extract(year FROM s.published_at::timestamptz - make_interval(days => 7 * g))::integer`,
    },
  };
  const gin = (
    await sql<{
      name: string;
      def: string;
    }>`SELECT indexname AS name, indexdef AS def FROM pg_indexes WHERE tablename = 'search_documents' AND indexdef LIKE '%USING gin%'`.execute(
      db,
    )
  ).rows;
  for (const i of gin) await sql`DROP INDEX ${sql.id(i.name)}`.execute(db);
  const copies = Math.ceil(publications / distinct) - 1;
  for (let g = 1; g <= copies; g += 1) {
    await db.transaction().execute(async (trx) => {
      for (const table of ['publications', 'publication_categories', 'publication_channels', 'search_documents']) {
        const key = table === 'publications' ? 'id' : 'publication_id';
        const cols = (await columns(table)).filter(
          (c) => !(c.identity === 'YES' && c.c !== 'id') && !(table !== 'publications' && c.c === 'id'),
        );
        const expr = cols.map(
          (c) =>
            overrides[table]?.[c.c] ??
            (c.c === 'publication_id' ? sql`s.publication_id + g * ${distinct}` : sql.ref(`s.${c.c}`)),
        );
        await sql`INSERT INTO ${sql.id(table)} (${sql.join(cols.map((c) => sql.id(c.c)))})
          SELECT ${sql.join(expr)} FROM ${sql.id(table)} s, (SELECT ${g}::integer AS g) AS v
          WHERE s.${sql.id(key)} <= ${distinct} AND s.${sql.id(key)} + ${g * distinct} <= ${publications}`.execute(trx);
      }
    });
    bar('copy', Math.min(publications, (g + 1) * distinct), publications);
  }
  await sql`SELECT setval(pg_get_serial_sequence('publications', 'id'), (SELECT max(id) FROM publications))`.execute(
    db,
  );
  copySeconds = (Date.now() - t0) / 1000;
  const t1 = Date.now();
  for (const i of gin)
    await db.transaction().execute(async (trx) => {
      await sql`SET LOCAL maintenance_work_mem = '1GB'`.execute(trx);
      await sql.raw(i.def).execute(trx);
    });
  ginSeconds = (Date.now() - t1) / 1000;
  await sql`VACUUM ANALYZE search_documents`.execute(db);
  await sql`VACUUM ANALYZE publications`.execute(db);
}

if (reuse && !(await db.selectFrom('publications').select('id').limit(1).executeTakeFirst())) reuse = false;
if (!reuse) await load();
else {
  // A reused database: sample texts of random publications for the queries.
  const ids = await db
    .selectFrom('publications')
    .select(['title', 'body'])
    .where(
      'id',
      'in',
      Array.from({ length: 400 }, () => 1 + Math.floor(r() * publications)),
    )
    .execute();
  for (const p of ids) sampleTexts.push(`${p.title}\n${plainTextFromHtml(p.body)}`);
}
// Planner statistics for the data just loaded (production: autovacuum on PostgreSQL, the hourly
// database.optimize job on SQLite).
if (engine === 'postgres') await sql`ANALYZE`.execute(db);
else if (deps.database.sqlite) optimizeSqlite(deps.database.sqlite);
const loadSeconds = reuse ? 0 : (Date.now() - started) / 1000;
const slugs = new Map((await db.selectFrom('agencies').select(['id', 'slug']).execute()).map((a) => [a.id, a.slug]));
const agencyIds = [
  ...new Set(
    (await db.selectFrom('categories').select('agencyId').where('columnKey', '=', 'statutory').execute()).map(
      (c) => c.agencyId,
    ),
  ),
].sort((a, b) => a - b);

// ---- mixed 2–6-character queries taken from the texts ----
const queries = sampleQueries(sampleTexts, queryCount, r);

// ---- direct search latency (the service, no HTTP) ----
const latencies: number[] = [];
const hits: number[] = [];
/** Queries with more hits than the search computes (its total is then a lower bound). */
const capped: boolean[] = [];
const skipSearch = process.argv.includes('--skip-search');
for (const q of skipSearch ? [] : queries) {
  const t0 = process.hrtime.bigint();
  const res = await searchPublications(db, { q, pageSize: 10 });
  latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
  hits.push(res.total);
  capped.push(res.totalIsLowerBound);
}
// Recall (issue #16 point 1): every K-th query (--oracle-every, default 25) against a substring
// scan of search_documents in the service's order (titles containing every term first, then
// newest), capped like the search: the same total, the same cap flag, the same first 50 ids and
// the same agency facet over the first RESULT_CAP hits.
const oracleEvery = numberArg('oracle-every', 25);
let oracleSame = 0;
let oracleRun = 0;
const oracleDiffer: string[] = [];
for (const [i, q] of (skipSearch ? [] : queries).entries()) {
  if (i % oracleEvery !== 0) continue;
  const terms = queryTokens(q).terms;
  if (!terms.length) continue;
  // SQLite stores the text in the compact code (search/compact-text.ts), whose bytes contain the
  // code of a term exactly when the text contains the term (its test): the scan compares codes.
  const text = storedTextOf(engine);
  const has = (t: string) =>
    engine === 'postgres' ? sql`strpos(d.text, ${t}) > 0` : sql`instr(${text}, ${encodeCompact(t)}) > 0`;
  const inTitle = (t: string) =>
    engine === 'postgres'
      ? sql`strpos(split_part(d.text, E'\n', 1), ${t}) > 0`
      : sql`instr(CASE WHEN instr(${text}, X'0A') > 0 THEN substr(${text}, 1, instr(${text}, X'0A') - 1) ELSE ${text} END, ${encodeCompact(t)}) > 0`;
  const scan = (
    await sql<{ id: number; agencyId: number }>`SELECT d.publication_id AS id, d.agency_id AS "agencyId"
      FROM search_documents d WHERE ${sql.join(terms.map(has), sql` AND `)}
      ORDER BY CASE WHEN ${sql.join(terms.map(inTitle), sql` AND `)} THEN 0 ELSE 1 END, d.rank_key DESC
      LIMIT ${RESULT_CAP + 1}`.execute(db)
  ).rows;
  const res = await searchPublications(db, { q, pageSize: 50 });
  const first = scan.slice(0, RESULT_CAP);
  const facet = new Map<number, number>();
  for (const row of first) facet.set(row.agencyId, (facet.get(row.agencyId) ?? 0) + 1);
  const same =
    res.total === first.length &&
    res.totalIsLowerBound === scan.length > RESULT_CAP &&
    res.ids.join() ===
      first
        .slice(0, 50)
        .map((row) => row.id)
        .join() &&
    res.facets.agency.length === facet.size &&
    res.facets.agency.every((f) => facet.get(Number(f.value)) === f.count);
  oracleRun += 1;
  if (same) oracleSame += 1;
  else oracleDiffer.push(q);
}
// Scoped to one agency (the search box of an agency's 专栏): the same kind of queries.
const scoped: number[] = [];
for (const q of skipSearch ? [] : queries.slice(0, 100)) {
  const agencyId = agencyIds[Math.floor(r() * agencyIds.length)] as number;
  const t0 = process.hrtime.bigint();
  await searchPublications(db, { q, pageSize: 10, agencyIds: [agencyId] });
  scoped.push(Number(process.hrtime.bigint() - t0) / 1e6);
}
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] as number;

// ---- HTTP load: one app with the public page cache (the default), one without ----
async function serve(cacheSeconds: number): Promise<{ base: string; close: () => Promise<void> }> {
  const app = await buildApp({ ...deps, config: { ...deps.config, publicCacheSeconds: cacheSeconds } });
  app.get('/bench/constant', async (_req, reply) => reply.type('text/plain').send('ok'));
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  return {
    base: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`,
    close: () => app.close(),
  };
}
const cached = await serve(deps.config.publicCacheSeconds || 30);
const uncached = await serve(0);
const pubIds = (
  await db
    .selectFrom('publications')
    .select('id')
    .where('state', '=', 'published')
    .orderBy('publishedAt', 'desc')
    .execute()
).map((p) => p.id);
const recent = pubIds.slice(0, 1000);
const pick = <T>(xs: readonly T[]) => xs[Math.floor(Math.random() * xs.length)] as T;
const category = () => `/agencies/${slugs.get(pick(agencyIds))}/statutory`;
const search = () => `/search?q=${encodeURIComponent(pick(queries))}`;
// [label, server, next path, paths to request once before measuring (a warm cache: the steady
// state of a portal whose visitors read the same lists and recent items; the "random of all"
// row has no warm-up and measures mostly misses)].
const targets: [string, string, () => string, string[]][] = [
  ['constant route (baseline)', cached.base, () => '/bench/constant', []],
  [
    `category page (法定主动公开内容, random agency of ${agencyIds.length}), cached`,
    cached.base,
    category,
    agencyIds.map((id) => `/agencies/${slugs.get(id)}/statutory`),
  ],
  [
    'article page (random of the 1,000 newest), cached',
    cached.base,
    () => `/publications/${pick(recent)}`,
    recent.map((id) => `/publications/${id}`),
  ],
  [`article page (random of all ${pubIds.length}), cold cache`, cached.base, () => `/publications/${pick(pubIds)}`, []],
  [
    `search page (${queries.length} mixed 2–6-character queries), cached`,
    cached.base,
    search,
    queries.map((q) => `/search?q=${encodeURIComponent(q)}`),
  ],
  ['category page, cache off', uncached.base, category, []],
  ['article page (random of all), cache off', uncached.base, () => `/publications/${pick(pubIds)}`, []],
  ['search page, cache off', uncached.base, search, []],
];
async function warm(base: string, paths: string[]): Promise<void> {
  for (let i = 0; i < paths.length; i += 8) {
    await Promise.all(paths.slice(i, i + 8).map(async (p) => (await fetch(base + p)).arrayBuffer()));
  }
}
const rows: string[] = [];
let baseline = 0;
for (const [label, base, path, warmUp] of targets) {
  await warm(base, warmUp);
  const res = await autocannon({
    url: base,
    connections,
    duration: seconds,
    requests: [{ setupRequest: (req) => ({ ...req, path: path() }) }],
  });
  if (res.non2xx) throw new Error(`${label}: ${res.non2xx} non-2xx responses`);
  if (res.errors || res.timeouts) console.error(`${label}: ${res.errors} errors, ${res.timeouts} timeouts`);
  // Let requests still queued from this phase finish before the next one starts.
  await (await fetch(`${base}/healthz`)).arrayBuffer();
  if (!baseline) baseline = res.requests.average;
  rows.push(
    `| ${label} | ${Math.round(res.requests.average)} | ${Math.round((100 * res.requests.average) / baseline)} % | ${res.latency.p50} | ${res.latency.p99} |`,
  );
  console.error(`${label}: ${Math.round(res.requests.average)} req/s`);
}

console.log(
  `\n${engine === 'postgres' ? 'PostgreSQL' : 'Embedded (SQLite)'} engine, ${pubIds.length} publications over ${agencyIds.length} agencies, node ${process.version}`,
);
if (reuse)
  console.log(
    `Data reused (${engine === 'postgres' ? 'the database of DATABASE_URL' : dataDir}). HTTP: ${connections} connections, ${seconds} s each.\n`,
  );
else
  console.log(
    `Load ${loadSeconds.toFixed(0)} s in total (search index ${indexSeconds.toFixed(0)} s${
      distinct < publications
        ? `; ${distinct} generated, the rest copied in SQL in ${copySeconds.toFixed(0)} s, GIN indexes built after the copy in ${ginSeconds.toFixed(0)} s`
        : ''
    }). HTTP: ${connections} connections, ${seconds} s each.\n`,
  );
console.log('| target | req/s | vs constant | p50 ms | p99 ms |\n|---|---|---|---|---|');
console.log(rows.join('\n'));
if (latencies.length) {
  console.log(
    `\nsearchPublications() direct, ${queries.length} queries of 2–6 characters (median ${pct(hits, 50)} hits${capped.some(Boolean) ? ' or more' : ''}, ${capped.filter(Boolean).length} over the cap):` +
      ` p50 ${pct(latencies, 50).toFixed(1)} ms, p95 ${pct(latencies, 95).toFixed(1)} ms, p99 ${pct(latencies, 99).toFixed(1)} ms`,
  );
  console.log(
    `recall: ${oracleSame} of ${oracleRun} queries (every ${oracleEvery}th) identical to a substring scan${oracleDiffer.length ? ` (differ: ${oracleDiffer.join(' ')})` : ''}`,
  );
  console.log(
    `searchPublications() scoped to one random agency, ${scoped.length} of those queries: p50 ${pct(scoped, 50).toFixed(1)} ms, p95 ${pct(scoped, 95).toFixed(1)} ms, p99 ${pct(scoped, 99).toFixed(1)} ms`,
  );
  // By number of hits; "over the cap" = more hits than the search computes (RESULT_CAP).
  for (const [label, keep] of [
    ['≤ 100 hits', (i: number) => !capped[i] && (hits[i] as number) <= 100],
    ['101 hits up to the cap', (i: number) => !capped[i] && (hits[i] as number) > 100],
    ['over the cap', (i: number) => capped[i] === true],
  ] as const) {
    const xs = latencies.filter((_, i) => keep(i));
    if (xs.length)
      console.log(
        `  ${label}: ${xs.length} queries, p50 ${pct(xs, 50).toFixed(1)} ms, p95 ${pct(xs, 95).toFixed(1)} ms`,
      );
  }
}
await cached.close();
await uncached.close();
await deps.database.close();
if (!process.argv.includes('--keep') && !reuseDir) rmSync(dataDir, { recursive: true, force: true });
