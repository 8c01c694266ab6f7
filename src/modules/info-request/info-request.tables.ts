// Tables of disclosure on application (依申请公开, 条例 第二十七条—第四十五条): the case with its
// stored clock (STYLE practice 10), consultations, letters, released documents, the applicant's
// timeline, reconsideration/lawsuit records (report table 四), reminders sent and the
// catalogue-first suggestion follows. Legal dates are 'YYYY-MM-DD' (Asia/Shanghai).
import type { Generated } from 'kysely';

export const INFO_REQUEST_STATES = [
  'submitted', // online, waiting for both sides to confirm (第三十一条第（三）项)
  'processing', // received, the clock runs (or is paused by a consultation)
  'awaitingCorrection', // 补正 notice sent (第三十条)
  'feePending', // 收费通知 sent (国办函〔2020〕109号)
  'replied', // decided with one outcome of table 三
  'closed', // deemed abandoned (（六）1 / （六）2) — also an outcome
  'archived', // 归档 (第四十五条)
] as const;
export type InfoRequestState = (typeof INFO_REQUEST_STATES)[number];

export interface InfoRequestsTable {
  id: Generated<number>;
  agencyId: number;
  /** 申请编号, e.g. LINGXI-2025-0007. */
  number: string;
  /** sha256 of the query code; the code itself is shown once on the receipt. */
  queryCodeHash: string;
  state: InfoRequestState;
  channel: string;
  applicantKind: string;
  applicantName: string;
  idDocumentType: string;
  idDocumentNumber: string;
  phone: string;
  email: string;
  postalAddress: string;
  postcode: string;
  fax: string;
  informationName: string;
  documentNumber: string;
  featureDescription: string;
  requestedForm: string;
  deliveryWay: string;
  /** Catalogue-first intake: publication ids shown to the applicant before submitting. */
  suggestionsShown: string;
  /** Flags for staff, JSON array of {code,message} (重复申请, 第三十五条 volume). */
  flags: string;
  handedInOn: string | null;
  signedForOn: string | null;
  arrivedOn: string | null;
  confirmedOn: string | null;
  /** 收到申请之日 (第三十一条); null until confirmed. */
  receivedOn: string | null;
  receiptBasis: string;
  correctionNoticeSentOn: string | null;
  correctionDueOn: string | null;
  correctionItems: string;
  correctedReceivedOn: string | null;
  correctedText: string;
  extensionWorkingDays: number | null;
  extensionApprovedBy: string;
  extensionApprovedOn: string | null;
  extensionNotifiedOn: string | null;
  extensionReason: string;
  feeMethod: string | null;
  feeQuantity: number | null;
  feeAmount: number | null;
  feeNoticeReceivedOn: string | null;
  feePaymentDueOn: string | null;
  feePaidOn: string | null;
  feePaidAmount: number | null;
  /** Stored clock: the due date and its explanation (computeDeadline's result as JSON). */
  dueOn: string | null;
  /** 1 when dueOn was computed provisionally (next year's holidays not yet imported). */
  dueProvisional: Generated<number>;
  clockStatus: string;
  clockJson: string;
  outcomeKey: string | null;
  legalBasis: string;
  replyText: string;
  repliedOn: string | null;
  /** The day the case was concluded (reply or closure): the year boundary of table 三. */
  concludedOn: string | null;
  deliveredOn: string | null;
  deliveryMethod: string;
  archivedOn: string | null;
  archiveReference: string;
  assigneeUserId: number | null;
  submittedAt: string;
  createdAt: string;
  updatedAt: string;
}

export type ConsultedParty = 'thirdParty' | 'coProducer';

export interface InfoRequestConsultationsTable {
  id: Generated<number>;
  infoRequestId: number;
  party: ConsultedParty;
  partyName: string;
  letterSentOn: string;
  letterReceivedOn: string | null;
  replyDueOn: string | null;
  repliedOn: string | null;
  reply: 'consent' | 'objection' | null;
  state: string;
  endedOn: string | null;
  createdAt: string;
}

export const LETTER_KINDS = ['receipt', 'correction', 'extension', 'consultation', 'feeNotice', 'reply'] as const;
export type LetterKind = (typeof LETTER_KINDS)[number];

export interface InfoRequestLettersTable {
  id: Generated<number>;
  infoRequestId: number;
  kind: LetterKind;
  /** e.g. "reply.v1": the template the letter was rendered from, so old letters never change. */
  templateVersion: string;
  title: string;
  /** The letter's paragraphs and fields as JSON (LetterData). */
  dataJson: string;
  issuedOn: string;
  /** Sent to the applicant (1) or to a third party/agency (0: not on the tracking page). */
  forApplicant: number;
  deliveredOn: string | null;
  deliveryMethod: string;
  createdAt: string;
}

export interface InfoRequestAttachmentsTable {
  id: Generated<number>;
  infoRequestId: number;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  createdAt: string;
}

/** What an online 补正 is: waiting for staff, accepted (the clock restarts) or asked again. */
export const CORRECTION_STATES = ['pending', 'accepted', 'askedAgain'] as const;
export type CorrectionState = (typeof CORRECTION_STATES)[number];

/** An applicant's online answer to a 补正告知书 (条例 第三十条), from the tracking page. */
export interface InfoRequestCorrectionsTable {
  id: Generated<number>;
  infoRequestId: number;
  /** The corrected description of the information sought. */
  text: string;
  submittedAt: string;
  /** The day it was sent (Asia/Shanghai): whether the applicant answered within the period. */
  submittedOn: string;
  state: CorrectionState;
  decidedAt: string | null;
  /** The name of the member of staff who accepted it or asked again. */
  decidedBy: string;
  /** Asked again: what the submission still lacked (printed in the new 补正告知书). */
  decisionNote: string;
}

export interface InfoRequestCorrectionFilesTable {
  id: Generated<number>;
  correctionId: number;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  createdAt: string;
}

export interface InfoRequestEventsTable {
  id: Generated<number>;
  infoRequestId: number;
  at: string;
  /** The legal date the event belongs to. */
  onDate: string;
  kind: string;
  /** Text the applicant may read on the tracking page. Empty = staff-only event. */
  publicText: string;
  /** Internal note, never on a public page. */
  staffNote: string;
  actorName: string;
}

export type AppealKind = 'reconsideration' | 'lawsuit';
export type AppealResult = 'upheld' | 'corrected' | 'other' | 'pending';

export interface InfoRequestAppealsTable {
  id: Generated<number>;
  infoRequestId: number;
  agencyId: number;
  kind: AppealKind;
  /** Lawsuit only: 1 = 复议后起诉, 0 = 未经复议直接起诉. */
  afterReconsideration: number;
  filedOn: string;
  result: AppealResult;
  concludedOn: string | null;
  note: string;
  createdAt: string;
  updatedAt: string;
}

export interface InfoRequestRemindersTable {
  infoRequestId: number;
  /** dueSoon | overdue */
  kind: string;
  dueOn: string;
  sentAt: string;
}

export interface InfoRequestSuggestionFollowsTable {
  id: Generated<number>;
  agencyId: number;
  publicationId: number;
  at: string;
}

/**
 * 依申请公开转主动公开 (条例 第四十四条): a suggestion to publish proactively what several applicants
 * asked the same agency for and received — found by the system at a reply (origin 'detected') or
 * put forward by an applicant and recorded by staff from the case page ('applicant'). Open until
 * staff accept it (a draft publication is made: publicationId) or dismiss it with a reason.
 */
export const PROACTIVE_STATES = ['open', 'accepted', 'dismissed'] as const;
export type ProactiveState = (typeof PROACTIVE_STATES)[number];

export interface ProactiveSuggestionsTable {
  id: Generated<number>;
  agencyId: number;
  origin: 'detected' | 'applicant';
  state: ProactiveState;
  /** The information as the first application named it. */
  informationName: string;
  /** What the applicant said, for an applicant's suggestion (staff-only). */
  applicantNote: string;
  publicationId: number | null;
  dismissReason: string;
  decidedBy: number | null;
  decidedAt: string | null;
  /** The day it was accepted or dismissed (Asia/Shanghai): the report year it counts in. */
  decidedOn: string | null;
  createdAt: string;
  createdOn: string;
}

/** The applications a suggestion rests on. */
export interface ProactiveSuggestionRequestsTable {
  suggestionId: number;
  infoRequestId: number;
}

export interface InfoRequestTables {
  infoRequests: InfoRequestsTable;
  infoRequestConsultations: InfoRequestConsultationsTable;
  infoRequestLetters: InfoRequestLettersTable;
  infoRequestAttachments: InfoRequestAttachmentsTable;
  infoRequestEvents: InfoRequestEventsTable;
  infoRequestCorrections: InfoRequestCorrectionsTable;
  infoRequestCorrectionFiles: InfoRequestCorrectionFilesTable;
  infoRequestAppeals: InfoRequestAppealsTable;
  infoRequestReminders: InfoRequestRemindersTable;
  infoRequestSuggestionFollows: InfoRequestSuggestionFollowsTable;
  proactiveSuggestions: ProactiveSuggestionsTable;
  proactiveSuggestionRequests: ProactiveSuggestionRequestsTable;
}
