// The notice module's public surface for other modules and jobs.
export { endExpiredNotices, createNotice, publishNotice } from './notice.service.ts';
export { findNoticeById } from './notice.repository.ts';
export {
  maskAddress,
  maskIdNumber,
  maskName,
  maskPhone,
  maskRow,
  findUnmaskedPersonalData,
} from '../../platform/privacy/masking.ts';
export { noticeAdminRoutes, noticePublicRoutes } from './notice.routes.tsx';
export { noticeQueues } from './notice.queues.ts';
export { noticeProvisionalDates } from './notice.provisional.ts';
