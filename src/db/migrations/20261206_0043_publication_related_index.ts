// An index on publication_related.related_id. The article page asks whether an item has related
// items with `publication_id = ? OR related_id = ?` (publication.public-repository.ts): the primary
// key (publication_id, related_id) serves the first half only, so the second half read the whole
// table on every article — nothing on the bench corpus, whose table is empty, but a scan that grows
// with every link a real site makes (noticed at 200,000 publications, docs/PERFORMANCE.md). With
// both columns indexed, SQLite answers the OR with two index lookups and PostgreSQL with a
// BitmapOr.
import type { Engine, MigrationDb } from '../migration-kit.ts';

export async function up(db: MigrationDb, _engine: Engine): Promise<void> {
  await db.schema
    .createIndex('publication_related_related')
    .ifNotExists()
    .on('publication_related')
    .column('related_id')
    .execute();
}

export async function down(db: MigrationDb, _engine: Engine): Promise<void> {
  await db.schema.dropIndex('publication_related_related').ifExists().execute();
}
