// Kysely's SQLite driver prepares every statement anew; preparing (parsing and planning) cost
// about as much as running the small queries of a portal page (docs/PERFORMANCE.md). This wraps
// the better-sqlite3 handle given to the dialect so that the same SQL text reuses its prepared
// statement. Kysely sends values as bound parameters, so the number of distinct texts is bounded
// by the code (plus IN-lists of varying length); a least-recently-used bound keeps it so.
// better-sqlite3 re-prepares a statement by itself after a schema change.
import type SQLite from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

export const STATEMENT_CACHE_SIZE = 500;

/**
 * A comment that SQL may end with to have its rows as arrays of the columns in order
 * (better-sqlite3's `raw()`), not objects: better-sqlite3 builds an object per row with a property
 * per column, which cost more than running the statement for the 501 rows of a search pass
 * (docs/PERFORMANCE.md, "Render cost: the search page, per-request work"). Embedded engine only:
 * PostgreSQL gives objects, and the comment is only a comment there. At the end, so that the
 * statement still starts with its verb (data-version.ts tells reads from writes by it).
 */
export const ARRAY_ROWS = ' /* rows as arrays */';

export function cachingStatements(handle: SQLite.Database, size = STATEMENT_CACHE_SIZE): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    prepare(text: string): SqliteStatement {
      let stmt = cache.get(text);
      if (stmt) {
        // Most recently used last: Map keeps insertion order.
        cache.delete(text);
      } else {
        stmt = handle.prepare(text);
        if (stmt.reader && text.endsWith(ARRAY_ROWS)) stmt.raw(true);
        if (cache.size >= size) cache.delete(cache.keys().next().value as string);
      }
      cache.set(text, stmt);
      return stmt as unknown as SqliteStatement;
    },
    close() {
      cache.clear();
      handle.close();
    },
  };
}
