// The security headers (platform/http/security.ts: helmet's middleware, built once at start-up) on
// every kind of answer — a page, a 404, /healthz and an asset — with and without SECURE_COOKIES
// (HSTS and upgrade-insecure-requests only behind HTTPS). The values are the ones @fastify/helmet
// sent before the middleware was built once (docs/PERFORMANCE.md, "Render cost").
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestEnv, type TestEnv } from '../support/test-app.ts';

const CSP =
  "default-src 'self';base-uri 'self';font-src 'self' https: data:;form-action 'self';frame-ancestors 'self';" +
  "img-src 'self' data:;object-src 'none';script-src 'self';script-src-attr 'none';style-src 'self' https: 'unsafe-inline'";

const COMMON = {
  'content-security-policy': CSP,
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'origin-agent-cluster': '?1',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-dns-prefetch-control': 'off',
  'x-download-options': 'noopen',
  'x-frame-options': 'SAMEORIGIN',
  'x-permitted-cross-domain-policies': 'none',
  'x-xss-protection': '0',
};

let plain: TestEnv;
let secure: TestEnv;
before(async () => {
  plain = await createTestEnv();
  secure = await createTestEnv({ config: { secureCookies: true } });
});
after(async () => {
  await plain.close();
  await secure.close();
});

const PATHS = ['/', '/no-such-page', '/healthz', '/assets/site.css'];

describe('security headers', () => {
  test('every answer carries helmet’s headers; no HSTS over plain HTTP', async () => {
    for (const url of PATHS) {
      const res = await plain.app.inject({ method: 'GET', url });
      for (const [name, value] of Object.entries(COMMON)) assert.equal(res.headers[name], value, `${url} ${name}`);
      assert.equal(res.headers['strict-transport-security'], undefined, url);
      assert.equal(res.headers['x-powered-by'], undefined, url);
    }
  });

  test('with SECURE_COOKIES: HSTS and upgrade-insecure-requests as well', async () => {
    for (const url of PATHS) {
      const res = await secure.app.inject({ method: 'GET', url });
      for (const [name, value] of Object.entries(COMMON))
        assert.equal(
          res.headers[name],
          name === 'content-security-policy' ? `${value};upgrade-insecure-requests` : value,
          `${url} ${name}`,
        );
      assert.equal(res.headers['strict-transport-security'], 'max-age=31536000; includeSubDomains', url);
    }
  });

  test('a POST refused for its CSRF token carries them too', async () => {
    const res = await plain.app.inject({ method: 'POST', url: '/agencies/lingxi/mailbox', payload: { title: 'x' } });
    assert.ok(res.statusCode >= 400);
    assert.equal(res.headers['content-security-policy'], CSP);
    assert.equal(res.headers['x-frame-options'], 'SAMEORIGIN');
  });
});
