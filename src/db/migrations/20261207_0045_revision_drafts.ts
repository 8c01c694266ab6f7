// A revision of a released publication is a draft of its next version until it has passed
// 保密审查 and 签发 (条例 第十七条), as a new publication does (publication.revision-service.ts):
// the publication's own row — the live text — stays as released meanwhile. The revision row
// carries its state ('draft', 'submitted', 'reviewed'; 'released' once live, which every
// existing row is) and, until released, the form as the signer saved it (`draft_input`, JSON),
// applied to the publication at 签发; its title, summary, body and document number hold the
// revised text for the reviewer's comparison. A partial index holds the rows not yet released.
import { sql } from 'kysely';
import type { Engine, MigrationDb } from '../migration-kit.ts';

export async function up(db: MigrationDb, _engine: Engine): Promise<void> {
  await sql`ALTER TABLE publication_revisions ADD COLUMN state text NOT NULL DEFAULT 'released'`.execute(db);
  await sql`ALTER TABLE publication_revisions ADD COLUMN draft_input text`.execute(db);
  // The few drafts, for the 工作台's 待保密审查 / 待签发 (publication.queues.ts).
  await sql`CREATE INDEX publication_revisions_pending ON publication_revisions (state, publication_id)
    WHERE state <> 'released'`.execute(db);
}

export async function down(db: MigrationDb, _engine: Engine): Promise<void> {
  await sql`DROP INDEX IF EXISTS publication_revisions_pending`.execute(db);
  await sql`DELETE FROM publication_revisions WHERE state <> 'released'`.execute(db);
  await sql`ALTER TABLE publication_revisions DROP COLUMN draft_input`.execute(db);
  await sql`ALTER TABLE publication_revisions DROP COLUMN state`.execute(db);
}
