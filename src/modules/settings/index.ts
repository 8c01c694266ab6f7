// The settings module's door (#13 point 1): other modules read and write settings only through this file.
export * from './settings.store.ts';
export * from './settings.tables.ts';
export * from './number-setting.tsx';
