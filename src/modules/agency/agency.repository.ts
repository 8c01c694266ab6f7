// SQL for the agency tree. The tree is kept as a materialised path ("/1/5/") so that "this
// agency and everything below it" is one indexed prefix match on both engines.
import { sql, type Insertable, type Updateable } from 'kysely';
import { AppError } from '../../platform/errors.ts';
import { findRow } from '../../platform/rows.ts';
import { fixedQuery } from '../../db/fixed-query.ts';
import type { Executor } from '../../platform/transaction.ts';
import type { VersionMemo } from '../../db/version-memo.ts';
import type { AgenciesTable } from './agency.tables.ts';

export type AgencyRow = Awaited<ReturnType<typeof findAgencyById>> & {};

export function findAgencyById(db: Executor, id: number) {
  return findRow(db, 'agencies', { id });
}

export function findAgencyBySlug(db: Executor, slug: string) {
  return findRow(db, 'agencies', { slug });
}

/** The active agency with this 网址标识 for a public page, or 404 「该机构不存在或已停用。」. */
export async function requireActiveAgencyBySlug(db: Executor, slug: string) {
  const agency = await findAgencyBySlug(db, slug);
  if (!agency || agency.active !== 1) throw new AppError('notFound', '该机构不存在或已停用。');
  return agency;
}

/** A public page's reads outside any transaction (the app: app.db and app.memo). */
export interface PublicReads {
  db: Executor;
  memo: VersionMemo;
}

/**
 * requireActiveAgencyBySlug for public pages, kept while no public data changes (db/version-memo.ts):
 * every public page of an agency starts with it. The row is shared: do not change it.
 */
export function publicAgencyBySlug(reads: PublicReads, slug: string): Promise<AgencyRow> {
  return reads.memo.get(`agency.slug:${slug}`, () => requireActiveAgencyBySlug(reads.db, slug));
}

/** findAgencyById for public pages, kept like publicAgencyBySlug. */
export function publicAgencyById(reads: PublicReads, id: number): Promise<AgencyRow | undefined> {
  return reads.memo.get(`agency.id:${id}`, () => findAgencyById(reads.db, id));
}

/** The active agencies (listAgencies with activeOnly) for public pages, kept like publicAgencyBySlug. */
export function publicAgencies(reads: PublicReads): Promise<AgencyRow[]> {
  return reads.memo.get('agencies.active', () => listAgencies(reads.db, { activeOnly: true }));
}

/** The top agency (the site's name) for every page, kept like publicAgencyBySlug. */
export function publicRootAgency(reads: PublicReads): Promise<AgencyRow | undefined> {
  return reads.memo.get('agency.root', () => findRootAgency(reads.db));
}

export function listAgencies(db: Executor, opts: { activeOnly?: boolean; underPath?: string } = {}) {
  let q = db.selectFrom('agencies').selectAll().orderBy('depth').orderBy('sortOrder').orderBy('id');
  if (opts.activeOnly) q = q.where('active', '=', 1);
  if (opts.underPath) q = q.where('path', 'like', `${opts.underPath}%`);
  return q.execute();
}

/**
 * The columns the admin's tree needs (agency.levels.ts) of the agencies at or under `path`, active
 * or not, parents before children (depth, then the siblings' order): a province's 2,297 without
 * their office and guide texts.
 */
export function listAgencyOutline(db: Executor, path: string) {
  return outlineUnder(db, `${path}%`);
}

// Compiled once (db/fixed-query.ts): at 2,297 agencies, building the rows through Kysely's result
// pass cost more than SQLite reading them.
const outlineUnder = fixedQuery((db: Executor, pattern: string) =>
  db
    .selectFrom('agencies')
    .select(['id', 'parentId', 'path', 'depth', 'kind', 'name', 'shortName', 'active'])
    .where('path', 'like', pattern)
    .orderBy('depth')
    .orderBy('sortOrder')
    .orderBy('id'),
);

/** The agencies with these ids (any order); a page that names a few agencies need not list them all. */
export function listAgenciesByIds(db: Executor, ids: readonly number[], opts: { activeOnly?: boolean } = {}) {
  if (!ids.length) return Promise.resolve([]);
  let q = db
    .selectFrom('agencies')
    .selectAll()
    .where('id', 'in', [...new Set(ids)]);
  if (opts.activeOnly) q = q.where('active', '=', 1);
  return q.execute();
}

export async function descendantIds(db: Executor, path: string): Promise<number[]> {
  const rows = await db.selectFrom('agencies').select('id').where('path', 'like', `${path}%`).execute();
  return rows.map((r) => r.id);
}

/** The agencies directly under `parentId`. */
export function listChildAgencies(db: Executor, parentId: number) {
  return db
    .selectFrom('agencies')
    .selectAll()
    .where('parentId', '=', parentId)
    .orderBy('sortOrder')
    .orderBy('id')
    .execute();
}

/** The ids on a materialised path ("/1/5/9/" → [1, 5, 9]), the top first. */
export function pathIds(path: string): number[] {
  return path.split('/').filter(Boolean).map(Number);
}

/** The agencies above the one at `path` (its own id excluded), the nearest first. */
export async function ancestorsOf(db: Executor, path: string) {
  const ids = pathIds(path).slice(0, -1);
  const rows = await listAgenciesByIds(db, ids);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids
    .reverse()
    .map((id) => byId.get(id))
    .filter((r): r is NonNullable<typeof r> => r !== undefined);
}

export function findRootAgency(db: Executor) {
  return db.selectFrom('agencies').selectAll().where('parentId', 'is', null).orderBy('id').executeTakeFirst();
}

export async function insertAgency(
  db: Executor,
  values: Omit<Insertable<AgenciesTable>, 'path' | 'depth'>,
  parent: { path: string; depth: number } | null,
) {
  const row = await db
    .insertInto('agencies')
    .values({ ...values, path: '/', depth: parent ? parent.depth + 1 : 0 })
    .returning('id')
    .executeTakeFirstOrThrow();
  const path = `${parent ? parent.path : '/'}${row.id}/`;
  await db.updateTable('agencies').set({ path }).where('id', '=', row.id).execute();
  return { id: row.id, path };
}

export function updateAgency(db: Executor, id: number, values: Updateable<AgenciesTable>) {
  return db.updateTable('agencies').set(values).where('id', '=', id).execute();
}

/** Moves a subtree: every path under oldPath is rewritten under newPath. */
export async function moveSubtree(db: Executor, oldPath: string, newPath: string, depthDelta: number) {
  await db
    .updateTable('agencies')
    .set((eb) => ({
      // Explicit casts: PostgreSQL cannot infer the types of bare parameters here.
      path: sql<string>`concat(cast(${newPath} as text), substr(path, cast(${oldPath.length + 1} as integer)))`,
      depth: eb('depth', '+', depthDelta),
    }))
    .where('path', 'like', `${oldPath}%`)
    .execute();
}

export async function slugExists(db: Executor, slug: string, exceptId?: number): Promise<boolean> {
  let q = db.selectFrom('agencies').select('id').where('slug', '=', slug);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}
