// SQL fragments shared by both index implementations (portable SQL), and what a pass keeps of the
// index's hits as values, so that a pass is built and compiled once per shape (db/fixed-query.ts,
// shapedSql) and run with the values of each query bound as parameters.
import { sql, type RawBuilder } from 'kysely';

/** The columns of a MatchRow, from search_documents aliased `d`. */
export const MATCH_COLUMNS = sql`d.publication_id AS id, d.agency_id AS "agencyId", d.year, d.validity, d.category_ids AS "categoryIds"`;

/**
 * The filters and the substring re-checks of a pass, as values: which are set, the lengths of the
 * lists and the number of checks are its shape; the ids, patterns, year, validity and check
 * values are bound parameters.
 */
export interface PassWhere {
  /** Only these agencies (none: no document). */
  agencyIds?: readonly number[];
  /** search_documents.category_ids LIKE any of these (`%,3,%`; none: no document). */
  categoryPatterns?: readonly string[];
  year?: number;
  validity?: string;
  /** Check values (SearchIndex.checkValue) of the terms the whole text must contain. */
  contains: readonly unknown[];
  /** Check values of the terms the title must contain. */
  titleContains: readonly unknown[];
}

type Slot = <T>(value: T) => T;

/** The where of a pass with each value in a slot (shapedSql's template). */
export function slotWhere(w: PassWhere, slot: Slot): PassWhere {
  const out: PassWhere = {
    contains: w.contains.map((v) => slot(v)),
    titleContains: w.titleContains.map((v) => slot(v)),
  };
  if (w.agencyIds) out.agencyIds = w.agencyIds.map((id) => slot(id));
  if (w.categoryPatterns) out.categoryPatterns = w.categoryPatterns.map((p) => slot(p));
  if (w.year !== undefined) out.year = slot(w.year);
  if (w.validity !== undefined) out.validity = slot(w.validity);
  return out;
}

/** Whether a where has filters (the checks aside). */
export const hasFilters = (w: PassWhere): boolean =>
  w.agencyIds !== undefined || w.categoryPatterns !== undefined || w.year !== undefined || w.validity !== undefined;

/**
 * The where as SQL over `d`: the filters, then the checks (`contains` and `titleContains` make the
 * engine's SQL of a check value), ANDed; `1 = 1` when there is nothing.
 */
export function whereSql(
  w: PassWhere,
  contains: (value: unknown) => RawBuilder<unknown>,
  titleContains: (value: unknown) => RawBuilder<unknown>,
): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [];
  if (w.agencyIds)
    parts.push(
      w.agencyIds.length ? sql`d.agency_id IN (${sql.join(w.agencyIds.map((id) => sql`${id}`))})` : sql`1 = 0`,
    );
  if (w.categoryPatterns)
    parts.push(
      w.categoryPatterns.length
        ? sql`(${sql.join(
            w.categoryPatterns.map((p) => sql`d.category_ids LIKE ${p}`),
            sql` OR `,
          )})`
        : sql`1 = 0`,
    );
  if (w.year !== undefined) parts.push(sql`d.year = ${w.year}`);
  if (w.validity !== undefined) parts.push(sql`d.validity = ${w.validity}`);
  for (const v of w.contains) parts.push(contains(v));
  for (const v of w.titleContains) parts.push(titleContains(v));
  return parts.length ? sql.join(parts, sql` AND `) : sql`1 = 1`;
}
