import type { Generated, Selectable } from 'kysely';

/** draft → submitted → returned (back to draft edits) / approved → published; imported = a past report read from its text. */
export const ANNUAL_REPORT_STATES = ['draft', 'submitted', 'returned', 'approved', 'published', 'imported'] as const;
export type AnnualReportState = (typeof ANNUAL_REPORT_STATES)[number];

export interface AnnualReportsTable {
  id: Generated<number>;
  agencyId: number;
  year: number;
  /** national2021 | legacy2008 (national2019 for imported 2019/2020 reports). */
  format: string;
  state: AnnualReportState;
  /** 'system' (computed from records) or 'import' (past report read from its text). */
  source: string;
  /** JSON: section key → text. */
  narratives: string;
  /** JSON: figure key → { value, note } entered by staff where no module records the figure. */
  figures: string;
  /** JSON: the findings of the last consistency check. */
  checkResults: string;
  checkedAt: string | null;
  /** Reason given by an admin who published despite errors ('' when none). */
  overrideReason: string;
  /** JSON: { kind: 'own' } or { kind: 'rollup', agencyIds: number[] }. */
  scope: string;
  submittedAt: string | null;
  approvedAt: string | null;
  publishedAt: string | null;
  publicationId: number | null;
  /** JSON: the report data frozen at publication (what the portal shows). */
  publishedData: string | null;
  importedText: string;
  /** JSON: figures extracted from an imported text. */
  extracted: string;
  createdAt: string;
  updatedAt: string;
}

/**
 * A report of the agency and year before anything is written in it: a system draft in `format`
 * over the agency's own records, with no narrative, figure, check, workflow date or imported text.
 */
export function newReportValues(
  agencyId: number,
  year: number,
  format: string,
  at: string,
): Omit<Selectable<AnnualReportsTable>, 'id'> {
  return {
    agencyId,
    year,
    format,
    state: 'draft',
    source: 'system',
    narratives: '{}',
    figures: '{}',
    checkResults: '[]',
    checkedAt: null,
    overrideReason: '',
    scope: JSON.stringify({ kind: 'own' }),
    submittedAt: null,
    approvedAt: null,
    publishedAt: null,
    publicationId: null,
    publishedData: null,
    importedText: '',
    extracted: '{}',
    createdAt: at,
    updatedAt: at,
  };
}

export interface AnnualReportCommentsTable {
  id: Generated<number>;
  reportId: number;
  authorUserId: number | null;
  authorName: string;
  /** 'return' | 'approve' | 'override' | 'comment'. */
  kind: string;
  body: string;
  createdAt: string;
}

export interface AnnualReportTables {
  annualReports: AnnualReportsTable;
  annualReportComments: AnnualReportCommentsTable;
}
