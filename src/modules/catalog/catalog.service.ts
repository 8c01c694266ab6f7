// The per-agency category taxonomy: the default tree on agency creation, the seed preset, and
// the admin's edits (add, rename, reorder, merge). Every change is audited.
import { AppError, ValidationError } from '../../platform/errors.ts';
import type { FormSpec } from '../../platform/forms.ts';
import { inTransaction, type Db, type Trx } from '../../platform/transaction.ts';
import { governmentLevel, levelOfKind, type AgencyKind, type GovernmentLevel } from '../../platform/agency-kinds.ts';
import { recordEvent, type AuditContext } from '../../platform/audit.ts';
import { publicationEvents } from '../../platform/publication-events.ts';
import {
  countCategories,
  deleteCategory,
  findCategoryByCode,
  findCategoryById,
  insertCategory,
  kindsOnPath,
  listAgenciesWithoutCategories,
  listCategories,
  maxSortOrder,
  movePublications,
  updateCategory,
  type CategoryRow,
} from './catalog.repository.ts';
import type { ColumnKey } from './catalog.tables.ts';
import { defaultTaxonomy, SEED_CLASS_PRESET, type CategoryTemplate } from './default-taxonomy.ts';

const MAX_DEPTH = 5;

async function insertTemplate(
  trx: Trx,
  ctx: AuditContext,
  agencyId: number,
  t: CategoryTemplate,
  columnKey: ColumnKey,
  parentId: number | null,
  depth: number,
  sortOrder: number,
): Promise<number> {
  const id = await insertCategory(trx, {
    agencyId,
    parentId,
    code: t.code,
    name: t.name,
    description: t.description ?? '',
    columnKey,
    depth,
    sortOrder,
    active: 1,
    createdAt: ctx.at,
    updatedAt: ctx.at,
  });
  let i = 0;
  for (const child of t.children ?? []) await insertTemplate(trx, ctx, agencyId, child, columnKey, id, depth + 1, i++);
  return id;
}

/** Creates the default taxonomy of a new agency (called from agency creation, same transaction). */
export async function createDefaultTaxonomy(
  trx: Trx,
  ctx: AuditContext,
  agencyId: number,
  kind: AgencyKind,
  level: GovernmentLevel | null = levelOfKind(kind),
): Promise<void> {
  if ((await countCategories(trx, agencyId)) > 0) return;
  let i = 0;
  for (const col of defaultTaxonomy(kind, level))
    await insertTemplate(trx, ctx, agencyId, col, col.columnKey, null, 0, i++);
  await recordEvent(
    trx,
    ctx,
    'category.defaultsCreated',
    { type: 'agency', id: agencyId, agencyId },
    { note: `默认目录分类（${kind}）` },
  );
}

/** Adds the seed's classes (组织机构, 计划总结, 政策法规, 工作动态) under 法定主动公开内容; idempotent. */
export async function applySeedPreset(trx: Trx, ctx: AuditContext, agencyId: number): Promise<boolean> {
  if (await findCategoryByCode(trx, agencyId, SEED_CLASS_PRESET.code)) return false;
  const root = await findCategoryByCode(trx, agencyId, 'statutory');
  if (!root) throw new AppError('conflict', '该机构还没有“法定主动公开内容”栏目，无法添加预设类别。');
  await insertTemplate(
    trx,
    ctx,
    agencyId,
    SEED_CLASS_PRESET,
    'statutory',
    root.id,
    1,
    (await maxSortOrder(trx, agencyId, root.id)) + 1,
  );
  await recordEvent(
    trx,
    ctx,
    'category.presetApplied',
    { type: 'agency', id: agencyId, agencyId },
    { note: '组织机构、计划总结、政策法规、工作动态' },
  );
  return true;
}

/** Gives every agency without categories its default taxonomy (databases created before 0002). */
export async function ensureDefaultTaxonomies(db: Db, ctx: AuditContext): Promise<number> {
  const agencies = await listAgenciesWithoutCategories(db);
  let created = 0;
  for (const a of agencies) {
    const done = await inTransaction(db, async (trx) => {
      if ((await countCategories(trx, a.id)) > 0) return false;
      const level = levelOfKind(a.kind) ?? governmentLevel(await kindsOnPath(trx, a.path));
      await createDefaultTaxonomy(trx, ctx, a.id, a.kind, level);
      return true;
    });
    if (done) created++;
  }
  return created;
}

export type CategoryFormKey = 'name' | 'description' | 'parentId';

export const CATEGORY_FORM: FormSpec<CategoryFormKey> = {
  name: { label: '分类名称', required: true, max: 60 },
  description: { label: '说明', max: 200 },
  parentId: { label: '上级分类', required: true, pattern: /^\d{1,10}$/, patternMessage: '请选择上级分类。' },
};

export async function addCategory(
  trx: Trx,
  ctx: AuditContext,
  agencyId: number,
  input: Record<CategoryFormKey, string>,
): Promise<number> {
  const parent = await findCategoryById(trx, Number(input.parentId));
  if (!parent || parent.agencyId !== agencyId) throw new ValidationError({ parentId: '上级分类不存在。' });
  if (parent.depth + 1 >= MAX_DEPTH) throw new ValidationError({ parentId: `分类最多 ${MAX_DEPTH} 级。` });
  const siblings = (await listCategories(trx, agencyId)).filter((c) => c.parentId === parent.id);
  if (siblings.some((c) => c.name === input.name)) throw new ValidationError({ name: '同一上级分类下已有同名分类。' });
  const id = await insertCategory(trx, {
    agencyId,
    parentId: parent.id,
    code: `tmp.${ctx.at}.${Math.random()}`,
    name: input.name,
    description: input.description,
    columnKey: parent.columnKey,
    depth: parent.depth + 1,
    sortOrder: (await maxSortOrder(trx, agencyId, parent.id)) + 1,
    active: 1,
    createdAt: ctx.at,
    updatedAt: ctx.at,
  });
  await updateCategory(trx, id, { code: `c${id}` });
  await recordEvent(
    trx,
    ctx,
    'category.created',
    { type: 'category', id, agencyId },
    { after: { name: input.name, parentId: parent.id } },
  );
  return id;
}

async function loadOwn(trx: Trx, id: number, agencyId: number): Promise<CategoryRow> {
  const c = await findCategoryById(trx, id);
  if (!c || c.agencyId !== agencyId) throw new AppError('notFound');
  return c;
}

export async function renameCategory(
  trx: Trx,
  ctx: AuditContext,
  agencyId: number,
  id: number,
  name: string,
  description: string,
): Promise<void> {
  const c = await loadOwn(trx, id, agencyId);
  if (!name.trim()) throw new ValidationError({ name: '请填写分类名称。' });
  if ([...name].length > 60) throw new ValidationError({ name: '分类名称不能超过 60 个字符。' });
  await updateCategory(trx, id, { name, description, updatedAt: ctx.at });
  await recordEvent(
    trx,
    ctx,
    'category.renamed',
    { type: 'category', id, agencyId },
    { before: { name: c.name, description: c.description }, after: { name, description } },
  );
}

/** Swaps a category with its previous (up) or next (down) sibling. */
export async function reorderCategory(
  trx: Trx,
  ctx: AuditContext,
  agencyId: number,
  id: number,
  direction: 'up' | 'down',
): Promise<void> {
  const c = await loadOwn(trx, id, agencyId);
  const siblings = (await listCategories(trx, agencyId)).filter((s) => s.parentId === c.parentId);
  const i = siblings.findIndex((s) => s.id === id);
  const j = direction === 'up' ? i - 1 : i + 1;
  const other = siblings[j];
  if (!other) return;
  // Renumber the siblings 0..n-1 in the new order, so equal sort orders cannot stall a move.
  const order = siblings.map((s) => s.id);
  order[i] = other.id;
  order[j] = id;
  for (const [k, sid] of order.entries()) await updateCategory(trx, sid, { sortOrder: k });
  await recordEvent(
    trx,
    ctx,
    'category.reordered',
    { type: 'category', id, agencyId },
    { note: direction === 'up' ? '上移' : '下移' },
  );
}

/**
 * Merges `fromId` into `intoId`: its publications and sub-categories move to the target and the
 * category is removed. A top-level column cannot be merged, nor a category into its own subtree.
 */
export async function mergeCategory(
  trx: Trx,
  ctx: AuditContext,
  agencyId: number,
  fromId: number,
  intoId: number,
): Promise<void> {
  const from = await loadOwn(trx, fromId, agencyId);
  const into = await findCategoryById(trx, intoId);
  if (!into || into.agencyId !== agencyId) throw new ValidationError({ intoId: '请选择本机关的目标分类。' });
  if (from.depth === 0) throw new ValidationError({ intoId: '专栏一级栏目不能合并。' });
  const all = await listCategories(trx, agencyId);
  const byId = new Map(all.map((c) => [c.id, c]));
  for (let p: CategoryRow | undefined = into; p; p = p.parentId ? byId.get(p.parentId) : undefined) {
    if (p.id === from.id) throw new ValidationError({ intoId: '不能合并到该分类自身或其下级分类。' });
  }
  const moved = await movePublications(trx, from.id, into.id);
  // Re-parent the children and fix the depth of the whole moved subtree.
  const children = all.filter((c) => c.parentId === from.id);
  let next = (await maxSortOrder(trx, agencyId, into.id)) + 1;
  const fixDepth = async (c: CategoryRow, depth: number): Promise<void> => {
    await updateCategory(trx, c.id, { depth, columnKey: into.columnKey, updatedAt: ctx.at });
    for (const g of all.filter((x) => x.parentId === c.id)) await fixDepth(g, depth + 1);
  };
  for (const c of children) {
    await updateCategory(trx, c.id, { parentId: into.id, sortOrder: next++ });
    await fixDepth(c, into.depth + 1);
  }
  await deleteCategory(trx, from.id);
  await recordEvent(
    trx,
    ctx,
    'category.merged',
    { type: 'category', id: from.id, agencyId },
    {
      before: { name: from.name },
      after: { intoId: into.id, intoName: into.name, publications: moved.length, children: children.length },
    },
  );
  // Their categories changed: the search index (facets, category filters) follows.
  for (const id of moved) await publicationEvents.emit(trx, id);
}

export interface CategoryNode {
  category: CategoryRow;
  children: CategoryNode[];
}

export function buildCategoryTree(rows: readonly CategoryRow[]): CategoryNode[] {
  const nodes = new Map<number, CategoryNode>();
  const roots: CategoryNode[] = [];
  for (const r of rows) nodes.set(r.id, { category: r, children: [] });
  for (const r of rows) {
    const node = nodes.get(r.id) as CategoryNode;
    const parent = r.parentId ? nodes.get(r.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

/** Options for a select: every category with its path, indented by depth. */
export function categoryOptions(rows: readonly CategoryRow[]): { value: string; label: string }[] {
  const out: { value: string; label: string }[] = [];
  const walk = (nodes: CategoryNode[]) => {
    for (const n of nodes) {
      out.push({ value: String(n.category.id), label: `${'　'.repeat(n.category.depth)}${n.category.name}` });
      walk(n.children);
    }
  };
  walk(buildCategoryTree(rows));
  return out;
}
