// Reads compiled once (fixed-query.ts) run straight on the embedded engine's handle when nothing
// else holds its one connection, and a page's reads share one read transaction (readTogether).
// Through Kysely a statement costs ~4 µs of the executor's path (plugins, the connection mutex,
// promises) and, in autocommit, SQLite starts and ends a read transaction around it: two fcntl
// locks and an fstat, ~4 µs more; the camel-case plugin maps each row's keys by reduce. Here the
// statement is run on its own prepared better-sqlite3 statement and each row is built from the
// column names mapped once per statement (docs/PERFORMANCE.md, "Render cost: the article and
// deeper list pages"). Only reads (SELECT by its text, and a reader to better-sqlite3), only on the
// Kysely instance registered by openDatabase (never a transaction's), and only while the handle
// has no transaction open — a Kysely transaction that is waiting between its statements keeps the
// handle in one, and its reads must not be mixed with ours: then the caller takes Kysely's path,
// which waits for the connection as before. PostgreSQL never comes here.
import type SQLite from 'better-sqlite3';
import { CamelCasePlugin } from 'kysely';
import type { Executor } from '../platform/transaction.ts';
import { touchesPublicData } from './data-version.ts';
import { ARRAY_ROWS } from './statement-cache.ts';

interface Prepared {
  stmt: SQLite.Statement;
  /** The row's keys: the statement's column names as the plugins give them back. */
  keys: string[] | null;
  /** The SQL asks for its rows as arrays (statement-cache.ts, ARRAY_ROWS). */
  arrays: boolean;
}

interface Direct {
  handle: SQLite.Database;
  /** Per plugins' shape ('' none, 'camel' the camel-case plugin): SQL text → statement. */
  prepared: Map<string, Prepared | null>;
  begin: SQLite.Statement;
  commit: SQLite.Statement;
  /** True while readTogether holds the read transaction it opened. */
  together: boolean;
}

/** The statements kept per database (the compiled texts are bounded by the code, MAX_SHAPES each). */
const MAX_PREPARED = 2_000;

const registered = new WeakMap<object, Direct>();

/** Kysely's camel-case plugin with its key mapping callable here (both engines use it: database.ts). */
export class CamelCase extends CamelCasePlugin {
  key(name: string): string {
    return this.camelCase(name);
  }
}

/** The embedded engine's Kysely instance and its handle (db/database.ts). */
export function registerDirectReads(db: object, handle: SQLite.Database): void {
  registered.set(db, {
    handle,
    prepared: new Map(),
    begin: handle.prepare('BEGIN'),
    commit: handle.prepare('COMMIT'),
    together: false,
  });
}

function usable(db: Executor): Direct | undefined {
  const d = registered.get(db);
  if (!d) return undefined;
  return d.together || !d.handle.inTransaction ? d : undefined;
}

/**
 * The rows of a read run on the handle, or undefined where Kysely's path must run it (another
 * engine or instance, a transaction open, not a read, plugins other than the camel-case one).
 * `plugins` are the executor's: the camel-case plugin's key mapping is applied as Kysely would.
 */
export function directRows<R>(
  db: Executor,
  plugins: readonly unknown[] | null,
  text: string,
  parameters: readonly unknown[],
): R[] | undefined {
  const d = usable(db);
  if (!d) return undefined;
  const camel = plugins === null || plugins.length === 0 ? null : plugins.length === 1 ? plugins[0] : undefined;
  if (camel !== null && !(camel instanceof CamelCase)) return undefined;
  const key = camel ? `c${text}` : `-${text}`;
  let p = d.prepared.get(key);
  if (p === undefined) {
    const stmt = d.handle.prepare(text);
    // A write with RETURNING is a reader too: it must pass data-version.ts's observer, so only a
    // statement that is a read by its text (a SELECT, a WITH without a write) comes here.
    p =
      stmt.reader && !touchesPublicData(text) && /^\s*(select|with)\b/i.test(text)
        ? {
            stmt: stmt.raw(true),
            keys: stmt.columns().map((c) => (camel ? camel.key(c.name) : c.name)),
            arrays: text.endsWith(ARRAY_ROWS),
          }
        : null;
    if (d.prepared.size >= MAX_PREPARED) d.prepared.delete(d.prepared.keys().next().value as string);
    d.prepared.set(key, p);
  }
  if (!p?.keys) return undefined;
  const raw = p.stmt.all(parameters as unknown[]) as unknown[][];
  // Rows asked for as arrays (statement-cache.ts, ARRAY_ROWS) are given as arrays, as there.
  if (p.arrays) return raw as R[];
  const keys = p.keys;
  const rows = new Array<R>(raw.length);
  for (let r = 0; r < raw.length; r += 1) {
    const values = raw[r] as unknown[];
    const row: Record<string, unknown> = {};
    for (let i = 0; i < keys.length; i += 1) row[keys[i] as string] = values[i];
    rows[r] = row as R;
  }
  return rows;
}

/**
 * Runs `fn`; on the embedded engine the reads it starts before its first `await` (direct reads
 * above, run synchronously as they are called) share one read transaction: one snapshot and one
 * lock instead of one each. Statements that take Kysely's path reach the handle only after `fn`
 * has returned (Kysely awaits before it runs anything), so they run in autocommit as before.
 */
export function readTogether<T>(db: Executor, fn: () => T): T {
  const d = registered.get(db);
  if (!d || d.together || d.handle.inTransaction) return fn();
  d.begin.run();
  d.together = true;
  try {
    return fn();
  } finally {
    d.together = false;
    if (d.handle.inTransaction) d.commit.run();
  }
}
