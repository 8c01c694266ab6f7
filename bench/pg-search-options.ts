// `npm run bench:pg-search -- --publications N`: measures index designs for search on PostgreSQL
// (issue #16 point 1) on one bare table, bench_search_docs, shaped like search_documents (rank_key,
// the normalised text, the bigram tsvectors of search-index.postgres.ts). For each variant it builds
// the index (timed, sized), runs the query mix of bench:catalog (2–6-character substrings of the
// texts: CJK, CJK with digits, digits) as the full-text pass of the service (rank_key descending,
// at most RESULT_CAP + 1 = 501 rows) and compares every K-th result with a substring scan.
//
// Loading is fast: D distinct publications (bench/corpus.ts, default 20,000) are generated in
// JavaScript and inserted 1,000 a statement with their tsvectors; the remaining N − D rows are
// copies made in SQL (generate_series), each copy a week older and with its own id, so that a
// million rows load in minutes. Copies repeat texts, so hit counts grow with N as in a real
// archive of similar notices.
//
// DATABASE_URL must name a throwaway PostgreSQL database. Variants (--variants, default all):
//   gin   — the current design: GIN on the tsvector, AND of bigrams, strpos re-check, ORDER BY
//           rank_key DESC (the planner walks rank_key or sorts the GIN bitmap);
//   rum   — RUM (extension rum) with rank_key attached and postings ordered by it
//           (rum_tsvector_addon_ops, order_by_attach), ORDER BY rank_key <=| newest;
//   trgm  — pg_trgm GIN on the text, LIKE '%term%' per term (exact by itself).
// Options: --distinct D, --queries Q (default 500), --oracle-every K (default 25), --keep.
import { loadavg } from 'node:os';
import pg from 'pg';
import { queryTokens, toTsQuery, tokensAreExact } from '../src/modules/search/bigram.ts';
import { indexTokensOfNormalised } from '../src/modules/search/bigram.ts';
import { rankKeyOf } from '../src/modules/search/rank-key.ts';
import { searchableText } from '../src/modules/search/text.ts';
import { generatePublication, rng, sampleQueries } from './corpus.ts';
import { numberArg, stringArg } from './support/fixtures.ts';

const publications = numberArg('publications', 200_000);
const distinct = Math.min(publications, numberArg('distinct', 20_000));
const queryCount = numberArg('queries', 500);
const oracleEvery = numberArg('oracle-every', 25);
const variants = (stringArg('variants') ?? 'gin,rum,trgm').split(',');
const LIMIT = 501;
if (!process.env.DATABASE_URL) throw new Error('DATABASE_URL=postgres://… (a throwaway database) is required');
if (distinct >= 2 ** 20) throw new Error('--distinct must be below 2^20');

const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
await client.connect();
const load = () => loadavg()[0]?.toFixed(1) ?? '?';
const seconds = (t0: number) => ((Date.now() - t0) / 1000).toFixed(0);
const log = (s: string) => console.error(`${new Date().toISOString().slice(11, 19)} ${s} (load ${load()})`);

async function loadTable(): Promise<void> {
  await client.query('DROP TABLE IF EXISTS bench_search_docs');
  await client.query(`CREATE TABLE bench_search_docs (rank_key bigint PRIMARY KEY, id integer NOT NULL,
    text text NOT NULL, tsv tsvector NOT NULL, title_tsv tsvector NOT NULL)`);
  const r = rng(20261126);
  const t0 = Date.now();
  for (let n = 0; n < distinct; n += 1000) {
    const cols: [string[], number[], string[], string[], string[]] = [[], [], [], [], []];
    for (let k = 0; k < Math.min(1000, distinct - n); k += 1) {
      const id = n + k + 1;
      const g = generatePublication(r, id);
      const s = searchableText({ ...g, indexNumber: '', attachmentTexts: [] });
      const title = [...new Set(indexTokensOfNormalised(s.title))];
      cols[0].push(rankKeyOf(`${g.formedOn}T0${1 + (k % 8)}:${String(k % 60).padStart(2, '0')}:00.000Z`, id));
      cols[1].push(id);
      cols[2].push(s.normalised);
      cols[3].push(JSON.stringify([...new Set([...title, ...indexTokensOfNormalised(s.body)])]));
      cols[4].push(JSON.stringify(title));
    }
    await client.query(
      `INSERT INTO bench_search_docs SELECT k, i, t,
        array_to_tsvector(ARRAY(SELECT json_array_elements_text(a::json))),
        array_to_tsvector(ARRAY(SELECT json_array_elements_text(b::json)))
      FROM unnest($1::bigint[], $2::int[], $3::text[], $4::text[], $5::text[]) AS u(k, i, t, a, b)`,
      cols,
    );
  }
  log(`generated ${distinct} in ${seconds(t0)} s`);
  const t1 = Date.now();
  // Copy g of document i: id i + g·D, published g weeks earlier (rank-key.ts layout).
  await client.query(
    `INSERT INTO bench_search_docs
      SELECT ((((rank_key >> 24) - g * 604800) << 24) + (id + g * $1::int)), id + g * $1::int, text, tsv, title_tsv
      FROM bench_search_docs, generate_series(1, ceil($2::numeric / $1::int)::int - 1) AS g
      WHERE id + g * $1::int <= $2::int`,
    [distinct, publications],
  );
  await client.query('VACUUM ANALYZE bench_search_docs');
  log(`copied to ${publications} in ${seconds(t1)} s`);
}

const TWO_CJK = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]{2}$/u;

/** The full-text pass of each variant for one query (search-index.postgres.ts for gin). */
function statement(variant: string, q: string): { text: string; values: unknown[] } {
  const query = queryTokens(q);
  if (variant === 'trgm') {
    const like = query.terms.map((_, i) => `text LIKE $${i + 1}`).join(' AND ');
    return {
      text: `SELECT id FROM bench_search_docs WHERE ${like} ORDER BY rank_key DESC LIMIT ${LIMIT}`,
      values: query.terms.map((t) => `%${t.replace(/[\\%_]/g, (c) => `\\${c}`)}%`),
    };
  }
  const drop = query.tokens.length > 0 && query.prefixTokens.length > 0;
  const exact = new Set(query.terms.filter((t) => tokensAreExact(t) && (!drop || TWO_CJK.test(t))));
  const recheck = query.terms.filter((t) => !exact.has(t));
  const checks = recheck.map((_, i) => ` AND strpos(text, $${i + 2}) > 0`).join('');
  const order = variant === 'rum' ? 'rank_key <=| (SELECT max(rank_key) FROM bench_search_docs)' : 'rank_key DESC';
  return {
    text: `SELECT id FROM bench_search_docs WHERE tsv @@ $1::tsquery${checks} ORDER BY ${order} LIMIT ${LIMIT}`,
    values: [toTsQuery(drop ? { ...query, prefixTokens: [] } : query), ...recheck],
  };
}

const INDEXES: Record<string, string[]> = {
  gin: ['CREATE INDEX bench_search_gin ON bench_search_docs USING gin (tsv)'],
  rum: [
    'CREATE EXTENSION IF NOT EXISTS rum',
    `CREATE INDEX bench_search_rum ON bench_search_docs USING rum (tsv rum_tsvector_addon_ops, rank_key)
      WITH (attach = 'rank_key', to = 'tsv', order_by_attach = 't')`,
  ],
  trgm: [
    'CREATE EXTENSION IF NOT EXISTS pg_trgm',
    'CREATE INDEX bench_search_trgm ON bench_search_docs USING gin (text gin_trgm_ops)',
  ],
};

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] as number;

await loadTable();
const sample = await client.query<{ text: string }>(
  'SELECT text FROM bench_search_docs WHERE id % 50 = 7 ORDER BY id LIMIT 400',
);
const mix = sampleQueries(
  sample.rows.map((x) => x.text),
  queryCount,
  rng(7),
);
const rows: string[] = [];
for (const variant of variants) {
  const create = INDEXES[variant];
  if (!create) throw new Error(`unknown variant ${variant}`);
  const t0 = Date.now();
  for (const s of create) await client.query(s);
  await client.query('ANALYZE bench_search_docs');
  const build = seconds(t0);
  const name = `bench_search_${variant}`;
  const size = (await client.query<{ s: string }>(`SELECT pg_size_pretty(pg_relation_size($1::regclass)) AS s`, [name]))
    .rows[0]?.s;
  log(`${variant}: index built in ${build} s, ${size}`);
  const before = load();
  const lat: number[] = [];
  let capped = 0;
  let mismatches = 0;
  for (const [i, q] of mix.entries()) {
    const s = statement(variant, q);
    const t = process.hrtime.bigint();
    const res = await client.query<{ id: number }>(s.text, s.values);
    lat.push(Number(process.hrtime.bigint() - t) / 1e6);
    if (res.rows.length === LIMIT) capped += 1;
    if (i % oracleEvery === 0) {
      const terms = queryTokens(q).terms;
      const scan = await client.query<{ id: number }>(
        `SELECT id FROM bench_search_docs WHERE ${terms.map((_, k) => `strpos(text, $${k + 1}) > 0`).join(' AND ')}
         ORDER BY rank_key DESC LIMIT ${LIMIT}`,
        terms,
      );
      if (scan.rows.map((x) => x.id).join() !== res.rows.map((x) => x.id).join()) mismatches += 1;
    }
  }
  rows.push(
    `| ${variant} | ${build} s | ${size} | ${pct(lat, 50).toFixed(1)} | ${pct(lat, 95).toFixed(1)} | ${pct(lat, 99).toFixed(1)} | ${capped} | ${mismatches} of ${Math.ceil(mix.length / oracleEvery)} | ${before} / ${load()} |`,
  );
  log(`${variant}: p95 ${pct(lat, 95).toFixed(1)} ms`);
  await client.query(`DROP INDEX ${name}`);
}
console.log(
  `\nPostgreSQL, ${publications} rows (${distinct} distinct texts), ${mix.length} queries, node ${process.version}\n`,
);
console.log(
  '| variant | build | index size | p50 ms | p95 ms | p99 ms | capped (501) | differ from the scan | load avg before / after |',
);
console.log('|---|---|---|---|---|---|---|---|---|');
console.log(rows.join('\n'));
if (!process.argv.includes('--keep')) await client.query('DROP TABLE bench_search_docs');
await client.end();
