// Queries compiled once (src/db/fixed-query.ts), on the engine of GK_TEST_ENGINE: the builder runs
// once per database, each call binds its own arguments (also where one argument is used twice, and
// inside a transaction), results pass through the camel-case plugin as before, and a builder that
// uses an argument for anything but a value is refused; shapedQuery compiles once per shape (which
// filters are set, a list's length) and binds each call's values, and shapedSql does the same for
// `sql` templates with the rows as the driver gives them; on the embedded engine a LIMIT
// is written into the text, not bound (db/database.ts, LiteralLimitCompiler).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql, type Kysely, type SqlBool } from 'kysely';
import type { Database } from '../../src/db/database.ts';
import { fixedQuery, literalLimit, shapedQuery, shapedSql } from '../../src/db/fixed-query.ts';
import { inTransaction } from '../../src/platform/transaction.ts';
import { openScratchDatabase } from '../support/scratch-database.ts';
import { ENGINE } from '../support/test-app.ts';

let database: Database;
let cleanup: () => Promise<void>;

// A table of its own (not in DB's schema): the queries below are typed loosely on purpose.
type Loose = Kysely<{ fq_items: { id: number; owner_id: number; item_name: string; at: string } }>;
const loose = (db: unknown) => db as Loose;

before(async () => {
  ({ database, cleanup } = await openScratchDatabase('gk-fixed-query-'));
  await sql`CREATE TABLE fq_items (id INTEGER PRIMARY KEY, owner_id INTEGER NOT NULL, item_name TEXT NOT NULL, at TEXT NOT NULL)`.execute(
    database.db,
  );
  const rows = [
    [1, 10, '甲', '2025-01-01'],
    [2, 10, "乙'); DROP TABLE fq_items; --", '2025-01-02'],
    [3, 20, '丙', '2025-01-02'],
    [4, 10, '丁', '2025-01-03'],
  ] as const;
  for (const [id, owner, name, at] of rows)
    await sql`INSERT INTO fq_items (id, owner_id, item_name, at) VALUES (${id}, ${owner}, ${name}, ${at})`.execute(
      database.db,
    );
});
after(async () => cleanup());

test('built once per database, each call with its own arguments, rows camel-cased', async () => {
  let builds = 0;
  const byOwner = fixedQuery((db, ownerId: number) => {
    builds += 1;
    return loose(db).selectFrom('fq_items').select(['id', 'item_name']).where('owner_id', '=', ownerId).orderBy('id');
  });
  assert.deepEqual(
    (await byOwner(database.db, 10)).map((r) => r.id),
    [1, 2, 4],
  );
  assert.deepEqual(await byOwner(database.db, 20), [{ id: 3, itemName: '丙' }]);
  assert.deepEqual(await byOwner(database.db, 30), []);
  // A transaction shares the database's compiled text.
  const inTrx = await inTransaction(database.db, (trx) => byOwner(trx, 20));
  assert.deepEqual(inTrx, [{ id: 3, itemName: '丙' }]);
  assert.equal(builds, 1);
});

test('an argument used twice is bound in both places; text arguments are values, never SQL', async () => {
  // The neighbour of (at, id) after it, as the article page asks.
  const after = fixedQuery((db, ownerId: number, at: string, id: number) =>
    loose(db)
      .selectFrom('fq_items')
      .select(['id'])
      .where('owner_id', '=', ownerId)
      .where((eb) => eb.or([eb('at', '>', at), eb.and([eb('at', '=', at), eb('id', '>', id)])]))
      .orderBy('at')
      .orderBy('id')
      .limit(1),
  );
  assert.deepEqual(await after(database.db, 10, '2025-01-01', 1), [{ id: 2 }]);
  assert.deepEqual(await after(database.db, 10, '2025-01-02', 2), [{ id: 4 }]);
  assert.deepEqual(await after(database.db, 10, '2025-01-03', 4), []);
  const byName = fixedQuery((db, name: string) =>
    loose(db).selectFrom('fq_items').select(['id']).where('item_name', '=', name),
  );
  assert.deepEqual(await byName(database.db, "乙'); DROP TABLE fq_items; --"), [{ id: 2 }]);
  assert.deepEqual(await byName(database.db, "' OR 1=1 --"), []);
});

test('a builder that uses an argument for the shape of the query is refused', async () => {
  // Written into the SQL text instead of bound.
  const asText = fixedQuery((db, column: string) =>
    loose(db)
      .selectFrom('fq_items')
      .select(['id'])
      .where(sql<SqlBool>`${sql.raw(column)} IS NOT NULL`),
  );
  await assert.rejects(asText(database.db, 'item_name'), /every argument must be a bound value/);
  // Deciding the shape (the compiled text would keep the first call's choice for every call).
  const deciding = fixedQuery((db, newestFirst: boolean) =>
    loose(db)
      .selectFrom('fq_items')
      .select(['id'])
      .orderBy('id', newestFirst ? 'desc' : 'asc'),
  );
  await assert.rejects(deciding(database.db, false), /every argument must be a bound value/);
});

interface OwnerFilter {
  owners: readonly number[];
  from?: string;
  newestFirst: boolean;
}

test('shapedQuery: one compiled text per shape, each call with its own values', async () => {
  let builds = 0;
  const list = shapedQuery(
    (f: OwnerFilter, slot): OwnerFilter => ({
      owners: f.owners.map((o) => slot(o)),
      ...(f.from !== undefined ? { from: slot(f.from) } : {}),
      newestFirst: f.newestFirst,
    }),
    (db, f) => {
      builds += 1;
      let q = loose(db).selectFrom('fq_items').select(['id', 'item_name']).where('owner_id', 'in', f.owners);
      if (f.from !== undefined) q = q.where('at', '>=', f.from);
      return q.orderBy('id', f.newestFirst ? 'desc' : 'asc');
    },
  );
  const ids = async (f: OwnerFilter, db: Parameters<typeof list>[0] = database.db) =>
    (await list(db, f)).map((r) => r.id);
  assert.deepEqual(await ids({ owners: [10], newestFirst: false }), [1, 2, 4]);
  assert.deepEqual(await ids({ owners: [20], newestFirst: false }), [3]);
  assert.equal(builds, 1);
  assert.deepEqual(await ids({ owners: [10, 20], newestFirst: false }), [1, 2, 3, 4]);
  assert.deepEqual(await ids({ owners: [20, 30], newestFirst: false }), [3]);
  assert.equal(builds, 2, 'a longer list is a shape of its own');
  assert.deepEqual(await ids({ owners: [10], newestFirst: true }), [4, 2, 1]);
  assert.deepEqual(await ids({ owners: [10], from: '2025-01-02', newestFirst: true }), [4, 2]);
  assert.deepEqual(await ids({ owners: [10], from: "9999' OR 1=1 --", newestFirst: true }), []);
  assert.equal(builds, 4);
  assert.deepEqual(await list(database.db, { owners: [20], newestFirst: true }), [{ id: 3, itemName: '丙' }]);
  assert.deepEqual(
    await inTransaction(database.db, (trx) => ids({ owners: [10], from: '2025-01-03', newestFirst: true }, trx)),
    [4],
  );
  assert.equal(builds, 4);
});

test('shapedQuery: at most maxShapes kept; a slotted value used for the shape is refused', async () => {
  let builds = 0;
  const byOwners = shapedQuery(
    (owners: readonly number[], slot) => owners.map((o) => slot(o)),
    (db, owners) => {
      builds += 1;
      return loose(db).selectFrom('fq_items').select(['id']).where('owner_id', 'in', owners).orderBy('id');
    },
    2,
  );
  for (const owners of [[10], [10, 20], [20], [10, 20, 30]]) await byOwners(database.db, owners);
  assert.equal(builds, 3);
  assert.deepEqual(await byOwners(database.db, [10]), [{ id: 1 }, { id: 2 }, { id: 4 }]);
  assert.equal(builds, 4, 'the oldest shape was dropped');
  // A slotted value written into the text, or turned into another value, never becomes a parameter.
  const asText = shapedQuery(
    (column: string, slot) => slot(column),
    (db, column) =>
      loose(db)
        .selectFrom('fq_items')
        .select(['id'])
        .where(sql<SqlBool>`${sql.raw(column)} IS NOT NULL`),
  );
  await assert.rejects(asText(database.db, 'item_name'), /every argument must be a bound value/);
  const computed = shapedQuery(
    (year: number, slot) => slot(year),
    (db, year) => loose(db).selectFrom('fq_items').select(['id']).where('at', '>=', `${year}-01-01`),
  );
  await assert.rejects(computed(database.db, 2025), /every argument must be a bound value/);
});

test('shapedSql: a `sql` template compiled once per shape, in a transaction too, rows not camel-cased', async () => {
  let builds = 0;
  const named = shapedSql(
    (i: { owners: readonly number[]; name: string | null; limit: number }, slot) => ({
      owners: i.owners.map((o) => slot(o)),
      name: i.name === null ? null : slot(i.name),
      limit: i.limit,
    }),
    (i) => {
      builds += 1;
      return sql<{ id: number; item_name: string }>`SELECT id, item_name FROM fq_items WHERE owner_id IN (${sql.join(
        i.owners.map((o) => sql`${o}`),
      )})${i.name === null ? sql`` : sql` AND item_name = ${i.name}`} ORDER BY id LIMIT ${literalLimit(i.limit)}`;
    },
  );
  assert.deepEqual(await named(database.db, { owners: [10], name: null, limit: 2 }), [
    { id: 1, item_name: '甲' },
    { id: 2, item_name: "乙'); DROP TABLE fq_items; --" },
  ]);
  assert.deepEqual(
    (await named(database.db, { owners: [20], name: null, limit: 2 })).map((r) => r.id),
    [3],
  );
  assert.equal(builds, 1);
  assert.deepEqual(
    (await named(database.db, { owners: [10, 20], name: '丙', limit: 2 })).map((r) => r.id),
    [3],
  );
  assert.deepEqual(
    (await named(database.db, { owners: [10, 20], name: "' OR 1=1 --", limit: 2 })).map((r) => r.id),
    [],
  );
  assert.equal(builds, 2);
  assert.deepEqual(await inTransaction(database.db, (trx) => named(trx, { owners: [10], name: '丁', limit: 2 })), [
    { id: 4, item_name: '丁' },
  ]);
  assert.equal(builds, 3, 'a new shape: the name set with one owner');
  await named(database.db, { owners: [10], name: null, limit: 3 });
  assert.equal(builds, 4, 'the limit is in the text: its own shape');
});

test('a LIMIT is written into the text on the embedded engine (SQLite prepares `LIMIT ?` again on every run)', async () => {
  const q = loose(database.db).selectFrom('fq_items').select(['id']).where('owner_id', '=', 10).orderBy('id').limit(2);
  const compiled = q.compile();
  if (ENGINE === 'postgres') {
    assert.match(compiled.sql, /limit \$2$/);
    assert.deepEqual(compiled.parameters, [10, 2]);
  } else {
    assert.match(compiled.sql, /limit 2$/);
    assert.deepEqual(compiled.parameters, [10]);
  }
  assert.deepEqual(await q.execute(), [{ id: 1 }, { id: 2 }]);
  assert.deepEqual(await q.limit(0).execute(), []);
  // In fixedQuery, a limit passed as an argument stays a bound value (a placeholder when compiled).
  const firstOf = fixedQuery((db, ownerId: number, n: number) =>
    loose(db).selectFrom('fq_items').select(['id']).where('owner_id', '=', ownerId).orderBy('id').limit(n),
  );
  assert.deepEqual(await firstOf(database.db, 10, 1), [{ id: 1 }]);
  assert.deepEqual(await firstOf(database.db, 10, 3), [{ id: 1 }, { id: 2 }, { id: 4 }]);
  // The `sql` template's form, on both engines; only a row count is accepted.
  const r = await sql<{ id: number }>`SELECT id FROM fq_items ORDER BY id DESC LIMIT ${literalLimit(3)}`.execute(
    database.db,
  );
  assert.deepEqual(
    r.rows.map((x) => x.id),
    [4, 3, 2],
  );
  for (const bad of [-1, 1.5, Number.NaN, 2 ** 53]) assert.throws(() => literalLimit(bad), /not a row count/);
});
