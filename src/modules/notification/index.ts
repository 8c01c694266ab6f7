// The notification module's door (#13 point 1): other modules and the composition roots import only this file.
export * from './notification.service.ts';
export * from './notification.queues.ts';
export * from './notification.routes.tsx';
export * from './notification.tables.ts';
