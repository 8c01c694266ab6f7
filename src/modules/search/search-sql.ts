// SQL fragments shared by both index implementations (portable SQL).
import { sql } from 'kysely';

/** The columns of a MatchRow, from search_documents aliased `d`. */
export const MATCH_COLUMNS = sql`d.publication_id AS id, d.agency_id AS "agencyId", d.year, d.validity, d.category_ids AS "categoryIds"`;
