// Tables of the service hall (政务服务大厅): windows, service items (事项) with their guide
// (办事指南), cases (办件) and the pauses of a case's clock (补齐补正, expert review, hearing).
import type { Generated } from 'kysely';

export const ITEM_KINDS = ['licence', 'publicService', 'other'] as const;
export type ServiceItemKind = (typeof ITEM_KINDS)[number];

export const CASE_CHANNELS = ['window', 'online'] as const;
export type CaseChannel = (typeof CASE_CHANNELS)[number];

export const CASE_STATUSES = [
  'received',
  'awaitingMaterials',
  'accepted',
  'inProcess',
  'suspended',
  'notAccepted',
  'decided',
  'delivered',
] as const;
export type ServiceCaseStatus = (typeof CASE_STATUSES)[number];

export const DECISIONS = ['approved', 'refused'] as const;
export type ServiceDecision = (typeof DECISIONS)[number];

export const PAUSE_KINDS = ['correction', 'expertReview', 'hearing', 'inspection'] as const;
export type PauseKind = (typeof PAUSE_KINDS)[number];

export const RATINGS = ['verySatisfied', 'satisfied', 'fairlySatisfied', 'dissatisfied', 'veryDissatisfied'] as const;
export type ServiceRating = (typeof RATINGS)[number];

export interface ServiceWindowsTable {
  id: Generated<number>;
  agencyId: number;
  name: string;
  /** Where the window is: hall, counter number. */
  location: string;
  active: number;
  createdAt: string;
  updatedAt: string;
}

export interface ServiceItemsTable {
  id: Generated<number>;
  agencyId: number;
  windowId: number | null;
  name: string;
  kind: ServiceItemKind;
  legalBasis: string;
  conditions: string;
  /** One required material per line. */
  materials: string;
  /** 法定时限, working days. */
  statutoryDays: number;
  /** 承诺时限, working days (≤ statutory); the case clock uses it. */
  promisedDays: number;
  fees: string;
  /** 超时默许: 1 only where the agency has declared it for this item. */
  deemedApproval: number;
  /** The agency's declaration (document and article) that makes deemed approval apply. */
  deemedApprovalBasis: string;
  active: number;
  createdAt: string;
  updatedAt: string;
}

export interface ServiceCasesTable {
  id: Generated<number>;
  agencyId: number;
  itemId: number;
  windowId: number | null;
  caseNumber: string;
  /** SHA-256 of the query code (hashQueryCode); the code itself is shown once and never stored. */
  queryCodeHash: string;
  channel: CaseChannel;
  /** Copied from the item at registration: a later change of the item never moves old cases. */
  itemKind: ServiceItemKind;
  deemedApproval: number;
  timeLimitDays: number;
  applicantName: string;
  applicantPhone: string;
  applicantEmail: string;
  summary: string;
  status: ServiceCaseStatus;
  receivedOn: string;
  acceptedOn: string | null;
  notAcceptedReason: string;
  /** The last day of the time limit, stored (STYLE practice 10); null before acceptance. */
  dueOn: string | null;
  /** 1 when dueOn was computed provisionally (next year's holidays not yet imported). */
  dueProvisional: Generated<number>;
  /** JSON: the segments that explain dueOn. */
  dueExplanation: string;
  correctionUsed: number;
  decision: ServiceDecision | null;
  decisionReason: string;
  decidedOn: string | null;
  decidedAt: string | null;
  deemed: number;
  deliveredOn: string | null;
  rating: ServiceRating | null;
  ratingComment: string;
  ratedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ServiceCasePausesTable {
  id: Generated<number>;
  caseId: number;
  kind: PauseKind;
  reason: string;
  /** For 补齐补正: every missing material, one per line. */
  materials: string;
  startedOn: string;
  endedOn: string | null;
  /** Working days in (startedOn, endedOn], set when the pause ends. */
  workingDays: number | null;
  /** The status the case returns to when the pause ends. */
  resumeStatus: ServiceCaseStatus;
  createdAt: string;
}

export interface ServiceHallTables {
  serviceWindows: ServiceWindowsTable;
  serviceItems: ServiceItemsTable;
  serviceCases: ServiceCasesTable;
  serviceCasePauses: ServiceCasePausesTable;
}
