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

test('a public submission of a new form gets a new receipt (a new form with other words is another letter)', async () => {
  const citizen = new Agent(env.app);
  for (let i = 0; i < 2; i += 1) {
    await citizen.get('/agencies/lingxi/mailbox');
    const letter = { ...fields('两封不同的来信'), body: `第 ${i + 1} 封：村口路灯坏了三个月。` };
    assert.equal((await citizen.post('/agencies/lingxi/mailbox', letter)).statusCode, 303);
  }
  assert.equal(await letters('两封不同的来信'), 2);
});

test('after Back the form comes with a new token: the same words again go to the first receipt, other words or another browser file anew', async () => {
  const citizen = new Agent(env.app);
  await citizen.get('/agencies/lingxi/inquiry');
  const first = await citizen.post('/agencies/lingxi/inquiry', fields('返回后再次提交'));
  assert.equal(first.statusCode, 303);
  const location = String(first.headers.location);
  // Back: the browser fetches the form again (a new token) and restores what was typed.
  await citizen.get('/agencies/lingxi/inquiry');
  const again = await citizen.post('/agencies/lingxi/inquiry', {
    ...fields('返回后再次提交'),
    body: ' 村口路灯坏了三个月，请尽快修复。 ',
  });
  assert.equal(again.statusCode, 303);
  assert.equal(again.headers.location, location, 'the first receipt');
  assert.equal(await letters('返回后再次提交'), 1);
  assert.match((await citizen.get(location)).body, /id="query-code">/, 'its receipt, with the query code');
  // The same words to another form (a complaint) are another submission.
  await citizen.get('/agencies/lingxi/complaint');
  const complaint = await citizen.post('/agencies/lingxi/complaint', fields('返回后再次提交'));
  assert.equal(complaint.statusCode, 303);
  assert.notEqual(complaint.headers.location, location);
  // Changed words are a new submission.
  await citizen.get('/agencies/lingxi/inquiry');
  const changed = await citizen.post('/agencies/lingxi/inquiry', {
    ...fields('返回后再次提交'),
    body: '另一处路灯也坏了。',
  });
  assert.equal(changed.statusCode, 303);
  assert.notEqual(changed.headers.location, location);
  // Another browser sending the same words files its own, and never sees the first receipt.
  const neighbour = new Agent(env.app, { ip: '10.0.0.9' });
  await neighbour.get('/agencies/lingxi/inquiry');
  const theirs = await neighbour.post('/agencies/lingxi/inquiry', fields('返回后再次提交'));
  assert.equal(theirs.statusCode, 303);
  assert.notEqual(theirs.headers.location, location);
  assert.equal(await letters('返回后再次提交'), 4);
});
