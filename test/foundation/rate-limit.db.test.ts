// Rate limits on login and on the public forms (config LOGIN_RATE_LIMIT, PUBLIC_FORM_RATE_LIMIT,
// per IP per minute): the request over the limit gets 429 with a Chinese message, on a page for
// browsers, and nothing is stored for it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { buildApp } from '../../src/app.ts';
import { openDatabase } from '../../src/db/database.ts';
import { Agent } from '../support/agent.ts';
import { createTestEnv, type TestEnv } from '../support/test-app.ts';

let env: TestEnv;
before(async () => {
  env = await createTestEnv({ config: { loginRateLimit: 3, publicFormRateLimit: 2 } });
});
after(async () => env.close());

test('login: the fourth attempt in a minute from one address is refused with 429', async () => {
  const a = new Agent(env.app);
  await a.get('/admin/login');
  for (let i = 0; i < 3; i += 1) {
    const res = await a.post('/admin/login', { username: 'nobody', password: 'wrong-password-1' });
    assert.notEqual(res.statusCode, 429, `attempt ${i + 1}`);
  }
  const over = await a.post('/admin/login', { username: 'nobody', password: 'wrong-password-1' });
  assert.equal(over.statusCode, 429);
  assert.match(over.body, /操作过于频繁，请稍后再试。/);
  assert.match(String(over.headers['content-type']), /text\/html/);
});

test('a public form (tracking lookup): the third submission in a minute is refused, the first two are answered', async () => {
  const a = new Agent(env.app);
  await a.get('/track');
  const statuses: number[] = [];
  for (let i = 0; i < 3; i += 1)
    statuses.push((await a.post('/track', { number: 'YS-0000-0000', code: 'ABCDEF' })).statusCode);
  assert.notEqual(statuses[0], 429);
  assert.notEqual(statuses[1], 429);
  assert.equal(statuses[2], 429);
});

test('the mailbox form: only accepted letters count; over the limit the form comes back with the text and Retry-After', async () => {
  const count = async () =>
    Number(
      (
        await env.database.db
          .selectFrom('interactionCases')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const before = await count();
  const a = new Agent(env.app);
  const letter = (n: number) => ({
    topic: `测试来信${n}`,
    body: `这是第${n}封测试来信，用于检查频率限制。`,
    writerName: '张三',
    writerPhone: '13800138000',
  });
  // Three forms sent back with errors (no name) cost nothing.
  for (let i = 0; i < 3; i += 1) {
    await a.get('/agencies/lingxi/mailbox');
    const bad = await a.post('/agencies/lingxi/mailbox', { ...letter(i), writerName: '' });
    assert.equal(bad.statusCode, 422, `correction ${i + 1}`);
  }
  for (let i = 1; i <= 2; i += 1) {
    await a.get('/agencies/lingxi/mailbox');
    assert.equal((await a.post('/agencies/lingxi/mailbox', letter(i))).statusCode, 303, `letter ${i}`);
  }
  await a.get('/agencies/lingxi/mailbox');
  const over = await a.post('/agencies/lingxi/mailbox', letter(3));
  assert.equal(over.statusCode, 429);
  assert.match(over.body, /提交过于频繁，请在 \d+ 秒后再点击提交/);
  assert.match(over.body, /这是第3封测试来信，用于检查频率限制。/, 'the typed text is kept');
  assert.ok(Number(over.headers['retry-after']) >= 1, 'Retry-After is set');
  assert.equal((await count()) - before, 2, 'the two accepted letters, nothing else, were stored');
});

test('two web processes (each its own connection to the database) share one counter per address and route', async () => {
  const database = openDatabase({
    databaseUrl: env.config.databaseUrl,
    sqliteFile: join(env.config.dataDir, 'gongkai.db'),
    poolSize: 2,
  });
  const other = await buildApp({ ...env.deps, database });
  await other.ready();
  try {
    const lookup = { number: 'YS-0000-0000', code: 'ABCDEF' };
    const a = new Agent(env.app, { ip: '198.51.100.7' });
    const b = new Agent(other, { ip: '198.51.100.7' });
    await a.get('/track');
    await b.get('/track');
    const statuses = [
      (await a.post('/track', lookup)).statusCode,
      (await b.post('/track', lookup)).statusCode,
      (await b.post('/track', lookup)).statusCode,
    ];
    assert.notEqual(statuses[0], 429);
    assert.notEqual(statuses[1], 429);
    assert.equal(
      statuses[2],
      429,
      `the third lookup from one address, through either process, is refused: ${statuses}`,
    );
    const c = new Agent(env.app, { ip: '198.51.100.8' });
    await c.get('/track');
    assert.notEqual((await c.post('/track', lookup)).statusCode, 429, 'another address has its own counter');
  } finally {
    await other.close();
    await database.close();
  }
});
