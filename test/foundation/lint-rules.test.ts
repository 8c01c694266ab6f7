// The import rules of `npm run lint` (#13): each is shown refusing a bad fixture (test/fixtures/lint,
// linted as if it stood at the path given) and accepting today's code.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';

const root = fileURLToPath(new URL('../..', import.meta.url));
const eslint = new ESLint({ cwd: root });

async function importErrors(fixture: string, asPath: string): Promise<string[]> {
  const text = readFileSync(new URL(`../fixtures/lint/${fixture}`, import.meta.url), 'utf8');
  const [result] = await eslint.lintText(text, { filePath: `${root}/${asPath}` });
  assert.ok(result);
  return result.messages.filter((m) => m.severity === 2).map((m) => `${m.line}:${m.ruleId}`);
}

test('a migration that imports anything but kysely, node: and the migration kit fails the lint', async () => {
  const errors = await importErrors('migration-imports-live-code.ts.txt', 'src/db/migrations/20990101_9999_bad.ts');
  assert.deepEqual(errors, ['2:no-restricted-imports', '3:no-restricted-imports', '4:no-restricted-imports']);
});

test('the same imports outside src/db/migrations are not refused by the migration rule', async () => {
  const errors = await importErrors('migration-imports-live-code.ts.txt', 'src/db/not-a-migration.ts');
  assert.deepEqual(errors, []);
});

test("a module file that imports another module's internals fails the lint; its index.ts passes", async () => {
  assert.deepEqual(await importErrors('module-imports-internals.ts.txt', 'src/modules/agency/bad.ts'), [
    '2:no-restricted-imports',
  ]);
  assert.deepEqual(await importErrors('module-imports-internals-deep.ts.txt', 'src/modules/agency/sub/bad.ts'), [
    '2:no-restricted-imports',
  ]);
  assert.deepEqual(await importErrors('root-imports-internals.ts.txt', 'src/bad.ts'), ['2:no-restricted-imports']);
});

test('the second doors of scripts/module-doors.mjs pass; the files behind them fail the lint', async () => {
  assert.deepEqual(await importErrors('second-doors.ts.txt', 'src/modules/portal/bad.ts'), [
    '5:no-restricted-imports',
    '6:no-restricted-imports',
  ]);
  assert.deepEqual(await importErrors('root-imports-second-doors.ts.txt', 'src/bad.ts'), [
    '5:no-restricted-imports',
    '6:no-restricted-imports',
  ]);
});

test("a module's own files are not refused", async () => {
  assert.deepEqual(await importErrors('module-imports-internals.ts.txt', 'src/modules/audit/fine.ts'), []);
});

test('a platform/ file that imports a module, through its door or not, fails the lint', async () => {
  assert.deepEqual(await importErrors('platform-imports-module.ts.txt', 'src/platform/http/bad.ts'), [
    '2:no-restricted-imports',
    '3:no-restricted-imports',
  ]);
});

test('every file of platform/ today passes the lint', async () => {
  const results = await eslint.lintFiles(['src/platform/']);
  assert.ok(results.length >= 20);
  for (const r of results) assert.equal(r.errorCount, 0, `${r.filePath}: ${JSON.stringify(r.messages)}`);
});

test('every migration of today passes the lint', async () => {
  const results = await eslint.lintFiles(['src/db/migrations/']);
  assert.ok(results.length >= 10);
  for (const r of results) assert.equal(r.errorCount, 0, `${r.filePath}: ${JSON.stringify(r.messages)}`);
});
