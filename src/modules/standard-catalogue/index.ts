// The standard-catalogue module's door (issue #17 point 2, 基层政务公开标准目录): the 26 areas, the
// county's items with their computable 公开时限, bindings of an agency's categories to items,
// 未涉及 areas, completeness per agency and area, its 工作台 queue and the staff routes.
export { STANDARD_AREAS, findArea, type StandardArea } from './standard-catalogue.areas.ts';
export {
  agencyCompleteness,
  parsePeriod,
  parseTimeLimit,
  STATUS_LABELS,
  type ItemStatus,
  type StatusCounts,
} from './standard-catalogue.rules.ts';
export {
  REPORT_STATUSES,
  yearCompleteness,
  yearCompletenessRecords,
  type ReportStatus,
  completenessOf,
  type AgencyCompleteness,
} from './standard-catalogue.completeness.ts';
export { loadStarterSet } from './standard-catalogue.items.ts';
export { setBindings, exemptArea } from './standard-catalogue.bindings.ts';
export { seedDemoStandardCatalogue } from './standard-catalogue.demo.ts';
export { standardCatalogueQueues } from './standard-catalogue.queues.ts';
export { standardCatalogueRoutes } from './standard-catalogue.routes.tsx';
export { standardCataloguePublicRoutes } from './standard-catalogue.public.tsx';
