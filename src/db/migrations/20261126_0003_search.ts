// Chinese full-text search (issue #3, STACK.md "Chinese full-text search"): one row per published
// publication with the facet columns and its normalised text (for the exact substring re-check),
// plus the engine's own index over the bigram token stream. This is the one migration with
// engine-specific SQL: an FTS5 contentless table on SQLite, a tsvector column with a GIN index on
// PostgreSQL. Both are written and read only by src/modules/search/search-index.*.ts.
import { sql } from 'kysely';
import type { Engine } from '../migration-kit.ts';
import type { MigrationDb } from '../migration-kit.ts';

export async function up(db: MigrationDb, engine: Engine): Promise<void> {
  await db.schema
    .createTable('search_documents')
    .addColumn('publication_id', 'integer', (c) => c.primaryKey())
    .addColumn('agency_id', 'integer', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('validity', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text', (c) => c.notNull())
    // ",3,17," — every category of the publication, for the category facet and filter.
    .addColumn('category_ids', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('indexed_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('search_documents_agency')
    .on('search_documents')
    .columns(['agency_id', 'published_at'])
    .execute();
  await db.schema.createIndex('search_documents_published').on('search_documents').column('published_at').execute();

  if (engine === 'postgres') {
    await sql`ALTER TABLE search_documents ADD COLUMN tsv tsvector NOT NULL DEFAULT ''::tsvector`.execute(db);
    await sql`CREATE INDEX search_documents_tsv ON search_documents USING gin (tsv)`.execute(db);
  } else {
    // Contentless (the text lives in search_documents), rows deletable by rowid; two columns so
    // that bm25 can weigh a hit in the title above one in the body. Tokens are separated by
    // spaces by documentForIndex(); unicode61 keeps each of them whole.
    await sql`CREATE VIRTUAL TABLE search_fts USING fts5(title, body, content='', contentless_delete=1,
      tokenize="unicode61 remove_diacritics 0 categories 'L* N* Co M*'")`.execute(db);
  }
}

export async function down(db: MigrationDb, engine: Engine): Promise<void> {
  if (engine === 'embedded') await sql`DROP TABLE IF EXISTS search_fts`.execute(db);
  await db.schema.dropTable('search_documents').execute();
}
