// Tables of 会议公开 (issue #17 point 5, migration 0032): a meeting of an agency (政府常务会议,
// 县长办公会议, 专题会议 …) with its topics (议题) in order, the public's sign-up to attend (列席) when
// the meeting is open to it, and after the meeting the 会议纪要 per topic linked to the
// publications it produced. The public sees a meeting once it is announced.
import type { Generated } from 'kysely';

export const MEETING_STATES = ['draft', 'announced', 'held', 'decided'] as const;
export type MeetingState = (typeof MEETING_STATES)[number];

export const MEETING_KINDS = ['executive', 'mayorOffice', 'special', 'other'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];

/** Who signs up to attend: a member of the public, an expert, the media (身份). */
export const ATTENDEE_ROLES = ['public', 'expert', 'media'] as const;
export type AttendeeRole = (typeof ATTENDEE_ROLES)[number];

export const SIGNUP_STATES = ['pending', 'confirmed', 'declined'] as const;
export type SignupState = (typeof SIGNUP_STATES)[number];

export interface MeetingsTable {
  id: Generated<number>;
  agencyId: number;
  kind: MeetingKind;
  title: string;
  /** 'YYYY-MM-DD' (Asia/Shanghai) and 'HH:MM'. */
  meetingOn: string;
  startsAt: string;
  place: string;
  state: MeetingState;
  /** 1: citizens, experts and media may sign up to attend (列席). */
  openToPublic: number;
  capacity: number;
  signupOpensOn: string | null;
  signupClosesOn: string | null;
  /** The published 会议纪要 summary of the whole meeting. */
  decisionsSummary: Generated<string>;
  announcedAt: string | null;
  decisionsPublishedAt: string | null;
  createdBy: number | null;
  createdAt: string;
  updatedAt: string;
}

export interface MeetingTopicsTable {
  id: Generated<number>;
  meetingId: number;
  position: number;
  title: string;
  /** The 会议纪要 of this topic (what was decided), written after the meeting. */
  decision: Generated<string>;
}

export interface MeetingTopicPublicationsTable {
  topicId: number;
  publicationId: number;
}

export interface MeetingSignupsTable {
  id: Generated<number>;
  meetingId: number;
  name: string;
  phone: string;
  role: AttendeeRole;
  reason: string;
  state: SignupState;
  declineReason: string;
  submittedAt: string;
  decidedBy: number | null;
  decidedAt: string | null;
}

export interface MeetingTables {
  meetings: MeetingsTable;
  meetingTopics: MeetingTopicsTable;
  meetingTopicPublications: MeetingTopicPublicationsTable;
  meetingSignups: MeetingSignupsTable;
}
