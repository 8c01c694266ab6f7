// The comment-period module's door (issue #17 point 4, 意见征集 / 重大决策预公开): its routes, its
// 工作台 queue, the demo, and the rules the annual report's 总体情况 counts with.
export { commentPeriodPublicRoutes } from './comment-period.public-routes.tsx';
export { commentPeriodAdminRoutes } from './comment-period.admin-routes.tsx';
export { commentPeriodQueues } from './comment-period.queues.ts';
export { seedDemoCommentPeriods } from './comment-period.demo.ts';
export { VERDICT_LABELS } from './comment-period.rules.ts';
export { VERDICTS, type Verdict } from './comment-period.tables.ts';
