// SQL for the per-agency category taxonomy.
import type { Insertable, Updateable } from 'kysely';
import { findRow, insertRow } from '../../platform/rows.ts';
import type { Executor } from '../../platform/transaction.ts';
import type { CategoriesTable } from './catalog.tables.ts';

export type CategoryRow = Awaited<ReturnType<typeof findCategoryById>> & {};

export function findCategoryById(db: Executor, id: number) {
  return findRow(db, 'categories', { id });
}

export function findCategoryByCode(db: Executor, agencyId: number, code: string) {
  return findRow(db, 'categories', { agencyId, code });
}

/** All categories of an agency, parents before children, siblings in their order. */
export function listCategories(db: Executor, agencyId: number, opts: { activeOnly?: boolean } = {}) {
  let q = db.selectFrom('categories').selectAll().where('agencyId', '=', agencyId);
  if (opts.activeOnly) q = q.where('active', '=', 1);
  return q.orderBy('depth').orderBy('sortOrder').orderBy('id').execute();
}

export function listCategoriesByIds(db: Executor, ids: readonly number[]) {
  if (!ids.length) return Promise.resolve([]);
  return db.selectFrom('categories').selectAll().where('id', 'in', ids).execute();
}

export async function insertCategory(db: Executor, values: Insertable<CategoriesTable>): Promise<number> {
  return insertRow(db, 'categories', values);
}

export function updateCategory(db: Executor, id: number, values: Updateable<CategoriesTable>) {
  return db.updateTable('categories').set(values).where('id', '=', id).execute();
}

/** The kinds of the agencies on a materialised path ("/1/5/9/"), the nearest (9) first. */
export async function kindsOnPath(db: Executor, path: string) {
  const ids = path.split('/').filter(Boolean).map(Number);
  if (!ids.length) return [];
  const rows = await db.selectFrom('agencies').select(['id', 'kind']).where('id', 'in', ids).execute();
  const kinds = new Map(rows.map((r) => [r.id, r.kind]));
  return ids
    .reverse()
    .map((id) => kinds.get(id))
    .filter((k) => k !== undefined);
}

/** The agencies that have no category yet (id, kind, path), by id: those the default taxonomy is still owed to. */
export function listAgenciesWithoutCategories(db: Executor) {
  return db
    .selectFrom('agencies')
    .select(['id', 'kind', 'path'])
    .where((eb) =>
      eb.not(
        eb.exists(
          eb.selectFrom('categories').select('categories.id').whereRef('categories.agencyId', '=', 'agencies.id'),
        ),
      ),
    )
    .orderBy('id')
    .execute();
}

export async function countCategories(db: Executor, agencyId: number): Promise<number> {
  const r = await db
    .selectFrom('categories')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('agencyId', '=', agencyId)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

export async function maxSortOrder(db: Executor, agencyId: number, parentId: number | null): Promise<number> {
  let q = db
    .selectFrom('categories')
    .select((eb) => eb.fn.max('sortOrder').as('m'))
    .where('agencyId', '=', agencyId);
  q = parentId === null ? q.where('parentId', 'is', null) : q.where('parentId', '=', parentId);
  const r = await q.executeTakeFirst();
  return r?.m === null || r?.m === undefined ? -1 : Number(r.m);
}

/** Publication counts per category (every state but withdrawn) for the admin tree. */
export async function publicationCountsByCategory(db: Executor, agencyId: number): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom('publicationCategories as pc')
    .innerJoin('categories as c', 'c.id', 'pc.categoryId')
    .select(['pc.categoryId', (eb) => eb.fn.countAll<string | number>().as('n')])
    .where('c.agencyId', '=', agencyId)
    .groupBy('pc.categoryId')
    .execute();
  return new Map(rows.map((r) => [r.categoryId, Number(r.n)]));
}

/** Moves the publications of one category to another (skipping those already there); returns their ids. */
export async function movePublications(db: Executor, fromId: number, intoId: number): Promise<number[]> {
  const from = await db
    .selectFrom('publicationCategories')
    .select('publicationId')
    .where('categoryId', '=', fromId)
    .execute();
  const already = new Set(
    (
      await db.selectFrom('publicationCategories').select('publicationId').where('categoryId', '=', intoId).execute()
    ).map((r) => r.publicationId),
  );
  const toAdd = from.map((r) => r.publicationId).filter((id) => !already.has(id));
  if (toAdd.length)
    await db
      .insertInto('publicationCategories')
      .values(toAdd.map((publicationId) => ({ publicationId, categoryId: intoId })))
      .execute();
  await db.deleteFrom('publicationCategories').where('categoryId', '=', fromId).execute();
  return from.map((r) => r.publicationId);
}

export function deleteCategory(db: Executor, id: number) {
  return db.deleteFrom('categories').where('id', '=', id).execute();
}
