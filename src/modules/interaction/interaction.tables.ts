import type { Generated } from 'kysely';

export const CASE_KINDS = ['inquiry', 'complaint', 'letter', 'objection'] as const;
export type CaseKind = (typeof CASE_KINDS)[number];
export const CHANNELS = ['phone', 'inPerson', 'online', 'mail'] as const;
export type Channel = (typeof CHANNELS)[number];
export const RATINGS = ['satisfied', 'basicallySatisfied', 'dissatisfied'] as const;
export type Rating = (typeof RATINGS)[number];
/** notRequested: the writer did not consent; pending: consent given, agency not yet decided. */
export type Publication = 'notRequested' | 'pending' | 'published' | 'declined';

export interface InteractionCasesTable {
  id: Generated<number>;
  agencyId: number;
  kind: CaseKind;
  channel: Channel;
  state: string;
  receiptNumber: string;
  queryCodeHash: string;
  topic: string;
  body: string;
  complaintAbout: string | null;
  noticeId: number | null;
  writerName: string;
  writerPhone: string;
  writerEmail: string;
  writerAddress: string;
  publishConsent: number;
  publication: Publication;
  receivedAt: string;
  receivedDate: string;
  dueDate: string | null;
  /** 1 when dueDate was computed provisionally (next year's holidays not yet imported). */
  dueProvisional: Generated<number>;
  answerDays: number | null;
  assignedUserId: number | null;
  replyText: string;
  repliedAt: string | null;
  durationMinutes: number | null;
  rating: Rating | null;
  ratingComment: string;
  ratedAt: string | null;
  remindedOn: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface InteractionTables {
  interactionCases: InteractionCasesTable;
}
