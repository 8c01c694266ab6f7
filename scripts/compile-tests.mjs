// The TypeScript of src/, test/ and bench/ as plain JavaScript, for `npm test` (scripts/test.mjs).
//
// Every test file of the suite, and every server and CLI process a test starts, is its own Node
// process. Through tsx each paid about 1.3 s of CPU more at startup than the same modules as plain
// JavaScript (Node 20 runs loader hooks on a separate thread, one round trip per resolve and load;
// docs/PERFORMANCE.md, "Compiled once per run"). So the runner compiles the sources once, with the
// esbuild that tsx itself uses (same tsconfig: JSX for preact, verbatimModuleSyntax), into
// node_modules/.cache/gongkai-js/ — the same tree, `x.ts` → `x.ts.js`, `x.tsx` → `x.tsx.js`,
// relative imports rewritten to match — and runs node on that, without any hook.
//
// - `import.meta.url`, `.dirname` and `.filename` are replaced by the SOURCE file's, so fixtures,
//   data files, client scripts and `createRequire` resolve exactly as under tsx.
// - A file is compiled again only when its bytes (or this compiler) changed: a second run with no
//   edit compiles nothing. Outputs of deleted sources are removed.
// - Children the tests start find the tree through GK_TEST_JS_DIR (bin/gongkai.mjs,
//   test/support/server-process.ts); without it (a file run by hand with `node --import tsx`)
//   everything runs from the sources through tsx as before.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { transform, version } from 'esbuild';

const DIRS = ['src', 'test', 'bench'];
/** Bumped when the output of a given source may change (the cache key includes it). */
const COMPILER = `1 esbuild ${version}`;

/** Every TypeScript file under the given folders, relative to root. */
function sources(root) {
  const out = [];
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts')) out.push(relative(root, p));
    }
  };
  for (const d of DIRS) walk(join(root, d));
  return out;
}

/** `./a/b.ts` → `./a/b.ts.js` in every static and literal dynamic import or re-export. */
function rewriteImports(code) {
  return code.replace(/(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)"(\.\.?\/[^"\n]*\.tsx?)"/g, '$1"$2.js"');
}

/**
 * Compiles what changed; returns the output folder (mirror of root: `<out>/test/x.test.ts.js`).
 * @param {string} root the repository
 */
export async function compileTests(root) {
  const outDir = join(root, 'node_modules', '.cache', 'gongkai-js');
  const manifestFile = join(outDir, 'manifest.json');
  let manifest = {};
  try {
    manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
  } catch {
    /* first run */
  }
  const tsconfig = JSON.parse(readFileSync(join(root, 'tsconfig.json'), 'utf8'));
  const next = {};
  let compiled = 0;
  const started = Date.now();
  await Promise.all(
    sources(root).map(async (rel) => {
      const file = join(root, rel);
      const text = readFileSync(file, 'utf8');
      const key = createHash('sha256')
        .update(COMPILER)
        .update('\0')
        .update(rel)
        .update('\0')
        .update(text)
        .digest('hex');
      next[rel] = key;
      if (manifest[rel] === key) return;
      const url = pathToFileURL(file).href;
      const { code } = await transform(text, {
        loader: rel.endsWith('.tsx') ? 'tsx' : 'ts',
        format: 'esm',
        target: 'node20',
        sourcefile: rel,
        tsconfigRaw: { compilerOptions: tsconfig.compilerOptions },
        define: {
          'import.meta.url': JSON.stringify(url),
          'import.meta.dirname': JSON.stringify(dirname(file)),
          'import.meta.filename': JSON.stringify(file),
        },
      });
      const out = join(outDir, `${rel}.js`);
      mkdirSync(dirname(out), { recursive: true });
      // Whole files only: another run of the suite in this checkout may be reading the tree.
      writeFileSync(`${out}.${process.pid}`, rewriteImports(code));
      renameSync(`${out}.${process.pid}`, out);
      compiled++;
    }),
  );
  for (const rel of Object.keys(manifest)) if (!next[rel]) rmSync(join(outDir, `${rel}.js`), { force: true });
  mkdirSync(outDir, { recursive: true });
  // Plain ES modules whatever package.json says above them.
  const pkg = join(outDir, 'package.json');
  const pkgText = '{ "type": "module" }\n';
  if (!existsSync(pkg) || readFileSync(pkg, 'utf8') !== pkgText) writeFileSync(pkg, pkgText);
  writeFileSync(`${manifestFile}.${process.pid}`, JSON.stringify(next));
  renameSync(`${manifestFile}.${process.pid}`, manifestFile);
  return { outDir, compiled, total: Object.keys(next).length, ms: Date.now() - started };
}

/** The compiled counterpart of a source path relative to root (`test/a.test.ts` → `<out>/test/a.test.ts.js`). */
export function compiledPath(outDir, rel) {
  return join(outDir, `${rel.split('/').join(sep)}.js`);
}
