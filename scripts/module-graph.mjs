#!/usr/bin/env node
// `npm run modules`: the imports between the modules of src/modules (#13 point 1), counted from
// the source text. A module is a folder of src/modules; its door is its index.ts (and, for two
// modules, a second door declared in scripts/module-doors.mjs). Prints:
//   - imports between modules (import/export-from statements and dynamic imports, type-only
//     included), and how many go through the target's index.ts;
//   - two-way pairs (A imports B and B imports A);
//   - imports from src/platform into a module (platform imports no module);
//   - imports from the composition roots (src/*.ts, src/modules/routes.ts, src/jobs/runner.ts, src/db)
//     past a module's index.ts (the database schema's import of *.tables.ts excepted);
//   - files over 400 lines (src/ and test/);
// `--list` also prints every import that does not go through a door. Exits 0: a report, not a check
// (the lint refuses what the rules forbid).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { SECOND_DOORS } from './module-doors.mjs';

const root = resolve(new URL('..', import.meta.url).pathname);
const list = process.argv.includes('--list');
const MAX_LINES = 400;

function walk(dir) {
  const out = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...walk(p));
    else if (/\.(ts|tsx|mjs|js)$/.test(e.name)) out.push(p);
  }
  return out;
}

/** 'module:<name>' | 'platform' | 'app' (a composition root) for a path relative to root. */
function partOf(rel) {
  const m = /^src\/modules\/([^/]+)\//.exec(rel);
  if (m) return `module:${m[1]}`;
  if (rel.startsWith('src/platform/')) return 'platform';
  return 'app';
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"`;]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

const files = walk(join(root, 'src')).filter((f) => !/\.test\.tsx?$/.test(f));
const edges = [];
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  for (const match of text.matchAll(IMPORT)) {
    const spec = match[1] ?? match[2];
    if (!spec.startsWith('.')) continue;
    const target = relative(root, resolve(dirname(file), spec));
    const from = relative(root, file);
    edges.push({ from, to: target, fromPart: partOf(from), toPart: partOf(target) });
  }
}

const isIndex = (e) => /^src\/modules\/[^/]+\/index\.tsx?$/.test(e.to);
const isDoor = (e) => {
  const m = /^src\/modules\/([^/]+)\/(.+)$/.exec(e.to);
  return !!m && (/^index\.tsx?$/.test(m[2]) || (SECOND_DOORS[m[1]] ?? []).includes(m[2]));
};
const between = edges.filter(
  (e) => e.fromPart.startsWith('module:') && e.toPart.startsWith('module:') && e.fromPart !== e.toPart,
);
const throughDoor = between.filter(isDoor);
const pairs = new Set(between.map((e) => `${e.fromPart.slice(7)}→${e.toPart.slice(7)}`));
const twoWay = [...pairs]
  .map((p) => p.split('→'))
  .filter(([a, b]) => a < b && pairs.has(`${b}→${a}`))
  .map(([a, b]) => `${a} ⇄ ${b}`);
const intoModules = edges.filter((e) => e.fromPart === 'platform' && e.toPart.startsWith('module:'));
const isSchema = (e) => e.from === 'src/db/schema.ts' && /\.tables\.ts$/.test(e.to);
const appInternals = edges.filter(
  (e) => e.fromPart === 'app' && e.toPart.startsWith('module:') && !isDoor(e) && !isSchema(e),
);
const modules = readdirSync(join(root, 'src/modules')).filter((n) =>
  statSync(join(root, 'src/modules', n)).isDirectory(),
);
const withoutDoor = modules.filter(
  (m) =>
    !['index.ts', 'index.tsx'].some((f) => {
      try {
        return statSync(join(root, 'src/modules', m, f)).isFile();
      } catch {
        return false;
      }
    }),
);
const long = [...walk(join(root, 'src')), ...walk(join(root, 'test'))]
  .map((f) => ({ f: relative(root, f), n: readFileSync(f, 'utf8').split('\n').length - 1 }))
  .filter((x) => x.n > MAX_LINES)
  .sort((a, b) => b.n - a.n);

const countBy = (xs, key) => {
  const m = new Map();
  for (const x of xs) m.set(key(x), (m.get(key(x)) ?? 0) + 1);
  return [...m].sort((a, b) => b[1] - a[1]);
};

console.log(
  `modules: ${modules.length}; without index.ts: ${withoutDoor.length}${withoutDoor.length ? ` (${withoutDoor.join(', ')})` : ''}`,
);
console.log(
  `imports between modules: ${between.length}; through a door: ${throughDoor.length} (index.ts ${throughDoor.filter(isIndex).length}, a second door ${throughDoor.filter((e) => !isIndex(e)).length}); into internals: ${between.length - throughDoor.length}`,
);
console.log(
  `  most imported: ${countBy(between, (e) => e.toPart.slice(7))
    .slice(0, 6)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ')}`,
);
console.log(`two-way module pairs: ${twoWay.length}${twoWay.length ? ` (${twoWay.join(', ')})` : ''}`);
console.log(
  `platform → module imports: ${intoModules.length}${intoModules.length ? ` (${[...new Set(intoModules.map((e) => e.toPart.slice(7)))].join(', ')})` : ''}`,
);
console.log(`composition roots → module internals: ${appInternals.length}`);
console.log(`files over ${MAX_LINES} lines: ${long.length}`);
for (const x of long) console.log(`  ${x.n} ${x.f}`);
if (list) {
  console.log('\nimports into another module past its doors:');
  for (const e of between.filter((x) => !isDoor(x))) console.log(`  ${e.from} → ${e.to}`);
  console.log('\nplatform → module:');
  for (const e of intoModules) console.log(`  ${e.from} → ${e.to}`);
  console.log('\ncomposition roots → module internals:');
  for (const e of appInternals) console.log(`  ${e.from} → ${e.to}`);
}
