// The embedded engine's FTS5 tables keep up to 32 MB of new index entries in memory before they
// write a segment (FTS5's 'hashsize', 1 MB by default). A bulk import's batch of 1,000
// publications (~3,000 bigram entries each) made ~30 small segments per transaction at 1 MB, and
// FTS5 spent most of its time merging them; at 32 MB a batch is one segment, written at commit
// (issue #16 point 3, docs/PERFORMANCE.md "Bulk import"). A single release writes far less than
// 1 MB, so nothing else changes. The setting is stored in the tables' own config; PostgreSQL has
// no FTS5 tables.
import { sql } from 'kysely';
import type { Engine, MigrationDb } from '../migration-kit.ts';

const set = (size: number) => async (db: MigrationDb, engine: Engine) => {
  if (engine === 'postgres') return;
  // Literals, not parameters: FTS5 takes only an integer value and the driver binds numbers as reals.
  await sql.raw(`INSERT INTO search_fts (search_fts, rank) VALUES ('hashsize', ${size})`).execute(db);
  await sql.raw(`INSERT INTO search_title_fts (search_title_fts, rank) VALUES ('hashsize', ${size})`).execute(db);
};

export const up = set(32 * 1024 * 1024);
export const down = set(1024 * 1024);
