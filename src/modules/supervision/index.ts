// The supervision module's public surface for other modules (the annual report).
export {
  countSupervision,
  satisfactionOverTime,
  type SatisfactionPoint,
  type SupervisionCounts,
} from './supervision.report.ts';
export { supervisionAdminRoutes, supervisionPublicRoutes } from './supervision.routes.tsx';
export { recordAccountability, recordEvaluation, recordInspection } from './supervision.service.ts';
