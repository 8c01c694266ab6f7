// Open redirects through return paths (issue #12 point 3), as a browser would send them: the
// display toolbar's `return` and the login form's `next` only ever lead to a page of this site.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Agent } from '../support/agent.ts';
import { createTestEnv, type TestEnv } from '../support/test-app.ts';

let env: TestEnv;
before(async () => {
  env = await createTestEnv();
  await env.user('lx.clerk', 'lingxi', ['clerk']);
});
after(() => env.close());

// Raw query strings, exactly as typed into the address bar.
const HOSTILE = [
  '/%09/evil.example',
  '/%0a/evil.example',
  '/%0d%0a/evil.example',
  '//evil.example',
  '%2F%2Fevil.example',
  '/%5Cevil.example',
  '%5C%5Cevil.example',
  '/%5C/evil.example',
  '/.//evil.example',
  'https://evil.example/',
  'https:evil.example',
  'javascript:alert(1)',
  '/%00',
  '%01/evil.example',
];

describe('/prefs?return=', () => {
  test('a hostile return path sends the reader home, never to another host', async () => {
    for (const raw of HOSTILE) {
      const res = await env.app.inject(`/prefs?font=large&return=${raw}`);
      assert.equal(res.statusCode, 303, raw);
      assert.equal(res.headers.location, '/', raw);
    }
  });

  test('non-Latin paths are kept, percent-encoded (no 500 from the Location header)', async () => {
    const res = await env.app.inject('/prefs?return=/%E3%80%80');
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/%E3%80%80');
    const search = await env.app.inject(`/prefs?return=${encodeURIComponent('/search?q=低保')}`);
    assert.equal(search.headers.location, '/search?q=%E4%BD%8E%E4%BF%9D');
  });

  test('a same-site return path is followed', async () => {
    const res = await env.app.inject('/prefs?contrast=on&return=%2Fagencies%2Flingxi');
    assert.equal(res.headers.location, '/agencies/lingxi');
  });
});

describe('/admin/login next', () => {
  test('the login form carries only a same-site admin path', async () => {
    for (const raw of HOSTILE) {
      const page = await env.app.inject(`/admin/login?next=${raw}`);
      assert.equal(page.statusCode, 200, raw);
      assert.match(page.body, /name="next" value="\/admin"/, raw);
    }
    const ok = await env.app.inject('/admin/login?next=%2Fadmin%2Fpublications%3Fstate%3Ddraft');
    assert.match(ok.body, /name="next" value="\/admin\/publications\?state=draft"/);
  });

  test('after signing in, a hostile next leads to the console, a good one to its page', async () => {
    const cases: [string, string][] = [
      ['/\t/evil.example', '/admin'],
      ['/admin/..//evil.example', '/admin'],
      ['/admin/../agencies', '/admin'],
      ['//evil.example/admin', '/admin'],
      ['/admin/publications', '/admin/publications'],
    ];
    for (const [next, expected] of cases) {
      const a = new Agent(env.app);
      await a.get('/admin/login');
      const res = await a.post('/admin/login', { username: 'lx.clerk', password: 'Correct-horse-42', next });
      assert.equal(res.statusCode, 303, next);
      assert.equal(res.headers.location, expected, next);
    }
  });
});
