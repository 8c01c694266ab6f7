// The demo module's door (#13 point 1): the demo county, its staff, publications, letters and
// notices, seeded on a first start with SEED_DEMO and by the tests. The demo sits above every other
// module and uses only their doors; nothing but the composition roots and tests imports it.
export * from './demo-county.ts';
export * from './demo-staff.ts';
export * from './demo-publications.ts';
export * from './demo-living.ts';
export * from './demo-interaction.ts';
