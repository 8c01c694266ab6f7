// The demo's 基层政务公开标准目录 (issue #17 point 2): the starter items of three areas, 灵溪镇's
// categories bound to them and one area 未涉及; its completeness this year shows a mix.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { seedDemo } from '../../src/bootstrap.ts';
import { todayInShanghai } from '../../src/modules/calendar/index.ts';
import { completenessOf, parsePeriod } from '../../src/modules/standard-catalogue/index.ts';
import { createTestEnv, type TestEnv } from '../support/test-app.ts';

let env: TestEnv;
after(() => env?.close());

test('the demo binds 灵溪镇 to three areas and its completeness shows a mix', async () => {
  env = await createTestEnv({ demo: false });
  await seedDemo(env.deps);
  const db = env.database.db;
  const lingxi = (await db.selectFrom('agencies').select('id').where('slug', '=', 'lingxi').executeTakeFirstOrThrow())
    .id;
  const areas = await db
    .selectFrom('standardItemBindings as b')
    .innerJoin('standardItems as i', 'i.id', 'b.itemId')
    .select('i.areaKey')
    .distinct()
    .where('b.agencyId', '=', lingxi)
    .execute();
  assert.deepEqual(areas.map((a) => a.areaKey).sort(), ['budgets', 'elderlyCare', 'socialAssistance']);
  const today = todayInShanghai(env.clock.now());
  const [c] = await completenessOf(db, [lingxi], parsePeriod(today.slice(0, 4))!, today);
  console.log('# 灵溪镇', JSON.stringify(c?.total), JSON.stringify([...(c?.byArea ?? [])]));
  assert.ok(c && c.total.onTime > 0 && c.total.missing > 0, JSON.stringify(c?.total));
  assert.ok(c.exempt.has('housingExpropriation'));
});
