// The newest revision of a publication no longer repeats the publication's text (issue #16
// point 3: revision 1 of an imported or released publication stored the body a second time, 4.9 KB
// of the 28 KB a publication took on the embedded engine). publication_revisions' title, summary,
// body and document_number become nullable; null means "the publication's text as it stands",
// which only the newest revision may borrow (the code writes the text into it before the
// publication's text changes: publication.repository.ts keepRevisionText). Existing rows: the
// newest revision whose four fields equal the publication's gives them up; the others (a text
// masked after release, say) keep theirs. Down writes the borrowed text back.
import { sql } from 'kysely';
import type { Engine, MigrationDb } from '../migration-kit.ts';

const FIELDS = ['title', 'summary', 'body', 'document_number'] as const;

/** SQLite cannot drop NOT NULL: the table is made again with the same columns and constraint. */
async function remakeSqliteTable(db: MigrationDb, nullable: boolean, select: string): Promise<void> {
  const text = nullable ? 'text' : 'text NOT NULL';
  await sql
    .raw(
      `CREATE TABLE publication_revisions_new (
      id integer PRIMARY KEY AUTOINCREMENT,
      publication_id integer NOT NULL REFERENCES publications (id),
      revision integer NOT NULL,
      title ${text},
      summary ${text},
      body ${text},
      document_number ${text},
      note text NOT NULL,
      released_at text NOT NULL,
      released_by integer REFERENCES users (id),
      CONSTRAINT publication_revisions_rev UNIQUE (publication_id, revision))`,
    )
    .execute(db);
  await sql
    .raw(
      `INSERT INTO publication_revisions_new (id, publication_id, revision, title, summary, body, document_number, note, released_at, released_by)
      ${select}`,
    )
    .execute(db);
  await sql`DROP TABLE publication_revisions`.execute(db);
  await sql`ALTER TABLE publication_revisions_new RENAME TO publication_revisions`.execute(db);
}

/** The newest revision whose text is the publication's. */
const SAME = `p.id = r.publication_id AND p.revision = r.revision AND ${FIELDS.map((f) => `r.${f} = p.${f}`).join(' AND ')}`;

export async function up(db: MigrationDb, engine: Engine): Promise<void> {
  if (engine === 'postgres') {
    for (const f of FIELDS)
      await sql.raw(`ALTER TABLE publication_revisions ALTER COLUMN ${f} DROP NOT NULL`).execute(db);
    await sql
      .raw(
        `UPDATE publication_revisions r SET ${FIELDS.map((f) => `${f} = NULL`).join(', ')}
        FROM publications p WHERE ${SAME}`,
      )
      .execute(db);
    return;
  }
  const borrowed = `EXISTS (SELECT 1 FROM publications p WHERE ${SAME})`;
  await remakeSqliteTable(
    db,
    true,
    `SELECT r.id, r.publication_id, r.revision, ${FIELDS.map((f) => `CASE WHEN ${borrowed} THEN NULL ELSE r.${f} END`).join(', ')},
      r.note, r.released_at, r.released_by FROM publication_revisions r ORDER BY r.id`,
  );
}

export async function down(db: MigrationDb, engine: Engine): Promise<void> {
  if (engine === 'postgres') {
    await sql
      .raw(
        `UPDATE publication_revisions r SET ${FIELDS.map((f) => `${f} = p.${f}`).join(', ')}
        FROM publications p WHERE p.id = r.publication_id AND r.body IS NULL`,
      )
      .execute(db);
    for (const f of FIELDS)
      await sql.raw(`ALTER TABLE publication_revisions ALTER COLUMN ${f} SET NOT NULL`).execute(db);
    return;
  }
  await remakeSqliteTable(
    db,
    false,
    `SELECT r.id, r.publication_id, r.revision, ${FIELDS.map((f) => `coalesce(r.${f}, p.${f})`).join(', ')},
      r.note, r.released_at, r.released_by
      FROM publication_revisions r JOIN publications p ON p.id = r.publication_id ORDER BY r.id`,
  );
}
