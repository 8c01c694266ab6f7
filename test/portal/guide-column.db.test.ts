// The 政府信息公开指南 column (RULES.md §6.3: each column's items can be 检索、查阅、下载): the guide
// the platform writes, and below it the publications filed under the column's category — they
// were listed nowhere but in search.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { systemContext } from '../../src/bootstrap.ts';
import { withdraw } from '../../src/modules/publication/publication.service.ts';
import { inTransaction } from '../../src/platform/transaction.ts';
import { makePublication } from '../support/factories.ts';
import { createTestEnv, type TestEnv } from '../support/test-app.ts';

let env: TestEnv;
before(async () => {
  env = await createTestEnv();
});
after(() => env.close());

const get = (url: string) => env.app.inject({ method: 'GET', url });

test('the guide column lists the publications filed under 政府信息公开指南 below the guide', async () => {
  let page = await get('/agencies/lingxi/guide');
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /编制\s*永顺县灵溪镇人民政府政府信息公开指南/);
  assert.doesNotMatch(page.body, /本机关发布的指南文件/);
  const lingxi = env.county.agencyIds.lingxi as number;
  const { id } = await makePublication(env, lingxi, 'published', {
    title: '灵溪镇政府信息公开指南（2025年修订）',
    categoryCodes: ['guide'],
  });
  // Another agency's guide is not 灵溪镇's.
  await makePublication(env, env.county.agencyIds.gaoping as number, 'published', {
    title: '高坪乡政府信息公开指南',
    categoryCodes: ['guide'],
  });
  page = await get('/agencies/lingxi/guide');
  assert.match(page.body, /<h2 id="guide-documents">本机关发布的指南文件<\/h2>/);
  assert.ok(page.body.includes(`<a href="/publications/${id}">灵溪镇政府信息公开指南（2025年修订）</a>`));
  assert.doesNotMatch(page.body, /高坪乡政府信息公开指南/);
  await inTransaction(env.database.db, (trx) => withdraw(trx, systemContext(env.clock), 'system', id, '重复发布'));
  page = await get('/agencies/lingxi/guide');
  assert.doesNotMatch(page.body, /2025年修订|本机关发布的指南文件/);
});
