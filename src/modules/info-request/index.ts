// Public surface of the 依申请公开 module: routes for the app, the reminders job, the annual
// report queries and the demo seed. Other modules import from here only.
export { infoRequestAdminRoutes } from './info-request.admin-routes.tsx';
export { infoRequestCaseRoutes } from './info-request.case-routes.tsx';
export { infoRequestPublicRoutes } from './info-request.public-routes.tsx';
export { infoRequestTrackRoutes } from './info-request.track-routes.tsx';
export { infoRequestTracker } from './info-request.tracking.ts';
export { runInfoRequestReminders } from './info-request.reminders.ts';
export { seedDemoInfoRequests } from './info-request.demo.ts';
export { seedDemoInfoRequestsInProgress } from './info-request.demo-in-progress.ts';
export { infoRequestQueues } from './info-request.queues.ts';
export { infoRequestProvisionalDates } from './info-request.provisional.ts';
export { proactiveQueues } from './proactive.queues.ts';
export { PROACTIVE_STATE_LABELS } from './proactive.states.ts';
import type { LetterData } from './info-request.letters.ts';
// Shared with the record amendment module (条例 第四十一条): the query code (number + secret), the
// letter as stored, printed and downloaded (DOCX loads docx on first use), the remedy notice.
export { hashQueryCode, informationSought, letterSender } from './info-request.service.ts';
export { sameHash } from './info-request.tracking.ts';
export { LetterDocument } from './info-request.letter-views.tsx';
export { blankLetter, remedyNotice, type LetterCase, type LetterData } from './info-request.letters.ts';
export async function letterDocx(data: LetterData): Promise<Buffer> {
  return (await import('./letter-docx.ts')).letterToDocx(data);
}
