// Test factories: an agency, staff with roles, a publication in any workflow state, an application
// at any point of its clock, a letter / inquiry / complaint, a service-hall item and case, an annual
// report — each made through the real services (the same code the routes call, audit events
// included), on either engine.
// They need no demo county: `createTestEnv({ demo: false })` plus these builds a test's own state
// in milliseconds, where the demo seed takes seconds. Every factory takes the test's env and
// returns the ids the test needs; defaults are valid values a test may override.
// The door: one import for every factory (the parts live in factories/).
export { ctxOf, todayOf, type Env } from './factories/kit.ts';
export * from './factories/organisation.ts';
export * from './factories/publications.ts';
export * from './factories/cases.ts';
export * from './factories/service-hall.ts';
export * from './factories/reports.ts';
