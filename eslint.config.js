// One linter for the whole tree: typescript-eslint's recommended rules, no formatting opinions
// beyond what the rules imply (formatting is left to editors' defaults).
import { readdirSync } from 'node:fs';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Module doors (#13 point 1, docs/ARCHITECTURE.md "Module boundaries"): a module (a folder of
// src/modules) is entered through its index.ts only. CLOSED lists the modules whose door is in
// place; an import of another closed module's file other than its index.ts fails the lint.
const CLOSED = [
  'audit',
  'calendar',
  'agency',
  'catalog',
  'account',
  'notification',
  'interaction',
  'notice',
  'supervision',
  'staff',
  'demo',
  'publication',
  'search',
  'service-hall',
  'portal',
  'settings',
  'tracking',
  'workbench',
];
const closed = `(?:${CLOSED.join('|')})`;
const MODULES = readdirSync(new URL('./src/modules', import.meta.url), { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name);
const notDoor = '/(?!index\\.tsx?$)';
const doorRule = (regex) => [
  'error',
  {
    patterns: [
      {
        regex,
        message: 'Import another module through its index.ts (its public surface), not its internals.',
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
      rules: { 'no-restricted-imports': doorRule(`^\\.\\./(?!${m}/)${closed}${notDoor}`) },
    },
    {
      files: [`src/modules/${m}/*/*.{ts,tsx}`],
      rules: { 'no-restricted-imports': doorRule(`^\\.\\./\\.\\./(?!${m}/)${closed}${notDoor}`) },
    },
  ]),
  // The composition roots: src/*.ts, src/modules/*.ts(x), src/jobs, src/db (schema.ts may read *.tables.ts).
  { files: ['src/*.ts'], rules: { 'no-restricted-imports': doorRule(`^\\./modules/${closed}${notDoor}`) } },
  { files: ['src/modules/*.{ts,tsx}'], rules: { 'no-restricted-imports': doorRule(`^\\./${closed}${notDoor}`) } },
  {
    files: ['src/jobs/*.ts', 'src/db/*.ts'],
    rules: { 'no-restricted-imports': doorRule(`^\\.\\./modules/${closed}/(?!index\\.tsx?$|[^/]+\\.tables\\.ts$)`) },
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
    // Migrations are frozen (#13 point 6): they may import kysely and src/db's migration kit, never
    // live application code, whose change would silently change an old migration.
    files: ['src/db/migrations/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)(modules|platform)(/|$)',
              message: 'A migration carries its own copy of what it uses: no imports from src/modules or src/platform.',
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
