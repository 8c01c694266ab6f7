// Module routes in registration order: public first, then the admin console behind its guard.
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { addAdminGuard } from '../platform/http/admin-guard.ts';
import { accountRoutes } from './account/index.ts';
import { userRoutes } from './account/index.ts';
import { agencyAdminRoutes, findAgencyById, listAgencies } from './agency/index.ts';
import { annualReportPublicRoutes, annualReportRoutes, reportsColumn } from './annual-report/index.ts';
import { auditRoutes } from './audit/index.ts';
import { calendarAdminRoutes, calendarPublicRoutes } from './calendar/index.ts';
import { notificationRoutes } from './notification/index.ts';
import { categoryAdminRoutes } from './catalog/index.ts';
import { publicationAdminRoutes, publicationPublicRoutes } from './publication/index.ts';
import { apiRoutes, catalogRoutes, portalRoutes } from './portal/index.ts';
import {
  infoRequestAdminRoutes,
  infoRequestCaseRoutes,
  infoRequestPublicRoutes,
  infoRequestTracker,
  infoRequestTrackRoutes,
} from './info-request/index.ts';
import { searchRoutes } from './search/index.ts';
import { interactionAdminRoutes, interactionPublicRoutes, interactionTracker } from './interaction/index.ts';
import { noticeAdminRoutes, noticePublicRoutes } from './notice/index.ts';
import { staffAdminRoutes } from './staff/index.ts';
import { supervisionAdminRoutes, supervisionPublicRoutes } from './supervision/index.ts';
import { workbenchRoutes } from './workbench/index.ts';
import { commentPeriodAdminRoutes, commentPeriodPublicRoutes } from './comment-period/index.ts';
import { standardCataloguePublicRoutes, standardCatalogueRoutes } from './standard-catalogue/index.ts';
import {
  recordAmendmentAdminRoutes,
  recordAmendmentPublicRoutes,
  recordAmendmentTracker,
} from './record-amendment/index.ts';
import { meetingAdminRoutes, meetingPublicRoutes, meetingsOfPublication } from './meeting/index.ts';
import { PROVISIONAL_DATE_OWNERS } from './provisional-dates.ts';
import {
  serviceHallAdminRoutes,
  serviceHallPublicRoutes,
  serviceHallTracker,
  serviceItemRoutes,
} from './service-hall/index.ts';
import { trackingRoutes } from './tracking/index.ts';

/** Everything behind the admin guard (login, password change and logout are outside it). */
const ADMIN_ROUTES: FastifyPluginAsync[] = [
  publicationAdminRoutes,
  (app) => categoryAdminRoutes(app, { findAgencyById, listAgencies }),
  annualReportRoutes,
  interactionAdminRoutes,
  noticeAdminRoutes,
  supervisionAdminRoutes,
  staffAdminRoutes,
  infoRequestAdminRoutes,
  infoRequestCaseRoutes,
  commentPeriodAdminRoutes,
  standardCatalogueRoutes,
  recordAmendmentAdminRoutes,
  meetingAdminRoutes,
  workbenchRoutes,
  agencyAdminRoutes,
  userRoutes,
  (app) => calendarAdminRoutes(app, { owners: PROVISIONAL_DATE_OWNERS }),
  notificationRoutes,
  auditRoutes,
  serviceHallAdminRoutes,
  serviceItemRoutes,
];

async function adminConsole(app: FastifyInstance): Promise<void> {
  addAdminGuard(app);
  for (const r of ADMIN_ROUTES) await app.register(r);
}

export const MODULE_ROUTES: FastifyPluginAsync[] = [
  publicationPublicRoutes,
  annualReportPublicRoutes,
  interactionPublicRoutes,
  noticePublicRoutes,
  supervisionPublicRoutes,
  infoRequestPublicRoutes,
  infoRequestTrackRoutes,
  commentPeriodPublicRoutes,
  standardCataloguePublicRoutes,
  recordAmendmentPublicRoutes,
  meetingPublicRoutes,
  (app) => portalRoutes(app, { reportsColumn }),
  (app) => catalogRoutes(app, { meetingsOf: meetingsOfPublication }),
  searchRoutes,
  apiRoutes,
  calendarPublicRoutes,
  serviceHallPublicRoutes,
  // One 进度查询: the number's shape picks the module (most specific prefix first).
  trackingRoutes([serviceHallTracker, interactionTracker, recordAmendmentTracker, infoRequestTracker]),
  accountRoutes,
  adminConsole,
];
