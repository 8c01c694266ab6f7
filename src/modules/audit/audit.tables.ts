import type { Generated } from 'kysely';

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
