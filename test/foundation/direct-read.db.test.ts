// Reads compiled once run on the embedded engine's handle (src/db/direct-read.ts), on the engine of
// GK_TEST_ENGINE: the rows are the ones Kysely's path gives (keys camel-cased in the same order,
// values as the driver reads them, or as the driver gives them for shapedSql); a read made while a
// Kysely transaction holds the connection waits for it and never sees what it has not committed; a
// write that returns rows still passes the data version's observer; readTogether runs the reads it
// starts in one read transaction and leaves none open. On PostgreSQL the same calls give the same
// rows through Kysely.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../src/db/database.ts';
import { readTogether } from '../../src/db/direct-read.ts';
import { fixedQuery, shapedQuery, shapedSql } from '../../src/db/fixed-query.ts';
import { ARRAY_ROWS } from '../../src/db/statement-cache.ts';
import { inTransaction } from '../../src/platform/transaction.ts';
import { openScratchDatabase } from '../support/scratch-database.ts';
import { ENGINE } from '../support/test-app.ts';

let database: Database;
let cleanup: () => Promise<void>;

type Loose = Kysely<{
  dr_items: { id: number; owner_id: number; item_name: string; note_text: string | null; at: string };
}>;
const loose = (db: unknown) => db as Loose;

before(async () => {
  ({ database, cleanup } = await openScratchDatabase('gk-direct-read-'));
  await sql`CREATE TABLE dr_items (id INTEGER PRIMARY KEY, owner_id INTEGER NOT NULL, item_name TEXT NOT NULL, note_text TEXT, at TEXT NOT NULL)`.execute(
    database.db,
  );
  for (const [id, owner, name, note] of [
    [1, 10, '甲', null],
    [2, 10, '乙', '附注'],
    [3, 20, '丙', ''],
  ] as const)
    await sql`INSERT INTO dr_items (id, owner_id, item_name, note_text, at) VALUES (${id}, ${owner}, ${name}, ${note}, '2025-01-01')`.execute(
      database.db,
    );
});
after(async () => cleanup());

const byOwner = fixedQuery((db, ownerId: number) =>
  loose(db)
    .selectFrom('dr_items as i')
    .select(['i.id', 'i.item_name', 'i.note_text', 'i.owner_id as item_owner'])
    .select(sql<number>`i.id * 2`.as('twice_id'))
    .where('i.owner_id', '=', ownerId)
    .orderBy('i.id'),
);

test('the rows and their keys are the ones Kysely gives (checked inside a transaction, which takes its path)', async () => {
  const direct = await byOwner(database.db, 10);
  const kysely = await inTransaction(database.db, (trx) => byOwner(trx, 10));
  assert.deepEqual(direct, kysely);
  assert.deepEqual(
    direct.map((r) => Object.keys(r)),
    kysely.map((r) => Object.keys(r)),
  );
  assert.deepEqual(direct, [
    { id: 1, itemName: '甲', noteText: null, itemOwner: 10, twiceId: 2 },
    { id: 2, itemName: '乙', noteText: '附注', itemOwner: 10, twiceId: 4 },
  ]);
  const shaped = shapedQuery(
    (ids: readonly number[], slot) => ids.map((id) => slot(id)),
    (db, ids: readonly number[]) =>
      loose(db).selectFrom('dr_items').select(['id', 'note_text']).where('id', 'in', ids).orderBy('id'),
  );
  assert.deepEqual(await shaped(database.db, [3, 1]), [
    { id: 1, noteText: null },
    { id: 3, noteText: '' },
  ]);
  // shapedSql: the rows as the driver gives them, no camel case.
  const raw = shapedSql(
    (id: number, slot) => slot(id),
    (id: number) => sql<{ item_name: string }>`SELECT item_name FROM dr_items WHERE id = ${id}`,
  );
  assert.deepEqual(await raw(database.db, 2), [{ item_name: '乙' }]);
  // Rows asked for as arrays (ARRAY_ROWS) stay arrays on the embedded engine, as Kysely's path gives them.
  const arrays = shapedSql(
    (id: number, slot) => slot(id),
    (id: number) => sql<unknown>`SELECT id, item_name FROM dr_items WHERE id = ${id}${sql.raw(ARRAY_ROWS)}`,
  );
  const viaKysely = await inTransaction(database.db, (trx) => arrays(trx, 2));
  assert.deepEqual(await arrays(database.db, 2), viaKysely);
  if (ENGINE !== 'postgres') assert.deepEqual(viaKysely, [[2, '乙']]);
});

test('a read while a transaction holds the connection waits for it and never sees what it has not committed', async () => {
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  let inserted!: () => void;
  const written = new Promise<void>((r) => (inserted = r));
  const rolledBack = inTransaction(database.db, async (trx) => {
    await sql`INSERT INTO dr_items (id, owner_id, item_name, at) VALUES (4, 10, '未提交', '2025-01-02')`.execute(trx);
    inserted();
    await held;
    throw new Error('rolled back on purpose');
  }).catch((e: Error) => e.message);
  await written;
  const read = byOwner(database.db, 10);
  let done = false;
  void read.then(() => (done = true));
  await new Promise((r) => setTimeout(r, 20));
  // On the embedded engine its one connection is held: the read waits (Kysely's path).
  if (ENGINE !== 'postgres') assert.equal(done, false);
  release();
  assert.equal(await rolledBack, 'rolled back on purpose');
  assert.deepEqual(
    (await read).map((r) => r.id),
    [1, 2],
  );
});

test('a write that returns rows still moves the data version', async () => {
  const insert = fixedQuery((db, id: number) =>
    loose(db)
      .insertInto('dr_items')
      .values({ id, owner_id: 30, item_name: '新', at: '2025-01-03' })
      .returning(['id', 'item_name']),
  );
  const before = database.version.value;
  assert.deepEqual(await insert(database.db, 5), [{ id: 5, itemName: '新' }]);
  assert.equal(database.version.value, before + 1);
});

test('readTogether: the reads it starts run in one read transaction, none is left open', async () => {
  const seen: boolean[] = [];
  const [a, b] = await Promise.all(
    readTogether(database.db, () => {
      const first = byOwner(database.db, 10);
      seen.push(database.sqlite?.inTransaction ?? false);
      return [first, byOwner(database.db, 20)];
    }),
  );
  assert.deepEqual(
    a.map((r) => r.id),
    [1, 2],
  );
  assert.deepEqual(
    b.map((r) => r.id),
    [3],
  );
  assert.deepEqual(seen, [ENGINE !== 'postgres']);
  assert.equal(database.sqlite?.inTransaction ?? false, false);
  // Nested, and after a failing read: still none left open.
  assert.throws(() =>
    readTogether(database.db, () =>
      readTogether(database.db, () => {
        throw new Error('x');
      }),
    ),
  );
  assert.equal(database.sqlite?.inTransaction ?? false, false);
});
