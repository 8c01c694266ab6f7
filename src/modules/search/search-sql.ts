// SQL fragments shared by both index implementations (portable SQL).
import { sql } from 'kysely';

/** The columns of a MatchRow, from search_documents aliased `d`. */
export const MATCH_COLUMNS = sql`d.publication_id AS id, d.agency_id AS "agencyId", d.year, d.validity, d.category_ids AS "categoryIds", d.published_at AS "publishedAt"`;

/** A LIKE pattern (escape character backslash) matching text that contains `term`. */
export function containsPattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
