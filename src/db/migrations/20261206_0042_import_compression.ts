// Bulk import on PostgreSQL (issue #16 point 3, docs/PERFORMANCE.md "Bulk import on PostgreSQL:
// the server's share"): the search vectors and the publication's body are compressed with lz4
// instead of pglz. A profile of the server during an import had 12 % of its CPU in pglz_compress,
// most of it spent on the vectors (tsv ~6 KB, gram_tsv ~9 KB a document of the bench corpus),
// which pglz tries and gives up on (gram_tsv stored 9,099 bytes with pglz, 9,099 uncompressed):
// lz4 makes them ~15 % smaller at a fraction of the CPU. The body compresses as well with lz4 as
// with pglz (4,580 → 2,078 and 2,079 bytes) and decompresses several times faster (every article
// read). Where the server has no lz4 the vectors are stored uncompressed (STORAGE EXTERNAL: no
// reader needs them from the table, only the GIN indexes) and the body keeps pglz, with a warning.
// Only rows written afterwards are affected; nothing is rewritten. The embedded engine has no such
// setting.
import { sql } from 'kysely';
import type { Engine, MigrationDb } from '../migration-kit.ts';

const VECTORS = ['tsv', 'title_tsv', 'gram_tsv'] as const;

export async function up(db: MigrationDb, engine: Engine): Promise<void> {
  if (engine !== 'postgres') return;
  for (const column of VECTORS) {
    await sql`DO $$ BEGIN
        ALTER TABLE search_documents ALTER COLUMN ${sql.id(column)} SET COMPRESSION lz4;
      EXCEPTION WHEN OTHERS THEN
        RAISE WARNING 'search_documents.%: lz4 compression unavailable (%), stored uncompressed', ${sql.lit(column)}, SQLERRM;
        ALTER TABLE search_documents ALTER COLUMN ${sql.id(column)} SET STORAGE EXTERNAL;
      END $$`.execute(db);
  }
  await sql`DO $$ BEGIN
      ALTER TABLE publications ALTER COLUMN body SET COMPRESSION lz4;
    EXCEPTION WHEN OTHERS THEN
      RAISE WARNING 'publications.body: lz4 compression unavailable (%), pglz kept', SQLERRM;
    END $$`.execute(db);
}

export async function down(db: MigrationDb, engine: Engine): Promise<void> {
  if (engine !== 'postgres') return;
  for (const column of VECTORS)
    await sql`ALTER TABLE search_documents ALTER COLUMN ${sql.id(column)} SET STORAGE EXTENDED,
      ALTER COLUMN ${sql.id(column)} SET COMPRESSION DEFAULT`.execute(db);
  await sql`ALTER TABLE publications ALTER COLUMN body SET COMPRESSION DEFAULT`.execute(db);
}
