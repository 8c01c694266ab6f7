// The interaction module's public surface for other modules (annual report, notices, jobs).
export { countInteractions, legacyInquiryText, type InteractionCounts } from './interaction.report.ts';
export { sendDueReminders, logPhoneInquiry, submitPublicCase } from './interaction.service.ts';
export { interactionQueues } from './interaction.queues.ts';
