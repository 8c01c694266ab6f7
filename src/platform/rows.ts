// One row of one table, the three plainest statements of every repository: find it by equality on
// some of its columns, insert it and get its id, update it by id. Typed on the merged DB type at the
// call, so a wrong table, column or value type fails the typecheck as a hand-written Kysely query
// would; the SQL is the same statement the repositories wrote by hand. Anything with a join, an
// order, a range or a null test stays a query of its own in its repository.
import type { Generated, Insertable, Kysely, Selectable, SelectQueryBuilder, Updateable } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Executor, Trx } from './transaction.ts';

/** The tables whose rows are found by a numeric surrogate `id`. */
export type TableWithId = {
  [T in keyof DB]: Selectable<DB[T]> extends { id: number } ? T : never;
}[keyof DB];

/** Equality on some columns of the table, each value of its column's type (never null: `= NULL` matches nothing). */
export type RowMatch<T extends keyof DB> = { [C in keyof Selectable<DB[T]>]?: Exclude<Selectable<DB[T]>[C], null> };

/**
 * The executor seen as loose tables: Kysely cannot follow a table name that is a type parameter,
 * so the tables and columns are checked on the signatures of the helpers below.
 */
type LooseRow = { id: Generated<number> } & Record<string, unknown>;
function loose(db: Executor): Kysely<Record<string, LooseRow>> {
  return db as unknown as Kysely<Record<string, LooseRow>>;
}

/** The first row of `table` whose columns equal `match` (`where a = ? and b = ?`, in the order given). */
export async function findRow<T extends keyof DB>(
  db: Executor,
  table: T,
  match: RowMatch<T>,
): Promise<Selectable<DB[T]> | undefined> {
  const columns = Object.entries(match);
  // An empty match would be the table's first row, never what a caller means.
  if (!columns.length) throw new Error(`findRow(${table}): the match names no column`);
  let q = loose(db)
    .selectFrom(table as string)
    .selectAll();
  for (const [column, value] of columns) {
    // `{ id: undefined }` passes the type (an optional column): refuse it rather than drop the filter.
    if (value === undefined) throw new Error(`findRow(${table}): no value for ${column}`);
    q = q.where(column, '=', value);
  }
  return (await q.executeTakeFirst()) as Selectable<DB[T]> | undefined;
}

/** Inserts one row and returns its new id. */
export async function insertRow<T extends TableWithId>(
  db: Executor,
  table: T,
  values: Insertable<DB[T]>,
): Promise<number> {
  const { id } = await loose(db)
    .insertInto(table as string)
    .values(values as Insertable<LooseRow>)
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** Updates the row `id` of the table. */
export async function updateRow<T extends TableWithId>(
  db: Executor,
  table: T,
  id: number,
  set: Updateable<DB[T]>,
): Promise<void> {
  await loose(db)
    .updateTable(table as string)
    .set(set as Updateable<LooseRow>)
    .where('id', '=', id)
    .execute();
}

/** The tables whose rows carry an `updatedAt` beside their `id`. */
export type TableWithUpdatedAt = {
  [T in TableWithId]: Selectable<DB[T]> extends { updatedAt: string } ? T : never;
}[TableWithId];

/**
 * Holds the row `id` until the transaction ends (an UPDATE that changes nothing), so that a step
 * decided on the row is decided on what it is now: on PostgreSQL a second transaction holding the
 * same row waits here for the first to commit and then reads what the first left; on the embedded
 * engine write transactions already run one at a time.
 */
export async function lockRow<T extends TableWithUpdatedAt>(trx: Trx, table: T, id: number): Promise<void> {
  await loose(trx)
    .updateTable(table as string)
    .set((eb) => ({ updatedAt: eb.ref('updatedAt') }))
    .where('id', '=', id)
    .execute();
}

/** The number of rows `query` finds (a list's total, a queue's count). */
export async function countRows<DB, TB extends keyof DB>(query: SelectQueryBuilder<DB, TB, object>): Promise<number> {
  const row = await query
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    // The one column just selected: Kysely cannot name it while the table is a type parameter.
    .$castTo<{ n: number | string }>()
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
