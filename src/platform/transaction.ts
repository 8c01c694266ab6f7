// One transaction per mutating request: opened at the edge (the route) and passed down
// explicitly as the first argument of services and repositories.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import { writeTurn } from '../db/write-turn.ts';

export { writeLockFree } from '../db/write-turn.ts';

export type Db = Kysely<DB>;
export type Trx = Transaction<DB>;
/** Either the database or an open transaction: repositories accept both. */
export type Executor = Kysely<DB> | Transaction<DB>;

/** Runs `fn` in a transaction, begun once no other connection holds the write lock (db/write-turn.ts). */
export async function inTransaction<T>(db: Db, fn: (trx: Trx) => Promise<T>): Promise<T> {
  await writeTurn(db);
  return db.transaction().execute(fn);
}
