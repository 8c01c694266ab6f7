// 关怀版 (适老化, issue #14 point 3; 工信部《互联网网站适老化通用设计规范》): a labelled entry in
// every public page's header, a plain link through /prefs (no JavaScript needed) that keeps the
// choice in the display cookie and returns to the same page (same-origin paths only); in 关怀版 the
// page is marked for the large-type, one-column stylesheet and loads the read-aloud script, which
// is the only place a read-aloud button comes from (none in the HTML).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { systemContext } from '../../src/bootstrap.ts';
import { seedDemoPublications } from '../../src/modules/demo/demo-publications.ts';
import { Agent } from '../support/agent.ts';
import { createTestEnv, type TestEnv } from '../support/test-app.ts';

let env: TestEnv;
let articleUrl: string;
before(async () => {
  env = await createTestEnv();
  await seedDemoPublications(env.database.db, systemContext(env.clock), await env.deps.calendar.get());
  const pub = await env.database.db
    .selectFrom('publications')
    .select('id')
    .where('state', '=', 'published')
    .executeTakeFirstOrThrow();
  articleUrl = `/publications/${pub.id}`;
});
after(async () => {
  await env.close();
});

const careLink = (html: string) => /<a href="(\/prefs\?care=[^"]+)" class="care-toggle">([^<]+)<\/a>/.exec(html);

describe('关怀版', () => {
  test('every public page has a labelled 关怀版 link in its header that returns to the same page', async () => {
    for (const url of ['/', '/agencies', articleUrl, '/search?q=%E4%BD%8E%E4%BF%9D', '/track']) {
      const res = await env.app.inject(url);
      assert.equal(res.statusCode, 200, url);
      const header = res.body.slice(res.body.indexOf('<header'), res.body.indexOf('</header>'));
      const m = careLink(header);
      assert.ok(m, `${url}: no 关怀版 entry in the header`);
      assert.equal(m[2], '关怀版');
      assert.equal(m[1], `/prefs?care=on&amp;return=${encodeURIComponent(url)}`, url);
      assert.doesNotMatch(res.body, /read-aloud/, `${url}: the read-aloud script belongs to 关怀版 only`);
    }
  });

  test('the link sets the cookie and comes back; 关怀版 pages are marked, load the script and offer the way out', async () => {
    const a = new Agent(env.app);
    const on = await a.get(`/prefs?care=on&return=${encodeURIComponent(articleUrl)}`);
    assert.equal(on.statusCode, 303);
    assert.equal(on.headers.location, articleUrl);
    assert.equal(on.headers['cache-control'], 'no-store');
    const page = await a.get(articleUrl);
    assert.match(page.body, /<html lang="zh-CN" class="font-normal care">/);
    assert.match(page.body, /<script type="module" src="\/assets\/read-aloud.js"><\/script>/);
    // No read-aloud button in the HTML: the script adds it where the browser can speak.
    assert.doesNotMatch(page.body, /<button[^>]*read-aloud/);
    assert.doesNotMatch(page.body, /语音朗读/);
    // No pop-ups: nothing opens a new window.
    assert.doesNotMatch(page.body, /target="_blank"|window\.open/);
    const m = careLink(page.body);
    assert.equal(m?.[2], '退出关怀版');
    // 关怀版 combines with the other display choices and is kept while they change.
    await a.get('/prefs?font=xlarge&return=%2F');
    assert.match((await a.get('/')).body, /<html lang="zh-CN" class="font-xlarge care">/);
    // A visitor without the cookie gets the standard page (the public page cache keys on the choice).
    assert.match((await env.app.inject(articleUrl)).body, /<html lang="zh-CN" class="font-normal">/);
    const off = await a.get(`/prefs?care=off&return=${encodeURIComponent('/agencies')}`);
    assert.equal(off.headers.location, '/agencies');
    const after = await a.get('/agencies');
    assert.match(after.body, /<html lang="zh-CN" class="font-xlarge">/);
    assert.equal(careLink(after.body)?.[2], '关怀版');
  });

  test('the return path stays on this site; a POST from a form works as well', async () => {
    for (const evil of ['https://evil.example/', '//evil.example/', '/\\evil.example', 'javascript:alert(1)']) {
      const res = await env.app.inject(`/prefs?care=on&return=${encodeURIComponent(evil)}`);
      assert.equal(res.statusCode, 303, evil);
      assert.equal(res.headers.location, '/', evil);
    }
    const bad = await env.app.inject('/prefs?care=maybe&return=%2F');
    assert.equal(bad.statusCode, 400);
    const a = new Agent(env.app);
    await a.get('/admin/login');
    const posted = await a.post('/prefs', { care: 'on', return: '/agencies' });
    assert.equal(posted.statusCode, 303);
    assert.equal(posted.headers.location, '/agencies');
    assert.match((await a.get('/')).body, /class="font-normal care"/);
  });

  test("the print view's own 打印版 link does not add a second print=1 (that was a 400)", async () => {
    const print = await env.app.inject('/agencies?print=1');
    assert.equal(print.statusCode, 200);
    assert.match(print.body, /href="\/agencies\?print=1" class="toolbar-link"/);
    assert.equal((await env.app.inject('/agencies?print=1&print=1')).statusCode, 400);
  });

  test('the read-aloud script is served from this site', async () => {
    const res = await env.app.inject('/assets/read-aloud.js');
    assert.equal(res.statusCode, 200);
    assert.match(res.headers['content-type'] as string, /javascript/);
    assert.match(res.body, /speechSynthesis/);
    assert.match(res.body, /zh-CN/);
  });
});
