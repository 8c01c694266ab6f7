import type { Generated } from 'kysely';

export type NoticeState = 'draft' | 'published' | 'ended' | 'withdrawn';
export type PeriodUnit = 'calendar' | 'working';

export interface NoticesTable {
  id: Generated<number>;
  agencyId: number;
  title: string;
  body: string;
  /** JSON: [{ label, kind }] with kind a masking ColumnKind. */
  tableColumns: string;
  /** JSON: string[][] — the unmasked cells as entered. */
  tableRows: string;
  periodUnit: PeriodUnit;
  periodDays: number;
  startDate: string;
  /** Last day of the publicity period (inclusive), computed and stored when published. */
  endDate: string;
  /** 1 when endDate was computed provisionally (a working-day period reaching an unconfirmed year). */
  endProvisional: Generated<number>;
  objectionContact: string;
  state: NoticeState;
  publishedAt: string | null;
  endedAt: string | null;
  /** The record of publication: first and last public day. */
  publishedFrom: string | null;
  publishedUntil: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface NoticeTables {
  notices: NoticesTable;
}
