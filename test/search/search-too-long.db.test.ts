// A 检索词 longer than the search form allows (typed or pasted into the address): the search page
// comes back with the form holding the text cut to the limit and a message on the field, 400 —
// the citizen shortens it there. Within one agency (?agency=) the page stays within it.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestEnv, type TestEnv } from '../support/test-app.ts';

let env: TestEnv;
before(async () => {
  env = await createTestEnv();
});
after(() => env.close());

const long = '灵溪县政务公开'.repeat(43).slice(0, 300);
/** The form's limit (search.views.tsx, SEARCH_MAX_LENGTH). */
const kept = long.slice(0, 200);

function fieldValue(body: string): string | undefined {
  return /<input id="search-q"[^>]* value="([^"]*)"/.exec(body)?.[1];
}

test('a 300-character search: the form comes back holding the first 200 characters, with the message', async () => {
  const res = await env.app.inject({ method: 'GET', url: `/search?q=${encodeURIComponent(long)}` });
  assert.equal(res.statusCode, 400);
  assert.match(res.body, /<form method="get" action="\/search"/);
  assert.equal(fieldValue(res.body), kept);
  assert.match(res.body, /<p class="error" id="search-q-error">检索词不能超过 200 个字，已保留前 200 个字/);
  assert.match(res.body, /aria-invalid="true" aria-describedby="search-q-error"/);
  assert.match(res.body, /maxlength="200"/);
  assert.doesNotMatch(res.body, /找到 \d+ 条结果/);
});

test('within one agency the cut search stays within it; any length a request can carry is answered so', async () => {
  const res = await env.app.inject({
    method: 'GET',
    url: `/search?agency=lingxi&q=${encodeURIComponent(`  ${long}${'x'.repeat(3000)}`)}`,
  });
  assert.equal(res.statusCode, 400);
  assert.match(res.body, /<input type="hidden" name="agency" value="lingxi"\/?>/);
  assert.match(res.body, /检索公开信息（[^）]+）/);
  assert.equal(fieldValue(res.body), kept);
});

test('200 characters are still searched', async () => {
  const res = await env.app.inject({ method: 'GET', url: `/search?q=${encodeURIComponent(kept)}` });
  assert.equal(res.statusCode, 200);
  assert.equal(fieldValue(res.body), kept);
  assert.doesNotMatch(res.body, /search-q-error/);
  assert.match(res.body, /找到 \d+ 条结果/);
});
