// The interaction module's public surface for other modules (annual report, notices, jobs).
export { countInteractions, legacyInquiryText, type InteractionCounts } from './interaction.report.ts';
export {
  sendDueReminders,
  logPhoneInquiry,
  submitPublicCase,
  findCaseForWriter,
  WRITER_FORM,
  type WriterInput,
} from './interaction.service.ts';
export { activeAgencyBySlug } from './interaction.routes.tsx';
export { ReceiptPage, PublicShell } from './interaction.views.tsx';
export { interactionQueues } from './interaction.queues.ts';
export { interactionProvisionalDates } from './interaction.provisional.ts';
