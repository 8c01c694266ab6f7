// Several processes on one database, and a crash, on the engine of GK_TEST_ENGINE (issue #12,
// points 7 and the crash test): the real server (src/server.ts) as a child process under load
// while the worker starts and five `user create` runs write through the CLI — no request fails,
// every CLI run succeeds; then 300 concurrent submissions, kill -9 midway, restart on the same
// data: every acknowledged number is there, nothing is half-written, every series is gap-free,
// and `audit verify` passes.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { openDatabase, type Database } from '../../src/db/database.ts';
import { application } from '../info-request/helpers.ts';
import { spawnCli } from '../support/cli.ts';
import { numberedLetter, receiptNumberOf } from '../support/interaction.ts';
import { HttpClient, runConcurrently } from '../support/http-client.ts';
import { processEnv, startServer, startWorker, type ServerProcess } from '../support/server-process.ts';
import { createPgDatabase, ENGINE } from '../support/test-app.ts';

let dataDir: string;
let pgDb: Awaited<ReturnType<typeof createPgDatabase>> | undefined;
let env: NodeJS.ProcessEnv;
let database: Database;
let server: ServerProcess | undefined;
let itemId: number;

before(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'gk-processes-'));
  pgDb = ENGINE === 'postgres' ? await createPgDatabase() : undefined;
  env = processEnv(dataDir, pgDb?.url, { PUBLIC_FORM_RATE_LIMIT: '100000', RUN_JOBS: '0' });
  const seeded = await spawnCli(['seed-demo'], env);
  assert.equal(seeded.code, 0, seeded.stderr);
  database = openDatabase({ databaseUrl: pgDb?.url, sqliteFile: join(dataDir, 'gongkai.db'), poolSize: 2 });
  const item = await database.db
    .selectFrom('serviceItems')
    .innerJoin('agencies', 'agencies.id', 'serviceItems.agencyId')
    .select('serviceItems.id')
    .where('agencies.slug', '=', 'lingxi')
    .where('serviceItems.active', '=', 1)
    .orderBy('serviceItems.id')
    .executeTakeFirstOrThrow();
  itemId = item.id;
});
after(async () => {
  await server?.kill();
  await database?.close();
  await pgDb?.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** One public submission of kind i % 4; resolves with the acknowledged number (or throws). */
async function submit(client: HttpClient, i: number): Promise<{ status: number; number?: string | undefined }> {
  switch (i % 4) {
    case 0: {
      const r = await client.post('/agencies/lingxi/apply/online', application({ informationName: `预算（${i}）` }));
      const m = /^\/apply\/receipt\/(.+)$/.exec(r.location)?.[1];
      return { status: r.status, number: m ? decodeURIComponent(m) : undefined };
    }
    case 1: {
      const r = await client.post('/agencies/lingxi/mailbox', numberedLetter(i));
      return { status: r.status, number: receiptNumberOf(r) };
    }
    case 2: {
      const r = await client.post('/agencies/lingxi/inquiry', numberedLetter(i));
      return { status: r.status, number: receiptNumberOf(r) };
    }
    default: {
      const r = await client.post(`/agencies/lingxi/service-hall/items/${itemId}/apply`, {
        applicantName: '龙美玲',
        applicantPhone: '13974300001',
        applicantEmail: '',
        summary: `申请（${i}）`,
        website: '',
      });
      const n = receiptNumberOf(r);
      return { status: r.status, number: n ? decodeURIComponent(n) : undefined };
    }
  }
}

async function clients(base: string, n: number): Promise<HttpClient[]> {
  return Promise.all(
    Array.from({ length: n }, async () => {
      const c = new HttpClient(base);
      await c.get('/agencies/lingxi/mailbox');
      return c;
    }),
  );
}

describe(`processes on one database (${ENGINE})`, () => {
  test('the web process, the worker and five `user create` runs write at once without an error', async () => {
    server = await startServer(env);
    const web = await clients(server.base, 16);
    const failures: string[] = [];
    let stop = false;
    let sent = 0;
    const load = Promise.all(
      web.map(async (client) => {
        while (!stop) {
          const i = sent++;
          const r = await submit(client, i);
          if (r.status >= 400 || !r.number) failures.push(`#${i}: ${r.status}`);
        }
      }),
    );
    const worker = await startWorker(env);
    const runs = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        spawnCli(
          ['user', 'create', `load.user${i}`, '--agency', 'lingxi', '--name', `负载${i}`, '--roles', 'clerk'],
          env,
        ),
      ),
    );
    // The worker's first tick runs its jobs one second after start.
    await new Promise((r) => setTimeout(r, 1500));
    stop = true;
    await load;
    const workerCode = await worker.stop();
    for (const [i, r] of runs.entries()) {
      assert.equal(r.code, 0, `user create ${i}: ${r.stderr}`);
      assert.match(r.stdout, new RegExp(`已创建账号 load\\.user${i}`));
    }
    assert.equal(workerCode, 0, worker.output());
    assert.doesNotMatch(worker.output(), /failed|locked|error/i);
    assert.ok(sent >= 50, `the web process was under load while the others wrote (${sent} submissions)`);
    assert.deepEqual(
      failures,
      [],
      `${failures.length} of ${sent} web requests failed\n${server.output().slice(-2000)}`,
    );
  });

  test('kill -9 during 300 concurrent submissions: every acknowledged number survives, nothing is half-written', async () => {
    assert.ok(server, 'the server of the previous test');
    const before = {
      requests: await maxId('infoRequests'),
      cases: await maxId('interactionCases'),
      hall: await maxId('serviceCases'),
    };
    const web = await clients(server.base, 32);
    const acknowledged: string[] = [];
    let killed: Promise<void> | undefined;
    const victim = server;
    // What the requests that were not acknowledged got, for the message of a failed run.
    const refused = new Map<string, number>();
    const count = (what: string) => refused.set(what, (refused.get(what) ?? 0) + 1);
    await runConcurrently(300, 32, async (i) => {
      try {
        const r = await submit(web[i % 32]!, i);
        if (r.status < 400 && r.number) acknowledged.push(r.number);
        else count(`${r.status}${killed ? ' after the kill' : ''}`);
      } catch (err) {
        // The connection died with the server: not acknowledged.
        count(`${(err as Error).message}${killed ? ' after the kill' : ''}`);
      }
      if (acknowledged.length >= 100 && !killed) killed = victim.kill();
    });
    await killed;
    assert.ok(
      acknowledged.length >= 100 && acknowledged.length < 300,
      `acknowledged ${acknowledged.length}; the others: ${JSON.stringify([...refused])}\n${victim.output().slice(-2000)}`,
    );

    server = await startServer(env);
    const db = database.db;
    const numbers = new Set([
      ...(await db.selectFrom('infoRequests').select('number').execute()).map((r) => r.number),
      ...(await db.selectFrom('interactionCases').select('receiptNumber').execute()).map((r) => r.receiptNumber),
      ...(await db.selectFrom('serviceCases').select('caseNumber').execute()).map((r) => r.caseNumber),
    ]);
    assert.deepEqual(
      acknowledged.filter((n) => !numbers.has(n)),
      [],
      'every acknowledged number is stored',
    );

    // Whole transactions only: every record written during the test has its audit event (and an
    // application its timeline entry), written in the same transaction.
    const audited = async (type: string, action: string, ids: number[]) => {
      const rows = await db
        .selectFrom('auditEvents')
        .select('entityId')
        .where('entityType', '=', type)
        .where('action', '=', action)
        .execute();
      const have = new Set(rows.map((r) => Number(r.entityId)));
      assert.deepEqual(
        ids.filter((id) => !have.has(id)),
        [],
        `${action} audited for every record`,
      );
    };
    const requests = await db.selectFrom('infoRequests').select('id').where('id', '>', before.requests).execute();
    await audited(
      'infoRequest',
      'infoRequest.submitted',
      requests.map((r) => r.id),
    );
    const timeline = await db
      .selectFrom('infoRequestEvents')
      .select('infoRequestId')
      .where('infoRequestId', '>', before.requests)
      .execute();
    assert.equal(new Set(timeline.map((t) => t.infoRequestId)).size, requests.length);
    for (const kind of ['letter', 'inquiry'] as const) {
      const rows = await db
        .selectFrom('interactionCases')
        .select('id')
        .where('id', '>', before.cases)
        .where('kind', '=', kind)
        .execute();
      await audited(
        kind,
        `${kind}.received`,
        rows.map((r) => r.id),
      );
    }
    const hall = await db.selectFrom('serviceCases').select('id').where('id', '>', before.hall).execute();
    await audited(
      'serviceCase',
      'serviceCase.received',
      hall.map((r) => r.id),
    );

    // Every series of the year is still 1…N, and its counter stands at N.
    // The series of 灵溪镇 (the demo numbers other agencies' records in their own series).
    const lingxi = await db.selectFrom('agencies').select('id').where('slug', '=', 'lingxi').executeTakeFirstOrThrow();
    const counters = (await db.selectFrom('counters').selectAll().execute()).filter(
      (c) => Number(c.agencyId) === Number(lingxi.id),
    );
    const series = [
      ['infoRequest', await db.selectFrom('infoRequests').select('number as n').execute()],
      [
        'letter',
        await db.selectFrom('interactionCases').select('receiptNumber as n').where('kind', '=', 'letter').execute(),
      ],
      [
        'inquiry',
        await db.selectFrom('interactionCases').select('receiptNumber as n').where('kind', '=', 'inquiry').execute(),
      ],
      ['serviceCase', await db.selectFrom('serviceCases').select('caseNumber as n').execute()],
    ] as const;
    for (const [kind, rows] of series) {
      const seqs = rows
        .map((r) => /^(?:[A-Z]{2}-)?LINGXI-(\d{4})-(\d+)$/.exec(r.n))
        .filter((m): m is RegExpExecArray => m !== null)
        .map((m) => ({ year: Number(m[1]), seq: Number(m[2]) }));
      for (const year of new Set(seqs.map((s) => s.year))) {
        const list = seqs
          .filter((s) => s.year === year)
          .map((s) => s.seq)
          .sort((a, b) => a - b);
        assert.deepEqual(
          list,
          Array.from({ length: list.length }, (_, i) => i + 1),
          `${kind} ${year} has no gap`,
        );
        const counter = counters.find((c) => c.kind === kind && Number(c.year) === year);
        assert.equal(Number(counter?.lastValue), list.length, `${kind} ${year} counter`);
      }
    }

    const verify = await spawnCli(['audit', 'verify'], env);
    assert.equal(verify.code, 0, verify.stderr);
    assert.match(verify.stdout, /审计日志完整/);
    // The restarted server takes submissions again, numbering on from the survivors.
    const again = await submit((await clients(server.base, 1))[0]!, 1);
    assert.equal(again.status, 303);
    assert.ok(again.number && !numbers.has(again.number));
  });
});

async function maxId(table: 'infoRequests' | 'interactionCases' | 'serviceCases'): Promise<number> {
  const r = await database.db
    .selectFrom(table)
    .select((eb) => eb.fn.max('id').as('m'))
    .executeTakeFirst();
  return Number(r?.m ?? 0);
}
