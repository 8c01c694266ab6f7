// Tables of 意见征集 / 重大决策预公开 (migration 0028). A comment period is a draft for staff while
// publishedAt is null; once published it is open from opensOn to closesOn (dates in Asia/Shanghai)
// and closed after; its 意见采纳情况反馈 is public once feedbackPublishedAt is set.
import type { Generated } from 'kysely';

/** Whether the public form asks for a name / a phone number, and must have one. */
export const CONTACT_RULES = ['optional', 'required', 'hidden'] as const;
export type ContactRule = (typeof CONTACT_RULES)[number];

/** How a comment reached the agency: the online form, a letter by post, an e-mail. */
export const COMMENT_CHANNELS = ['online', 'post', 'email'] as const;
export type CommentChannel = (typeof COMMENT_CHANNELS)[number];

/** The agency's verdict on a comment ('' = not yet decided). */
export const VERDICTS = ['adopted', 'partlyAdopted', 'notAdopted'] as const;
export type Verdict = (typeof VERDICTS)[number];

export interface CommentPeriodsTable {
  id: Generated<number>;
  agencyId: number;
  title: string;
  draftText: string;
  explanation: string;
  majorDecision: number;
  opensOn: string;
  closesOn: string;
  shortenedReason: string;
  postAddress: string;
  email: string;
  nameRule: ContactRule;
  phoneRule: ContactRule;
  publishedAt: string | null;
  feedbackText: Generated<string>;
  feedbackPublishedAt: string | null;
  createdBy: number | null;
  createdAt: string;
  updatedAt: string;
}

export interface CommentPeriodFilesTable {
  id: Generated<number>;
  commentPeriodId: number;
  title: string;
  fileName: string;
  mime: string;
  size: number;
  sha256: string;
  createdAt: string;
}

export interface PublicCommentsTable {
  id: Generated<number>;
  commentPeriodId: number;
  channel: CommentChannel;
  body: string;
  commenterName: string;
  commenterPhone: string;
  commenterEmail: string;
  publishConsent: number;
  receivedAt: string;
  verdict: Generated<Verdict | ''>;
  verdictReason: Generated<string>;
  taggedBy: number | null;
  taggedAt: string | null;
}

export interface CommentPeriodTables {
  commentPeriods: CommentPeriodsTable;
  commentPeriodFiles: CommentPeriodFilesTable;
  publicComments: PublicCommentsTable;
}
