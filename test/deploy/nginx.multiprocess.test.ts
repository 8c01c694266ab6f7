// The production layout of #16 point 5, for real: Debian's nginx with the shipped site
// (deploy/nginx-gongkai.conf, rendered for loopback ports and a self-signed certificate by
// test/support/nginx.ts) in front of two web processes (RUN_JOBS=0, TRUST_PROXY=1,
// SECURE_COOKIES=1, as deploy/gongkai-web@.service sets them) and one `gongkai worker`, each
// with its own DATA_DIR as on separate machines, on one throwaway PostgreSQL database (started
// by test/deploy/production-layout.ts). Checks:
// a login through process A is a session on process B; a release through A is on B's cached
// public page within 1 s; an attachment uploaded through A downloads through B and through
// nginx; the public-form and lookup rate limits count across processes; the deemed-approval job
// decides each case exactly once with three processes running jobs; a rolling restart of one
// web process (SIGTERM, graceful close, start again) loses no request of a steady stream
// through nginx. Run by `npm test` as its own phase (scripts/test.mjs, "multiprocess"), which
// needs nginx, openssl and PostgreSQL (GK_TEST_PG_URL).
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import { loadWorkCalendar } from '../../src/modules/calendar/calendar.service.ts';
import { registerCase } from '../../src/modules/service-hall/service-case.register.ts';
import { acceptCase } from '../../src/modules/service-hall/service-case.service.ts';
import { inTransaction } from '../../src/platform/transaction.ts';
import { HttpClient } from '../support/http-client.ts';
import { publicationFields } from '../support/publication-desk.ts';
import { TEST_NOW } from '../support/test-app.ts';
import { ProductionLayout } from './production-layout.ts';

const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\n% 多进程部署测试附件\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  'utf8',
);
const CASES = 30;
let publicationId: number;

const mp = new ProductionLayout();
before(() => mp.start());
after(() => mp.stop());

const viaNginx = () => new HttpClient(mp.nginx!.base, { ca: mp.nginx!.ca });
const listUrl = '/agencies/lingxi/statutory';

describe('nginx with the shipped site, two web processes and a worker on one PostgreSQL database', () => {
  test('TLS is terminated by nginx with the shipped headers; plain HTTP is sent to HTTPS', async () => {
    const c = viaNginx();
    const health = await c.get('/healthz');
    assert.equal(health.status, 200, health.body);
    // SECURE_COOKIES=1 behind X-Forwarded-Proto: https → HSTS from the web process.
    assert.match(String(health.headers['strict-transport-security']), /max-age=\d+/);
    const login = await c.get('/admin/login');
    assert.equal(login.status, 200);
    assert.match(String(login.headers['set-cookie']), /;\s*Secure/i, 'cookies are marked Secure');
    const css = await c.get('/assets/site.css');
    assert.equal(css.status, 200);
    assert.match(String(css.headers['cache-control']), /public/);
    const plain = await new HttpClient(mp.nginx!.httpBase).get('/agencies/lingxi');
    assert.equal(plain.status, 301);
    assert.match(plain.location, /^https:\/\/127\.0\.0\.1\/agencies\/lingxi$/);
  });

  test('a login through A is a session on B; a release through A is on B’s cached page within 1 s', async () => {
    const anonymousB = new HttpClient(mp.b.base);
    const firstB = await anonymousB.get(listUrl);
    assert.equal(firstB.status, 200);
    const cachedB = await anonymousB.get(listUrl);
    assert.equal(cachedB.headers['x-cache'], 'hit', 'B serves the list from its page cache');

    const clerk = new HttpClient(mp.a.base);
    assert.equal((await clerk.login('mp.clerk')).status, 303);
    const clerkOnB = clerk.at(mp.b.base);
    const workbench = await clerkOnB.get('/admin');
    assert.equal(workbench.status, 200, 'the session made by A is valid on B');
    assert.match(workbench.body, /mp\.clerk/);

    await clerk.get('/admin/publications/new');
    const created = await clerk.post('/admin/publications', {
      agencyId: String(mp.lingxi),
      ...(await publicationFields(mp, mp.lingxi, {
        title: '灵溪镇多进程部署演练公告',
        body: '<p>由一号进程发布、二号进程展示。</p>',
        formedOn: TEST_NOW.slice(0, 10),
        keywords: '部署',
      })),
    });
    assert.equal(created.status, 303, created.body.slice(0, 2000));
    publicationId = Number(/\/admin\/publications\/(\d+)/.exec(created.location)?.[1]);
    await clerk.get(`/admin/publications/${publicationId}`);
    const uploaded = await clerk.postMultipart(`/admin/publications/${publicationId}/attachments`, {}, [
      { name: 'file', fileName: '演练方案.pdf', type: 'application/pdf', content: PDF },
    ]);
    assert.equal(uploaded.status, 303, uploaded.body.slice(0, 2000));
    await clerk.get(`/admin/publications/${publicationId}`);
    assert.equal((await clerk.post(`/admin/publications/${publicationId}/submit`, {})).status, 303);
    const reviewer = new HttpClient(mp.a.base);
    await reviewer.login('mp.reviewer');
    await reviewer.get(`/admin/publications/${publicationId}`);
    const reviewed = await reviewer.post(`/admin/publications/${publicationId}/review`, {
      decision: 'pass',
      comment: '',
    });
    assert.equal(reviewed.status, 303);
    const signer = new HttpClient(mp.a.base);
    await signer.login('mp.signer');
    await signer.get(`/admin/publications/${publicationId}`);

    // The draft, its file, the submission and the review were committed changes too: each emptied
    // B's cache. Cached again right before the release:
    await anonymousB.get(listUrl);
    const before = await anonymousB.get(listUrl);
    assert.equal(before.headers['x-cache'], 'hit', 'cached on B right before the release');
    assert.ok(!before.body.includes(`/publications/${publicationId}"`));
    const released = await signer.post(`/admin/publications/${publicationId}/sign-off`, {
      decision: 'approve',
      comment: '',
    });
    const releasedAt = Date.now();
    assert.equal(released.status, 303);
    let seenAfter = -1;
    while (Date.now() - releasedAt <= 1000) {
      const page = await anonymousB.get(listUrl);
      if (page.body.includes(`/publications/${publicationId}"`)) {
        seenAfter = Date.now() - releasedAt;
        break;
      }
      await sleep(25);
    }
    assert.ok(seenAfter >= 0, 'the release through A is on B’s list within 1 s');
    const article = await anonymousB.get(`/publications/${publicationId}`);
    assert.equal(article.status, 200);
    assert.match(article.body, /灵溪镇多进程部署演练公告/);
    console.log(`# release through A on B's cached list after ${seenAfter} ms`);
  });

  test('an attachment uploaded through A downloads through B and through nginx, byte for byte', async () => {
    const att = await mp.database.db
      .selectFrom('attachments')
      .select('id')
      .where('publicationId', '=', publicationId)
      .executeTakeFirstOrThrow();
    // Stored in PostgreSQL (no FILE_STORE_DIR): B's own DATA_DIR has never seen it.
    const stored = await mp.database.db
      .selectFrom('storedFiles')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    assert.ok(Number(stored.n) >= 1, 'the file is in stored_files');
    for (const client of [new HttpClient(mp.b.base), viaNginx()]) {
      const res = await client.get(`/attachments/${att.id}`);
      assert.equal(res.status, 200, res.body.slice(0, 500));
      assert.equal(res.headers['content-type'], 'application/pdf');
      assert.deepEqual(res.bytes, PDF);
    }
  });

  test('the public-form limit and the lookup limit count the requests of both processes', async () => {
    const letter = (n: number) => ({
      topic: `多进程限流测试来信${n}`,
      body: `这是第${n}封测试来信，用于检查多进程共享的频率限制。`,
      writerName: '张三',
      writerPhone: '13800138000',
      writerEmail: '',
      writerAddress: '',
      website: '',
    });
    // PUBLIC_FORM_RATE_LIMIT=3 accepted submissions a minute per address: A, B, A, then B refuses.
    const order = [mp.a, mp.b, mp.a, mp.b];
    const statuses: number[] = [];
    for (const [i, p] of order.entries()) {
      const c = new HttpClient(p.base);
      await c.get('/agencies/lingxi/mailbox');
      const r = await c.post('/agencies/lingxi/mailbox', letter(i));
      statuses.push(r.status);
      if (i === 3) {
        assert.match(r.body, /操作过于频繁|过于频繁/);
        assert.match(r.body, new RegExp(`多进程限流测试来信${i}`), 'the refused form keeps the text');
      }
    }
    assert.deepEqual(statuses, [303, 303, 303, 429]);
    // The lookup (@fastify/rate-limit with the database store): 3 a minute as well.
    const lookups: number[] = [];
    for (const p of order) {
      const c = new HttpClient(p.base);
      await c.get('/track');
      lookups.push((await c.post('/track', { number: 'YS-0000-0000', code: 'ABCDEF' })).status);
    }
    assert.ok(
      lookups.slice(0, 3).every((s) => s !== 429),
      `the first three lookups are answered: ${lookups}`,
    );
    assert.equal(lookups[3], 429, `the fourth, on the other process, is refused: ${lookups}`);
  });

  test('the deemed-approval job decides each case exactly once with three processes running jobs', async () => {
    const cal = await loadWorkCalendar(mp.database.db);
    // Received two months before today: the 10-working-day limit ended long ago.
    const received = new Date(new Date(TEST_NOW).getTime() - 60 * 86_400_000).toISOString().slice(0, 10);
    const ctx = { actorUserId: null, actorName: 'test', ip: '127.0.0.1', at: `${received}T02:00:00.000Z` };
    const ids: number[] = [];
    // Three batches while the three processes tick every second.
    for (let batch = 0; batch < 3; batch++) {
      await inTransaction(mp.database.db, async (trx) => {
        for (let i = 0; i < CASES / 3; i++) {
          const c = await registerCase(trx, ctx, {
            itemId: mp.deemedItem,
            channel: 'window',
            applicantName: `多进程申请人${batch}${i}`,
            applicantPhone: '13974300001',
            applicantEmail: '',
            summary: '',
          });
          await acceptCase(trx, ctx, cal, c.id);
          ids.push(c.id);
        }
      });
      await sleep(700);
    }
    const decided = async () =>
      Number(
        (
          await mp.database.db
            .selectFrom('serviceCases')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('id', 'in', ids)
            .where('status', '=', 'decided')
            .executeTakeFirstOrThrow()
        ).n,
      );
    for (const t = Date.now(); (await decided()) < CASES; await sleep(200))
      assert.ok(Date.now() - t < 20_000, `all ${CASES} cases decided within 20 s (${await decided()})`);
    await sleep(2500); // more ticks in every process: nothing more may happen
    const events = await mp.database.db
      .selectFrom('auditEvents')
      .select('entityId')
      .where('entityType', '=', 'serviceCase')
      .where('action', '=', 'serviceCase.deemApproval')
      .execute();
    const perCase = new Map<string, number>();
    for (const e of events) perCase.set(String(e.entityId), (perCase.get(String(e.entityId)) ?? 0) + 1);
    assert.deepEqual(
      ids.filter((id) => perCase.get(String(id)) !== 1),
      [],
      'one deemed-approval audit event per case',
    );
    const notices = await mp.database.db
      .selectFrom('notifications')
      .select('relatedId')
      .where('subject', 'like', '%超时默许%')
      .execute();
    assert.equal(notices.length, CASES * 2, 'one notice to the applicant and one to the window per case');
    // The processes' own accounts add up to the cases: no case was counted by two processes.
    const reported = mp.workers.map((w) =>
      [...w.output().matchAll(/deemed approvals (\d+)/g)].reduce((s, m) => s + Number(m[1]), 0),
    );
    assert.equal(
      reported.reduce((s, n) => s + n, 0),
      CASES,
      `approvals reported by the three processes: ${reported}`,
    );
    const run = await mp.database.db
      .selectFrom('jobRuns')
      .selectAll()
      .where('name', '=', 'serviceCases.deemedApproval')
      .executeTakeFirstOrThrow();
    assert.ok(run.lastRunBy, 'the job run is recorded with the process that made it');
    console.log(`# deemed approvals per process: ${reported.join(', ')}`);
    // The two extra job processes leave; the layout is back to two web processes and one worker.
    const extra = mp.workers.splice(1);
    assert.deepEqual(await Promise.all(extra.map((w) => w.stop())), [0, 0]);
  });

  test('a rolling restart of one web process loses no request of a steady stream through nginx', async () => {
    const paths = ['/', listUrl, `/publications/${publicationId}`, '/healthz', '/agencies/lingxi/mailbox'];
    const failures: string[] = [];
    let sent = 0;
    let posted = 0;
    let stop = false;
    const logBefore = mp.nginx!.accessLog().length;
    const stream = Promise.all(
      Array.from({ length: 6 }, async (_, lane) => {
        const c = viaNginx();
        for (let i = lane; !stop; i += 6) {
          const path = paths[i % paths.length]!;
          sent++;
          // Lanes 0 and 3 also post a form (nginx never retries a POST it has sent): without a
          // valid CSRF token it is refused with 403 and stores nothing, but it must get an answer
          // from Gongkai, not a 502/503 from a connection closed under it.
          const post = lane % 3 === 0 && i % 2 === 0;
          const what = post ? 'POST /agencies/lingxi/mailbox' : `GET ${path}`;
          try {
            const r = post ? await c.post('/agencies/lingxi/mailbox', { title: '停机测试' }) : await c.get(path);
            if (post ? r.status !== 403 : r.status !== 200) failures.push(`${what}: ${r.status}`);
            if (post) posted++;
          } catch (err) {
            failures.push(`${what}: ${(err as Error).message}`);
          }
        }
      }),
    );
    await sleep(500);
    const stopping = Date.now();
    const code = await mp.b.stop();
    const downFor = Date.now() - stopping;
    assert.equal(code, 0, `B ended cleanly on SIGTERM:\n${mp.b.output().slice(-2000)}`);
    const sentWhileDown = sent;
    await mp.restartB();
    const upAgain = sent;
    const logAtUp = mp.nginx!.accessLog().length;
    // nginx tries a failed server again after fail_timeout (2 s in the shipped site).
    await sleep(3000);
    stop = true;
    await stream;
    assert.deepEqual(
      failures,
      [],
      `${failures.length} of ${sent} requests failed\n${mp.nginx!.errorLog().slice(-2000)}`,
    );
    assert.ok(upAgain - sentWhileDown > 0 && sent >= 50, `a steady stream (${sent} requests)`);
    assert.ok(posted >= 10, `forms were posted during the restart (${posted})`);
    const lines = mp.nginx!.accessLog().slice(logBefore);
    const byB = lines.filter((l) => l.split(' ')[1] === `127.0.0.1:${mp.bPort}`);
    assert.ok(
      mp
        .nginx!.accessLog()
        .slice(logAtUp)
        .some((l) => l.split(' ')[1] === `127.0.0.1:${mp.bPort}`),
      'nginx sends requests to B again after its restart',
    );
    console.log(
      `# rolling restart: ${sent} requests (${posted} POST), 0 failed; B stopped in ${downFor} ms, ${byB.length} answered by B`,
    );
  });
});
