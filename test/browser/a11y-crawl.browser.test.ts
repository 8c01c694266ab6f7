// The accessibility crawl (issue #14, acceptance): at least 100 public pages of the demo county,
// listed from the route table (every public GET whose only parameter is an agency, for the county
// and one town) and then from the links on the pages themselves, each opened once in Chromium at
// 375 × 812: no sideways scrolling, axe-core 0 violations. The HTML each page was served with is
// saved and checked afterwards by the Nu HTML checker (npm vnu-jar) in one Java run over all the
// files: 0 errors. One demo app, one browser. Without Java the Nu check is skipped with the reason
// (.ci/run installs default-jre-headless, so CI never skips it).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { BrowserSuite, formatViolations, runAxe, SKIP_WITHOUT_CHROMIUM } from '../support/browser.ts';

const MIN_PAGES = 100;
const MAX_PAGES = 110;
/** Query-string variants of one path (pages of a list, filters) are sampled, not all followed. */
const MAX_PER_PATH = 2;
const PHONE = { width: 375, height: 812 };
const SLUGS = ['yongshun', 'lingxi'];

/** The checker's jar from the npm package vnu-jar (its own Java download is not run: allowScripts). */
function vnuJar(): string | undefined {
  try {
    return createRequire(import.meta.url).resolve('vnu-jar/build/dist/vnu.jar');
  } catch {
    return undefined;
  }
}
const VNU_JAR = vnuJar();
const java = spawnSync('java', ['-version'], { encoding: 'utf8' });
const SKIP_WITHOUT_JAVA: false | string = !VNU_JAR
  ? 'vnu-jar is not installed: run npm install'
  : java.error || java.status !== 0
    ? 'Java not found: the Nu HTML checker (vnu-jar) needs a Java runtime ≥ 11 (apt-get install default-jre-headless)'
    : false;

/** Paths that are not pages: assets, feeds, downloads, the display-preference redirects, staff pages. */
const NOT_A_PAGE =
  /^\/(admin|api|assets|prefs|healthz|bench|docs)(\/|$)|\.(xml|csv|docx|pdf|svg|json|txt|js|css|png|jpg)$|\/(feed|rss|atom|qr\.svg|docx|files)(\/|$)/;

describe('a11y crawl of the public pages', { skip: SKIP_WITHOUT_CHROMIUM, timeout: 900_000 }, () => {
  const suite = new BrowserSuite();
  let page: Page;
  let dir = '';
  let origin = '';
  let routes: readonly { method: string; url: string }[] = [];
  const saved: string[] = [];

  before(async () => {
    const server = await suite.open();
    origin = server.baseUrl;
    routes = server.app.routeTable;
    page = await suite.newPage({ viewport: PHONE, bypassCSP: true });
    dir = mkdtempSync(join(tmpdir(), 'gk-a11y-crawl-'));
  });

  after(async () => {
    await suite.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test(`≥ ${MIN_PAGES} public pages at 375 px: no sideways scrolling, axe-core 0`, async (t) => {
    const seeds = routes
      .filter((r) => r.method === 'GET' && !NOT_A_PAGE.test(r.url))
      .filter((r) => [...r.url.matchAll(/:(\w+)/g)].every((m) => m[1] === 'slug'))
      .flatMap((r) => (r.url.includes(':slug') ? SLUGS.map((s) => r.url.replace(/:slug/g, s)) : [r.url]));
    const queue = [...new Set(seeds)];
    const seen = new Set(queue);
    const perPath = new Map<string, number>();
    const overflow: string[] = [];
    const axe: string[] = [];
    const failed: string[] = [];
    while (queue.length && saved.length < MAX_PAGES) {
      const url = queue.shift() as string;
      const res = await page.goto(url);
      const type = res?.headers()['content-type'] ?? '';
      if (!res || !type.startsWith('text/html')) continue;
      if (res.status() !== 200) {
        failed.push(`${url} → ${res.status()}`);
        continue;
      }
      const file = join(dir, `${String(saved.length).padStart(3, '0')}.html`);
      writeFileSync(file, await res.text());
      saved.push(url);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      if (width > PHONE.width) overflow.push(`${url}: scrollWidth ${width}`);
      const violations = await runAxe(page);
      if (violations.length) axe.push(`${url}:\n${formatViolations(violations)}`);
      const links = await page.$$eval('a[href]', (as) => as.map((a) => (a as HTMLAnchorElement).href));
      for (const href of links) {
        const u = new URL(href);
        // The print view is the same page with another stylesheet: one is enough (the home page's).
        if (u.origin !== origin || NOT_A_PAGE.test(u.pathname) || (u.searchParams.has('print') && u.pathname !== '/'))
          continue;
        const next = `${u.pathname}${u.search}`;
        if (seen.has(next)) continue;
        seen.add(next);
        if (u.search) {
          const n = perPath.get(u.pathname) ?? 0;
          if (n >= MAX_PER_PATH) continue;
          perPath.set(u.pathname, n + 1);
        }
        queue.push(next);
      }
    }
    t.diagnostic(
      `${saved.length} pages crawled; overflow ${overflow.length}, axe ${axe.length}, not 200 ${failed.length}`,
    );
    assert.ok(saved.length >= MIN_PAGES, `only ${saved.length} public pages found`);
    // The public forms (their autocomplete tokens are what the Nu checker judged wrong before).
    for (const form of ['mailbox', 'inquiry', 'complaint', 'apply/online'])
      assert.ok(saved.includes(`/agencies/lingxi/${form}`), `${form} form crawled`);
    // All three at once, so that one run shows every finding.
    assert.deepEqual({ failed, overflow, axe }, { failed: [], overflow: [], axe: [] });
  });

  test('the Nu HTML checker finds no error in the pages as served', { skip: SKIP_WITHOUT_JAVA }, (t) => {
    assert.ok(saved.length >= MIN_PAGES, 'the crawl saved the pages');
    const files = saved.map((_, i) => join(dir, `${String(i).padStart(3, '0')}.html`));
    // One JVM for all the files; JSON on stdout.
    const run = spawnSync(
      'java',
      ['-jar', VNU_JAR as string, '--errors-only', '--format', 'json', '--stdout', ...files],
      {
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    assert.ok(!run.error && run.stdout, `vnu did not run: ${run.error?.message ?? run.stderr}`);
    const { messages } = JSON.parse(run.stdout) as {
      messages: { type: string; url?: string; message: string; extract?: string }[];
    };
    const errors = messages
      .filter((m) => m.type === 'error' || m.type === 'non-document-error')
      .map((m) => {
        const i = Number(/(\d+)\.html$/.exec(m.url ?? '')?.[1] ?? -1);
        return `${saved[i] ?? m.url}: ${m.message} ${m.extract ? `「${m.extract}」` : ''}`;
      });
    t.diagnostic(`Nu HTML checker: ${files.length} pages, ${errors.length} errors`);
    assert.deepEqual(errors, [], 'Nu HTML checker errors');
  });
});
