// 机构目录 at a province's scale (issue #16), on the engine of GK_TEST_ENGINE: the demo county as
// before (every agency, grouped, with the search box), the name filter (a match, none, hostile and
// over-long input: never a 5xx), one group's pages; then ~200 agencies more — 150 departments, 40
// towns, a lower government with its own departments and towns, a department's own unit — and the
// home page, 机构目录 and 网站地图 cut to a sensible size with «全部 N 个…» links.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import type { AgencyKind } from '../../src/modules/agency/index.ts';
import {
  DIRECTORY_PAGE_SIZE,
  DIRECTORY_PREVIEW,
  HOME_PREVIEW,
  SITE_MAP_FULL_LIST,
} from '../../src/modules/portal/directory.ts';
import { inTransaction } from '../../src/platform/transaction.ts';
import { createTestEnv, type TestEnv } from '../support/test-app.ts';

let env: TestEnv;
before(async () => {
  env = await createTestEnv({ config: { publicCacheSeconds: 0 } });
});
after(() => env.close());

const get = (url: string) => env.app.inject({ method: 'GET', url });
const q = (text: string, more = '') => `/agencies?q=${encodeURIComponent(text)}${more}`;
const main = (html: string) => html.slice(html.indexOf('<main'), html.indexOf('</main>'));
const links = (html: string) => [...main(html).matchAll(/href="\/agencies\/([a-z0-9-]+)"/g)].map((m) => m[1]);

describe('机构目录 of the demo county', () => {
  test('every agency under its group, a <nav> of the groups, the search box empty', async () => {
    const res = await get('/agencies');
    assert.equal(res.statusCode, 200);
    const body = main(res.body);
    assert.match(body, /<form method="get" action="\/agencies" class="search-box dir-filter" role="search"/);
    assert.match(body, /<input id="dir-q" type="search" name="q" value maxlength="60"/);
    assert.doesNotMatch(body, /id="dir-group"/, 'no group to choose on a small site');
    assert.match(body, /<nav class="dir-nav" aria-label="机构分组">[\s\S]*href="#g-yongshun.departments"/);
    assert.match(body, /<h2 id="h-yongshun.departments">政府工作部门<span class="dir-count">（3 个）<\/span><\/h2>/);
    assert.match(body, /<h2 id="h-yongshun.towns">乡镇（街道）<span class="dir-count">（7 个）<\/span><\/h2>/);
    for (const slug of ['yongshun', 'fgj', 'jyj', 'mzj', 'lingxi', 'shouche', 'gaoping', 'cheping'])
      assert.ok(links(res.body).includes(slug), slug);
    assert.doesNotMatch(body, /全部 \d+ 个/, 'nothing cut short');
  });

  test('a name filter: matching agencies, the words kept in the box; none found says so', async () => {
    const found = await get(q('灵溪'));
    assert.equal(found.statusCode, 200);
    assert.match(found.body, /<input id="dir-q" type="search" name="q" value="灵溪"/);
    assert.match(found.body, /<p role="status" class="dir-status">在全部机构中找到 1 个名称含“灵溪”的机构。<\/p>/);
    assert.deepEqual(links(found.body), ['lingxi']);
    assert.deepEqual(links((await get(q(' 乡 人民政府 '))).body), ['gaoping', 'runya', 'cheping']);
    const none = await get(q('不存在的机构'));
    assert.equal(none.statusCode, 200);
    assert.match(none.body, /<p role="status" class="dir-status">没有找到名称含“不存在的机构”的机构。<\/p>/);
    assert.match(none.body, /value="不存在的机构"/);
    assert.match(none.body, /<a href="\/agencies">查看全部机构<\/a>/);
    assert.deepEqual(links(none.body), []);
    // An empty box (and 全部机构) is the first page.
    const empty = await get('/agencies?q=&group=');
    assert.equal(empty.statusCode, 200);
    assert.match(empty.body, /乡镇（街道）<span class="dir-count">（7 个）/);
  });

  test('hostile and over-long input: escaped, a clear 4xx, never a 5xx', async () => {
    const evil = '"><script>alert(1)</script>&<b>';
    const res = await get(q(evil));
    assert.equal(res.statusCode, 200);
    assert.doesNotMatch(res.body, /<script>alert|<b>/);
    assert.match(res.body, /value="&quot;>&lt;script>alert\(1\)&lt;\/script>&amp;&lt;b>"/);
    assert.match(res.body, /名称含“&quot;>&lt;script>alert\(1\)&lt;\/script>&amp;&lt;b>”/);
    // Up to 200 characters is searched (names are at most 60), longer is refused plainly.
    const long = await get(q('镇'.repeat(200)));
    assert.equal(long.statusCode, 200);
    assert.match(long.body, /没有找到名称含/);
    const tooLong = await get(q('镇'.repeat(201)));
    assert.equal(tooLong.statusCode, 400);
    assert.match(main(tooLong.body), /<h1>请求有误<\/h1><p>机构名称过长，不能超过 200 个字符。<\/p>/);
    for (const [url, status] of [
      ['/agencies?q=%00', 400],
      ['/agencies?q=a&q=b', 400],
      ['/agencies?group=..%2F', 400],
      ['/agencies?group=yongshun.villages', 400],
      ['/agencies?group=nosuch.towns', 404],
      ['/agencies?page=0', 400],
      ['/agencies?page=2', 404],
      ['/agencies?group=yongshun.towns&page=2', 404],
      [`${q('灵溪')}&page=9`, 404],
      ['/agencies?page=x', 400],
    ] as const) {
      const r = await get(url);
      assert.equal(r.statusCode, status, url);
      assert.match(r.headers['content-type'] as string, /text\/html/, url);
    }
    assert.match((await get('/agencies?group=nosuch.towns')).body, /没有这个机构分组/);
  });

  test("one group's page and a filter within it", async () => {
    const towns = await get('/agencies?group=yongshun.towns');
    assert.equal(towns.statusCode, 200);
    assert.match(towns.body, /<title>乡镇（街道） - 机构目录/);
    assert.match(towns.body, /<a href="\/agencies\?group=yongshun.towns" aria-current="page">/);
    assert.equal(links(towns.body).length, 7);
    assert.ok(!links(towns.body).includes('mzj'));
    assert.match(towns.body, /<option value="yongshun.towns" selected>乡镇（街道）<\/option>/);
    const within = await get(q('永顺县', '&group=yongshun.departments'));
    assert.match(within.body, /在“政府工作部门”中找到 3 个名称含“永顺县”的机构/);
    assert.deepEqual(links(within.body), ['fgj', 'jyj', 'mzj']);
  });
});

/** Agencies inserted as rows (no taxonomy: the directory reads only the agencies), paths set after. */
async function insertAgencies(rows: { slug: string; parent: string; kind: AgencyKind; name: string }[]) {
  const db = env.database.db;
  const at = new Date().toISOString();
  await inTransaction(db, async (trx) => {
    const bySlug = new Map(
      (await trx.selectFrom('agencies').select(['id', 'slug', 'path', 'depth']).execute()).map((a) => [a.slug, a]),
    );
    let n = 0;
    for (const r of rows) {
      const parent = bySlug.get(r.parent);
      assert.ok(parent, r.parent);
      n += 1;
      const { id } = await trx
        .insertInto('agencies')
        .values({
          parentId: parent.id,
          path: '/',
          depth: parent.depth + 1,
          name: r.name,
          shortName: r.name.replace(/^永顺县|人民政府$/g, ''),
          kind: r.kind,
          creditCode: `11433127990${String(n).padStart(6, '0')}X`,
          slug: r.slug,
          officeName: '办公室',
          officeAddress: '永顺县灵溪镇',
          officePostcode: '416700',
          officePhone: '0743-5222222',
          officeFax: '',
          officeEmail: 'gk@example.gov.cn',
          officeHours: '工作日',
          indexPattern: '{creditCode}/{YYYY}-{seq:5}',
          guideText: '',
          sortOrder: 100 + n,
          active: 1,
          createdAt: at,
          updatedAt: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const path = `${parent.path}${id}/`;
      await sql`UPDATE agencies SET path = ${path} WHERE id = ${id}`.execute(trx);
      bySlug.set(r.slug, { id, slug: r.slug, path, depth: parent.depth + 1 });
    }
  });
}

describe('机构目录 with many agencies', () => {
  before(async () => {
    const rows: Parameters<typeof insertAgencies>[0] = [];
    for (let i = 1; i <= 150; i += 1)
      rows.push({ slug: `dept${i}`, parent: 'yongshun', kind: 'department', name: `永顺县第${i}号部门` });
    rows.push({ slug: 'dept1-unit', parent: 'dept1', kind: 'department', name: '永顺县第1号部门直属中心' });
    for (let i = 1; i <= 40; i += 1)
      rows.push({ slug: `town${i}`, parent: 'yongshun', kind: 'town', name: `永顺县第${i}号镇人民政府` });
    rows.push({ slug: 'lower', parent: 'yongshun', kind: 'countyGovernment', name: '永顺县下辖试验区人民政府' });
    rows.push({ slug: 'lower-dept', parent: 'lower', kind: 'department', name: '试验区民政局' });
    rows.push({ slug: 'lower-town', parent: 'lower', kind: 'town', name: '试验区一号镇人民政府' });
    await insertAgencies(rows);
  });

  test('the home page: the top agency, a few dozen of each group and «全部 N 个…» to 机构目录', async () => {
    const res = await get('/');
    assert.equal(res.statusCode, 200);
    const open = res.body.slice(res.body.indexOf('id="entry-open"'), res.body.indexOf('id="entry-service"'));
    assert.match(open, /href="\/agencies\/yongshun">/);
    assert.match(open, /<a href="\/agencies">机构目录（205 个机构）<\/a>/);
    assert.match(open, /<a href="\/agencies\?group=yongshun.towns">全部 47 个乡镇（街道）<\/a>/);
    assert.match(open, /<a href="\/agencies\?group=yongshun.departments">全部 154 个政府工作部门<\/a>/);
    assert.match(open, /<h3>下级人民政府<\/h3>/);
    const agencyLinks = [...open.matchAll(/href="\/agencies\/[a-z0-9-]+"/g)].length;
    assert.ok(agencyLinks <= 1 + 3 * HOME_PREVIEW, `${agencyLinks} agency links`);
    assert.ok(res.body.length < 40_000, `${res.body.length} bytes`);
  });

  test('机构目录: each group cut short with a link to all of it; the lower government links its groups', async () => {
    const res = await get('/agencies');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<select id="dir-group" name="group">/, 'the group can be chosen');
    assert.match(res.body, /<a href="\/agencies\?group=yongshun.departments">全部 154 个政府工作部门<\/a>/);
    assert.match(res.body, /<a href="\/agencies\?group=yongshun.towns">全部 47 个乡镇（街道）<\/a>/);
    assert.match(res.body, /<a href="\/agencies\?group=lower.departments">政府工作部门 1 个<\/a>/);
    assert.match(res.body, /<a href="\/agencies\?group=lower.towns">乡镇（街道） 1 个<\/a>/);
    assert.ok(links(res.body).length <= 1 + 3 * DIRECTORY_PREVIEW + 1, `${links(res.body).length} agency links`);
    assert.ok(links(res.body).includes('dept1-unit'), "a department's unit under it");
  });

  test("a long group's pages; a lower government's group; the filter across all of them", async () => {
    const first = await get('/agencies?group=yongshun.departments');
    assert.equal(first.statusCode, 200);
    assert.equal(links(first.body).length, DIRECTORY_PAGE_SIZE + 1, 'a page of departments, dept1 with its unit');
    assert.match(first.body, /<a href="\/agencies\?group=yongshun.departments&amp;page=2" rel="next">下一页<\/a>/);
    const second = await get('/agencies?group=yongshun.departments&page=2');
    assert.equal(second.statusCode, 200);
    // The demo's three departments, then dept1 (with its unit) … dept150: 153 nodes.
    assert.equal(links(second.body).length, 153 - DIRECTORY_PAGE_SIZE);
    assert.ok(links(second.body).includes('dept150'));
    assert.equal((await get('/agencies?group=yongshun.departments&page=3')).statusCode, 404);
    const lower = await get('/agencies?group=lower.towns');
    assert.equal(lower.statusCode, 200);
    assert.match(lower.body, /永顺县下辖试验区人民政府 · 乡镇（街道）/);
    assert.ok(links(lower.body).includes('lower-town'));
    assert.match(lower.body, /<option value="lower.towns" selected>/, 'the chosen lower group is in the list');
    const found = await get(q('第12'));
    assert.match(found.body, /找到 12 个名称含“第12”的机构/);
    const many = await get(q('部门'));
    assert.match(many.body, /找到 151 个名称含“部门”的机构，第 1 \/ 2 页/);
    assert.match(many.body, /href="\/agencies\?q=%E9%83%A8%E9%97%A8&amp;page=2"/);
    assert.equal(links((await get(q('部门', '&page=2'))).body).length, 51);
  });

  test(`网站地图 above ${SITE_MAP_FULL_LIST} agencies links to 机构目录's groups instead of listing them`, async () => {
    const res = await get('/site-map');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /共 205 个机构，按名称查找或按分组浏览请进入<a href="\/agencies">机构目录<\/a>/);
    assert.match(res.body, /<a href="\/agencies\?group=yongshun.towns">乡镇（街道）（47 个）<\/a>/);
    assert.ok(!links(res.body).includes('dept150'));
  });
});
