// The annual-report module's door (#13 point 1): its admin and public routes, the agency's 年报
// column page for the portal, the CLI's build and import commands, the deadline reminders job, the
// 工作台 queues and the demo seed; and its pure parts: the report formats as data (国办公开办函
// 〔2021〕30号, the 2019 trial format, the pre-2019 nine-part structure), due dates, and the checker
// (re-exported from checker/index.ts, the module's light second door that `report check` loads alone).

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

export {
  annualReportDueDate,
  DEFAULT_TOWN_DUE_MONTH_DAY,
  isAnnualReportLate,
  LAST_REPORT_YEAR_UNDER_2007_REGULATION,
} from './deadlines.ts';
export type { AnnualReportDeadlineSettings } from './deadlines.ts';

export * from './checker/index.ts';

export { annualReportQueues } from './annual-report.queues.ts';
export { annualReportRoutes } from './annual-report.routes.tsx';
export { annualReportPublicRoutes, reportsColumn } from './annual-report.public.tsx';
export { CliUsageError, reportBuildCommand, reportImportCommand } from './annual-report.cli.ts';
export { remindAnnualReportDeadlines } from './annual-report.reminders.ts';
export { seedDemoAnnualReports, seedDemoLastYearReports } from './annual-report.demo.ts';
