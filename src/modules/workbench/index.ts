// The 工作台 (issue #11 point 1): the admin console's front page and its queue registry.
export { workbenchRoutes } from './workbench.routes.tsx';
export { WORK_QUEUES } from './workbench.registry.ts';
export { loadWorkbench, queuesFor, type QueueCount, type Workbench } from './workbench.service.ts';
