// The service hall's public face for other modules (STYLE practice 1).
export { countLicenceDecisions } from './service-hall.report.ts';
export { runDeemedApprovals, type DeemedApprovalReport } from './deemed-approval.ts';
export { serviceHallAdminRoutes } from './service-hall.admin-routes.tsx';
export { serviceItemRoutes } from './service-item.routes.tsx';
export { serviceHallPublicRoutes, serviceHallTracker } from './service-hall.public-routes.tsx';
export { seedServiceHallDemo } from './service-hall.demo.ts';
export { computeRates, formatRate } from './rates.ts';
export { serviceHallQueues } from './service-hall.queues.ts';
export { serviceCaseProvisionalDates } from './service-case.provisional.ts';
