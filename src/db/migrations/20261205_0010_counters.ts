// One counters table for every numbered series (platform/counters.ts), seeded from the data, so
// that numbers continue where they stand:
// - infoRequest: the highest sequence of each agency's `SLUG-YYYY-NNNN` numbers per year;
// - inquiry/complaint/letter/objection and serviceCase: the number of cases of each agency per
//   kind and year (their earlier numbers were built from the row id and are kept as issued; the
//   new series counts on from the cases already received that year);
// - indexNumber: the rows of index_number_sequences, which this table replaces.
import { sql } from 'kysely';
import type { MigrationDb } from '../migration-kit.ts';

type Seed = { kind: string; agencyId: number; year: number; lastValue: number };

function add(seeds: Map<string, Seed>, kind: string, agencyId: number, year: number, value: number): void {
  const key = `${kind}|${agencyId}|${year}`;
  const s = seeds.get(key);
  if (!s) seeds.set(key, { kind, agencyId, year, lastValue: value });
  else s.lastValue = Math.max(s.lastValue, value);
}

export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .createTable('counters')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('last_value', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('counters_pk', ['kind', 'agency_id', 'year'])
    .execute();

  const seeds = new Map<string, Seed>();
  const requests = await sql<{ agencyId: number; number: string }>`
    SELECT agency_id AS "agencyId", number FROM info_requests`.execute(db);
  for (const r of requests.rows) {
    const m = /-(\d{4})-(\d+)$/.exec(r.number);
    if (m) add(seeds, 'infoRequest', r.agencyId, Number(m[1]), Number(m[2]));
  }
  const cases = await sql<{ kind: string; agencyId: number; year: string; n: number }>`
    SELECT kind, agency_id AS "agencyId", substr(received_date, 1, 4) AS year, count(*) AS n
    FROM interaction_cases GROUP BY kind, agency_id, substr(received_date, 1, 4)`.execute(db);
  for (const c of cases.rows) add(seeds, c.kind, c.agencyId, Number(c.year), Number(c.n));
  const hall = await sql<{ agencyId: number; year: string; n: number }>`
    SELECT agency_id AS "agencyId", substr(received_on, 1, 4) AS year, count(*) AS n
    FROM service_cases GROUP BY agency_id, substr(received_on, 1, 4)`.execute(db);
  for (const c of hall.rows) add(seeds, 'serviceCase', c.agencyId, Number(c.year), Number(c.n));
  const index = await sql<{ agencyId: number; year: number; lastSeq: number }>`
    SELECT agency_id AS "agencyId", year, last_seq AS "lastSeq" FROM index_number_sequences`.execute(db);
  for (const r of index.rows) add(seeds, 'indexNumber', r.agencyId, Number(r.year), Number(r.lastSeq));

  for (const s of seeds.values()) {
    await sql`INSERT INTO counters (kind, agency_id, year, last_value)
      VALUES (${s.kind}, ${s.agencyId}, ${s.year}, ${s.lastValue})`.execute(db);
  }
  await db.schema.dropTable('index_number_sequences').execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema
    .createTable('index_number_sequences')
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('last_seq', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('index_number_sequences_pk', ['agency_id', 'year'])
    .execute();
  await sql`INSERT INTO index_number_sequences (agency_id, year, last_seq)
    SELECT agency_id, year, last_value FROM counters WHERE kind = 'indexNumber'`.execute(db);
  await db.schema.dropTable('counters').execute();
}
