// Public forms that create something are accepted once (post/redirect/get with a one-time
// token): a refresh, a double click or the same form sent by two connections at once creates one
// record and shows its first receipt; the query code is never in a URL. Both engines.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Agent } from '../support/agent.ts';
import { createTestEnv, type TestEnv } from '../support/test-app.ts';

let env: TestEnv;
before(async () => {
  env = await createTestEnv();
});
after(async () => env.close());

const letters = async (topic: string) =>
  Number(
    (
      await env.database.db
        .selectFrom('interactionCases')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('topic', '=', topic)
        .executeTakeFirstOrThrow()
    ).n,
  );

const fields = (topic: string) => ({
  topic,
  body: '村口路灯坏了三个月，请尽快修复。',
  writerName: '龙先生',
  writerPhone: '13812345678',
});

test('the mailbox: an accepted letter redirects to its receipt; sending the same form again files nothing new', async () => {
  const citizen = new Agent(env.app);
  await citizen.get('/agencies/lingxi/mailbox');
  const token = citizen.once;
  assert.match(token, /^[A-Za-z0-9_-]{16,64}$/, 'the form carries a one-time token');
  const first = await citizen.post('/agencies/lingxi/mailbox', { ...fields('重复提交测试'), _once: token });
  assert.equal(first.statusCode, 303);
  const location = String(first.headers.location);
  assert.match(location, /^\/agencies\/lingxi\/mailbox\/receipt\/XX-LINGXI-\d{4}-\d{4}$/);
  const receipt = await citizen.get(location);
  assert.equal(receipt.statusCode, 200);
  const code = /id="query-code">([^<]+)</.exec(receipt.body)?.[1] ?? '';
  assert.match(code, /^[A-Z0-9]{6,}$/);
  assert.ok(!location.includes(code), 'the query code is not in the URL');
  // Refreshing the receipt shows it again; re-sending the form goes to the same receipt.
  assert.equal((await citizen.get(location)).statusCode, 200);
  const again = await citizen.post('/agencies/lingxi/mailbox', { ...fields('重复提交测试'), _once: token });
  assert.equal(again.statusCode, 303);
  assert.equal(again.headers.location, location);
  assert.equal(await letters('重复提交测试'), 1);
  // Somebody else with the receipt's URL but not its cookie is sent to the tracking form.
  const stranger = await new Agent(env.app).get(location);
  assert.equal(stranger.statusCode, 303);
  assert.equal(stranger.headers.location, '/track');
});

test('the same form sent by eight connections at once files one letter', async () => {
  const citizen = new Agent(env.app);
  await citizen.get('/agencies/lingxi/inquiry');
  const token = citizen.once;
  const answers = await Promise.all(
    Array.from({ length: 8 }, () =>
      citizen.post('/agencies/lingxi/inquiry', { ...fields('并发重复测试'), _once: token }),
    ),
  );
  assert.deepEqual(
    answers.map((r) => r.statusCode),
    Array(8).fill(303),
  );
  assert.equal(new Set(answers.map((r) => r.headers.location)).size, 1, 'all go to the one receipt');
  assert.equal(await letters('并发重复测试'), 1);
});

test('a form sent back with errors keeps its token, and the corrected form is accepted once', async () => {
  const citizen = new Agent(env.app);
  await citizen.get('/agencies/lingxi/complaint');
  const token = citizen.once;
  const bad = await citizen.post('/agencies/lingxi/complaint', { ...fields('更正后提交'), writerName: '' });
  assert.equal(bad.statusCode, 422);
  assert.equal(citizen.once, token, 'the re-displayed form carries the same token');
  assert.match(bad.body, /村口路灯坏了三个月/);
  const ok = await citizen.post('/agencies/lingxi/complaint', { ...fields('更正后提交'), complaintAbout: 'conduct' });
  assert.equal(ok.statusCode, 303);
  assert.equal(await letters('更正后提交'), 1);
});

test('a public submission of a new form gets a new receipt (different tokens are different letters)', async () => {
  const citizen = new Agent(env.app);
  for (let i = 0; i < 2; i += 1) {
    await citizen.get('/agencies/lingxi/mailbox');
    assert.equal((await citizen.post('/agencies/lingxi/mailbox', fields('两封不同的来信'))).statusCode, 303);
  }
  assert.equal(await letters('两封不同的来信'), 2);
});
