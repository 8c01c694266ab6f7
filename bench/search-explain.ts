// `DATABASE_URL=… node --import tsx bench/search-explain.ts [N] [K]`: times searchPublications() for N queries of the
// bench:catalog mix (same seed and sampling as its --reuse path), prints p50/p95/p99, the slowest
// queries with the time of each statement, and EXPLAIN (ANALYZE, BUFFERS) of the statements of the K slowest.
import pg from 'pg';
import { CamelCasePlugin, Kysely, PostgresDialect, sql } from 'kysely';
import type { DB } from '../src/db/schema.ts';
import { searchPublications } from '../src/modules/search/search.service.ts';
import { plainTextFromHtml } from '../src/modules/search/text.ts';
import { rng, sampleQueries } from './corpus.ts';
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
const log: Array<{ sql: string; params: readonly unknown[]; ms: number }> = [];
const db = new Kysely<DB>({
  dialect: new PostgresDialect({ pool }),
  plugins: [new CamelCasePlugin()],
  log(e) {
    if (e.level === 'query') log.push({ sql: e.query.sql, params: e.query.parameters, ms: e.queryDurationMillis });
  },
});
const n = Number(process.argv[2] ?? 100);
const explainTop = Number(process.argv[3] ?? 3);
const publications = Number((await sql<{ m: number }>`SELECT max(id) AS m FROM publications`.execute(db)).rows[0]?.m);
const r = rng(20261126);
const sampleTexts: string[] = [];
const ids = Array.from({ length: 400 }, () => 1 + Math.floor(r() * publications));
for (const p of await db.selectFrom('publications').select(['title', 'body']).where('id', 'in', ids).execute())
  sampleTexts.push(`${p.title}\n${plainTextFromHtml(p.body)}`);
const queries = sampleQueries(sampleTexts, n, r);
const out: Array<{ q: string; ms: number; total: number; stmts: typeof log }> = [];
const cpu0 = process.cpuUsage();
for (const q of queries) {
  log.length = 0;
  const t0 = process.hrtime.bigint();
  const res = await searchPublications(db, { q, pageSize: 10 });
  out.push({ q, ms: Number(process.hrtime.bigint() - t0) / 1e6, total: res.total, stmts: [...log] });
}
const cpu = process.cpuUsage(cpu0);
const ms = out.map((o) => o.ms).sort((a, b) => a - b);
const pct = (p: number) => ms[Math.min(ms.length - 1, Math.floor((p / 100) * ms.length))]!.toFixed(1);
console.log(
  `${n} queries: p50 ${pct(50)} p95 ${pct(95)} p99 ${pct(99)} max ${ms[ms.length - 1]!.toFixed(1)} ms; node cpu ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms`,
);
const slow = [...out].sort((a, b) => b.ms - a.ms);
for (const o of slow.slice(0, 12))
  console.log(o.ms.toFixed(1), o.q, o.total, o.stmts.map((s) => s.ms.toFixed(0)).join('/'));
for (const o of slow.slice(0, explainTop)) {
  console.log(`\n=== ${o.q} ${o.ms.toFixed(1)} ms`);
  for (const s of o.stmts.filter((s) => s.ms > 5)) {
    const c = await pool.connect();
    const plan = await c.query(`EXPLAIN (ANALYZE, BUFFERS) ${s.sql}`, s.params as unknown[]);
    c.release();
    console.log(
      `--- ${s.ms.toFixed(1)} ms: ${s.sql.replace(/\s+/g, ' ').slice(0, 300)} ${JSON.stringify(s.params).slice(0, 200)}`,
    );
    console.log(plan.rows.map((x) => x['QUERY PLAN']).join('\n'));
  }
}
await db.destroy();
