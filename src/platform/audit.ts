// The audit log's writer (STYLE practice 4): every state-changing action writes one event in the
// same transaction as the change. Events are append-only (database triggers refuse UPDATE/DELETE)
// and hash-chained: each row carries the hash of its predecessor, so an edited, inserted or
// removed row breaks the chain and `gongkai audit verify` (modules/audit) names the first broken
// link. It lives in platform/ because every module writes events (and the state-machine helper
// does): the audit module keeps the verification and the admin browser.
import { createHash } from 'node:crypto';
import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { DB } from '../db/schema.ts';
import { insertRow, updateRow, type TableWithId } from './rows.ts';
import type { Trx } from './transaction.ts';

export interface AuditContext {
  actorUserId: number | null;
  actorName: string;
  ip: string;
  /** ISO timestamp of the action (from the app clock). */
  at: string;
}

export interface AuditEntity {
  type: string;
  id: string | number;
  agencyId: number | null;
}

export interface AuditSummary {
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
  note?: string;
}

export interface AuditEventsTable {
  id: Generated<number>;
  at: string;
  actorUserId: number | null;
  actorName: string;
  agencyId: number | null;
  entityType: string;
  entityId: string;
  action: string;
  /** JSON: { before?, after?, note? } — a summary, never secrets such as password hashes. */
  summary: string;
  ip: string;
  prevHash: string;
  hash: string;
}

export interface AuditHeadTable {
  id: number;
  lastId: number;
  lastHash: string;
}

export interface AuditTables {
  auditEvents: AuditEventsTable;
  auditHead: AuditHeadTable;
}

export const GENESIS_HASH = '0'.repeat(64);

/** Every column except the surrogate id and the chain links goes into the hash. */
type HashedFields = Omit<Selectable<AuditEventsTable>, 'id' | 'prevHash' | 'hash'>;

export function auditHash(prevHash: string, f: HashedFields): string {
  const canonical = JSON.stringify([
    prevHash,
    f.at,
    f.actorUserId,
    f.actorName,
    f.agencyId,
    f.entityType,
    f.entityId,
    f.action,
    f.summary,
    f.ip,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

/**
 * Several events in one go (bulk import: one event per imported publication): the head is locked
 * once, the chain computed here, the rows inserted in multi-row statements in chain order.
 */
export async function recordEvents(
  trx: Trx,
  ctx: AuditContext,
  action: string,
  events: readonly { entity: AuditEntity; summary: AuditSummary }[],
): Promise<void> {
  if (!events.length) return;
  // Taking the head row's lock first serialises appenders on PostgreSQL; SQLite already
  // serialises writers.
  await trx
    .updateTable('auditHead')
    .set((eb) => ({ lastId: eb('lastId', '+', 0) }))
    .where('id', '=', 1)
    .execute();
  const head = await trx.selectFrom('auditHead').select(['lastHash']).where('id', '=', 1).executeTakeFirstOrThrow();
  let prevHash = head.lastHash;
  const rows = events.map(({ entity, summary }) => {
    const fields: HashedFields = {
      at: ctx.at,
      actorUserId: ctx.actorUserId,
      actorName: ctx.actorName,
      agencyId: entity.agencyId,
      entityType: entity.type,
      entityId: String(entity.id),
      action,
      summary: JSON.stringify(summary),
      ip: ctx.ip,
    };
    const hash = auditHash(prevHash, fields);
    const row = { ...fields, prevHash, hash };
    prevHash = hash;
    return row;
  });
  let lastId = 0;
  // One statement per 500 rows, in order: each row's id is larger than its predecessor's.
  for (let i = 0; i < rows.length; i += 500) {
    const ids = await trx
      .insertInto('auditEvents')
      .values(rows.slice(i, i + 500))
      .returning('id')
      .execute();
    lastId = Math.max(lastId, ...ids.map((r) => r.id));
  }
  await trx.updateTable('auditHead').set({ lastId, lastHash: prevHash }).where('id', '=', 1).execute();
}

/** One event: the chain of {@link recordEvents} with a single link. */
export async function recordEvent(
  trx: Trx,
  ctx: AuditContext,
  action: string,
  entity: AuditEntity,
  summary: AuditSummary = {},
): Promise<void> {
  await recordEvents(trx, ctx, action, [{ entity, summary }]);
}

/** A row written together with its audit event (STYLE practice 4): where, and what the event says. */
export interface AuditedWrite<T extends TableWithId> {
  table: T;
  /** The audit action: `staff.added`. */
  action: string;
  /** The audited entity type (audit_events.entity_type), which need not be the table's name. */
  type: string;
  agencyId: number | null;
  summary?: AuditSummary;
}

/** Inserts one row and records its event (the entity is the new row) in the caller's transaction; returns the new id. */
export async function insertAudited<T extends TableWithId>(
  trx: Trx,
  ctx: AuditContext,
  w: AuditedWrite<T> & { values: Insertable<DB[T]> },
): Promise<number> {
  const id = await insertRow(trx, w.table, w.values);
  await recordEvent(trx, ctx, w.action, { type: w.type, id, agencyId: w.agencyId }, w.summary);
  return id;
}

/** Updates the row `id` of the table and records its event (the entity is that row) in the caller's transaction. */
export async function updateAudited<T extends TableWithId>(
  trx: Trx,
  ctx: AuditContext,
  w: AuditedWrite<T> & { id: number; set: Updateable<DB[T]> },
): Promise<void> {
  await updateRow(trx, w.table, w.id, w.set);
  await recordEvent(trx, ctx, w.action, { type: w.type, id: w.id, agencyId: w.agencyId }, w.summary);
}
