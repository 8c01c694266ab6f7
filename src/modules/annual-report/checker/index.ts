// The annual-report module's second, light door (#13 point 1; scripts/module-doors.mjs): the
// checker — the consistency checks of RULES.md §3.3–§3.4 (rules 14–22) over the records, and the
// checker of report texts published elsewhere with its command. `npx gongkai report check` imports
// this door alone, so it loads no database, web server or other page of the application
// (docs/PERFORMANCE.md "report check"). The module's index.ts re-exports it.

export { hasErrors } from './findings.ts';
export type { Finding, FindingCode, FindingLocation, Severity } from './findings.ts';
export { checkAnnualReport, formatOf, NARRATIVE_SECTION_KEYS, REPORT_CONTACT_FIELDS } from './records/consistency.ts';
export type { ConsistencyOptions } from './records/consistency.ts';
export { checkCarryOver, checkTable2Cells, checkTable3, checkTable4 } from './table-identities.ts';
export type { Table2Values, Table3Values } from './table-identities.ts';
export {
  checkForeignAgencyNames,
  checkSelfReferenceLevel,
  checkYearsInText,
  findSelfDescriptions,
} from './narrative.ts';
export type { OwnAgency, SelfDescribedName } from './narrative.ts';
export { agencyTier, AGENCY_KIND_LABELS, coreAgencyName, inferAgencyKind, isSameAgency } from './agency-name.ts';
export { checkContact, CONTACT_FIELD_LABELS } from './contact.ts';
export type { ContactField } from './contact.ts';

export { checkReportText, reportExitCode } from './text/check-report-text.ts';
export {
  checkCarryOverAcrossFiles,
  checkFiles,
  checkTexts,
  collectReportFiles,
  fileJson,
  summaryText,
  writeJsonFiles,
} from './text/check-files.ts';
export type { CheckedFile } from './text/check-files.ts';
export type { CheckReportTextOptions, ExtractedAgency, ReportCheckResult } from './text/check-report-text.ts';
export type { DetectedFormat } from './text/sections.ts';
export { htmlToText, looksLikeHtml } from './text/html-to-text.ts';
export { REPORT_FILE_EXTENSIONS, ReportFileError, reportTextOf } from './text/read-report.ts';
export { markFindings } from './text/marks.ts';
export type { MarkedText } from './text/marks.ts';
export { reportCheckCommand } from './text/check-cli.ts';
