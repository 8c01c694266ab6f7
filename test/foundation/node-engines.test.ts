// Node version honesty (#12 point 12): `npm ci` on the machine's Node 20 must print no EBADENGINE
// warning, and `engines` must state what the code really needs. npm warns when an installed
// package's `engines.node` does not accept the running Node; the lockfile records every package's
// `engines`, so this checks them all against the versions we promise:
// - what the app installs in production (`npm ci --omit=dev`) accepts the oldest Node that
//   package.json's `engines` allows, and Node 22 and 24;
// - the development tools (lint, typecheck, tests; CI installs them) accept the `devEngines`
//   range, which the README states next to `engines`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

// npm's own semver (a devDependency), typed here for the few calls this test makes.
interface SemVer {
  version: string;
  major: number;
}
const semver = createRequire(import.meta.url)('semver') as {
  satisfies(version: string, range: string): boolean;
  minVersion(range: string): SemVer | null;
  subset(sub: string, dom: string): boolean;
  Range: new (range: string) => { set: { value: string }[][] };
};

const root = new URL('../../', import.meta.url);
const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as {
  engines: { node: string };
  devEngines?: { runtime?: { name: string; version: string } };
};
const lock = JSON.parse(readFileSync(new URL('package-lock.json', root), 'utf8')) as {
  packages: Record<string, { dev?: boolean; optional?: boolean; engines?: Record<string, string> | string[] }>;
};

function nodeRange(engines: Record<string, string> | string[] | undefined): string | undefined {
  // A few old packages wrote `engines` as an array of strings; npm ignores those.
  if (!engines || Array.isArray(engines)) return undefined;
  return engines.node;
}

/** Packages whose `engines.node` refuses `version` (npm would print EBADENGINE for them). */
function refusing(version: string, which: 'prod' | 'all'): string[] {
  const out: string[] = [];
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (path === '' || (which === 'prod' && entry.dev)) continue;
    const range = nodeRange(entry.engines);
    if (range && !semver.satisfies(version, range)) out.push(`${path.replace(/^.*node_modules\//, '')} (${range})`);
  }
  return out;
}

test('engines says the oldest Node the app runs on, a release line of its own', () => {
  const min = semver.minVersion(pkg.engines.node);
  assert.ok(min, `engines.node ${pkg.engines.node} is not a semver range`);
  assert.equal(min.major, 20, 'the README promises Node 20 (until its end of life)');
  assert.ok(semver.satisfies('22.0.0', pkg.engines.node) && semver.satisfies('24.0.0', pkg.engines.node));
});

test('every runtime dependency accepts the oldest Node engines allows, and Node 22 and 24', () => {
  const min = semver.minVersion(pkg.engines.node)!.version;
  for (const v of [min, '20.20.2', '22.0.0', '24.0.0']) {
    assert.deepEqual(refusing(v, 'prod'), [], `Node ${v} would get EBADENGINE from these runtime packages`);
  }
});

test('every development dependency accepts the devEngines range (what CI and contributors run)', () => {
  const range = pkg.devEngines?.runtime?.version;
  assert.ok(range, 'package.json states devEngines.runtime.version for the development tools');
  assert.equal(pkg.devEngines?.runtime?.name, 'node');
  assert.ok(semver.subset(range, pkg.engines.node), 'devEngines is narrower than engines, never wider');
  // The lowest version each part of the range allows (e.g. 20.19.0, 22.13.0, 24.0.0).
  const probes = new semver.Range(range).set.map(
    (part) => semver.minVersion(part.map((c) => c.value).join(' '))!.version,
  );
  assert.ok(probes.length > 0);
  for (const v of [...probes, '20.20.2']) {
    assert.deepEqual(refusing(v, 'all'), [], `Node ${v} would get EBADENGINE during npm ci`);
  }
});
