// The personal-data guard's findings of one agency, in the order they were stored, with the
// columns the import tests compare (bulk-import and bulk-import-workers: what a release's scan
// of the same publications would store).
import type { Kysely } from 'kysely';
import type { DB } from '../../src/db/schema.ts';

export function agencyFindings(db: Kysely<DB>, agencyId: number) {
  return db
    .selectFrom('privacyFindings')
    .select(['publicationId', 'source', 'kind', 'masked', 'cell', 'context', 'state'])
    .where('agencyId', '=', agencyId)
    .orderBy('id')
    .execute();
}
