// The site's icon: /favicon.ico, which browsers ask for on their own, leads to a real SVG icon that
// every page links from its head, and both answers may be cached.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestEnv, type TestEnv } from '../support/test-app.ts';

let env: TestEnv;
before(async () => {
  env = await createTestEnv();
});
after(() => env.close());

test('/favicon.ico leads to the SVG icon, and both may be cached', async () => {
  const ico = await env.app.inject({ method: 'GET', url: '/favicon.ico' });
  assert.equal(ico.statusCode, 301);
  assert.equal(ico.headers.location, '/assets/favicon.svg');
  assert.match(String(ico.headers['cache-control']), /public, max-age=\d+/);

  const svg = await env.app.inject({ method: 'GET', url: '/assets/favicon.svg' });
  assert.equal(svg.statusCode, 200);
  assert.match(String(svg.headers['content-type']), /^image\/svg\+xml/);
  assert.match(String(svg.headers['cache-control']), /public, max-age=\d+/);
  assert.match(svg.body, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]*viewBox="0 0 32 32"/);

  const again = await env.app.inject({
    method: 'GET',
    url: '/assets/favicon.svg',
    headers: { 'if-none-match': String(svg.headers.etag) },
  });
  assert.equal(again.statusCode, 304);
});

test('portal and console pages link the icon', async () => {
  for (const url of ['/', '/search', '/admin/login']) {
    const page = await env.app.inject({ method: 'GET', url });
    assert.equal(page.statusCode, 200, url);
    assert.match(page.body, /<link rel="icon" type="image\/svg\+xml" href="\/assets\/favicon\.svg"\/?>/, url);
  }
});
