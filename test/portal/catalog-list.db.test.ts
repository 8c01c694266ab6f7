// A column's list page (issue #14 point 2): the category tree nested as the taxonomy is (<ul> in
// <ul>, children under their parent, <details> folds without JavaScript), and numbered pages over
// the keyset (page 1, a middle page, the last page, a page past the end → 404), each deeper page
// read from where the list's kept page starts say (pageStarts), on both engines.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { systemContext } from '../../src/bootstrap.ts';
import { addCategory, applySeedPreset, listCategories } from '../../src/modules/catalog/index.ts';
import {
  createDraft,
  draftInput,
  listPublishedPage,
  pageStarts,
  review,
  signOff,
  submit,
} from '../../src/modules/publication/index.ts';
import { inTransaction } from '../../src/platform/transaction.ts';
import { createTestEnv, type TestEnv } from '../support/test-app.ts';

let env: TestEnv;
const ids: Record<string, number> = {};
/** Published ids, newest first (published_at descending, then id descending). */
let newestFirst: number[] = [];
const TOTAL = 45; // three pages of 20: 20 + 20 + 5
const LIST = '/agencies/fgj/statutory';

before(async () => {
  env = await createTestEnv();
  const agencyId = env.county.agencyIds.fgj as number;
  const ctx = systemContext(env.clock);
  const cal = await env.deps.calendar.get();
  await inTransaction(env.database.db, async (trx) => {
    await applySeedPreset(trx, ctx, agencyId);
    const root = (await listCategories(trx, agencyId)).find((c) => c.columnKey === 'statutory' && c.parentId === null);
    assert.ok(root, 'the statutory column has a top category');
    ids.root = root.id;
    // Three levels under the column's top: A (A1 (A1x, A1y), A2), B (B1). Added in an order that
    // interleaves depths, so an order by depth alone would print them wrong.
    const add = async (key: string, name: string, parent: number) => {
      ids[key] = await addCategory(trx, ctx, agencyId, { name, description: '', parentId: String(parent) });
    };
    await add('A', '甲类', root.id);
    await add('B', '乙类', root.id);
    await add('A1', '甲一', ids.A as number);
    await add('B1', '乙一', ids.B as number);
    await add('A2', '甲二', ids.A as number);
    await add('A1x', '甲一子', ids.A1 as number);
    await add('A1y', '甲一丑', ids.A1 as number);
  });
  // 45 publications through the workflow; pairs share a release instant (ties ordered by id).
  for (let i = 0; i < TOTAL; i += 1) {
    await inTransaction(env.database.db, async (trx) => {
      const day = `2025-03-${String(1 + Math.floor(i / 2)).padStart(2, '0')}`;
      const at = { ...ctx, at: `${day}T02:00:00.000Z` };
      const id = await createDraft(
        trx,
        at,
        'system',
        cal,
        agencyId,
        draftInput(
          { title: `翻页测试信息第${i + 1}号`, body: '<p>正文。</p>', issuer: '永顺县发展和改革局', formedOn: day },
          [String(i % 3 === 0 ? ids.A1x : i % 3 === 1 ? ids.A2 : ids.B1)],
        ),
      );
      await submit(trx, at, 'system', id);
      await review(trx, at, 'system', id, 'pass', '');
      await signOff(trx, at, 'system', id, 'approve', '');
    });
  }
  const rows = await env.database.db
    .selectFrom('publications')
    .select(['id', 'publishedAt'])
    .where('agencyId', '=', agencyId)
    .where('state', '=', 'published')
    .orderBy('publishedAt', 'desc')
    .orderBy('id', 'desc')
    .execute();
  newestFirst = rows.map((r) => r.id);
  assert.equal(newestFirst.length, TOTAL);
});
after(() => env.close());

const listed = (html: string) => [...html.matchAll(/<li><a href="\/publications\/(\d+)">/g)].map((m) => Number(m[1]));
const nav = (html: string) => {
  const start = html.indexOf('<nav aria-label="信息分类"');
  return html.slice(start, html.indexOf('</nav>', start));
};

describe('category tree on a column page', () => {
  test('three levels nested, each child under its own parent, siblings in order', async () => {
    const res = await env.app.inject({ url: LIST });
    assert.equal(res.statusCode, 200);
    const tree = nav(res.body);
    const link = (key: string) => `<a href="${LIST}?category=${ids[key]}">`;
    // <ul> in <ul>: the markup of each parent holds exactly its children's lists.
    const li = (key: string) => {
      // The <li> of a category: from its link to the end of its own list item (balanced).
      const start = tree.lastIndexOf('<li>', tree.indexOf(link(key)));
      let depth = 0;
      for (const m of tree.slice(start).matchAll(/<li>|<\/li>/g)) {
        depth += m[0] === '<li>' ? 1 : -1;
        if (depth === 0) return tree.slice(start, start + (m.index as number) + 5);
      }
      throw new Error(`unbalanced ${key}`);
    };
    const a = li('A');
    for (const k of ['A1', 'A2', 'A1x', 'A1y']) assert.ok(a.includes(link(k)), `${k} under 甲类`);
    assert.ok(!a.includes(link('B1')) && !a.includes(link('B')), '乙类 and 乙一 are not under 甲类');
    const a1 = li('A1');
    assert.ok(a1.includes(link('A1x')) && a1.includes(link('A1y')) && !a1.includes(link('A2')));
    assert.ok(li('B').includes(link('B1')));
    // Siblings in the taxonomy's order, children right after their parent.
    const pos = (k: string) => tree.indexOf(link(k));
    const order = ['A', 'A1', 'A1x', 'A1y', 'A2', 'B', 'B1'].map(pos);
    assert.deepEqual(
      order,
      [...order].sort((x, y) => x - y),
      'document order follows the tree',
    );
    // Folding without JavaScript: <details> holds the nested list; nothing deeper is open by default.
    assert.match(a1, /<details><summary><span class="visually-hidden">甲一的<\/span>下级分类（2）<\/summary><ul>/);
    assert.match(a, /<details><summary><span class="visually-hidden">甲类的<\/span>下级分类（2）/);
    assert.ok(li('root').startsWith(`<li><a href="${LIST}?category=${ids.root}">`));
    assert.match(li('root'), /^<li><a [^>]+>[^<]+<\/a><details open><summary>/, 'the top level shows its children');
    // On a category's own page the branch leading to it is open and marked.
    const deep = nav((await env.app.inject({ url: `${LIST}?category=${ids.A1y}` })).body);
    assert.match(deep, /<details open><summary><span class="visually-hidden">甲一的/);
    assert.ok(deep.includes(`<a href="${LIST}?category=${ids.A1y}" aria-current="page">甲一丑</a>`));
  });

  test('a category page lists its whole subtree', async () => {
    const res = await env.app.inject({ url: `${LIST}?category=${ids.A}` });
    assert.match(res.body, /共 30 条/);
  });
});

describe('numbered pages', () => {
  test('page 1, a middle page and the last page give every item once, in order', async () => {
    const p1 = await env.app.inject({ url: LIST });
    const p2 = await env.app.inject({ url: `${LIST}?page=2` });
    const p3 = await env.app.inject({ url: `${LIST}?page=3` });
    for (const r of [p1, p2, p3]) assert.equal(r.statusCode, 200);
    assert.deepEqual(listed(p1.body), newestFirst.slice(0, 20));
    assert.deepEqual(listed(p2.body), newestFirst.slice(20, 40));
    assert.deepEqual(listed(p3.body), newestFirst.slice(40));
    // The pager: numbers, 上一页/下一页, 首页/尾页 and the jump form, the current page marked.
    assert.match(p1.body, /共 45 条，第 1 \/ 3 页/);
    assert.doesNotMatch(p1.body, />上一页</);
    assert.match(p1.body, new RegExp(`<a href="${LIST}\\?page=2" rel="next">下一页</a>`));
    assert.match(p1.body, new RegExp(`<a href="${LIST}\\?page=3">尾页</a>`));
    assert.match(p2.body, new RegExp(`<a href="${LIST}" rel="prev">上一页</a>`));
    assert.match(p2.body, /aria-current="page"><span class="visually-hidden">第 <\/span>2<span/);
    assert.match(p2.body, /<form method="get" action="\/agencies\/fgj\/statutory" class="pager-jump">/);
    assert.match(p2.body, /<input id="pager-page" type="number" name="page" min="1" max="3"/);
    assert.doesNotMatch(p3.body, />下一页</);
    assert.doesNotMatch(p3.body, />尾页</);
  });

  test('oldest first and a filtered list page the same way; filters stay in the page links', async () => {
    const oldest = [...newestFirst].reverse();
    const p2 = await env.app.inject({ url: `${LIST}?sort=old&page=2` });
    assert.deepEqual(listed(p2.body), oldest.slice(20, 40));
    assert.match(p2.body, new RegExp(`<a href="${LIST}\\?sort=old&amp;page=3" rel="next">`));
    assert.match(p2.body, /<input type="hidden" name="sort" value="old"\/>/);
    // 甲类 holds items 0, 3, 6, … and 1, 4, 7, … (30 items): page 2 is its last.
    const cat = await env.app.inject({ url: `${LIST}?category=${ids.A}&page=2` });
    assert.equal(cat.statusCode, 200);
    assert.equal(listed(cat.body).length, 10);
  });

  test('a page past the end is a 404 with a Chinese message; old cursor links go to page 1', async () => {
    const past = await env.app.inject({ url: `${LIST}?page=4` });
    assert.equal(past.statusCode, 404);
    assert.match(past.body, /该页不存在：共 3 页/);
    assert.equal((await env.app.inject({ url: `${LIST}?category=${ids.A}&page=3` })).statusCode, 404);
    assert.equal((await env.app.inject({ url: `${LIST}?page=0` })).statusCode, 400);
    assert.equal((await env.app.inject({ url: `${LIST}?page=abc` })).statusCode, 400);
    const old = await env.app.inject({ url: `${LIST}?sort=old&after=2025-03-01T02:00:00.000Z_5` });
    assert.equal(old.statusCode, 301);
    assert.equal(old.headers.location, `${LIST}?sort=old`);
    // An empty list has its one page.
    assert.equal((await env.app.inject({ url: '/agencies/jyj/statutory' })).statusCode, 200);
    assert.equal((await env.app.inject({ url: '/agencies/jyj/statutory?page=2' })).statusCode, 404);
  });

  test('each page starts where the kept starts say; they follow a change to the list', async () => {
    const db = env.database.db;
    const agencyId = env.county.agencyIds.fgj as number;
    const cats = (await listCategories(db, agencyId)).filter((c) => c.columnKey === 'statutory').map((c) => c.id);
    const filter = { agencyIds: [agencyId], categoryIds: cats };
    const oldest = [...newestFirst].reverse();
    for (const [sort, order] of [
      ['new', newestFirst],
      ['old', oldest],
    ] as const) {
      const starts = await pageStarts(db, filter, { sort, pageSize: 20 });
      assert.deepEqual(
        starts.map((s) => s.id),
        [order[0], order[20], order[40]],
      );
      for (const page of [2, 3]) {
        const opts = { sort, page, pageSize: 20, total: TOTAL };
        const kept = await listPublishedPage(db, filter, { ...opts, starts });
        assert.deepEqual(
          kept.items.map((i) => i.id),
          order.slice((page - 1) * 20, page * 20),
        );
        assert.deepEqual(kept.items, (await listPublishedPage(db, filter, opts)).items);
      }
      // A page the starts do not reach (the list shrank since they were read) is empty.
      assert.deepEqual(
        (await listPublishedPage(db, filter, { sort, page: 3, pageSize: 20, total: 99, starts: starts.slice(0, 2) }))
          .items,
        [],
      );
    }
    // Withdrawn, the newest item leaves page 2's start: the kept starts went with the data version.
    const before = await env.app.inject({ url: `${LIST}?page=2` });
    assert.deepEqual(listed(before.body), newestFirst.slice(20, 40));
    const gone = newestFirst[0] as number;
    await db.updateTable('publications').set({ state: 'withdrawn' }).where('id', '=', gone).execute();
    try {
      const after = await env.app.inject({ url: `${LIST}?page=2` });
      assert.deepEqual(listed(after.body), newestFirst.slice(21, 41));
    } finally {
      await db.updateTable('publications').set({ state: 'published' }).where('id', '=', gone).execute();
    }
  });
});
