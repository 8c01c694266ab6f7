// Completeness of the 基层政务公开标准目录, read from the records (items, bindings, 未涉及 areas,
// published publications in the bound categories, calendar) and judged by the pure rules; the
// year's counts and records behind them for the annual report's 总体情况.
import type { Executor } from '../../platform/transaction.ts';
import { listAgenciesByIds } from '../agency/index.ts';
import { loadWorkCalendar } from '../calendar/index.ts';
import { findArea } from './standard-catalogue.areas.ts';
import { bindingsOf, listExemptions } from './standard-catalogue.bindings.ts';
import { listItems } from './standard-catalogue.items.ts';
import {
  agencyCompleteness,
  catalogueTier,
  parsePeriod,
  type AgencyCatalogue,
  type CompletenessItem,
  type CompletenessPublication,
  type ItemResult,
  type Period,
  type StatusCounts,
} from './standard-catalogue.rules.ts';

export interface AgencyCompleteness {
  agencyId: number;
  agencyName: string;
  results: ItemResult[];
  byArea: Map<string, StatusCounts>;
  total: StatusCounts;
  exempt: Set<string>;
}

/**
 * Completeness of the given agencies in a period, judged on `today`: towns always (they owe
 * every area), other agencies when they have bound a category. Ordered as the agencies are.
 */
export async function completenessOf(
  db: Executor,
  agencyIds: readonly number[],
  period: Period,
  today: string,
): Promise<AgencyCompleteness[]> {
  if (!agencyIds.length) return [];
  const [agencies, itemRows, bindings, exemptions, cal] = await Promise.all([
    listAgenciesByIds(db, agencyIds, { activeOnly: true }),
    listItems(db),
    bindingsOf(db, agencyIds),
    listExemptions(db, agencyIds),
    loadWorkCalendar(db),
  ]);
  const items: CompletenessItem[] = itemRows.map((r) => ({
    id: r.id,
    areaKey: r.areaKey,
    mode: r.mode,
    level: r.level,
    kind: r.timingKind,
    days: r.timingDays,
    unit: r.timingUnit,
    date: r.timingDate,
  }));
  const boundCategories = new Set<number>();
  for (const m of bindings.values()) for (const cats of m.values()) for (const c of cats) boundCategories.add(c);
  const publications = await boundPublications(db, [...boundCategories], today);
  const out: AgencyCompleteness[] = [];
  agencies.sort((a, b) => a.depth - b.depth || a.sortOrder - b.sortOrder || a.id - b.id);
  for (const a of agencies) {
    const own = bindings.get(a.id) ?? new Map<number, number[]>();
    const tier = catalogueTier(a.kind);
    if (tier === 'county' && own.size === 0) continue;
    const exempt = new Set(exemptions.filter((e) => e.agencyId === a.id).map((e) => e.areaKey));
    const catalogue: AgencyCatalogue = { agencyId: a.id, tier, bindings: own, exempt };
    const pubs = publications.get(a.id) ?? [];
    out.push({
      agencyId: a.id,
      agencyName: a.name,
      exempt,
      ...agencyCompleteness(cal, items, catalogue, pubs, period, today),
    });
  }
  return out;
}

/** Published publications in the given categories, released by `today`, per agency. */
async function boundPublications(
  db: Executor,
  categoryIds: readonly number[],
  today: string,
): Promise<Map<number, CompletenessPublication[]>> {
  const out = new Map<number, CompletenessPublication[]>();
  if (!categoryIds.length) return out;
  const rows = await db
    .selectFrom('publicationCategories as pc')
    .innerJoin('publications as p', 'p.id', 'pc.publicationId')
    .select(['p.id', 'p.agencyId', 'p.formedOn', 'p.publishedOn', 'pc.categoryId'])
    .where('pc.categoryId', 'in', [...categoryIds])
    .where('p.state', '=', 'published')
    .where('p.publishedOn', '<=', today)
    .orderBy('p.publishedOn')
    .orderBy('p.id')
    .execute();
  const byId = new Map<number, CompletenessPublication & { agencyId: number }>();
  for (const r of rows) {
    const seen = byId.get(r.id);
    if (seen) (seen.categoryIds as number[]).push(r.categoryId);
    else
      byId.set(r.id, {
        id: r.id,
        agencyId: r.agencyId,
        formedOn: r.formedOn,
        publishedOn: r.publishedOn ?? today,
        categoryIds: [r.categoryId],
      });
  }
  for (const p of byId.values()) out.set(p.agencyId, [...(out.get(p.agencyId) ?? []), p]);
  return out;
}

/** Titles and dates of publications (the drill-down's lines). */
export function publicationsByIds(db: Executor, ids: readonly number[]) {
  return db
    .selectFrom('publications')
    .select(['id', 'title', 'indexNumber', 'formedOn', 'publishedOn'])
    .where('id', 'in', ids.length ? [...ids] : [0])
    .execute();
}

// ——— For the annual report's 总体情况 ———

/** The statuses a year's report counts (未到期 cannot occur once the year is over). */
export const REPORT_STATUSES = ['onTime', 'late', 'missing'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/**
 * Completeness of a report's agencies over a calendar year, judged at the year's end (the report
 * is written after it): the number of items (releases, for periodic ones) by status.
 */
export async function yearCompleteness(
  db: Executor,
  agencyIds: readonly number[],
  year: number,
): Promise<AgencyCompleteness[]> {
  return completenessOf(db, agencyIds, parsePeriodOrThrow(String(year)), `${year}-12-31`);
}

function parsePeriodOrThrow(key: string): Period {
  const p = parsePeriod(key);
  if (!p) throw new RangeError(`bad period ${key}`);
  return p;
}

/** The items behind one status of a year's count: agency, area, item, due date, publications. */
export async function yearCompletenessRecords(
  db: Executor,
  agencyIds: readonly number[],
  year: number,
  status: ReportStatus,
): Promise<{ headers: string[]; rows: { href: string; cells: string[] }[] }> {
  const all = await yearCompleteness(db, agencyIds, year);
  const items = new Map((await listItems(db)).map((i) => [i.id, i]));
  const picked = all.flatMap((a) => a.results.filter((r) => r.status === status).map((r) => ({ a, r })));
  const pubs = new Map(
    (await publicationsByIds(db, [...new Set(picked.flatMap(({ r }) => r.publicationIds))])).map((p) => [p.id, p]),
  );
  return {
    headers: ['单位', '领域', '事项', '应公开日期', '已发布信息'],
    rows: picked.slice(0, 500).map(({ a, r }) => {
      const it = items.get(r.itemId);
      return {
        href: `/admin/standard-catalogue/completeness?period=${year}&agency=${a.agencyId}&area=${r.areaKey}`,
        cells: [
          a.agencyName,
          findArea(r.areaKey)?.name ?? r.areaKey,
          it ? `${it.level1}${it.level2 ? ` · ${it.level2}` : ''}` : '',
          r.dueOn || (it?.timeLimit ?? ''),
          r.publicationIds.map((id) => pubs.get(id)?.title ?? '').join('；') || (r.unbound ? '（未关联栏目）' : ''),
        ],
      };
    }),
  };
}
