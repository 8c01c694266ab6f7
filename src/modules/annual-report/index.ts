// Public API of the annual-report module's pure parts: the report formats as data (国办公开办函
// 〔2021〕30号, the 2019 trial format, the pre-2019 nine-part structure), the consistency checks of
// RULES.md §3.3–§3.4 (rules 14–22), due dates, and the checker for reports published elsewhere.

export type {
  GridCell,
  HeaderNode,
  ReportFormatId,
  SectionContent,
  SectionDefinition,
  SpanCell,
  Table2Column,
  Table2Definition,
  Table2Row,
  Table2SubTable,
  Table2ValueType,
  Table3Definition,
  Table3RowDefinition,
  Table3RowRole,
  Table4Definition,
} from './format/types.ts';
export { columnHeaderCells, layoutHeaderTree, leafPaths, rowHeaderCells } from './format/layout.ts';
export type { HeaderLayout } from './format/layout.ts';
export {
  NATIONAL_2021_FORMAT,
  NATIONAL_2021_SECTIONS,
  NATIONAL_2021_SECTION_KEYS,
  NATIONAL_2021_TABLE2,
  NATIONAL_2021_TABLE3,
  NATIONAL_2021_TABLE4,
  TABLE2_2021_ROW_KEYS,
  TABLE3_2021_ROW_KEYS,
  TABLE3_COLUMN_KEYS,
  TABLE3_CORNER_NOTE,
  TABLE4_GROUP_KEYS,
  TABLE4_GROUP_LABELS,
  TABLE4_OUTCOME_KEYS,
  TABLE4_OUTCOME_LABELS,
} from './format/national2021.ts';
export type {
  National2021SectionKey,
  NarrativeSectionKey,
  ReportFormat,
  Table2RowKey2021,
  Table3ApplicantColumnKey,
  Table3ColumnKey,
  Table3ResultRowKey,
  Table3RowKey2021,
  Table4GroupKey,
  Table4OutcomeKey,
} from './format/national2021.ts';
export {
  NATIONAL_2019_FORMAT,
  NATIONAL_2019_SECTIONS,
  NATIONAL_2019_TABLE2,
  NATIONAL_2019_TABLE3,
  TABLE2_2019_ROW_KEYS,
  TABLE3_2019_ROW_KEYS,
} from './format/national2019.ts';
export type { Table2RowKey2019, Table3RowKey2019 } from './format/national2019.ts';
export { LEGACY_2008_SECTIONS, LEGACY_2008_SECTION_KEYS, renderLegacyOpening } from './format/legacy2008.ts';
export type {
  Legacy2008SectionKey,
  LegacyBasisDocument,
  LegacyOpeningParams,
  LegacySectionDefinition,
} from './format/legacy2008.ts';

export type * from './report-data.ts';

export { hasErrors } from './checker/findings.ts';
export type { Finding, FindingCode, FindingLocation, Severity } from './checker/findings.ts';
export {
  checkAnnualReport,
  formatOf,
  NARRATIVE_SECTION_KEYS,
  REPORT_CONTACT_FIELDS,
} from './checker/records/consistency.ts';
export type { ConsistencyOptions } from './checker/records/consistency.ts';
export { checkCarryOver, checkTable2Cells, checkTable3, checkTable4 } from './checker/table-identities.ts';
export type { Table2Values, Table3Values } from './checker/table-identities.ts';
export {
  checkForeignAgencyNames,
  checkSelfReferenceLevel,
  checkYearsInText,
  findSelfDescriptions,
} from './checker/narrative.ts';
export type { OwnAgency, SelfDescribedName } from './checker/narrative.ts';
export {
  agencyTier,
  AGENCY_KIND_LABELS,
  coreAgencyName,
  inferAgencyKind,
  isSameAgency,
} from './checker/agency-name.ts';
export { checkContact, CONTACT_FIELD_LABELS } from './checker/contact.ts';
export type { ContactField } from './checker/contact.ts';

export {
  annualReportDueDate,
  DEFAULT_TOWN_DUE_MONTH_DAY,
  isAnnualReportLate,
  LAST_REPORT_YEAR_UNDER_2007_REGULATION,
} from './deadlines.ts';
export type { AnnualReportDeadlineSettings } from './deadlines.ts';

export { checkReportText, reportExitCode } from './checker/text/check-report-text.ts';
export {
  checkCarryOverAcrossFiles,
  checkFiles,
  checkTexts,
  collectReportFiles,
  fileJson,
  summaryText,
  writeJsonFiles,
} from './checker/text/check-files.ts';
export type { CheckedFile } from './checker/text/check-files.ts';
export type { CheckReportTextOptions, ExtractedAgency, ReportCheckResult } from './checker/text/check-report-text.ts';
export type { DetectedFormat } from './checker/text/sections.ts';
export { htmlToText, looksLikeHtml } from './checker/text/html-to-text.ts';
export { REPORT_FILE_EXTENSIONS, ReportFileError, reportTextOf } from './checker/text/read-report.ts';
export { markFindings } from './checker/text/marks.ts';
export type { MarkedText } from './checker/text/marks.ts';

export { annualReportQueues } from './annual-report.queues.ts';
