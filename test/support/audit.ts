// The audit trail as the tests read it back: the events of an action, an entity or an agency,
// oldest first (every service writes its event in the transaction of its change, so a test that
// checks a change was audited reads them here).
import type { TestEnv } from './test-app.ts';

export interface AuditWhere {
  /** One action, or any of a list. */
  action?: string | readonly string[];
  entityType?: string;
  entityId?: string | number;
  agencyId?: number;
}

/** The audit events that match every part of `where`, oldest first. */
export function auditEvents(env: Pick<TestEnv, 'database'>, where: AuditWhere) {
  let q = env.database.db.selectFrom('auditEvents').selectAll();
  if (typeof where.action === 'string') q = q.where('action', '=', where.action);
  else if (where.action) q = q.where('action', 'in', [...where.action]);
  if (where.entityType !== undefined) q = q.where('entityType', '=', where.entityType);
  if (where.entityId !== undefined) q = q.where('entityId', '=', String(where.entityId));
  if (where.agencyId !== undefined) q = q.where('agencyId', '=', where.agencyId);
  return q.orderBy('id').execute();
}

/** The oldest audit event that matches `where`; throws when there is none. */
export async function auditEvent(env: Pick<TestEnv, 'database'>, where: AuditWhere) {
  const [first] = await auditEvents(env, where);
  if (!first) throw new Error(`no audit event ${JSON.stringify(where)}`);
  return first;
}
