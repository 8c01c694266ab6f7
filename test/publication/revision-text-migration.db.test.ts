// Migration 20261206_0037_revision_text_once on the engine of GK_TEST_ENGINE: the newest revision
// whose text is the publication's gives its copy up (null: read from the publication); older
// revisions, and a newest one whose text differs (masked after release), keep theirs; every
// revision reads the same text before and after, and down writes the borrowed text back.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { systemContext } from '../../src/bootstrap.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { bulkImport } from '../../src/modules/publication/publication.bulk-import.ts';
import type { NumberedRow } from '../../src/modules/publication/publication.transfer-file.ts';
import { createTestEnv, type TestEnv } from '../support/test-app.ts';
import { migrateDownThrough } from '../support/migrations.ts';

let env: TestEnv;
before(async () => {
  env = await createTestEnv();
});
after(() => env.close());

async function* rows(): AsyncGenerator<NumberedRow> {
  for (let i = 1; i <= 3; i++)
    yield {
      row: i + 1,
      values: {
        title: `修订迁移测试第${i}号`,
        body: `<p>修订迁移测试正文第${i}段。</p>`,
        issuer: '灵溪镇人民政府',
        formedOn: '2025-03-10',
        validity: '有效',
        categories: 'statutory.a20.1',
        channels: '网站',
      },
    };
}

/**
 * Each revision's text as listRevisions reads it (a coalesce with the publication's), without its
 * later `state` filter (migration 0045): this runs on the schema before 0037 too.
 */
function readRevisions(db: TestEnv['database']['db'], publicationId: number) {
  return db
    .selectFrom('publicationRevisions as r')
    .innerJoin('publications as p', 'p.id', 'r.publicationId')
    .select((eb) => [
      'r.revision',
      eb.fn.coalesce('r.title', 'p.title').as('title'),
      eb.fn.coalesce('r.summary', 'p.summary').as('summary'),
      eb.fn.coalesce('r.body', 'p.body').as('body'),
      eb.fn.coalesce('r.documentNumber', 'p.documentNumber').as('documentNumber'),
      'r.note',
    ])
    .where('r.publicationId', '=', publicationId)
    .orderBy('r.revision')
    .execute();
}

test('the newest revision borrows the publication text; older and differing ones keep theirs', async () => {
  const db = env.database.db;
  const agencyId = env.county.agencyIds.lingxi as number;
  const r = await bulkImport(db, systemContext(env.clock), await env.deps.calendar.get(), agencyId, rows(), {
    onProblem: (p) => assert.fail(p.message),
  });
  assert.equal(r.imported, 3);
  const [a, b, c] = (
    await db.selectFrom('publications').select('id').where('agencyId', '=', agencyId).orderBy('id').execute()
  ).map((p) => p.id) as [number, number, number];
  // The import wrote revision 1 borrowing the text.
  const imported = await db.selectFrom('publicationRevisions').select('body').where('publicationId', '=', a).execute();
  assert.deepEqual(imported, [{ body: null }]);

  await migrateDownThrough(env.database, '20261206_0037_revision_text_once');
  const text = (id: number, n: number) => ({
    title: `修订迁移测试第${id}号第${n}版`,
    summary: '',
    body: `<p>第${n}版正文。</p>`,
    documentNumber: '',
  });
  // Down wrote the borrowed text back.
  const back = await db
    .selectFrom('publicationRevisions')
    .select(['title', 'body'])
    .where('publicationId', '=', a)
    .execute();
  assert.deepEqual(back, [{ title: '修订迁移测试第1号', body: '<p>修订迁移测试正文第1段。</p>' }]);
  // As the code before the migration left them: b revised once (revision 2 = the publication's
  // text), c masked after release (the publication's text differs from revision 1's).
  await db.updateTable('publicationRevisions').set(text(b, 1)).where('publicationId', '=', b).execute();
  await db
    .insertInto('publicationRevisions')
    .values({
      publicationId: b,
      revision: 2,
      ...text(b, 2),
      note: '修订',
      releasedAt: env.clock.now().toISOString(),
      releasedBy: null,
    })
    .execute();
  await db
    .updateTable('publications')
    .set({ revision: 2, ...text(b, 2) })
    .where('id', '=', b)
    .execute();
  await db.updateTable('publications').set({ title: '修订迁移测试第*号' }).where('id', '=', c).execute();
  const before = await Promise.all([a, b, c].map((id) => readRevisions(db, id)));

  await migrateToLatest(env.database);
  const stored = await db
    .selectFrom('publicationRevisions')
    .select(['publicationId', 'revision', 'title', 'body'])
    .where('publicationId', 'in', [a, b, c])
    .orderBy('publicationId')
    .orderBy('revision')
    .execute();
  assert.deepEqual(stored, [
    { publicationId: a, revision: 1, title: null, body: null },
    { publicationId: b, revision: 1, title: text(b, 1).title, body: text(b, 1).body },
    { publicationId: b, revision: 2, title: null, body: null },
    { publicationId: c, revision: 1, title: '修订迁移测试第3号', body: '<p>修订迁移测试正文第3段。</p>' },
  ]);
  assert.deepEqual(await Promise.all([a, b, c].map((id) => readRevisions(db, id))), before);
  assert.equal(before[1]?.[1]?.title, text(b, 2).title);
});
