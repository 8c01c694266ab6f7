// The calendar module's door (#13 point 1): other modules and the composition roots import only this file.
export * from './working-days.ts';
export * from './bundled-calendar.ts';
export * from './calendar.service.ts';
export * from './calendar.routes.tsx';
export * from './provisional.ts';
export * from './provisional.views.tsx';
export * from './calendar.tables.ts';
export * from './provisional-recompute.ts';
