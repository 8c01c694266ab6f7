// Tables of proactive disclosure (主动公开): publications, revisions, channels, attachments,
// related items and index-number sequences. Categories live in catalog/catalog.tables.ts.
import type { Generated } from 'kysely';
import type { PrivacyTables } from './privacy.tables.ts';

/**
 * `recorded`: signed off as 依申请公开 or 不予公开 (issue #17 point 3) — kept on record, never on
 * the portal, and listed for the periodic review of 条例 第十八条.
 */
export const PUBLICATION_STATES = ['draft', 'submitted', 'reviewed', 'published', 'recorded', 'withdrawn'] as const;
export type PublicationState = (typeof PUBLICATION_STATES)[number];

/** 有效性. */
export const VALIDITIES = ['valid', 'invalid', 'repealed'] as const;
export type Validity = (typeof VALIDITIES)[number];

/** Annual report table 二: 规章 / 行政规范性文件 / other. */
export const DOC_KINDS = ['other', 'regulation', 'normativeDocument'] as const;
export type DocKind = (typeof DOC_KINDS)[number];

/** 公开方式 (条例 第二十三条). */
export const CHANNELS = [
  'website',
  'noticeBoard',
  'briefing',
  'gazette',
  'pressConference',
  'newMedia',
  'other',
] as const;
export type Channel = (typeof CHANNELS)[number];

/** 政策解读的形式 (issue #17 point 1): a publication with one of these is the 解读 of a policy. */
export const INTERPRETATION_FORMS = ['text', 'graphic', 'media', 'expert', 'pressConference'] as const;
export type InterpretationForm = (typeof INTERPRETATION_FORMS)[number];

/** 公开属性 (条例 第十三条–第十六条), decided at drafting (issue #17 point 3). */
export const DISCLOSURE_MODES = ['proactive', 'onRequest', 'withheld'] as const;
export type DisclosureMode = (typeof DISCLOSURE_MODES)[number];

export interface PublicationsTable {
  id: Generated<number>;
  agencyId: number;
  title: string;
  summary: string;
  /** Sanitised HTML (sanitize-html allow-list, applied on save). */
  body: string;
  /** 发布机构: the agency's name or a named internal office. */
  issuer: string;
  /** 成文日期 'YYYY-MM-DD'. */
  formedOn: string;
  /** formedOn + 20 working days (条例 第二十六条), stored. */
  dueOn: string;
  /** 1 when dueOn was computed provisionally (next year's holidays not yet imported). */
  dueProvisional: Generated<number>;
  /** First release, ISO timestamp; null until released. */
  publishedAt: string | null;
  /** First release date 'YYYY-MM-DD' (local), used for is_late and year filters. */
  publishedOn: string | null;
  isLate: number;
  /** 文号, '' when none. */
  documentNumber: string;
  validity: Validity;
  effectiveOn: string | null;
  /** Date it became 失效. */
  invalidOn: string | null;
  /** Date it was 废止. */
  repealedOn: string | null;
  /** 主题分类. */
  topic: string;
  /** Keywords separated by spaces or '、'. */
  keywords: string;
  disclosureMode: DisclosureMode;
  /** 依申请公开 / 不予公开: the legal ground (disclosure.rules.ts DISCLOSURE_GROUNDS key), '' otherwise. */
  disclosureGround: Generated<string>;
  /** The drafter's (or last reviewer's) explanation of the attribute. */
  disclosureNote: Generated<string>;
  /** The day the attribute was last decided (签发, then each periodic review); null before. */
  attributeDecidedOn: Generated<string | null>;
  /** 索引号: null until released, then never changed nor reused. */
  indexNumber: string | null;
  state: PublicationState;
  docKind: DocKind;
  /** Table 二: date the regulation / normative document was issued (制发). */
  issuedOn: string | null;
  /** Table 二: date it was repealed (废止). */
  docRepealedOn: string | null;
  withdrawnAt: string | null;
  withdrawnReason: string;
  /** Last return comment (internal: never public). */
  reviewComment: string;
  /** 政策解读: its form, '' for every other publication. */
  interpretationForm: Generated<InterpretationForm | ''>;
  /** 政策解读: the policy document it explains (a publication of the same agency). */
  interpretsId: Generated<number | null>;
  /** 音视频解读: where the recording is published (http/https), '' when it is an attachment. */
  mediaUrl: Generated<string>;
  /** Current released revision number; 0 before release. */
  revision: number;
  /** The identity of its row in an imported file (publication.import-key.ts); null when not imported. */
  importKey: Generated<string | null>;
  createdBy: number | null;
  createdAt: string;
  updatedAt: string;
}

/**
 * One release of a publication (revision 1 「首次发布」, then each 修订). The newest revision's text
 * is the publication's own: its title, summary, body and documentNumber are null and read from
 * `publications` (listRevisions); when the publication's text changes — a new revision, a mask
 * over personal data — keepRevisionText() first writes the text into the row it borrowed it for
 * (migration 20261206_0037: the body was stored twice, 4.9 KB of 28 KB a publication).
 */
/**
 * A revision's state (migration 0045): a 修订 is a draft of the next version until it has passed
 * 保密审查 and 签发 (条例 第十七条); only a 'released' one is on the portal and in 修订记录.
 */
export const REVISION_STATES = ['draft', 'submitted', 'reviewed', 'released'] as const;
export type RevisionState = (typeof REVISION_STATES)[number];

export interface PublicationRevisionsTable {
  id: Generated<number>;
  publicationId: number;
  revision: number;
  title: string | null;
  summary: string | null;
  body: string | null;
  documentNumber: string | null;
  note: string;
  /** Released: when it went live; before: when the draft was last saved. */
  releasedAt: string;
  releasedBy: number | null;
  state: Generated<RevisionState>;
  /** Before release: the revision form as saved (PublicationInput, JSON), applied at 签发. */
  draftInput: Generated<string | null>;
}

/** The text of a publication each time it was submitted for 保密审查 (seq 1, 2, …). */
export interface PublicationSubmissionsTable {
  id: Generated<number>;
  publicationId: number;
  seq: number;
  title: string;
  summary: string;
  body: string;
  submittedAt: string;
  submittedBy: number | null;
}

export interface PublicationCategoriesTable {
  publicationId: number;
  categoryId: number;
}

export interface PublicationChannelsTable {
  publicationId: number;
  channel: Channel;
  note: string;
}

export interface AttachmentsTable {
  id: Generated<number>;
  publicationId: number;
  sha256: string;
  size: number;
  mime: string;
  /** Original (Chinese) file name: the download name. */
  fileName: string;
  /** 附件名称: the title shown to the public. */
  title: string;
  sortOrder: number;
  /** Text extracted for search ('' when none). */
  extractedText: string;
  uploadedBy: number | null;
  createdAt: string;
}

export interface PublicationRelatedTable {
  publicationId: number;
  relatedId: number;
}

/** One periodic review of a recorded document's attribute (条例 第十八条), confirmed or changed. */
export interface DisclosureReviewsTable {
  id: Generated<number>;
  publicationId: number;
  agencyId: number;
  reviewedOn: string;
  modeBefore: DisclosureMode;
  modeAfter: DisclosureMode;
  groundAfter: string;
  reason: string;
  reviewedBy: number | null;
  createdAt: string;
}

export interface PublicationTables extends PrivacyTables {
  disclosureReviews: DisclosureReviewsTable;
  publications: PublicationsTable;
  publicationRevisions: PublicationRevisionsTable;
  publicationSubmissions: PublicationSubmissionsTable;
  publicationCategories: PublicationCategoriesTable;
  publicationChannels: PublicationChannelsTable;
  attachments: AttachmentsTable;
  publicationRelated: PublicationRelatedTable;
}
