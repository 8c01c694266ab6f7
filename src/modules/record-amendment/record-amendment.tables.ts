// Tables of 更正个人政府信息记录 (条例 第四十一条; issue #17 point 7, migration 0034). A record
// amendment request is 'submitted' online until the office confirms it (that day is the receipt
// date, 第三十一条第（三）项), 'processing' while the clock runs, 'decided' once the letter is out.
import type { Generated } from 'kysely';

export const AMENDMENT_STATES = ['submitted', 'processing', 'decided'] as const;
export type AmendmentState = (typeof AMENDMENT_STATES)[number];

/** 予以更正 / 转送有权机关 / 告知向有权机关提出 / 不予更正. */
export const AMENDMENT_DECISIONS = ['amended', 'transferred', 'referred', 'refused'] as const;
export type AmendmentDecision = (typeof AMENDMENT_DECISIONS)[number];

export interface RecordAmendmentsTable {
  id: Generated<number>;
  agencyId: number;
  /** GZ-<AGENCY>-YYYY-NNNN. */
  number: string;
  queryCodeHash: string;
  /** 'online' or an intake channel of 第三十一条 (inPerson, signedPost, ordinaryPost, fax). */
  channel: string;
  state: AmendmentState;
  applicantName: string;
  idDocumentType: string;
  idDocumentNumber: string;
  phone: string;
  email: string;
  postalAddress: string;
  /** The record concerned: which document / register / certificate, held where. */
  recordConcerned: string;
  /** What is wrong in it. */
  whatIsWrong: string;
  /** What it should say. */
  shouldRead: string;
  submittedAt: string;
  receivedOn: string | null;
  receiptBasis: string;
  dueOn: string | null;
  dueExplanation: string;
  extensionDays: Generated<number>;
  extensionApprovedBy: Generated<string>;
  extensionNotifiedOn: string | null;
  decision: Generated<AmendmentDecision | ''>;
  /** 不予更正: a key of REFUSAL_GROUNDS. */
  refusalGround: Generated<string>;
  /** 予以更正: what was changed; otherwise the reasons / what the applicant is told. */
  decisionText: Generated<string>;
  /** 予以更正: the record as corrected (its name / number). */
  amendedRecord: Generated<string>;
  /** 转送 / 告知: the agency that has the authority to correct. */
  competentAgency: Generated<string>;
  decidedOn: string | null;
  decidedBy: Generated<string>;
  staffNote: Generated<string>;
  createdBy: number | null;
  createdAt: string;
  updatedAt: string;
}

export interface RecordAmendmentFilesTable {
  id: Generated<number>;
  amendmentId: number;
  fileName: string;
  mime: string;
  size: number;
  sha256: string;
  createdAt: string;
}

export interface RecordAmendmentLettersTable {
  id: Generated<number>;
  amendmentId: number;
  kind: string;
  title: string;
  /** LetterData as JSON (rendered by info-request's letter views and DOCX). */
  dataJson: string;
  issuedOn: string;
  createdAt: string;
}

export interface RecordAmendmentTables {
  recordAmendments: RecordAmendmentsTable;
  recordAmendmentFiles: RecordAmendmentFilesTable;
  recordAmendmentLetters: RecordAmendmentLettersTable;
}
