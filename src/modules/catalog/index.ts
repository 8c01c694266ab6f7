// The catalog module's door (#13 point 1): other modules and the composition roots import only this file.
// Leaves first: agency ⇄ catalog import each other through their doors, so the plain values
// (index-number patterns, the default taxonomy) must be evaluated before the files that reach
// back into agency (an ES module cycle sees a later `export *` still uninitialised).
export * from './index-number.ts';
export * from './catalog.tables.ts';
export * from './default-taxonomy.ts';
export * from './catalog.repository.ts';
export * from './catalog.service.ts';
export * from './catalog.routes.tsx';
