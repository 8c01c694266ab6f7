// Files in the database (#16 point 4): on PostgreSQL with no shared FILE_STORE_DIR, publication
// attachments and reply documents are stored here, content-addressed like the disk store, so
// that every web process on every machine reads the same files. A file is its row in
// stored_files plus its bytes in 1 MiB chunks (streamed in and out, never whole in memory).
// The tables exist on both engines; the embedded engine keeps its files on disk.
import type { MigrationDb } from '../migration-kit.ts';

export async function up(db: MigrationDb, engine: 'embedded' | 'postgres'): Promise<void> {
  await db.schema
    .createTable('stored_file_chunks')
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('data', engine === 'postgres' ? 'bytea' : 'blob', (c) => c.notNull())
    .addPrimaryKeyConstraint('stored_file_chunks_pk', ['sha256', 'seq'])
    .execute();
  // Written after its chunks, in the same transaction: a row means the whole file is there.
  await db.schema
    .createTable('stored_files')
    .addColumn('sha256', 'text', (c) => c.primaryKey())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('chunks', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropTable('stored_files').execute();
  await db.schema.dropTable('stored_file_chunks').execute();
}
