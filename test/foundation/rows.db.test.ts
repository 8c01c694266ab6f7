// platform/rows.ts on both engines: a row found by equality on the columns given, inserted with its
// new id, updated by id; a match that names no column or leaves a value out is refused rather than
// read as "the table's first row".
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { findRow, insertRow, updateRow } from '../../src/platform/rows.ts';
import { makeAgency } from '../support/factories.ts';
import { createTestEnv, type TestEnv } from '../support/test-app.ts';

let env: TestEnv;
before(async () => {
  env = await createTestEnv({ demo: false, now: '2026-06-03T02:00:00Z' });
});
after(() => env.close());

test('findRow, insertRow and updateRow read and write the one row asked for', async () => {
  const db = env.database.db;
  const a = await makeAgency(env);
  const b = await makeAgency(env);
  // A copy of one of the agency's default categories under a new code, for each agency.
  const model = await db.selectFrom('categories').selectAll().where('agencyId', '=', a.id).executeTakeFirstOrThrow();
  const copy = (agencyId: number) => {
    const { id: _id, ...row } = model;
    return { ...row, agencyId, parentId: null, code: 'rows-test', name: '测试分类' };
  };
  const first = await insertRow(db, 'categories', copy(a.id));
  const second = await insertRow(db, 'categories', copy(b.id));
  assert.notEqual(first, second);
  assert.equal((await findRow(db, 'categories', { agencyId: b.id, code: 'rows-test' }))?.id, second);
  assert.equal(await findRow(db, 'categories', { agencyId: a.id, code: 'no-such-code' }), undefined);

  await updateRow(db, 'categories', first, { name: '改过的名称' });
  assert.equal((await findRow(db, 'categories', { id: first }))?.name, '改过的名称');
  assert.equal((await findRow(db, 'categories', { id: second }))?.name, '测试分类', 'the other row is untouched');

  await assert.rejects(() => findRow(db, 'categories', {}), /names no column/);
  await assert.rejects(() => findRow(db, 'categories', { agencyId: a.id, code: undefined }), /no value for code/);
});
