// The public page cache (src/platform/http/public-cache.ts) and the data version that empties it
// (src/db/data-version.ts), on the engine of GK_TEST_ENGINE: a page is shared only between
// visitors who are not signed in, never outlives a committed change, and ages out on the clock.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { openDatabase } from '../../src/db/database.ts';
import { systemContext } from '../../src/bootstrap.ts';
import { seedDemoPublications } from '../../src/modules/demo/index.ts';
import { seedInteractionDemo } from '../../src/modules/demo/index.ts';
import { withdraw } from '../../src/modules/publication/publication.service.ts';
import { inTransaction } from '../../src/platform/transaction.ts';
import { buildJobs, runJobsOnce } from '../../src/jobs/runner.ts';
import { Agent } from '../support/agent.ts';
import { createTestEnv, type TestEnv } from '../support/test-app.ts';

let env: TestEnv;
let lingxiId: number;

before(async () => {
  env = await createTestEnv();
  lingxiId = env.county.agencyIds.lingxi as number;
  await seedDemoPublications(env.database.db, systemContext(env.clock), await env.deps.calendar.get());
  await seedInteractionDemo(env.deps, env.county, systemContext(env.clock));
  await env.user('lx.clerk', 'lingxi', ['clerk']);
});
after(async () => env.close());

const get = (url: string, headers: Record<string, string> = {}) => env.app.inject({ method: 'GET', url, headers });

/** The newest published item of the demo county and its agency's slug. */
async function aPublished() {
  return env.database.db
    .selectFrom('publications as p')
    .innerJoin('agencies as a', 'a.id', 'p.agencyId')
    .select(['p.id', 'a.slug'])
    .where('p.state', '=', 'published')
    .orderBy('p.publishedAt', 'desc')
    .orderBy('p.id', 'desc')
    .executeTakeFirstOrThrow();
}

describe('public page cache', () => {
  test('the second anonymous request is served from memory, identical, with no cookie and an ETag', async () => {
    const first = await get('/agencies/lingxi/statutory');
    assert.equal(first.statusCode, 200);
    assert.equal(first.headers['x-cache'], 'miss');
    assert.equal(first.headers['set-cookie'], undefined, 'a public page mints no CSRF cookie');
    assert.doesNotMatch(first.body, /name="_csrf"/);
    const second = await get('/agencies/lingxi/statutory');
    assert.equal(second.headers['x-cache'], 'hit');
    assert.equal(second.body, first.body);
    assert.equal(second.headers['content-type'], first.headers['content-type']);
    assert.equal(second.headers.etag, first.headers.etag);
    // Security headers are sent on hits as well.
    assert.ok(second.headers['content-security-policy']);
    const revalidated = await get('/agencies/lingxi/statutory', { 'if-none-match': String(first.headers.etag) });
    assert.equal(revalidated.statusCode, 304);
    assert.equal(revalidated.body, '');
  });

  test('JSON API responses are cached with their type', async () => {
    const { slug } = await aPublished();
    await get(`/api/v1/publications?agency=${slug}`);
    const hit = await get(`/api/v1/publications?agency=${slug}`);
    assert.equal(hit.headers['x-cache'], 'hit');
    assert.match(String(hit.headers['content-type']), /application\/json/);
    assert.ok(hit.json().total > 0);
  });

  test('a withdrawal leaves the cached list at once and its page explains it', async () => {
    const pub = await aPublished();
    const listUrl = `/agencies/${pub.slug}/statutory`;
    const first = await get(listUrl);
    assert.ok(first.body.includes(`/publications/${pub.id}"`), 'listed before');
    await get(`/publications/${pub.id}`);
    assert.equal((await get(`/publications/${pub.id}`)).headers['x-cache'], 'hit');
    const before = env.database.version.value;
    await inTransaction(env.database.db, (trx) =>
      withdraw(trx, systemContext(env.clock), 'system', pub.id, '测试撤回：内容已更新。'),
    );
    assert.ok(env.database.version.value > before, 'the commit moved the data version');
    const list = await get(listUrl);
    assert.equal(list.headers['x-cache'], 'miss');
    assert.ok(!list.body.includes(`/publications/${pub.id}"`), 'the withdrawn item has left the list');
    const page = await get(`/publications/${pub.id}`);
    assert.equal(page.statusCode, 410);
    assert.match(page.body, /撤回/);
    assert.equal((await get(`/publications/${pub.id}`)).headers['x-cache'], undefined, 'a 410 is not kept');
  });

  test('raw SQL writes and writes outside a transaction move the version too', async () => {
    await get('/agencies');
    const v0 = env.database.version.value;
    await sql`UPDATE agencies SET short_name = short_name WHERE id = ${lingxiId}`.execute(env.database.db);
    assert.equal(env.database.version.value, v0 + 1);
    assert.equal((await get('/agencies')).headers['x-cache'], 'miss');
    await env.database.db
      .updateTable('agencies')
      .set({ name: '灵溪镇人民政府（测试）' })
      .where('id', '=', lingxiId)
      .execute();
    const renamed = await get('/agencies');
    assert.match(renamed.body, /灵溪镇人民政府（测试）/);
  });

  test('a transaction moves the version only when it commits', async () => {
    const v0 = env.database.version.value;
    await assert.rejects(
      inTransaction(env.database.db, async (trx) => {
        await trx.updateTable('agencies').set({ officePhone: '0743-0000000' }).where('id', '=', lingxiId).execute();
        assert.equal(env.database.version.value, v0, 'not before the commit');
        throw new Error('roll back');
      }),
    );
    assert.equal(env.database.version.value, v0, 'a rollback changes nothing a page shows');
    await inTransaction(env.database.db, async (trx) => {
      await trx.updateTable('agencies').set({ officePhone: '0743-5222223' }).where('id', '=', lingxiId).execute();
      assert.equal(env.database.version.value, v0);
    });
    assert.equal(env.database.version.value, v0 + 1);
  });

  test('signing in and reading do not empty the cache (sessions and the audit log are private tables)', async () => {
    await get('/agencies/lingxi');
    const v0 = env.database.version.value;
    const a = new Agent(env.app);
    assert.equal((await a.login('lx.clerk')).statusCode, 303);
    await a.get('/admin');
    assert.equal(env.database.version.value, v0);
    assert.equal((await get('/agencies/lingxi')).headers['x-cache'], 'hit');
    // A signed-in visitor never gets (or fills) a shared page.
    const mine = await a.get('/agencies/lingxi');
    assert.equal(mine.statusCode, 200);
    assert.equal(mine.headers['x-cache'], undefined);
  });

  test('a job tick that finds nothing to do empties no cache (writes that change no row)', async () => {
    const jobs = buildJobs(env.deps);
    const log = { info: () => undefined, error: (e: unknown) => assert.fail(String(e)) };
    await runJobsOnce(env.deps, jobs, log); // whatever is due now is done here
    await get('/agencies/lingxi');
    const v0 = env.database.version.value;
    // The next tick finds nothing: its sweeps (e.g. DELETE FROM public_submissions WHERE …) match
    // no row. Every process that runs jobs ticks every few seconds; each tick used to empty the
    // page cache of every process.
    await runJobsOnce(env.deps, jobs, log);
    assert.equal(env.database.version.value, v0);
    assert.equal((await get('/agencies/lingxi')).headers['x-cache'], 'hit');
  });

  test('display preferences are part of the key', async () => {
    await get('/agencies/lingxi/system');
    const big = await get('/agencies/lingxi/system', { cookie: 'gk_prefs=xlarge.contrast' });
    assert.match(big.body, /class="font-xlarge contrast"/);
    const plain = await get('/agencies/lingxi/system');
    assert.equal(plain.headers['x-cache'], 'hit');
    assert.match(plain.body, /class="font-normal"/);
    assert.equal(
      (await get('/agencies/lingxi/system', { cookie: 'gk_prefs=contrast.xlarge' })).headers['x-cache'],
      'hit',
      'same choice, same entry',
    );
  });

  test('entries age out on the app clock', async () => {
    await get('/agencies/shouche');
    assert.equal((await get('/agencies/shouche')).headers['x-cache'], 'hit');
    env.clock.advance(env.config.publicCacheSeconds * 1000 + 1);
    assert.equal((await get('/agencies/shouche')).headers['x-cache'], 'miss');
  });

  test('concurrent misses of one page are rendered once', async () => {
    const url = '/agencies/furong/statutory?sort=old';
    const all = await Promise.all(Array.from({ length: 12 }, () => get(url)));
    assert.deepEqual(
      all.map((r) => r.statusCode),
      Array(12).fill(200),
    );
    assert.equal(all.filter((r) => r.headers['x-cache'] === 'miss').length, 1, 'one render');
    assert.equal(all.filter((r) => r.headers['x-cache'] === 'hit').length, 11, 'the others waited for it');
    assert.ok(all.every((r) => r.body === all[0]?.body));
    assert.ok((env.app.publicCache?.size ?? 0) > 0);
  });

  test('a page that carries a CSRF token is never shared, even for a visitor who already has the CSRF cookie', async () => {
    const notices = await env.database.db
      .selectFrom('notices as n')
      .innerJoin('agencies as a', 'a.id', 'n.agencyId')
      .select(['n.id', 'a.slug'])
      .execute();
    const withForm: { url: string; body: string }[] = [];
    const a = new Agent(env.app);
    await a.get('/track'); // a form page: the agent now holds the CSRF cookie
    assert.ok(a.hasCookie('gk_csrf'));
    for (const n of notices) {
      const res = await a.get(`/agencies/${n.slug}/notices/${n.id}`);
      if (res.statusCode === 200 && /name="_csrf"/.test(res.body))
        withForm.push({ url: `/agencies/${n.slug}/notices/${n.id}`, body: res.body });
    }
    assert.ok(withForm.length > 0, 'the demo county has a notice in its objection period');
    for (const { url, body } of withForm) {
      const token = /name="_csrf" value="([^"]+)"/.exec(body)?.[1] as string;
      const other = await get(url);
      assert.notEqual(other.headers['x-cache'], 'hit', url);
      assert.ok(!other.body.includes(token), "another visitor never sees this visitor's token");
      assert.notEqual((await get(url)).headers['x-cache'], 'hit', "nor is the other visitor's page shared");
    }
  });

  test('pages with forms and personal pages are not cached', async () => {
    const form = await get('/agencies/lingxi/apply/online');
    assert.equal(form.statusCode, 200);
    assert.equal(form.headers['x-cache'], undefined);
    assert.match(form.body, /name="_csrf"/);
    assert.equal((await get('/agencies/lingxi/apply/online')).headers['x-cache'], undefined);
  });

  test('a change committed by another process (its own connection) empties the cache within 1 s', async () => {
    const other = openDatabase({
      databaseUrl: env.config.databaseUrl,
      sqliteFile: join(env.config.dataDir, 'gongkai.db'),
      poolSize: 1,
    });
    try {
      await get('/agencies');
      assert.equal((await get('/agencies')).headers['x-cache'], 'hit');
      await inTransaction(other.db, (trx) =>
        trx.updateTable('agencies').set({ name: '灵溪镇人民政府（另一进程）' }).where('id', '=', lingxiId).execute(),
      );
      const committed = Date.now();
      let page = await get('/agencies');
      while (!page.body.includes('灵溪镇人民政府（另一进程）') && Date.now() - committed < 1000) {
        await sleep(20);
        page = await get('/agencies');
      }
      assert.match(page.body, /灵溪镇人民政府（另一进程）/, "the other process's change is shown within 1 s");
    } finally {
      await other.close();
    }
  });
});
