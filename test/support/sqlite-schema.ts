// The embedded database's schema as text, to compare a database whose indexes were dropped and
// created again (a large bulk import's date indexes, publication.bulk-indexes.ts) with a freshly
// migrated one: every table and index with its definition, and the order of publications' indexes
// (the planner's order where costs tie).
import type SQLite from 'better-sqlite3';

/** The indexes of publications in the order of sqlite_master. */
export const publicationIndexes = (sqlite: SQLite.Database) =>
  sqlite
    .prepare(
      `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'publications' AND sql IS NOT NULL ORDER BY rowid`,
    )
    .all() as { name: string; sql: string }[];

/** Every table and index with its definition (the planner's statistics tables left out), then publicationIndexes' order. */
export const sqliteSchema = (sqlite: SQLite.Database) =>
  (
    sqlite
      .prepare(
        `SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_stat%' ORDER BY type, name`,
      )
      .all() as { type: string; name: string; tbl_name: string; sql: string | null }[]
  )
    .map((r) => `${r.type} ${r.name} ${r.tbl_name} ${r.sql ?? ''}`)
    .concat(publicationIndexes(sqlite).map((i) => i.name))
    .join('\n');
