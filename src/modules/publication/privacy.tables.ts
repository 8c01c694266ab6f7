// Tables of the personal-data guard (issue #18; migration 0023).
import type { Generated } from 'kysely';
import type { Confidence, PersonalDataKind } from '../../platform/privacy/personal-data.ts';

export type FindingSource = 'title' | 'summary' | 'body' | 'attachment';
/** open: blocks release; masked (in the body, one click); replaced (the attachment); overridden (with a reason); gone (no longer in the text). */
export type FindingState = 'open' | 'masked' | 'replaced' | 'overridden' | 'gone';
/** queued: waits for OCR (a background job); done; notScanned (never "clean": the reason is in note). */
export type FileScanState = 'queued' | 'done' | 'notScanned';

export interface PrivacyFindingsTable {
  id: Generated<number>;
  publicationId: number;
  agencyId: number;
  source: FindingSource;
  attachmentId: number | null;
  attachmentName: string;
  page: number | null;
  cell: string;
  kind: PersonalDataKind;
  /** The finding masked: the text as written is never stored. */
  masked: string;
  /** A few characters around it, masked too. */
  context: string;
  confidence: Confidence;
  state: FindingState;
  resolutionNote: string;
  resolvedBy: number | null;
  resolvedAt: string | null;
  foundAt: string;
}

export interface PrivacyFileScansTable {
  attachmentId: number;
  publicationId: number;
  state: FileScanState;
  pagesTotal: number;
  pagesDone: number;
  note: string;
  updatedAt: string;
}

export interface PrivacyScanRunsTable {
  id: Generated<number>;
  agencyId: number | null;
  since: string | null;
  state: 'running' | 'done';
  lastPublicationId: number;
  total: number;
  done: number;
  findings: number;
  startedBy: number | null;
  startedAt: string;
  finishedAt: string | null;
}

export interface PrivacyTables {
  privacyFindings: PrivacyFindingsTable;
  privacyFileScans: PrivacyFileScansTable;
  privacyScanRuns: PrivacyScanRunsTable;
}
