// The audit module's door: the chain verification (CLI) and the admin browser's routes. Events
// are written with platform/audit.ts (recordEvent), which every module uses.
export { verifyAuditChain, type ChainReport } from './audit.service.ts';
export { auditRoutes } from './audit.routes.tsx';
