// The interaction module's public surface for other modules (annual report, notices, jobs).
export { countInteractions, legacyInquiryText, type InteractionCounts } from './interaction.report.ts';
export {
  logPhoneInquiry,
  submitPublicCase,
  findCaseForWriter,
  RATING_LABELS,
  WRITER_FORM,
  type WriterInput,
} from './interaction.service.ts';
export { sendDueReminders, decidePublication, rateCase, replyCase, startHandling } from './interaction.steps.ts';
export { findCaseById } from './interaction.repository.ts';
export { RATINGS, type Rating } from './interaction.tables.ts';
export { interactionPublicRoutes, interactionTracker } from './interaction.routes.tsx';
export { interactionAdminRoutes } from './interaction.admin.routes.tsx';
export { ReceiptPage, PublicShell } from './interaction.views.tsx';
export { interactionQueues } from './interaction.queues.ts';
export { interactionProvisionalDates } from './interaction.provisional.ts';
