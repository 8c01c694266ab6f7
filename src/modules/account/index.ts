// The account module's door (#13 point 1): other modules and the composition roots import only this file.
export * from './account.repository.ts';
export * from './session.service.ts';
export * from './user.service.ts';
export * from './password.service.ts';
export * from './login.service.ts';
export * from './password.ts';
export * from './account.routes.tsx';
export * from './user.routes.tsx';
export * from './account.tables.ts';
