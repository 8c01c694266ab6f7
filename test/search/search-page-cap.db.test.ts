// The search page and the API when a word matches more documents than a search computes
// (RESULT_CAP): the page says "超过 N 条", pages stop at the cap, facets say what they count.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { RESULT_CAP, upsertIndexEntry } from '../../src/modules/search/search.service.ts';
import { inTransaction } from '../../src/platform/transaction.ts';
import { createTestEnv, type TestEnv } from '../support/test-app.ts';

let env: TestEnv;
before(async () => {
  env = await createTestEnv({ demo: false });
  // Index entries alone (no publication rows): the page lists nothing, but counts as the index does.
  await inTransaction(env.database.db, async (trx) => {
    for (let id = 1; id <= RESULT_CAP + 5; id += 1) {
      await upsertIndexEntry(
        trx,
        {
          id,
          agencyId: 1,
          title: `樱桃园第${id}号通知`,
          summary: '',
          bodyHtml: '<p>樱桃园采摘安排。</p>',
          documentNumber: '',
          indexNumber: '',
          attachmentTexts: [],
          validity: 'valid',
          publishedAt: '2025-03-04T05:06:07.000Z',
          publishedOn: '2025-03-04',
          categoryIds: [],
        },
        '2025-03-04T05:06:07.000Z',
      );
    }
  });
});
after(async () => env.close());

test('more hits than the cap: the page says so and offers ways to narrow the search', async () => {
  const page = (await env.app.inject({ method: 'GET', url: `/search?q=${encodeURIComponent('樱桃园')}` })).body;
  assert.match(
    page,
    new RegExp(`找到超过 ${RESULT_CAP} 条结果，显示前 ${RESULT_CAP} 条，第 1 / ${RESULT_CAP / 10} 页`),
  );
  assert.match(page, /结果较多：可用右侧的发布机构、分类、年份等条件筛选/);
  assert.match(page, new RegExp(`以下按前 ${RESULT_CAP} 条结果统计`));
  const exact = (await env.app.inject({ method: 'GET', url: `/search?q=${encodeURIComponent('第17号')}` })).body;
  assert.match(exact, /找到 1 条结果/);
  assert.doesNotMatch(exact, /超过/);
  const api = JSON.parse(
    (await env.app.inject({ method: 'GET', url: `/api/v1/publications?q=${encodeURIComponent('樱桃园')}` })).body,
  );
  assert.equal(api.total, RESULT_CAP);
  assert.equal(api.totalIsLowerBound, true);
});
