// Queries over the audit log for the admin screen and case timelines.
import type { Executor } from '../../platform/transaction.ts';

export interface AuditFilter {
  agencyIds: number[] | 'all';
  agencyId?: number | undefined;
  action?: string | undefined;
  entityType?: string | undefined;
  actor?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  /** Keyset pagination: events with id below this. */
  beforeId?: number | undefined;
  limit: number;
}

export async function listAuditEvents(db: Executor, f: AuditFilter) {
  let q = db
    .selectFrom('auditEvents')
    .leftJoin('agencies', 'agencies.id', 'auditEvents.agencyId')
    .select([
      'auditEvents.id',
      'auditEvents.at',
      'auditEvents.actorName',
      'auditEvents.agencyId',
      'auditEvents.entityType',
      'auditEvents.entityId',
      'auditEvents.action',
      'auditEvents.summary',
      'auditEvents.ip',
      'agencies.name as agencyName',
    ])
    .orderBy('auditEvents.id', 'desc')
    .limit(f.limit);
  if (f.agencyIds !== 'all') q = q.where('auditEvents.agencyId', 'in', f.agencyIds.length ? f.agencyIds : [-1]);
  if (f.agencyId) q = q.where('auditEvents.agencyId', '=', f.agencyId);
  if (f.action) q = q.where('auditEvents.action', '=', f.action);
  if (f.entityType) q = q.where('auditEvents.entityType', '=', f.entityType);
  if (f.actor) q = q.where('auditEvents.actorName', '=', f.actor);
  if (f.from) q = q.where('auditEvents.at', '>=', f.from);
  if (f.to) q = q.where('auditEvents.at', '<', f.to);
  if (f.beforeId) q = q.where('auditEvents.id', '<', f.beforeId);
  return q.execute();
}

export async function listAuditActions(db: Executor): Promise<string[]> {
  const rows = await db.selectFrom('auditEvents').select('action').distinct().orderBy('action').execute();
  return rows.map((r) => r.action);
}
