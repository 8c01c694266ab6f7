// The agency module's door (#13 point 1): other modules and the composition roots import only this file.
export * from './agency.repository.ts';
export * from './agency.service.ts';
export * from './agency.rules.ts';
export * from './agency.routes.tsx';
export * from './agency.tables.ts';
export { agencyLevel, type AgencyLevel, type BelowCounts, type LevelAgency } from './agency.levels.ts';
