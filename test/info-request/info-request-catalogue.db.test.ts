// Catalogue-first intake and repeat detection on both engines: with the demo publications
// indexed, the "查找已公开信息" button lists the matching publication (server-side, no
// JavaScript); following a suggestion is recorded and leads to the article; the ids shown are
// stored on the application; a second application for the same information by the same
// applicant after a reply is flagged 疑似重复申请 for staff (never decided automatically).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { systemContext } from '../../src/bootstrap.ts';
import { seedDemoPublications } from '../../src/modules/demo/index.ts';
import { replyToInfoRequest } from '../../src/modules/info-request/decision.service.ts';
import { confirmReceipt } from '../../src/modules/info-request/intake.service.ts';
import { loadCase } from '../../src/modules/info-request/info-request.service.ts';
import { enableSearchSync } from '../../src/modules/search/index.ts';
import { inTransaction } from '../../src/platform/transaction.ts';
import { Agent } from '../support/agent.ts';
import { createTestEnv, type TestEnv } from '../support/test-app.ts';
import { application } from './helpers.ts';

let env: TestEnv;
before(async () => {
  env = await createTestEnv({ now: '2025-12-01T02:00:00Z' });
  enableSearchSync();
  await seedDemoPublications(env.database.db, systemContext(env.clock), await env.deps.calendar.get());
});
after(() => env.close());

describe('catalogue-first intake', () => {
  test('a matching publication is suggested, its follow recorded, its id stored with the application', async () => {
    const citizen = new Agent(env.app);
    await citizen.get('/agencies/lingxi/apply/online');
    const res = await citizen.post(
      '/agencies/lingxi/apply/online',
      application({ action: 'suggest', informationName: '猕猴桃产业发展实施方案', featureDescription: '' }),
    );
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /这些信息已主动公开/);
    const m = /href="\/agencies\/lingxi\/apply\/suggestions\/(\d+)">([^<]*猕猴桃[^<]*)</.exec(res.body);
    assert.ok(m, 'the 猕猴桃 plan is suggested');
    const shown = /name="shownIds" value="([\d,]+)"/.exec(res.body)?.[1];
    assert.ok(shown?.split(',').includes(m[1] as string));
    const follow = await citizen.get(`/agencies/lingxi/apply/suggestions/${m[1]}`);
    assert.equal(follow.statusCode, 303);
    assert.equal(follow.headers.location, `/publications/${m[1]}`);
    const follows = await env.database.db.selectFrom('infoRequestSuggestionFollows').selectAll().execute();
    assert.equal(follows.length, 1);
    assert.equal(
      (await citizen.get(`/agencies/shouche/apply/suggestions/${m[1]}`)).statusCode,
      404,
      'only the agency’s own publications',
    );

    const submit = await citizen.post(
      '/agencies/lingxi/apply/online',
      application({ informationName: '猕猴桃产业发展实施方案', shownIds: shown as string }),
    );
    assert.equal(submit.statusCode, 303);
    const row = await env.database.db
      .selectFrom('infoRequests')
      .selectAll()
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    assert.deepEqual(JSON.parse(row.suggestionsShown), shown!.split(',').map(Number));
  });

  test('a repeat of an answered application is flagged for staff', async () => {
    const first = await env.database.db
      .selectFrom('infoRequests')
      .select('id')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    const cal = await env.deps.calendar.get();
    const ctx = { ...systemContext(env.clock), actorName: 'test' };
    await inTransaction(env.database.db, async (t) =>
      confirmReceipt(t, ctx, cal, await loadCase(t, first.id), '2025-12-01'),
    );
    await inTransaction(env.database.db, async (t) =>
      replyToInfoRequest(t, ctx, cal, env.config.dataDir, await loadCase(t, first.id), {
        outcomeKey: 'disclosed',
        legalBasis: '条例第三十六条第（一）项',
        text: '该信息已主动公开。',
        repliedOn: '2025-12-01',
        files: [],
      }),
    );
    const citizen = new Agent(env.app);
    await citizen.get('/agencies/lingxi/apply/online');
    assert.equal(
      (await citizen.post('/agencies/lingxi/apply/online', application({ informationName: '猕猴桃产业发展实施方案' })))
        .statusCode,
      303,
    );
    const row = await env.database.db
      .selectFrom('infoRequests')
      .selectAll()
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    assert.match(row.flags, /"repeat"/);
    assert.equal(row.state, 'submitted', 'flagged, not decided');
  });
});
