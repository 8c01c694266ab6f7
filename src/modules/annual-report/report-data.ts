// The typed data of one annual report in the national formats (RULES.md §3): the numbers of
// tables 二/三/四, the narrative sections, the agency and its disclosure office's contact fields.
// Numbers are produced by queries over records elsewhere; this module only checks and renders them.

import type {
  NarrativeSectionKey,
  Table3ColumnKey,
  Table3RowKey2021,
  Table4GroupKey,
  Table4OutcomeKey,
} from './format/national2021.ts';
import type { Table3RowKey2019 } from './format/national2019.ts';

/** The agency kinds (platform/agency-kinds.ts): governments from the province to the town, departments. */
export type { AgencyKind } from '../../platform/agency-kinds.ts';
import type { AgencyKind } from '../../platform/agency-kinds.ts';

export interface ReportAgency {
  name: string;
  kind: AgencyKind;
}

/** The 政府信息公开工作机构's contact fields printed on the report. */
export interface ReportContact {
  office?: string;
  address?: string;
  postcode?: string;
  phone?: string;
  email?: string;
}

export type Table3Row = Record<Table3ColumnKey, number>;
export type Table3Data2021 = Record<Table3RowKey2021, Table3Row>;
export type Table3Data2019 = Record<Table3RowKey2019, Table3Row>;

export type Table4Outcomes = Record<Table4OutcomeKey, number>;
export type Table4Data = Record<Table4GroupKey, Table4Outcomes>;

export type DocumentCounts = {
  issued: number;
  repealed: number;
  inForce: number;
};

export type Table2Data2021 = {
  regulation: DocumentCounts;
  normativeDocument: DocumentCounts;
  administrativeLicensing: { decisions: number };
  administrativePenalty: { decisions: number };
  administrativeCoercion: { decisions: number };
  /** 本年收费金额, unit 万元, decimals allowed. */
  administrativeFee: { amount: number };
};

export type DocumentCounts2019 = {
  newlyMade: number;
  newlyPublished: number;
  publishedTotal: number;
};

export type ProjectCounts2019 = {
  previousYearCount: number;
  /** 本年增/减: may be negative. */
  change: number;
  decisions: number;
};

export type Table2Data2019 = {
  regulation: DocumentCounts2019;
  normativeDocument: DocumentCounts2019;
  administrativeLicensing: ProjectCounts2019;
  otherExternalService: ProjectCounts2019;
  administrativePenalty: ProjectCounts2019;
  administrativeCoercion: ProjectCounts2019;
  administrativeFee: { previousYearCount: number; change: number };
  centralisedProcurement: { projectCount: number; amount: number };
};

interface ReportDataBase {
  year: number;
  agency: ReportAgency;
  contact: ReportContact;
  /** Narrative sections 一、五、六 (tables 二/三/四 are data). */
  narratives: Partial<Record<NarrativeSectionKey, string>>;
  table4: Table4Data;
  /** The previous year's 四、结转下年度继续办理 row, when that report is known (rule 22). */
  previousYearCarriedForward?: Table3Row;
}

export interface National2021ReportData extends ReportDataBase {
  format: 'national2021';
  table2: Table2Data2021;
  table3: Table3Data2021;
}

export interface National2019ReportData extends ReportDataBase {
  format: 'national2019';
  table2: Table2Data2019;
  table3: Table3Data2019;
}

export type AnnualReportData = National2021ReportData | National2019ReportData;
