// `npm run bench:report-rollup`: the annual report roll-up benchmark of issue #5. Generates A
// agencies (default 2,000) under the county and N applications (default 500,000) spread over
// 2023–2026 with random applicant kinds, outcomes and closing dates, then — in the same run —
// times (a) the county roll-up through the report's own code (computeReport over all agencies:
// tables 二, 三, 四 and fees) and (b) one hand-written SQL GROUP BY computing the same table 三,
// and checks that both give the same table; then times the per-agency appendix of the roll-up. Embedded engine; DATABASE_URL=postgres://… runs it on
// PostgreSQL (use a throwaway database: it is filled). Options: --agencies A --applications N
// --runs R (default 5; the median is reported) --keep.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { prepare } from '../src/bootstrap.ts';
import { loadConfig } from '../src/config.ts';
import { findAgencyById } from '../src/modules/agency/agency.repository.ts';
import { computeReport } from '../src/modules/annual-report/annual-report.compute.ts';
import { TABLE3_2021_ROW_KEYS, TABLE3_COLUMN_KEYS } from '../src/modules/annual-report/format/national2021.ts';
import { table3FromCounts, type Table3Count } from '../src/modules/annual-report/queries/table3.query.ts';
import { breakdownQuery } from '../src/modules/annual-report/queries/breakdown.query.ts';
import { APPLICANT_KIND_KEYS, OUTCOME_KEYS, type ApplicantKind } from '../src/modules/info-request/rules/index.ts';
import { infoRequestRow } from '../test/support/rows.ts';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : Number.NaN;
  return Number.isFinite(v) && v > 0 ? Math.floor(v) : fallback;
}

const agencyCount = arg('agencies', 2000);
const applicationCount = arg('applications', 500_000);
const runs = arg('runs', 5);
const YEAR = 2025;

let seed = 20261126;
const rand = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;

function day(from: number, spanDays: number): string {
  return new Date(from + Math.floor(rand() * spanDays) * 86_400_000).toISOString().slice(0, 10);
}

const dataDir = mkdtempSync(join(tmpdir(), 'gk-bench-report-'));
const config = loadConfig(process.env, { dataDir, port: 0, seedDemo: false, runJobs: false, logLevel: 'warn' });
const { deps } = await prepare(config);
const db = deps.database.db;
const engine = deps.database.engine;
const now = new Date().toISOString();
const t0 = Date.now();

// Agencies: the county and A agencies directly below it.
const agencyBase = {
  creditCode: '',
  officeName: '办公室',
  officeAddress: '地址',
  officePostcode: '416700',
  officePhone: '0743-0000000',
  officeFax: '',
  officeEmail: 'gk@example.gov',
  officeHours: '',
  indexPattern: '{seq}',
  guideText: '',
  active: 1,
  createdAt: now,
  updatedAt: now,
};
const county = await db
  .insertInto('agencies')
  .values({
    ...agencyBase,
    parentId: null,
    path: '/',
    depth: 0,
    name: '基准县人民政府',
    shortName: '基准县',
    kind: 'countyGovernment',
    slug: 'bench-county',
    sortOrder: 0,
  })
  .returning('id')
  .executeTakeFirstOrThrow();
await db
  .updateTable('agencies')
  .set({ path: `/${county.id}/` })
  .where('id', '=', county.id)
  .execute();
const ids: number[] = [county.id];
for (let i = 0; i < agencyCount; i += 500) {
  const rows = Array.from({ length: Math.min(500, agencyCount - i) }, (_, j) => ({
    ...agencyBase,
    parentId: county.id,
    path: `/${county.id}/`,
    depth: 1,
    name: `基准镇${i + j}人民政府`,
    shortName: `基准镇${i + j}`,
    kind: 'town' as const,
    slug: `bench-${i + j}`,
    sortOrder: i + j + 1,
  }));
  const inserted = await db.insertInto('agencies').values(rows).returning('id').execute();
  for (const r of inserted) {
    ids.push(r.id);
    await db
      .updateTable('agencies')
      .set({ path: `/${county.id}/${r.id}/` })
      .where('id', '=', r.id)
      .execute();
  }
}

// Applications: received 2023-01-01 … 2026-06-30; 85 % concluded 1–60 days later.
const start = Date.parse('2023-01-01T00:00:00Z');
const batch = 400;
const below = ids.slice(1);
for (let i = 0; i < applicationCount; i += batch) {
  const rows = Array.from({ length: Math.min(batch, applicationCount - i) }, (_, j) => {
    const receivedOn = day(start, 1277);
    const concluded = rand() < 0.85;
    const concludedOn = concluded
      ? new Date(Date.parse(`${receivedOn}T00:00:00Z`) + Math.floor(1 + rand() * 60) * 86_400_000)
          .toISOString()
          .slice(0, 10)
      : null;
    const n = i + j;
    return infoRequestRow({
      agencyId: pick(below),
      number: `B-${n}`,
      queryCodeHash: `h${n}`,
      state: concluded ? ('replied' as const) : ('processing' as const),
      applicantKind: pick(APPLICANT_KIND_KEYS),
      idDocumentType: '',
      requestedForm: '',
      deliveryWay: '',
      handedInOn: receivedOn,
      receivedOn,
      clockJson: '{}',
      outcomeKey: concluded ? pick(OUTCOME_KEYS) : null,
      repliedOn: concludedOn,
      concludedOn,
      submittedAt: now,
    });
  });
  await db.insertInto('infoRequests').values(rows).execute();
  if ((i / batch) % 100 === 0) process.stderr.write(`\rapplications ${i + rows.length}/${applicationCount}   `);
}
process.stderr.write('\n');
if (engine === 'embedded') deps.database.sqlite?.exec('ANALYZE');
else await sql`ANALYZE`.execute(db);
const loadSeconds = (Date.now() - t0) / 1000;

const countyRow = await findAgencyById(db, county.id);
if (!countyRow) throw new Error('county missing');

/** The hand-written GROUP BY: the whole county's table 三 in one statement. */
async function handWritten() {
  const from = `${YEAR}-01-01`;
  const to = `${YEAR}-12-31`;
  const r = await sql<{ kind: string; intake: string; result: string; n: number }>`
    select r.applicant_kind as kind,
           case when r.received_on >= ${from} then 'newlyReceived' else 'carriedOver' end as intake,
           case when r.concluded_on is not null and r.concluded_on <= ${to} then r.outcome_key else 'carriedForward' end as result,
           count(*) as n
      from info_requests r join agencies a on a.id = r.agency_id
     where a.path like ${`/${county.id}/%`}
       and r.received_on is not null and r.received_on <= ${to}
       and (r.received_on >= ${from} or r.concluded_on is null or r.concluded_on >= ${from})
     group by 1, 2, 3`.execute(db);
  const counts: Table3Count[] = [];
  for (const row of r.rows) {
    const kind = row.kind as ApplicantKind;
    counts.push({ row: row.intake as Table3Count['row'], applicantKind: kind, count: Number(row.n) });
    counts.push({ row: row.result as Table3Count['row'], applicantKind: kind, count: Number(row.n) });
  }
  return table3FromCounts(counts);
}

async function viaReport() {
  return computeReport(db, {
    agency: countyRow as NonNullable<typeof countyRow>,
    year: YEAR,
    agencyIds: ids,
    figures: {},
    narratives: {},
    drillBase: '/x',
  });
}

async function time<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const s = process.hrtime.bigint();
  const value = await fn();
  return { ms: Number(process.hrtime.bigint() - s) / 1e6, value };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const reportMs: number[] = [];
const sqlMs: number[] = [];
let same = true;
// Alternate the two so that neither profits from a warmer cache.
for (let i = 0; i < runs; i++) {
  const a = await time(viaReport);
  const b = await time(handWritten);
  reportMs.push(a.ms);
  sqlMs.push(b.ms);
  for (const r of TABLE3_2021_ROW_KEYS)
    for (const c of TABLE3_COLUMN_KEYS)
      if (a.value.data.table3[r][c] !== b.value[r][c]) {
        if (same) console.error(`differs at ${r}.${c}: report ${a.value.data.table3[r][c]}, SQL ${b.value[r][c]}`);
        same = false;
      }
}
const total = (await viaReport()).data.table3;
const rep = median(reportMs);
const hand = median(sqlMs);
console.log(
  `engine ${engine}, ${agencyCount} agencies, ${applicationCount} applications (load ${loadSeconds.toFixed(0)} s), year ${YEAR}, ${runs} runs, node ${process.version}`,
);
console.log(
  `table 三 ${YEAR}: 新收 ${total.newlyReceived.total}, 上年结转 ${total.carriedOver.total}, 办结 ${total.total.total}, 结转下年度 ${total.carriedForward.total}; identical to the hand-written query: ${same ? 'yes' : 'NO'}`,
);
console.log('| measurement | median ms | min ms | max ms |');
console.log('|---|---|---|---|');
console.log(
  `| county roll-up via the report code (tables 二/三/四 + fees) | ${rep.toFixed(0)} | ${Math.min(...reportMs).toFixed(0)} | ${Math.max(...reportMs).toFixed(0)} |`,
);
console.log(
  `| hand-written GROUP BY (table 三 only) | ${hand.toFixed(0)} | ${Math.min(...sqlMs).toFixed(0)} | ${Math.max(...sqlMs).toFixed(0)} |`,
);
const names = new Map(ids.map((id) => [id, String(id)]));
const appendixMs: number[] = [];
for (let i = 0; i < runs; i++)
  appendixMs.push((await time(() => breakdownQuery(db, { agencyIds: ids, year: YEAR }, names))).ms);
console.log(
  `| per-agency appendix of the roll-up (${ids.length} rows, 3 GROUP BY agency_id) | ${median(appendixMs).toFixed(0)} | ${Math.min(...appendixMs).toFixed(0)} | ${Math.max(...appendixMs).toFixed(0)} |`,
);
console.log(`ratio ${(rep / hand).toFixed(2)}× (target ≤ 2×), roll-up ${(rep / 1000).toFixed(2)} s (target ≤ 3 s)`);
await deps.database.close();
if (!process.argv.includes('--keep')) rmSync(dataDir, { recursive: true, force: true });
else console.log(`data kept in ${dataDir}`);
if (!same) process.exitCode = 1;
