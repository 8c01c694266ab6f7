// The one 进度查询 (issue #14 point 5): /track over the trackers the modules export.
export { trackingRoutes } from './tracking.routes.tsx';
