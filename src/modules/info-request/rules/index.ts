// Public surface of the 依申请公开 statutory rules: pure functions over dates, counts and the
// working-day calendar (no database, no HTTP, no clock). Other modules import from here only.
export * from './errors.ts';
export * from './due-date.ts';
export * from './receipt-date.ts';
export * from './extension.ts';
export * from './clock.ts';
export * from './third-party.ts';
export * from './fees.ts';
export * from './outcomes.ts';
export * from './identity-documents.ts';
export * from './info-request-form.ts';
export * from './closing.ts';
export * from './same-information.ts';
