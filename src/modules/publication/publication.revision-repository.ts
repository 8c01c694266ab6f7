// The revision drafts of a released publication (migration 0045): at most one revision row of a
// publication is not yet released — the draft of its next version, in 保密审查 or 签发.
import type { Insertable, Updateable } from 'kysely';
import type { Executor } from '../../platform/transaction.ts';
import type { PublicationRevisionsTable } from './publication.tables.ts';

/** The publication's revision not yet released (draft, in review or awaiting 签发), if any. */
export function findPendingRevision(db: Executor, publicationId: number) {
  return db
    .selectFrom('publicationRevisions')
    .select([
      'id',
      'revision',
      'state',
      'title',
      'summary',
      'body',
      'documentNumber',
      'note',
      'releasedAt',
      'draftInput',
    ])
    .where('publicationId', '=', publicationId)
    .where('state', '<>', 'released')
    .executeTakeFirst();
}

export type PendingRevision = NonNullable<Awaited<ReturnType<typeof findPendingRevision>>>;

export function insertRevisionDraft(db: Executor, values: Insertable<PublicationRevisionsTable>) {
  return db.insertInto('publicationRevisions').values(values).execute();
}

export function updateRevisionRow(db: Executor, id: number, values: Updateable<PublicationRevisionsTable>) {
  return db.updateTable('publicationRevisions').set(values).where('id', '=', id).execute();
}

export function deleteRevisionRow(db: Executor, id: number) {
  return db.deleteFrom('publicationRevisions').where('id', '=', id).where('state', '<>', 'released').execute();
}
