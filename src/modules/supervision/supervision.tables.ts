import type { Generated } from 'kysely';

export const EVALUATOR_KINDS = ['deputy', 'cppcc', 'supervisor', 'meeting', 'other'] as const;
export type EvaluatorKind = (typeof EVALUATOR_KINDS)[number];
export const FIX_STATUSES = ['open', 'inProgress', 'fixed'] as const;
export type FixStatus = (typeof FIX_STATUSES)[number];

export interface EvaluationsTable {
  id: Generated<number>;
  agencyId: number;
  heldOn: string;
  evaluatorKind: EvaluatorKind;
  evaluator: string;
  /** 0–100. */
  score: number;
  remarks: string;
  createdAt: string;
}

export interface InspectionsTable {
  id: Generated<number>;
  agencyId: number;
  scope: string;
  inspectedOn: string;
  findings: string;
  requiredFixes: string;
  fixDeadline: string | null;
  fixStatus: FixStatus;
  /** The published 通报 text (empty: none). */
  bulletin: string;
  bulletinPublished: number;
  createdAt: string;
  updatedAt: string;
}

export interface AccountabilityRecordsTable {
  id: Generated<number>;
  agencyId: number;
  person: string;
  failure: string;
  measure: string;
  decidedOn: string;
  complaintId: number | null;
  inspectionId: number | null;
  createdAt: string;
}

export interface SupervisionTables {
  evaluations: EvaluationsTable;
  inspections: InspectionsTable;
  accountabilityRecords: AccountabilityRecordsTable;
}
