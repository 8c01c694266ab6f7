// One linter for the whole tree: typescript-eslint's recommended rules, no formatting opinions
// beyond what the rules imply (formatting is left to editors' defaults).
import { readdirSync } from 'node:fs';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { SECOND_DOORS } from './scripts/module-doors.mjs';

// Module doors (#13 point 1, docs/ARCHITECTURE.md "Module boundaries"): a module (a folder of
// src/modules) is entered through its index.ts only, or through a second door declared in
// scripts/module-doors.mjs (info-request's pure rules, annual-report's checker). An import of
// another module's file other than a door fails the lint; every module is closed, a new one from
// its first file.
const MODULES = readdirSync(new URL('./src/modules', import.meta.url), { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name);
const escape = (path) => path.replace(/[.]/g, '\\.');
/** A module's folder followed by a file that is not one of its doors (nor `also`, if given). */
const closedPastDoor = (also = []) =>
  `(?:${MODULES.map(
    (m) => `${m}/(?!${['index\\.tsx?', ...(SECOND_DOORS[m] ?? []).map(escape), ...also].join('$|')}$)`,
  ).join('|')})`;
const pastDoor = closedPastDoor();
const doorRule = (regex) => [
  'error',
  {
    patterns: [
      {
        regex,
        message:
          'Import another module through its index.ts (its public surface) or a door of scripts/module-doors.mjs, not its internals.',
      },
    ],
  },
];

export default tseslint.config(
  { ignores: ['node_modules/**', 'data/**', 'coverage/**', 'bench/results/**', 'tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
    },
  },
  // A module's file one folder deep reaches another module as ../<module>/…, two deep as ../../<module>/…;
  // its own folder is not another module.
  ...MODULES.flatMap((m) => [
    {
      files: [`src/modules/${m}/*.{ts,tsx}`],
      rules: { 'no-restricted-imports': doorRule(`^\\.\\./(?!${m}/)${pastDoor}`) },
    },
    {
      files: [`src/modules/${m}/*/*.{ts,tsx}`],
      rules: { 'no-restricted-imports': doorRule(`^\\.\\./\\.\\./(?!${m}/)${pastDoor}`) },
    },
  ]),
  // The composition roots: src/*.ts, src/modules/*.ts(x), src/jobs, src/db (schema.ts may read *.tables.ts).
  { files: ['src/*.ts'], rules: { 'no-restricted-imports': doorRule(`^\\./modules/${pastDoor}`) } },
  { files: ['src/modules/*.{ts,tsx}'], rules: { 'no-restricted-imports': doorRule(`^\\./${pastDoor}`) } },
  {
    files: ['src/jobs/*.ts', 'src/db/*.ts'],
    rules: { 'no-restricted-imports': doorRule(`^\\.\\./modules/${closedPastDoor(['[^/]+\\.tables\\.ts'])}`) },
  },
  {
    // platform/ is below the modules (#13 point 1): it imports none, not even a door. What it needs
    // from a module (the session lookup, the top agency, the calendar) is passed in by buildApp().
    files: ['src/platform/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)modules(/|$)',
              message: 'platform/ imports no module: take what it needs as a parameter, passed in by src/app.ts.',
            },
          ],
        },
      ],
    },
  },
  {
    // Migrations are frozen (#13 point 6): they may import kysely, node: built-ins and src/db's
    // migration kit only — never live application code (not even database.ts), whose change
    // would silently change an old migration.
    files: ['src/db/migrations/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!kysely$|node:|\\.\\./migration-kit\\.ts$)',
              message:
                'A migration imports only kysely, node: built-ins and ../migration-kit.ts (#13 point 6): it carries its own copy of anything else.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
