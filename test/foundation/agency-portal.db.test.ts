// Agencies in the admin console and the public portal: creating a town (validation keeps what
// was typed), moving and deactivating, the directory, the 专栏 columns, the 指南, the calendar
// API and calculator, health and error pages.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { makeCreditCode } from '../../src/platform/validation/credit-code.ts';
import { Agent } from '../support/agent.ts';
import { createTestEnv, ENGINE, type TestEnv } from '../support/test-app.ts';

let env: TestEnv;
before(async () => {
  env = await createTestEnv();
  await env.user('county.admin', 'yongshun', ['admin']);
});
after(() => env.close());

const newTown = (over: Record<string, string> = {}) => ({
  parentId: String(env.county.countyId),
  name: '永顺县新田镇人民政府',
  shortName: '新田镇',
  kind: 'town',
  creditCode: makeCreditCode('11433127000000099'),
  slug: 'xintian',
  sortOrder: '20',
  officeName: '新田镇党政综合办公室',
  officeAddress: '永顺县新田镇新田街1号',
  officePostcode: '416700',
  officePhone: '0743-5231999',
  officeFax: '',
  officeEmail: 'xintian_gk@yongshun.gov.example',
  officeHours: '工作日 8:00—17:30',
  indexPattern: '{creditCode}/{YYYY}-{seq:5}',
  guideText: '新田镇的公开指南。',
  ...over,
});

describe('agency administration', () => {
  test('a bad form is re-rendered with Chinese messages and keeps what was typed; nothing is stored', async () => {
    const a = new Agent(env.app);
    await a.login('county.admin');
    await a.get('/admin/agencies/new');
    const res = await a.post(
      '/admin/agencies',
      newTown({ creditCode: '123', officePostcode: '41670', slug: 'Bad Slug' }),
    );
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /统一社会信用代码应为 18 位且校验位正确/);
    assert.match(res.body, /邮政编码应为 6 位数字/);
    assert.match(res.body, /value="永顺县新田镇人民政府"/);
    assert.match(res.body, /value="Bad Slug"/);
    const row = await env.database.db
      .selectFrom('agencies')
      .select('id')
      .where('name', '=', '永顺县新田镇人民政府')
      .executeTakeFirst();
    assert.equal(row, undefined);
  });

  test('a duplicate slug is refused', async () => {
    const a = new Agent(env.app);
    await a.login('county.admin');
    await a.get('/admin/agencies/new');
    const res = await a.post('/admin/agencies', newTown({ slug: 'lingxi' }));
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /该网址标识已被其他机构使用/);
  });

  test('a new town appears in the public directory and has its 专栏, and the change is audited', async () => {
    const a = new Agent(env.app);
    await a.login('county.admin');
    await a.get('/admin/agencies/new');
    const res = await a.post('/admin/agencies', newTown());
    assert.equal(res.statusCode, 303);
    assert.match(String(res.headers.location), /^\/admin\/agencies\/\d+\?flash=created$/);
    const dir = await env.app.inject('/agencies');
    assert.match(dir.body, /永顺县新田镇人民政府/);
    // Under 乡镇（街道）, on that group's page and found by its name (issue #16).
    const towns = dir.body.slice(dir.body.indexOf('id="g-yongshun.towns"'));
    assert.match(towns.slice(0, towns.indexOf('</section>')), /href="\/agencies\/xintian">永顺县新田镇人民政府</);
    assert.match((await env.app.inject('/agencies?group=yongshun.towns')).body, /href="\/agencies\/xintian"/);
    const found = await env.app.inject(`/agencies?q=${encodeURIComponent('新田')}`);
    assert.match(found.body, /找到 1 个名称含“新田”的机构/);
    const landing = await env.app.inject('/agencies/xintian');
    assert.equal(landing.statusCode, 200);
    for (const col of ['政府信息公开指南', '政府信息公开制度', '法定主动公开内容', '政府信息公开年报', '依申请公开'])
      assert.match(landing.body, new RegExp(col));
    const events = await env.database.db
      .selectFrom('auditEvents')
      .select(['action', 'actorName'])
      .where('action', '=', 'agency.created')
      .where('actorName', '=', 'county.admin')
      .execute();
    assert.equal(events.length, 1);
  });

  test('moving an agency rewrites its subtree; it cannot move under itself', async () => {
    const a = new Agent(env.app);
    await a.login('county.admin');
    const fgj = env.county.agencyIds.fgj!;
    const mzj = env.county.agencyIds.mzj!;
    await a.get(`/admin/agencies/${fgj}`);
    assert.equal((await a.post(`/admin/agencies/${fgj}/move`, { parentId: String(mzj) })).statusCode, 303);
    const moved = await env.database.db
      .selectFrom('agencies')
      .select(['path', 'depth', 'parentId'])
      .where('id', '=', fgj)
      .executeTakeFirstOrThrow();
    assert.equal(moved.parentId, mzj);
    assert.equal(moved.depth, 2);
    assert.equal(moved.path, `/${env.county.countyId}/${mzj}/${fgj}/`);
    await a.get(`/admin/agencies/${mzj}`);
    const loop = await a.post(`/admin/agencies/${mzj}/move`, { parentId: String(fgj) });
    assert.equal(loop.statusCode, 422);
    assert.match(loop.body, /不能把机构移到它自己或它的下级机构之下/);
    await a.get(`/admin/agencies/${fgj}`);
    await a.post(`/admin/agencies/${fgj}/move`, { parentId: String(env.county.countyId) });
  });

  test('a deactivated agency leaves the portal (404) but keeps its record', async () => {
    const a = new Agent(env.app);
    await a.login('county.admin');
    const cheping = env.county.agencyIds.cheping!;
    await a.get(`/admin/agencies/${cheping}`);
    assert.equal((await a.post(`/admin/agencies/${cheping}/deactivate`, {})).statusCode, 303);
    assert.equal((await env.app.inject('/agencies/cheping')).statusCode, 404);
    assert.doesNotMatch((await env.app.inject('/agencies')).body, /车坪乡/);
    await a.get(`/admin/agencies/${cheping}`);
    await a.post(`/admin/agencies/${cheping}/activate`, {});
    assert.equal((await env.app.inject('/agencies/cheping')).statusCode, 200);
  });
});

describe('portal', () => {
  test('the home page shows the county and its agencies', async () => {
    const res = await env.app.inject('/');
    assert.equal(res.statusCode, 200);
    assert.match(res.headers['content-type'] as string, /text\/html/);
    // The home page names towns and departments short (issue #14); the directory in full.
    for (const name of ['永顺县人民政府', '>灵溪镇<', '>高坪乡<', '>县民政局<'])
      assert.match(res.body, new RegExp(name));
    const directory = await env.app.inject('/agencies');
    for (const name of ['永顺县人民政府', '永顺县灵溪镇人民政府', '永顺县高坪乡人民政府', '永顺县民政局'])
      assert.match(directory.body, new RegExp(name));
  });

  test('the 指南 is rendered from the office data (条例 第十二条)', async () => {
    const res = await env.app.inject('/agencies/lingxi/guide');
    assert.equal(res.statusCode, 200);
    for (const s of [
      '灵溪镇党政综合办公室',
      '永顺县灵溪镇中华路2号',
      '416700',
      '0743-5230501',
      'lingxi_gk@yongshun.gov.example',
      '第三十三条',
    ])
      assert.ok(res.body.includes(s), s);
  });

  test('unknown pages get a Chinese 404 page; /api gets JSON', async () => {
    const page = await env.app.inject('/agencies/nowhere');
    assert.equal(page.statusCode, 404);
    assert.match(page.body, /页面不存在|不存在或已停用/);
    const api = await env.app.inject('/api/v1/nothing');
    assert.equal(api.statusCode, 404);
    assert.equal(api.json().error.code, 'notFound');
  });

  test('display preferences: 特大 font and high contrast are remembered', async () => {
    const a = new Agent(env.app);
    const home = await a.get('/');
    // The toolbar is a GET form: no token, so the page can be shared by the public page cache.
    assert.match(home.body, /<form method="get" action="\/prefs" class="toolbar"/);
    const res = await a.get('/prefs?font=xlarge&return=%2Fagencies');
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/agencies');
    const evil = await a.get('/prefs?contrast=on&return=https%3A%2F%2Fevil.example%2F');
    assert.equal(evil.headers.location, '/');
    const page = await a.get('/');
    assert.match(page.body, /<html lang="zh-CN" class="font-xlarge contrast">/);
    // A visitor without the cookie still gets the standard page (the cache keys on the choice).
    assert.match((await env.app.inject('/')).body, /<html lang="zh-CN" class="font-normal">/);
    // A form posted from an older page still works.
    await a.get('/admin/login');
    const posted = await a.post('/prefs', { font: 'normal', contrast: 'off', return: '/' });
    assert.equal(posted.statusCode, 303);
    assert.match((await a.get('/')).body, /<html lang="zh-CN" class="font-normal">/);
  });

  test('public agencies API', async () => {
    const res = await env.app.inject('/api/v1/agencies');
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.ok(body.total >= 11);
    assert.ok(body.items.some((a: { slug: string }) => a.slug === 'gaoping'));
  });

  test('healthz names the engine', async () => {
    const res = await env.app.inject('/healthz');
    assert.deepEqual(res.json(), { status: 'ok', database: ENGINE });
  });
});

describe('working-day calendar on the web', () => {
  test('GET /api/v1/calendar/add-working-days?from=2025-01-20&days=20 → 2025-02-21', async () => {
    const res = await env.app.inject('/api/v1/calendar/add-working-days?from=2025-01-20&days=20');
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.equal(body.date, '2025-02-21');
    assert.equal(body.from, '2025-01-20');
    assert.equal(body.days, 20);
    assert.ok(
      body.skipped.some((s: { date: string; reason: string }) => s.date === '2025-01-28' && /春节/.test(s.reason)),
    );
  });

  test('bad input is a 400 with a Chinese message; an unconfirmed year is a 422', async () => {
    for (const q of [
      'from=2025-02-30&days=1',
      'from=x&days=1',
      'from=2025-01-01&days=-1',
      'from=2025-01-01',
      'from=2025-01-01&days=99999',
    ]) {
      const res = await env.app.inject(`/api/v1/calendar/add-working-days?${q}`);
      assert.equal(res.statusCode, 400, q);
      assert.ok(res.json().error.message, q);
    }
    const late = await env.app.inject('/api/v1/calendar/add-working-days?from=2026-12-20&days=20');
    assert.equal(late.statusCode, 422);
    assert.match(late.json().error.message, /2027年的节假日安排尚未确认/);
  });

  test('the calculator page works without JavaScript and explains the skipped days', async () => {
    const res = await env.app.inject('/tools/deadline?from=2025-01-20&days=20');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<strong>2025-02-21<\/strong>/);
    assert.match(res.body, /调休上班日（春节）/);
    const bad = await env.app.inject('/tools/deadline?from=2025-13-01&days=20');
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /value="2025-13-01"/);
  });

  test('an admin imports 2027; a bad file is refused whole; then 2027 periods compute', async () => {
    const a = new Agent(env.app);
    await a.login('county.admin');
    await a.get('/admin/calendar');
    const bad = await a.post('/admin/calendar/import', {
      json: JSON.stringify({
        year: 2027,
        source: 'x',
        holidays: [{ date: '2027-01-01', name: '元旦' }],
        adjustedWorkdays: [{ date: '2027-02-03', name: '春节' }],
      }),
    });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /2027-02-03 不是周末/);
    assert.equal(
      await env.database.db.selectFrom('calendarYears').select('year').where('year', '=', 2027).executeTakeFirst(),
      undefined,
    );
    const notJson = await a.post('/admin/calendar/import', { json: '{not json' });
    assert.equal(notJson.statusCode, 422);
    assert.match(notJson.body, /不是有效的 JSON/);
    const good = await a.post('/admin/calendar/import', {
      json: JSON.stringify({
        year: 2027,
        source: '测试用安排',
        holidays: [{ date: '2027-01-01', name: '元旦' }],
        adjustedWorkdays: [],
      }),
    });
    assert.equal(good.statusCode, 303);
    const res = await env.app.inject('/api/v1/calendar/add-working-days?from=2026-12-30&days=2');
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().date, '2027-01-04');
  });
});
