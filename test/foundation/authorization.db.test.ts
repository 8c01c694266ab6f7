// Object-level authorisation (STYLE practice 5): a user of 灵溪镇 can never read or change
// 高坪乡's records, whatever the URL; a county admin acts for the agencies below it.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Agent } from '../support/agent.ts';
import { createTestEnv, type TestEnv } from '../support/test-app.ts';

let env: TestEnv;
let lingxi: number;
let gaoping: number;
let gaopingUser: number;
before(async () => {
  env = await createTestEnv();
  lingxi = env.county.agencyIds.lingxi!;
  gaoping = env.county.agencyIds.gaoping!;
  await env.user('lx.clerk', 'lingxi', ['clerk']);
  await env.user('lx.admin', 'lingxi', ['admin']);
  gaopingUser = await env.user('gp.clerk', 'gaoping', ['clerk']);
  await env.user('county.admin', 'yongshun', ['admin']);
});
after(() => env.close());

async function as(username: string) {
  const a = new Agent(env.app);
  await a.login(username);
  return a;
}

describe('a clerk of 灵溪镇', () => {
  test('sees its own agency page and staff API', async () => {
    const a = await as('lx.clerk');
    assert.equal((await a.get(`/admin/agencies/${lingxi}`)).statusCode, 200);
    const api = await a.get(`/api/v1/admin/agencies/${lingxi}`);
    assert.equal(api.statusCode, 200);
    assert.equal(api.json().agency.slug, 'lingxi');
  });

  test('is refused (403) on 高坪乡 — admin page and API', async () => {
    const a = await as('lx.clerk');
    const page = await a.get(`/admin/agencies/${gaoping}`);
    assert.equal(page.statusCode, 403);
    assert.match(page.body, /没有权限/);
    assert.doesNotMatch(page.body, /高坪乡党政综合办公室/);
    const api = await a.get(`/api/v1/admin/agencies/${gaoping}`);
    assert.equal(api.statusCode, 403);
    assert.equal(api.json().error.code, 'forbidden');
  });

  test('cannot change its own agency (clerks do not edit agency data)', async () => {
    const a = await as('lx.clerk');
    await a.get(`/admin/agencies/${lingxi}`);
    const res = await a.post(`/admin/agencies/${lingxi}`, { name: '篡改' });
    assert.equal(res.statusCode, 403);
    const row = await env.database.db
      .selectFrom('agencies')
      .select('name')
      .where('id', '=', lingxi)
      .executeTakeFirstOrThrow();
    assert.equal(row.name, '永顺县灵溪镇人民政府');
  });

  test('cannot open user administration, the calendar or the audit log', async () => {
    const a = await as('lx.clerk');
    for (const url of ['/admin/users', '/admin/calendar', '/admin/audit', `/admin/users/${gaopingUser}`]) {
      assert.equal((await a.get(url)).statusCode, 403, url);
    }
  });
});

describe('an admin of 灵溪镇', () => {
  test('cannot see or change 高坪乡 or its users, whatever the URL', async () => {
    const a = await as('lx.admin');
    assert.equal((await a.get(`/admin/agencies/${gaoping}`)).statusCode, 403);
    assert.equal((await a.get(`/admin/users/${gaopingUser}`)).statusCode, 403);
    await a.get('/admin/users');
    assert.equal((await a.post(`/admin/users/${gaopingUser}/reset`, {})).statusCode, 403);
    assert.equal((await a.post(`/admin/agencies/${gaoping}/deactivate`, {})).statusCode, 403);
    const users = await a.get('/admin/users');
    assert.doesNotMatch(users.body, /gp\.clerk/);
  });

  test('cannot create a user in another agency by editing the form', async () => {
    const a = await as('lx.admin');
    await a.get('/admin/users/new');
    const res = await a.post('/admin/users', {
      agencyId: String(gaoping),
      username: 'sneaky.user',
      displayName: '某人',
      roles: 'admin',
    });
    assert.equal(res.statusCode, 403);
    const row = await env.database.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'sneaky.user')
      .executeTakeFirst();
    assert.equal(row, undefined);
  });

  test('cannot manage the national calendar', async () => {
    const a = await as('lx.admin');
    assert.equal((await a.get('/admin/calendar')).statusCode, 403);
  });
});

describe('the county admin', () => {
  test('acts for every agency below the county', async () => {
    const a = await as('county.admin');
    assert.equal((await a.get(`/admin/agencies/${gaoping}`)).statusCode, 200);
    assert.equal((await a.get(`/admin/agencies/${lingxi}`)).statusCode, 200);
    assert.equal((await a.get(`/admin/users/${gaopingUser}`)).statusCode, 200);
    assert.equal((await a.get('/admin/calendar')).statusCode, 200);
  });

  test('unknown ids are 404, malformed ids are 404, never 500', async () => {
    const a = await as('county.admin');
    assert.equal((await a.get('/admin/agencies/999999')).statusCode, 404);
    assert.equal((await a.get('/admin/agencies/abc')).statusCode, 404);
    assert.equal((await a.get('/admin/agencies/99999999999999999999')).statusCode, 404);
  });
});
