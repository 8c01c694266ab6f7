// The catalog module's door (#13 point 1): other modules and the composition roots import only this file.
export * from './catalog.repository.ts';
export * from './catalog.service.ts';
export * from './catalog.routes.tsx';
export * from './index-number.ts';
export * from './catalog.tables.ts';
export * from './default-taxonomy.ts';
