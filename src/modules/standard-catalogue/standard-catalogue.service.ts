// Reading and writing the 基层政务公开标准目录: the county's items (edit, import, starter set), an
// agency's bindings of its 目录 categories to items and its 未涉及 areas, and completeness read
// from the records (items, bindings, published publications in the bound categories, calendar)
// and judged by the pure rules. Every change is one transaction with its audit event.
import { recordEvent, type AuditContext } from '../../platform/audit.ts';
import { ValidationError } from '../../platform/errors.ts';
import type { Executor, Trx } from '../../platform/transaction.ts';
import { listAgenciesByIds } from '../agency/index.ts';
import { loadWorkCalendar } from '../calendar/index.ts';
import { listCategories } from '../catalog/index.ts';
import { findArea } from './standard-catalogue.areas.ts';
import {
  agencyCompleteness,
  parsePeriod,
  type AgencyCatalogue,
  type CompletenessItem,
  type CompletenessPublication,
  type ItemResult,
  type Period,
  type StatusCounts,
} from './standard-catalogue.rules.ts';
import { starterRows } from './standard-catalogue.starter.ts';
import { HEADER, itemKey, readItemTable, type ItemInput } from './standard-catalogue.transfer.ts';

export type ItemRow = Awaited<ReturnType<typeof listItems>>[number];

export function listItems(db: Executor, areaKey?: string) {
  return db
    .selectFrom('standardItems')
    .selectAll()
    .$if(!!areaKey, (q) => q.where('areaKey', '=', areaKey!))
    .orderBy('areaKey')
    .orderBy('seq')
    .orderBy('id')
    .execute();
}

export function findItem(db: Executor, id: number) {
  return db.selectFrom('standardItems').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Item counts per area key. */
export async function itemCountsByArea(db: Executor): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('standardItems')
    .select((eb) => ['areaKey', eb.fn.countAll<number | string>().as('n')])
    .groupBy('areaKey')
    .execute();
  return new Map(rows.map((r) => [r.areaKey, Number(r.n)]));
}

const itemEntity = (id: number) => ({ type: 'standardItem', id, agencyId: null });

async function sameKey(db: Executor, input: ItemInput, exceptId?: number) {
  return db
    .selectFrom('standardItems')
    .select('id')
    .where('areaKey', '=', input.areaKey)
    .where('level1', '=', input.level1)
    .where('level2', '=', input.level2)
    .$if(!!exceptId, (q) => q.where('id', '<>', exceptId!))
    .executeTakeFirst();
}

/** Creates (id null) or updates an item; the same 领域 + 一级 + 二级事项 twice is refused. */
export async function saveItem(trx: Trx, ctx: AuditContext, id: number | null, input: ItemInput): Promise<number> {
  if (await sameKey(trx, input, id ?? undefined))
    throw new ValidationError({ level2: '该领域已有一级事项、二级事项都相同的事项。' });
  if (id) {
    await trx
      .updateTable('standardItems')
      .set({ ...input, updatedAt: ctx.at })
      .where('id', '=', id)
      .execute();
    await recordEvent(trx, ctx, 'standardItem.updated', itemEntity(id), { after: { ...input } });
    return id;
  }
  const row = await trx
    .insertInto('standardItems')
    .values({ ...input, createdAt: ctx.at, updatedAt: ctx.at })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordEvent(trx, ctx, 'standardItem.created', itemEntity(row.id), { after: { ...input } });
  return row.id;
}

export async function deleteItem(trx: Trx, ctx: AuditContext, id: number): Promise<void> {
  const before = await findItem(trx, id);
  if (!before) return;
  await trx.deleteFrom('standardItemBindings').where('itemId', '=', id).execute();
  await trx.deleteFrom('standardItems').where('id', '=', id).execute();
  await recordEvent(trx, ctx, 'standardItem.deleted', itemEntity(id), {
    before: { areaKey: before.areaKey, level1: before.level1, level2: before.level2 },
  });
}

/**
 * Writes checked items: an item already in the table (same 领域, 一级事项, 二级事项) is updated, so
 * its bindings stay; a new one is added; items not in the file are kept. One audit event.
 */
export async function importItems(
  trx: Trx,
  ctx: AuditContext,
  inputs: readonly ItemInput[],
  note: string,
): Promise<{ added: number; updated: number }> {
  const existing = new Map((await listItems(trx)).map((r) => [itemKey(r), r.id]));
  let added = 0;
  let updated = 0;
  for (const input of inputs) {
    const id = existing.get(itemKey(input));
    if (id) {
      await trx
        .updateTable('standardItems')
        .set({ ...input, updatedAt: ctx.at })
        .where('id', '=', id)
        .execute();
      updated++;
    } else {
      await trx
        .insertInto('standardItems')
        .values({ ...input, createdAt: ctx.at, updatedAt: ctx.at })
        .execute();
      added++;
    }
  }
  await recordEvent(
    trx,
    ctx,
    'standardItem.imported',
    { type: 'standardCatalogue', id: 0, agencyId: null },
    {
      after: { added, updated },
      note,
    },
  );
  return { added, updated };
}

/** Loads the starter set shipped with the code (the same check and upsert as an import). */
export async function loadStarterSet(trx: Trx, ctx: AuditContext): Promise<{ added: number; updated: number }> {
  const { inputs, problems } = readItemTable([[...HEADER], ...starterRows()]);
  if (problems.length) throw new Error(`starter set: ${problems.map((p) => p.message).join(' ')}`);
  return importItems(trx, ctx, inputs, '示范目录');
}

// ——— Bindings and 未涉及 areas ———

/** itemId → the agency's categories bound to it. */
export async function bindingsOf(
  db: Executor,
  agencyIds: readonly number[],
): Promise<Map<number, Map<number, number[]>>> {
  const out = new Map<number, Map<number, number[]>>();
  if (!agencyIds.length) return out;
  const rows = await db
    .selectFrom('standardItemBindings')
    .select(['agencyId', 'itemId', 'categoryId'])
    .where('agencyId', 'in', [...agencyIds])
    .orderBy('id')
    .execute();
  for (const r of rows) {
    let m = out.get(r.agencyId);
    if (!m) out.set(r.agencyId, (m = new Map()));
    m.set(r.itemId, [...(m.get(r.itemId) ?? []), r.categoryId]);
  }
  return out;
}

/**
 * Replaces an agency's bindings with one category per item (absent or null: none). Each category
 * must be the agency's own and active.
 */
export async function setBindings(
  trx: Trx,
  ctx: AuditContext,
  agencyId: number,
  chosen: ReadonlyMap<number, number | null>,
): Promise<number> {
  const own = new Set((await listCategories(trx, agencyId, { activeOnly: true })).map((c) => c.id));
  const items = new Set((await listItems(trx)).map((i) => i.id));
  const errors: Record<string, string> = {};
  for (const [itemId, categoryId] of chosen) {
    if (!items.has(itemId)) errors[`item-${itemId}`] = '该事项已不存在，请刷新页面。';
    else if (categoryId !== null && !own.has(categoryId)) errors[`item-${itemId}`] = '请选择本单位目录中的栏目。';
  }
  if (Object.keys(errors).length) throw new ValidationError(errors);
  await trx.deleteFrom('standardItemBindings').where('agencyId', '=', agencyId).execute();
  let n = 0;
  for (const [itemId, categoryId] of chosen) {
    if (categoryId === null) continue;
    await trx
      .insertInto('standardItemBindings')
      .values({ agencyId, itemId, categoryId, createdBy: ctx.actorUserId, createdAt: ctx.at })
      .execute();
    n++;
  }
  await recordEvent(
    trx,
    ctx,
    'standardCatalogue.bound',
    { type: 'agency', id: agencyId, agencyId },
    {
      after: { bindings: n },
    },
  );
  return n;
}

export function listExemptions(db: Executor, agencyIds: readonly number[]) {
  return db
    .selectFrom('standardAreaExemptions')
    .selectAll()
    .where('agencyId', 'in', agencyIds.length ? [...agencyIds] : [0])
    .orderBy('agencyId')
    .orderBy('id')
    .execute();
}

/** Declares an area 未涉及 for an agency, with the reason published as 未涉及领域事项说明. */
export async function exemptArea(
  trx: Trx,
  ctx: AuditContext,
  agencyId: number,
  areaKey: string,
  reason: string,
): Promise<void> {
  const errors: Record<string, string> = {};
  if (!findArea(areaKey)) errors.area = '请选择领域。';
  const r = reason.trim();
  if (!r) errors.reason = '请写明未涉及的原因，如「本镇无国有土地上房屋征收事项，该职能由县住房和城乡建设局承担」。';
  else if (r.length > 500) errors.reason = '原因不能超过500个字。';
  if (!errors.area) {
    const dup = await trx
      .selectFrom('standardAreaExemptions')
      .select('id')
      .where('agencyId', '=', agencyId)
      .where('areaKey', '=', areaKey)
      .executeTakeFirst();
    if (dup) errors.area = '该领域已标为未涉及。';
  }
  if (Object.keys(errors).length) throw new ValidationError(errors);
  await trx
    .insertInto('standardAreaExemptions')
    .values({ agencyId, areaKey, reason: r, createdBy: ctx.actorUserId, createdAt: ctx.at })
    .execute();
  await recordEvent(
    trx,
    ctx,
    'standardCatalogue.exempted',
    { type: 'agency', id: agencyId, agencyId },
    {
      after: { areaKey, reason: r },
    },
  );
}

export async function removeExemption(trx: Trx, ctx: AuditContext, agencyId: number, areaKey: string): Promise<void> {
  const gone = await trx
    .deleteFrom('standardAreaExemptions')
    .where('agencyId', '=', agencyId)
    .where('areaKey', '=', areaKey)
    .executeTakeFirst();
  if (Number(gone.numDeletedRows))
    await recordEvent(
      trx,
      ctx,
      'standardCatalogue.exemptionRemoved',
      { type: 'agency', id: agencyId, agencyId },
      {
        before: { areaKey },
      },
    );
}

// ——— Completeness ———

const TOWN_KINDS = new Set(['town', 'township', 'subDistrict']);

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
    const tier = TOWN_KINDS.has(a.kind) ? 'town' : 'county';
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
