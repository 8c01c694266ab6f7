// A module's public entries (#13 point 1, docs/ARCHITECTURE.md "Module boundaries"): its index.ts,
// and for two modules a second, light door for callers that must not load the whole module. Read by
// eslint.config.js (the lint refuses any other file of a closed module) and scripts/module-graph.mjs.
export const SECOND_DOORS = {
  // The 依申请公开 statutory rules, pure functions: the annual report's tables 三/四 are built on its
  // applicant kinds and outcomes. info-request's index.ts loads its routes, whose pages reach the
  // portal, which shows the annual report's column: the annual report enters by the rules' door.
  'info-request': ['rules/index.ts'],
  // The checker of reports published elsewhere: `npx gongkai report check` loads it alone (no
  // database, no web server — docs/PERFORMANCE.md "report check").
  'annual-report': ['checker/index.ts'],
};
