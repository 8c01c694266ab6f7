// The record-amendment module's door (issue #17 point 7; 条例 第四十一条, 更正个人政府信息记录):
// its routes, its 进度查询 tracker, its 工作台 queues and the demo seed.
export { recordAmendmentAdminRoutes } from './record-amendment.admin-routes.tsx';
export { recordAmendmentPublicRoutes, recordAmendmentTracker } from './record-amendment.public-routes.tsx';
export { recordAmendmentQueues } from './record-amendment.queues.ts';
export { seedDemoRecordAmendments } from './record-amendment.demo.ts';
export { DECISION_LABELS as AMENDMENT_DECISION_LABELS } from './record-amendment.rules.ts';
