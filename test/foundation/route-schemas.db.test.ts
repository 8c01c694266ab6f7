// Route validators are compiled on a route's first request (platform/http/schema.ts lazyValidators),
// so a schema Ajv cannot compile would no longer stop the app from starting: this test compiles
// every part of every route's schema with the same factory and options as the app, and checks that
// a validation failure still reaches the error handler through the lazy validator.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import AjvCompiler from '@fastify/ajv-compiler';
import { createTestEnv, type TestEnv } from '../support/test-app.ts';

let env: TestEnv;
before(async () => {
  env = await createTestEnv();
});
after(() => env.close());

test('every route schema compiles with the app’s Ajv options', () => {
  const compile = AjvCompiler()({}, { customOptions: { allowUnionTypes: true }, plugins: [] });
  let parts = 0;
  for (const r of env.app.routeTable) {
    for (const httpPart of ['params', 'querystring', 'body'] as const) {
      const schema = r.schema[httpPart] as object | undefined;
      if (!schema) continue;
      assert.doesNotThrow(() => compile({ schema, method: r.method, url: r.url, httpPart }), `${r.method} ${r.url}`);
      parts++;
    }
  }
  assert.ok(parts > 200, `schemas compiled: ${parts}`);
});

test('a lazily compiled validator still answers a bad path parameter and a duplicated query', async () => {
  for (let i = 0; i < 2; i++) {
    // The first request compiles the validator; the second uses the compiled one.
    assert.equal((await env.app.inject({ method: 'GET', url: '/publications/abc' })).statusCode, 404);
    const dup = await env.app.inject({ method: 'GET', url: '/search?q=a&q=b' });
    assert.equal(dup.statusCode, 400);
    assert.match(dup.body, /[\u4e00-\u9fff]/u, 'a Chinese message');
  }
});
