// The portal module's door (#13 point 1): the public site's pages (home, agencies, 目录, the public
// API) for src/modules/routes.ts, and the agency page shell other modules' public pages sit in.
export { portalRoutes } from './portal.routes.tsx';
export { apiRoutes } from './api.routes.ts';
export { catalogRoutes } from './catalog.routes.tsx';
export { AgencyPageShell } from './portal.agency-views.tsx';
