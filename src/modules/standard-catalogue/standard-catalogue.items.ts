// The county's items of the 基层政务公开标准目录: read, edit, import (upsert by 领域 + 一级 + 二级
// 事项) and the starter set. Every change is one transaction with its audit event.
import { recordEvent, type AuditContext } from '../../platform/audit.ts';
import { ValidationError } from '../../platform/errors.ts';
import { findRow, updateRow } from '../../platform/rows.ts';
import type { Executor, Trx } from '../../platform/transaction.ts';
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
  return findRow(db, 'standardItems', { id });
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
    await updateRow(trx, 'standardItems', id, { ...input, updatedAt: ctx.at });
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
      await updateRow(trx, 'standardItems', id, { ...input, updatedAt: ctx.at });
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
