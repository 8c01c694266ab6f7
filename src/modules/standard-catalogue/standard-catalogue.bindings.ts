// An agency's bindings of its 目录 categories to the standard items and its 未涉及 areas with the
// reason it publishes. Every change is one transaction with its audit event.
import { recordEvent, type AuditContext } from '../../platform/audit.ts';
import { ValidationError } from '../../platform/errors.ts';
import type { Executor, Trx } from '../../platform/transaction.ts';
import { listCategories } from '../catalog/index.ts';
import { findArea } from './standard-catalogue.areas.ts';
import { listItems } from './standard-catalogue.items.ts';

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
