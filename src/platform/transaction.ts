// One transaction per mutating request: opened at the edge (the route) and passed down
// explicitly as the first argument of services and repositories.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';

export type Db = Kysely<DB>;
export type Trx = Transaction<DB>;
/** Either the database or an open transaction: repositories accept both. */
export type Executor = Kysely<DB> | Transaction<DB>;

export function inTransaction<T>(db: Db, fn: (trx: Trx) => Promise<T>): Promise<T> {
  return db.transaction().execute(fn);
}
